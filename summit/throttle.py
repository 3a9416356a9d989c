"""Admin sign-in throttling.

After ``LOGIN_FAILURE_LIMIT`` failed sign-ins for one username, or from one client address,
within ``LOGIN_FAILURE_WINDOW_SECONDS``, further attempts are refused (even with the right
password) until enough of those failures have aged out of the window. A successful sign-in
clears the username's failures. Failures live in the database so that every worker counts them.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
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


def _recent_failures(*, username: str, address: str, now: datetime) -> list[QuerySet]:
    recent = LoginFailure.objects.filter(at__gt=now - _window(), at__lte=now)
    groups = []
    if username:
        groups.append(recent.filter(username=_username_key(username)))
    if address:
        groups.append(recent.filter(address=address))
    return groups


def login_lock_remaining(
    *, username: str, address: str, now: datetime | None = None
) -> timedelta | None:
    """How long sign-in stays locked for this username or address, or None if it is not."""
    now = now or timezone.now()
    limit = max(1, settings.LOGIN_FAILURE_LIMIT)
    unlocks: list[datetime] = []
    for failures in _recent_failures(username=username, address=address, now=now):
        # Locked while ``limit`` failures remain in the window: until the limit-th most
        # recent one ages out.
        times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            unlocks.append(times[-1] + _window())
    if not unlocks:
        return None
    return max(unlocks) - now


def login_failure_record(*, username: str, address: str, now: datetime | None = None) -> None:
    """Count a failed sign-in, forgetting failures older than the window."""
    now = now or timezone.now()
    LoginFailure.objects.filter(at__lte=now - _window()).delete()
    LoginFailure.objects.create(username=_username_key(username), address=address, at=now)


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=_username_key(username)).delete()


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, refusing attempts while the username or the address is locked."""

    error_messages = {**AdminAuthenticationForm.error_messages, "locked": LOCKED_MESSAGE}

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or self.data.get("username") or ""
        address = client_address(self.request)
        remaining = login_lock_remaining(username=username, address=address)
        if remaining is not None:
            minutes = max(1, math.ceil(remaining.total_seconds() / 60))
            raise ValidationError(
                self.error_messages["locked"] % {"minutes": minutes},
                code="locked",
            )
        try:
            cleaned_data = super().clean()
        except ValidationError:
            login_failure_record(username=username, address=address)
            raise
        if self.user_cache is not None:
            login_failures_clear(username=username)
        return cleaned_data
