from __future__ import annotations

from django.urls import path

from quiz import views

urlpatterns = [
    path("quizzes/", views.quiz_list, name="quiz_list"),
    path("quizzes/<slug:slug>/start/", views.quiz_start, name="quiz_start"),
    path("attempts/<uuid:uuid>/", views.attempt_detail, name="attempt_detail"),
    path("attempts/<uuid:uuid>/answer/", views.attempt_answer_view, name="attempt_answer"),
    path("attempts/<uuid:uuid>/retry/", views.attempt_retry, name="attempt_retry"),
    path("quizzes/<slug:slug>/", views.quiz_detail, name="quiz_detail"),
]
