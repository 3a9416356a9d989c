"""Letting other sites show the timeline: in a frame, only for the origins the deployment lists
(``SUMMIT_FRAME_ANCESTORS``; none by default), and the JSON export to any page's script, read-only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from summit.security import DEFAULT_CSP, csp_header

View = Callable[..., HttpResponse]


def frame_ancestors() -> list[str]:
    return list(settings.SUMMIT_FRAME_ANCESTORS)


def embeddable(view: View) -> View:
    """A page that the listed origins may frame: its Content-Security-Policy names them in
    ``frame-ancestors`` and it drops ``X-Frame-Options`` (which cannot name an origin). With no
    origin listed, the site-wide policy applies unchanged: framing is refused."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        origins = frame_ancestors()
        if origins:
            policy = dict(getattr(settings, "SUMMIT_CSP", DEFAULT_CSP))
            policy["frame-ancestors"] = " ".join(origins)
            response.headers["Content-Security-Policy"] = csp_header(policy)
            response.xframe_options_exempt = True
        return response

    return wrapper


def readable_anywhere(view: View) -> View:
    """Read-only CORS: any page's script may GET the response (it carries no cookie-dependent
    data; the view only answers GET)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper
