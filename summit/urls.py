from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from summit import job_views, views

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("quotes/", views.quote_list, name="quote_list"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("timeline.json", views.timeline_json, name="timeline_json"),
    path("", include("quiz.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/jobs/<int:pk>/", job_views.job_detail, name="job_detail"),
    path("admin/", admin.site.urls),
    path("", include("classroom.urls")),
    path("", include("live.urls")),
]
