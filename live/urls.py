from __future__ import annotations

from django.urls import path

from live import views

app_name = "live"

urlpatterns = [
    path("live/<str:code>/", views.live_play, name="play"),
    path("live/<str:code>/answer/", views.live_answer_view, name="answer"),
    path("live/<str:code>/screen/", views.live_screen, name="screen"),
    path("live/<str:code>/control/", views.live_control, name="control"),
]
