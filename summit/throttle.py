"""Admin sign-in throttling.

Three limits within ``LOGIN_FAILURE_WINDOW_SECONDS``: ``LOGIN_FAILURE_LIMIT`` failures for one
username from one client address lock that pair; ``LOGIN_FAILURE_ADDRESS_LIMIT`` failures from
one address (on any usernames) lock the address; ``LOGIN_FAILURE_USERNAME_LIMIT`` failures for
one username (from any addresses) lock the username. A locked attempt is refused, even with the
right password, until enough failures have aged out of the window. The pair limit is the low
one: a classroom or a school behind one address does not lock every teacher out because one of
them mistyped, and a guesser still gets a handful of tries per address. A successful sign-in
clears the username's failures. Failures live in the database so that every worker counts them.

Race-free counting: each attempt first records itself as a failure, committed at once, and only
then counts. Of N simultaneous attempts, the k-th to commit counts at least k rows, so no more
than the limit ever reach the password check. The record is removed if the attempt was refused
(a locked attempt is not counted) or succeeded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from summit.models import LoginFailure

LOCKED_MESSAGE = ngettext_lazy(
    "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est bloquée : "
    "réessayez dans %(minutes)d minute.",
    "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est bloquée : "
    "réessayez dans %(minutes)d minutes.",
    "minutes",
)
USERNAME_MAX_LENGTH = LoginFailure._meta.get_field("username").max_length
ADDRESS_MAX_LENGTH = LoginFailure._meta.get_field("address").max_length


def _window() -> timedelta:
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def _username_key(username: str) -> str:
    # Case variants of a name are one target for a guesser, whatever the backend makes of them.
    # NUL characters, which the form refuses anyway, cannot be stored by PostgreSQL.
    return username.replace("\x00", "").strip().casefold()[:USERNAME_MAX_LENGTH]


def client_address(request: HttpRequest | None) -> str:
    """The client's address: REMOTE_ADDR, or, behind ``TRUSTED_PROXY_COUNT`` proxies, the
    address the outermost of them saw (X-Forwarded-For entries before it are the client's
    own claim and could be anything)."""
    if request is None:
        return ""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return address.replace("\x00", "")[:ADDRESS_MAX_LENGTH]


@dataclass(frozen=True)
class _Limit:
    failures: Q
    limit: int


def _limits(*, username: str, address: str) -> list[_Limit]:
    key = _username_key(username)
    limits = []
    if key and address:
        limits.append(_Limit(Q(username=key, address=address), settings.LOGIN_FAILURE_LIMIT))
    if address:
        limits.append(_Limit(Q(address=address), settings.LOGIN_FAILURE_ADDRESS_LIMIT))
    if key:
        limits.append(_Limit(Q(username=key), settings.LOGIN_FAILURE_USERNAME_LIMIT))
    return limits


def _lock_remaining(
    *, username: str, address: str, now: datetime, counting_self: bool
) -> timedelta | None:
    # No upper bound on the time: a simultaneous attempt may have stamped its record a moment
    # after ``now`` and committed it before this count; it must be seen.
    recent = LoginFailure.objects.filter(at__gt=now - _window())
    unlocks: list[datetime] = []
    for rule in _limits(username=username, address=address):
        # Locked while ``limit`` failures, besides the attempt's own record, remain in the
        # window: until the limit-th most recent of them ages out.
        limit = max(1, rule.limit) + counting_self
        times = list(
            recent.filter(rule.failures).order_by("-at").values_list("at", flat=True)[:limit]
        )
        if len(times) >= limit:
            unlocks.append(times[-1] + _window())
    if not unlocks:
        return None
    return max(unlocks) - now


def login_lock_remaining(
    *, username: str, address: str, now: datetime | None = None
) -> timedelta | None:
    """How long sign-in stays locked for this username from this address, or None if it is not."""
    return _lock_remaining(
        username=username, address=address, now=now or timezone.now(), counting_self=False
    )


def login_failure_record(
    *, username: str, address: str, now: datetime | None = None
) -> LoginFailure:
    """Count a failed sign-in, forgetting failures older than the window."""
    now = now or timezone.now()
    # Committed on return (requests are not wrapped in a transaction: no ATOMIC_REQUESTS), so
    # that other workers see it at once.
    with transaction.atomic():
        LoginFailure.objects.filter(at__lte=now - _window()).delete()
        return LoginFailure.objects.create(
            username=_username_key(username), address=address, at=now
        )


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=_username_key(username)).delete()


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, refusing attempts while the username, the address or the
    pair of them is locked."""

    error_messages = {**AdminAuthenticationForm.error_messages, "locked": LOCKED_MESSAGE}

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or self.data.get("username") or ""
        address = client_address(self.request)
        # Recorded as a failure before anything is checked, so that simultaneous attempts see
        # each other (see the module's docstring).
        attempt = login_failure_record(username=username, address=address)
        remaining = _lock_remaining(
            username=username, address=address, now=timezone.now(), counting_self=True
        )
        if remaining is not None:
            attempt.delete()
            minutes = max(1, math.ceil(remaining.total_seconds() / 60))
            raise ValidationError(
                self.error_messages["locked"] % {"minutes": minutes},
                code="locked",
            )
        cleaned_data = super().clean()  # a wrong password raises: the record stays
        if self.user_cache is not None:
            login_failures_clear(username=username)
        else:
            attempt.delete()
        return cleaned_data
