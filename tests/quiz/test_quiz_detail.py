"""/quizzes/<slug>/: one quiz and its start button (``quiz.views.quiz_detail``)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import QuizFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_quiz_and_its_start_button(client: Client) -> None:
    quiz = QuizFactory(title="Le sommet de Hanoï", description="Dix questions.")
    response = client.get(reverse("quiz_detail", kwargs={"slug": quiz.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html
    assert "Le sommet de Hanoï" in html
    assert "Dix questions." in html
    assert f'action="{reverse("quiz_start", kwargs={"slug": quiz.slug})}"' in html
    assert "Donner ce quiz à une classe" not in html


def test_the_quiz_list_links_to_it(client: Client) -> None:
    quiz = QuizFactory()
    listing = client.get(reverse("quiz_list")).content.decode()
    assert f'href="{reverse("quiz_detail", kwargs={"slug": quiz.slug})}"' in listing


def test_an_unpublished_or_unknown_quiz_is_a_404(client: Client) -> None:
    hidden = QuizFactory(published=False)
    assert client.get(reverse("quiz_detail", kwargs={"slug": hidden.slug})).status_code == 404
    assert client.get(reverse("quiz_detail", kwargs={"slug": "inconnu"})).status_code == 404


def test_it_rejects_post(client: Client) -> None:
    quiz = QuizFactory()
    assert client.post(reverse("quiz_detail", kwargs={"slug": quiz.slug})).status_code == 405


def test_it_offers_a_teacher_to_give_it_to_a_class(client: Client) -> None:
    quiz = QuizFactory()
    client.force_login(TeacherFactory())
    html = client.get(reverse("quiz_detail", kwargs={"slug": quiz.slug})).content.decode()
    assert f"/teach/?quiz={quiz.slug}" in html


def test_it_takes_one_query(client: Client, django_assert_num_queries) -> None:
    quiz = QuizFactory()
    url = reverse("quiz_detail", kwargs={"slug": quiz.slug})
    with django_assert_num_queries(1):
        client.get(url)
