"""What every page's template may use, beyond Django's own context processors."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from summit.page_cache import csrf_token as masked_csrf_token


def csrf(request: HttpRequest) -> dict[str, object]:
    """The CSRF token, as Django's own processor gives it (made only if the page shows it), but
    masked with one read of the system's random source instead of one per character."""
    return {"csrf_token": SimpleLazyObject(lambda: masked_csrf_token(request))}
