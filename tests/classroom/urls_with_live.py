"""The site's URLs plus stand-ins for the live app's pages, whose names the classroom pages link
to when the live app is installed."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import include, path

from summit.urls import urlpatterns as site_urlpatterns


def stand_in(request: object, code: str) -> HttpResponse:
    return HttpResponse(code)


live_patterns = (
    [
        path("live/<str:code>/", stand_in, name="play"),
        path("live/<str:code>/screen/", stand_in, name="screen"),
    ],
    "live",
)

urlpatterns = [*site_urlpatterns, path("", include(live_patterns))]
