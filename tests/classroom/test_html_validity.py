"""The classroom pages are valid HTML for the Nu Html Checker, checked in one run."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom.models import Participant
from tests.factories import QuizFactory, TeacherFactory, answer_data, session_with
from tests.summit.test_html_validity import html_errors, vnu  # noqa: F401

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _ok(response, status: int = 200) -> str:
    assert response.status_code == status, response
    return response.content.decode()


def _pages() -> dict[str, tuple[str, bool]]:
    teacher = TeacherFactory()
    session = session_with(3, teacher=teacher, deadline=timezone.now() + datetime.timedelta(days=1))
    student = Client()
    join_url = reverse("classroom:session_join", kwargs={"code": session.code})
    play = reverse("classroom:session_play", kwargs={"code": session.code})
    answer = reverse("classroom:session_answer", kwargs={"code": session.code})
    resume = reverse("classroom:session_resume", kwargs={"code": session.code})
    pages = {
        "join": (_ok(student.get(reverse("classroom:join") + "?code=ABCDEF")), False),
        "join, wrong code": (
            _ok(Client().post(reverse("classroom:join"), {"code": "ZZZ"}), 400),
            False,
        ),
        "session door": (_ok(student.get(join_url)), False),
        "my results, empty": (_ok(student.get(reverse("classroom:my_results"))), False),
    }
    other = Client()
    assert other.post(join_url, {"display_name": "Hugo"}).status_code == 302
    pages["session door, name taken"] = (
        _ok(student.post(join_url, {"display_name": "hugo"}), 400),
        False,
    )
    pages["session door, wrong resume code"] = (
        _ok(student.post(resume, {"resume_code": "AAAABBBB"}), 400),
        False,
    )
    assert student.post(join_url, {"display_name": "Léa"}).status_code == 302
    attempt = Participant.objects.get(display_name="Léa").attempt
    pages["question, welcome"] = (_ok(student.get(play)), False)
    pages["question, no option (htmx)"] = (
        _ok(student.post(answer, {"item": 1}, **HTMX), 400),
        True,
    )
    pages["feedback (htmx)"] = (
        _ok(student.post(answer, answer_data(attempt, 0, correct=True), **HTMX)),
        True,
    )
    feedback = student.post(answer, answer_data(attempt, 1, correct=False))
    pages["feedback"] = (_ok(student.get(feedback["Location"])), False)
    student.post(answer, answer_data(attempt, 2, correct=True))
    pages["results"] = (_ok(student.get(play)), False)
    pages["my results"] = (_ok(student.get(reverse("classroom:my_results"))), False)
    pages["not joined"] = (_ok(Client().get(play), 404), False)

    desk = Client()
    desk.force_login(teacher)
    pages["teacher dashboard"] = (_ok(desk.get(reverse("classroom:teacher_dashboard"))), False)
    pages["teacher dashboard, refused"] = (
        _ok(desk.post(reverse("classroom:teacher_session_create"), {"mode": "x"}), 400),
        False,
    )
    detail = reverse("classroom:teacher_session", kwargs={"pk": session.pk})
    pages["teacher session"] = (_ok(desk.get(detail)), False)
    editor = Client()
    editor.force_login(User.objects.create_user("redacteur", is_staff=True))
    pages["teacher page, refused"] = (
        _ok(editor.get(reverse("classroom:teacher_dashboard")), 403),
        False,
    )
    quiz = QuizFactory()
    pages["quiz page"] = (_ok(desk.get(reverse("quiz_detail", kwargs={"slug": quiz.slug}))), False)
    pages["quiz list"] = (_ok(Client().get(reverse("quiz_list"))), False)
    return pages


def test_every_classroom_page_is_valid_html(vnu, tmp_path) -> None:  # noqa: F811
    pages = _pages()
    errors = html_errors(vnu, pages, tmp_path)
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n" + "\n".join(errors)
