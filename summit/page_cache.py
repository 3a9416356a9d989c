"""Rendered timeline pages, kept under the content version and served before most middleware.

A timeline page does not depend on who asks: only on the content version, the language, the query
and whether htmx asks for its region alone. It is rendered once with a stand-in for the CSRF token,
stored as bytes (unpickled at the cost of a copy), and each response gets a token of its own.

``CachedTimelineMiddleware`` answers ``GET /`` from there when the page is already rendered. It sits
after the security, CSP and compression middleware (whose headers every response keeps) and runs
the parts of the next ones that a timeline request needs, with Django's own classes: the language
(LocaleMiddleware), the host check (CommonMiddleware) and the CSRF cookie (CsrfViewMiddleware); the
other headers are those the page's last full response had in this process. What it skips changes
nothing on this page: the session, the user and the messages are not read by it. Anything else (a
page not rendered yet or not yet served whole by this process, another URL or method) goes down the
whole stack to the view, which renders and stores the page.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf
from django.middleware.common import CommonMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
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


# Headers that belong to one response, not to the page: never replayed.
PER_RESPONSE_HEADERS = frozenset({"content-length", "set-cookie", "date"})
# Pages whose headers each process remembers, the most recently served.
KNOWN_HEADERS = 512


class CachedTimelineMiddleware:
    """Serves an already rendered timeline page without the rest of the stack (see the module).

    The headers the rest of the stack gives a page (X-Frame-Options, Vary, Content-Language,
    anything a view or a later middleware adds) are learned from the page's last response that
    went through it in this process, and given again; the CSRF cookie is set by Django's own
    middleware; Content-Length is counted again (each token has its own length)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.locale = LocaleMiddleware(get_response)
        self.common = CommonMiddleware(get_response)
        self.csrf = csrf.CsrfViewMiddleware(get_response)
        self.path = ""
        self.headers: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self.key(request) if request.method == "GET" else None
        if key is not None:
            response = self.cached(request, key)
            if response is not None:
                return response
        response = self.get_response(request)
        if key is not None and response.status_code == 200 and not response.streaming:
            self.learn(key, response)
        return response

    def key(self, request: HttpRequest) -> str | None:
        """The cache key of the timeline page asked for, or None (another page, a redirect, a
        refused host, nothing published yet): then the whole stack answers."""
        if not self.path:
            self.path = reverse("timeline")
        if request.path_info != self.path:
            return None
        # The same steps, in the same order, as the middleware below would take.
        self.locale.process_request(request)
        try:
            if self.common.process_request(request) is not None:
                return None  # a redirect
        except (DisallowedHost, PermissionDenied):
            return None  # refused, with the stack's own page
        version = content_version()
        # Read once per request: the view takes it from here when it runs.
        request.content_version = version  # type: ignore[attr-defined]
        if not version:
            return None
        return timeline_cache_key(version, list(request.GET.lists()), htmx_swap_requested(request))

    def learn(self, key: str, response: HttpResponse) -> None:
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in PER_RESPONSE_HEADERS
        ]
        with self.lock:
            self.headers[key] = headers
            self.headers.move_to_end(key)
            while len(self.headers) > KNOWN_HEADERS:
                self.headers.popitem(last=False)

    def cached(self, request: HttpRequest, key: str) -> HttpResponse | None:
        with self.lock:
            headers = self.headers.get(key)
        page = page_get(key) if headers is not None else None
        if headers is None or page is None:
            return None
        self.csrf.process_request(request)
        response = page_response(request, page)
        for name, value in headers:
            response[name] = value
        self.csrf.process_response(request, response)
        response["Content-Length"] = str(len(response.content))
        return response
