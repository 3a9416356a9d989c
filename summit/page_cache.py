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

Browsers accept gzip, and compressing the whole page again for each token cost four times what the
rest of the response cost. So each page is kept compressed too, in pieces: the parts between the
tokens, each compressed on its own. A response puts its token, compressed alone, between them.
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf
from django.middleware.common import CommonMiddleware
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils.cache import cc_delim_re, patch_vary_headers
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


# As Django's GZipMiddleware compresses the other pages: for the same clients, at its level, and
# with a name of random length in each response's gzip header, which varies the compressed length
# against BREACH.
GZIP_LEVEL = 6
GZIP_PADDING_BYTES = GZipMiddleware.max_random_bytes


@dataclass(frozen=True)
class Page:
    """A rendered page as kept: its HTML with the CSRF stand-in, and the parts of that HTML
    between the stand-ins compressed one by one (``deflated``)."""

    html: bytes
    deflated: tuple[bytes, ...]


def _deflate(data: bytes, *, last: bool) -> bytes:
    """``data`` as raw DEFLATE blocks that refer to nothing before them and end on a byte (a full
    flush), or that end the stream (``last``). Such pieces, each compressed on its own, follow one
    another in one valid stream."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
    )


def page_get(key: str) -> Page | None:
    page = cache.get(key)
    return page if isinstance(page, Page) else None


def page_set(key: str, html: str) -> Page:
    encoded = html.encode()
    parts = encoded.split(csrf_stand_in().encode())
    page = Page(
        html=encoded,
        deflated=tuple(
            _deflate(part, last=index == len(parts) - 1) for index, part in enumerate(parts)
        ),
    )
    cache.set(key, page, TIMELINE_CACHE_SECONDS)
    return page


def _gzip(page: Page, token: bytes) -> bytes:
    """The page with ``token`` for each stand-in, as a gzip file: the kept pieces with the token
    compressed between them, then the checksum and the length of the whole."""
    parts = page.html.split(csrf_stand_in().encode())
    checksum = 0
    for index, part in enumerate(parts):
        if index:
            checksum = zlib.crc32(token, checksum)
        checksum = zlib.crc32(part, checksum)
    length = sum(map(len, parts)) + len(token) * (len(parts) - 1)
    name = b"p" * secrets.randbelow(GZIP_PADDING_BYTES)
    # Magic number, DEFLATE, a name follows; no time, no extra flags, unknown system.
    header = b"\x1f\x8b\x08" + bytes([gzip.FNAME]) + b"\x00\x00\x00\x00\x00\xff" + name + b"\x00"
    body = _deflate(token, last=False).join(page.deflated)
    return header + body + struct.pack("<II", checksum, length & 0xFFFFFFFF)


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


def page_response(request: HttpRequest, page: Page) -> HttpResponse:
    """The kept page with this request's CSRF token in place of the stand-in, compressed when
    the client accepts gzip."""
    token = csrf_token(request).encode() if len(page.deflated) > 1 else b""
    if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(_gzip(page, token))
        response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        return response
    return HttpResponse(page.html.replace(csrf_stand_in().encode(), token))


def htmx_swap_requested(request: HttpRequest) -> bool:
    """What ``summit.views.htmx_swap`` says, read from the headers (before django-htmx runs)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


# Headers that belong to one response, not to the page: never replayed.
PER_RESPONSE_HEADERS = frozenset({"content-length", "content-encoding", "set-cookie", "date"})
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
            if name.lower() == "vary":
                # Added to what the response varies on already (Accept-Encoding when compressed).
                patch_vary_headers(response, cc_delim_re.split(value))
            else:
                response[name] = value
        self.csrf.process_response(request, response)
        response["Content-Length"] = str(len(response.content))
        return response
