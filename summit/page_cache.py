"""Rendered timeline pages, kept under the content version and served before most middleware.

A timeline page does not depend on who asks: only on the content version, the language, the query
and whether htmx asks for its region alone. It is rendered once with a stand-in for the CSRF token,
stored as bytes (unpickled at the cost of a copy), and each response gets a token of its own.

``CachedTimelineMiddleware`` answers ``GET /`` from there when the page is already rendered. It sits
after the security, CSP and compression middleware (whose headers every response keeps) and runs
the parts of the next ones that a timeline response needs, with Django's own classes: the language
(LocaleMiddleware), the host check (CommonMiddleware), the CSRF cookie (CsrfViewMiddleware),
X-Frame-Options and ``Vary: HX-Request``. What it skips changes nothing on this page: the session,
the user and the messages are not read by it. Anything else (a page not rendered yet, another URL or
method) goes down the whole stack to the view, which renders and stores the page.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from summit.versioning import content_version

# A safety net only: a change to the content changes the version, hence the key, at once.
TIMELINE_CACHE_SECONDS = 60 * 60


def csrf_stand_in() -> str:
    """What a cached page holds in place of the CSRF token: the same in every process of a
    deployment (a page rendered by one is served by all through a shared cache), and derived
    from the secret key, so that no content can contain it."""
    digest = hashlib.sha256(f"summit-csrf-stand-in:{settings.SECRET_KEY}".encode()).hexdigest()
    return f"csrf-stand-in-{digest[:32]}"


def timeline_cache_key(version: str, query: list[tuple[str, list[str]]], swap: bool) -> str:
    """The key of a rendered timeline: content version, active language, region, query."""
    digest = hashlib.sha256(repr(sorted((k, tuple(v)) for k, v in query)).encode()).hexdigest()
    region = "results" if swap else "page"
    return f"timeline:{version}:{get_language()}:{region}:{digest}"


def page_get(key: str) -> bytes | None:
    return cache.get(key)


def page_set(key: str, html: str) -> bytes:
    page = html.encode()
    cache.set(key, page, TIMELINE_CACHE_SECONDS)
    return page


def csrf_token(request: HttpRequest) -> str:
    """``django.middleware.csrf.get_token``, masking the secret with one read of the system's
    random source instead of one per character (a third of a cached page's time). Same
    format, same cookie: Django's middleware checks it as one of its own."""
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    else:
        secret = csrf._add_new_csrf_cookie(request)
    chars = csrf.CSRF_ALLOWED_CHARS
    base = len(chars)
    # Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
    limit = 256 - 256 % base
    mask: list[int] = []
    while len(mask) < csrf.CSRF_SECRET_LENGTH:
        mask.extend(b % base for b in secrets.token_bytes(48) if b < limit)
    mask = mask[: csrf.CSRF_SECRET_LENGTH]
    cipher = "".join(chars[(chars.index(x) + y) % base] for x, y in zip(secret, mask, strict=True))
    return "".join(chars[y] for y in mask) + cipher


def page_response(request: HttpRequest, page: bytes) -> HttpResponse:
    """The cached page with this request's CSRF token in place of the stand-in."""
    stand_in = csrf_stand_in().encode()
    if stand_in in page:
        page = page.replace(stand_in, csrf_token(request).encode())
    return HttpResponse(page)


def htmx_swap_requested(request: HttpRequest) -> bool:
    """What ``summit.views.htmx_swap`` says, read from the headers (before django-htmx runs)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


class CachedTimelineMiddleware:
    """Serves an already rendered timeline page without the rest of the stack (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.locale = LocaleMiddleware(get_response)
        self.common = CommonMiddleware(get_response)
        self.csrf = csrf.CsrfViewMiddleware(get_response)
        self.xframe = XFrameOptionsMiddleware(get_response)
        self.path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET":
            response = self.cached(request)
            if response is not None:
                return response
        return self.get_response(request)

    def cached(self, request: HttpRequest) -> HttpResponse | None:
        if not self.path:
            self.path = reverse("timeline")
        if request.path_info != self.path:
            return None
        # The same steps, in the same order, as the middleware below would take.
        self.locale.process_request(request)
        try:
            if self.common.process_request(request) is not None:
                return None  # a redirect: the whole stack answers
        except (DisallowedHost, PermissionDenied):
            return None  # the whole stack refuses it, with its own page
        version = content_version()
        if not version:
            return None
        key = timeline_cache_key(version, list(request.GET.lists()), htmx_swap_requested(request))
        page = page_get(key)
        if page is None:
            return None
        self.csrf.process_request(request)
        response = page_response(request, page)
        patch_vary_headers(response, ("HX-Request",))
        self.xframe.process_response(request, response)
        self.csrf.process_response(request, response)
        self.common.process_response(request, response)
        self.locale.process_response(request, response)
        return response
