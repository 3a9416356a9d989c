"""The live pages and fragments are valid HTML for the Nu Html Checker, every kind of question."""

from __future__ import annotations

import pytest
from django.test import Client

from classroom.models import Session
from live.state import live_state_get
from quiz.models import Kind
from tests.factories import (
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    TeacherFactory,
    TrueFalseQuestionFactory,
)
from tests.live.conftest import cited_quiz, live_session, phone
from tests.summit.test_html_validity import html_errors, vnu  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _ok(response, status: int = 200) -> str:
    assert response.status_code == status, response
    return response.content.decode()


def _move(screen: Client, code: str) -> str:
    """The teacher's « next », as the projector's button sends it."""
    version = live_state_get(Session.objects.get(code=code)).version
    data = {"move": "next", "version": version}
    return _ok(screen.post(f"/live/{code}/control/", data, **HTMX))


def _pages() -> dict[str, tuple[str, bool]]:
    pages: dict[str, tuple[str, bool]] = {}
    teacher = TeacherFactory()
    quiz = cited_quiz(1)
    for factory in (
        MultipleQuestionFactory,
        TrueFalseQuestionFactory,
        MatchingQuestionFactory,
        OrderingQuestionFactory,
    ):
        factory()
    quiz.size = 5
    quiz.save()
    session = live_session(5, teacher=teacher, quiz=quiz)
    code = session.code
    screen = Client()
    screen.force_login(teacher)
    lea, _ = phone(session, "Léa")
    hugo, _ = phone(session, "Hugo")
    pages["screen, lobby"] = (_ok(screen.get(f"/live/{code}/screen/")), False)
    pages["phone, lobby"] = (_ok(lea.get(f"/live/{code}/")), False)
    pages["phone, not joined"] = (_ok(Client().get(f"/live/{code}/"), 403), False)
    for number in range(1, 6):
        html = _move(screen, code)
        pages[f"screen, question {number} (htmx)"] = (html, True)
        kind = session.questions.get(position=number).question.kind
        pages[f"phone, {kind} question"] = (_ok(lea.get(f"/live/{code}/")), False)
        pages[f"phone, {kind} question (htmx)"] = (
            _ok(lea.get(f"/live/{code}/", **HTMX)),
            True,
        )
        if number == 1:
            refused = hugo.post(f"/live/{code}/answer/", {"position": 1, "choice": 9}, **HTMX)
            pages["phone, refused (htmx)"] = (_ok(refused, 400), True)
            sent = lea.post(f"/live/{code}/answer/", {"position": 1, "choice": 0}, **HTMX)
            pages["phone, answered (htmx)"] = (_ok(sent), True)
            pages["screen, question with an answer"] = (
                _ok(screen.get(f"/live/{code}/screen/")),
                False,
            )
        pages[f"screen, {kind} correction (htmx)"] = (_move(screen, code), True)
        if number == 1:
            pages["screen, correction"] = (_ok(screen.get(f"/live/{code}/screen/")), False)
            pages["phone, verdict"] = (_ok(lea.get(f"/live/{code}/")), False)
            pages["phone, no answer"] = (_ok(hugo.get(f"/live/{code}/")), False)
        html = _move(screen, code)
        if number == 1:
            pages["screen, leaderboard (htmx)"] = (html, True)
            pages["screen, leaderboard"] = (_ok(screen.get(f"/live/{code}/screen/")), False)
    pages["screen, finished (htmx)"] = (_move(screen, code), True)
    pages["screen, finished"] = (_ok(screen.get(f"/live/{code}/screen/")), False)
    pages["phone, finished"] = (_ok(lea.get(f"/live/{code}/")), False)
    kinds = {q.question.kind for q in session.questions.select_related("question")}
    assert kinds == {Kind.MANUAL, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.MATCHING, Kind.ORDERING}
    return pages


def test_every_live_page_is_valid_html(vnu, tmp_path):  # noqa: F811 - the fixture
    pages = _pages()
    errors = html_errors(vnu, pages, tmp_path)
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n" + "\n".join(errors)
