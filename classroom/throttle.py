"""Guessing join and resume codes, throttled per client address.

``CLASSROOM_CODE_FAILURE_LIMIT`` wrong codes from one address within
``CLASSROOM_CODE_FAILURE_WINDOW_SECONDS`` lock that address out of code entry until failures age
out. The limit is high enough for a class behind one router mistyping now and then, and far too
low to walk a code space of 31⁶ join codes. As for the admin's sign-in (``summit.throttle``,
whose address rule this shares), each try records itself first and then counts, so that
simultaneous tries cannot slip past the limit together; the record is removed when the code was
right or the try was refused.
"""

from __future__ import annotations

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from classroom.models import JoinFailure
from summit.throttle import client_address

__all__ = ["CodeTry", "client_address", "code_try_start"]


def _window() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.CLASSROOM_CODE_FAILURE_WINDOW_SECONDS)


def locked_message(remaining: datetime.timedelta) -> str:
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return ngettext(
        "Trop de codes erronés depuis cette connexion. Réessayez dans %(minutes)d minute.",
        "Trop de codes erronés depuis cette connexion. Réessayez dans %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class CodeTry:
    """One try at a code, recorded as a failure until ``succeeded`` is called."""

    def __init__(self, record: JoinFailure | None, locked_for: datetime.timedelta | None) -> None:
        self._record = record
        self.locked_for = locked_for

    @property
    def locked(self) -> bool:
        return self.locked_for is not None

    def succeeded(self) -> None:
        if self._record is not None:
            self._record.delete()
            self._record = None


def code_try_start(*, address: str, now: datetime.datetime | None = None) -> CodeTry:
    """Record a try from ``address``; if the address is locked, the try is refused (not counted)
    and ``locked_for`` says for how long."""
    now = now or timezone.now()
    if not address:
        return CodeTry(None, None)
    with transaction.atomic():
        JoinFailure.objects.filter(at__lte=now - _window()).delete()
        record = JoinFailure.objects.create(address=address, at=now)
    limit = max(1, settings.CLASSROOM_CODE_FAILURE_LIMIT) + 1  # this try's own record
    times = list(
        JoinFailure.objects.filter(address=address, at__gt=now - _window())
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(times) >= limit:
        record.delete()
        return CodeTry(None, times[-1] + _window() - now)
    return CodeTry(record, None)
