from __future__ import annotations

from django.urls import path

from classroom import teacher_views, views

app_name = "classroom"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.session_join, name="session_join"),
    path("join/<str:code>/resume/", views.session_resume, name="session_resume"),
    path("sessions/<str:code>/", views.session_play, name="session_play"),
    path("sessions/<str:code>/answer/", views.session_answer, name="session_answer"),
    path("sessions/<str:code>/retry/", views.session_retry, name="session_retry"),
    path("my-results/", views.my_results, name="my_results"),
    path("teach/", teacher_views.dashboard, name="teacher_dashboard"),
    path("teach/classes/", teacher_views.classroom_create, name="teacher_classroom_create"),
    path("teach/sessions/", teacher_views.session_new, name="teacher_session_create"),
    path("teach/sessions/<int:pk>/", teacher_views.session_detail, name="teacher_session"),
    path("teach/sessions/<int:pk>/results.csv", teacher_views.session_csv, name="teacher_csv"),
    path("teach/sessions/<int:pk>/close/", teacher_views.session_close_view, name="teacher_close"),
    path(
        "teach/sessions/<int:pk>/delete-data/",
        teacher_views.session_delete_data,
        name="teacher_delete_data",
    ),
]
