from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from summit import job_views, map_views, views, visual_views

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("quotes/", views.quote_list, name="quote_list"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("timeline.json", views.timeline_json, name="timeline_json"),
    path("map/", map_views.place_map_view, name="place_map"),
    path("export/", map_views.timeline_export, name="timeline_export"),
    path("", include("quiz.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/jobs/<int:pk>/", job_views.job_detail, name="job_detail"),
    path("admin/", admin.site.urls),
    path("visual/", visual_views.visual_timeline, name="visual_timeline"),
    path("present/", visual_views.presentation, name="presentation"),
    path("", include("classroom.urls")),
    path("", include("live.urls")),
]

if settings.DEBUG:
    # Teachers' images in development; in production the web server serves MEDIA_ROOT (README).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
