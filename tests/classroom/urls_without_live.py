"""The site's URLs without the live app's, as a site that does not install it has them."""

from __future__ import annotations

from summit.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    pattern for pattern in site_urlpatterns if getattr(pattern, "namespace", None) != "live"
]
