from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classroom.models import Participant, Session
from classroom.participants import participant_answer, participant_join
from quiz.models import Attempt, Choice
from tests.factories import (
    Browser,
    ClassroomFactory,
    QuestionFactory,
    QuizFactory,
    TeacherFactory,
    session_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher() -> User:
    return TeacherFactory()


@pytest.fixture
def teacher_client(teacher: User) -> Client:
    client = Client()
    client.force_login(teacher)
    return client


def session_url(session: Session, name: str = "teacher_session") -> str:
    return reverse(f"classroom:{name}", kwargs={"pk": session.pk})


def answered(session: Session, name: str, rights: list[bool | None]) -> Participant:
    participant = participant_join(session, name, Browser().request())
    for position, right in enumerate(rights, start=1):
        if right is None:
            continue
        item = participant.attempt.items.get(position=position - 1)
        choice = Choice.objects.filter(question_id=item.question_id, is_correct=right).first()
        participant_answer(participant=participant, position=position, choice_id=choice.pk)
    return participant


def test_teacher_pages_need_a_signed_in_teacher(client: Client) -> None:
    response = client.get(reverse("classroom:teacher_dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_staff_member_who_is_not_a_teacher_is_refused(client: Client) -> None:
    client.force_login(User.objects.create_user("redacteur", is_staff=True))
    response = client.get(reverse("classroom:teacher_dashboard"))
    assert response.status_code == 403
    assert "groupe « Enseignants »" in response.content.decode()


def test_a_teacher_creates_a_self_paced_session_with_a_deadline(
    teacher_client: Client, teacher: User
) -> None:
    quiz = QuizFactory(size=3)
    QuestionFactory.create_batch(3)
    classroom = ClassroomFactory(teacher=teacher)
    deadline = (timezone.localtime() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    response = teacher_client.post(
        reverse("classroom:teacher_session_create"),
        {
            "quiz": quiz.slug,
            "title": "Devoir du lundi",
            "classroom": classroom.pk,
            "mode": "self_paced",
            "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    session = Session.objects.get()
    assert response.url == session_url(session)
    assert (session.teacher, session.classroom, session.deadline) == (teacher, classroom, deadline)
    assert session.questions.count() == 3
    assert not Attempt.objects.exists()  # the draw leaves no attempt behind
    html = teacher_client.get(session_url(session)).content.decode()
    assert session.code in html
    assert f"/join/?code={session.code}" in html
    assert 'src="data:image/svg+xml' in html


def test_a_deadline_in_the_past_is_refused(teacher_client: Client) -> None:
    quiz = QuizFactory(size=2)
    QuestionFactory.create_batch(2)
    response = teacher_client.post(
        reverse("classroom:teacher_session_create"),
        {"quiz": quiz.slug, "mode": "self_paced", "deadline": "2001-01-01T10:00"},
    )
    assert response.status_code == 400
    assert "La date limite est déjà passée" in response.content.decode()
    assert not Session.objects.exists()


def test_a_quiz_without_questions_gets_a_message(teacher_client: Client) -> None:
    quiz = QuizFactory(size=2)
    response = teacher_client.post(
        reverse("classroom:teacher_session_create"), {"quiz": quiz.slug, "mode": "live"}
    )
    assert response.status_code == 400
    assert "pas encore de question publiée" in response.content.decode()


def test_another_teachers_classroom_cannot_be_used(teacher_client: Client) -> None:
    quiz = QuizFactory(size=2)
    QuestionFactory.create_batch(2)
    other = ClassroomFactory()
    response = teacher_client.post(
        reverse("classroom:teacher_session_create"),
        {"quiz": quiz.slug, "mode": "self_paced", "classroom": other.pk},
    )
    assert response.status_code == 400
    assert not Session.objects.exists()


def test_a_teacher_cannot_see_another_teachers_session(teacher_client: Client) -> None:
    theirs = session_with(2)
    answered(theirs, "Léa", [True, False])
    for name in ("teacher_session", "teacher_csv"):
        response = teacher_client.get(session_url(theirs, name))
        assert response.status_code == 404
        assert "Léa" not in response.content.decode()
    for name in ("teacher_close", "teacher_delete_data"):
        assert teacher_client.post(session_url(theirs, name), {"confirm": "on"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.closed_at is None
    assert Participant.objects.filter(session=theirs).exists()
    dashboard = teacher_client.get(reverse("classroom:teacher_dashboard")).content.decode()
    assert theirs.code not in dashboard


def test_the_results_grid_shows_each_student_and_question(
    teacher_client: Client, teacher: User
) -> None:
    session = session_with(3, teacher=teacher)
    answered(session, "Léa", [True, True, False])
    answered(session, "Hugo", [False, None, None])
    html = teacher_client.get(session_url(session)).content.decode()
    assert html.count('class="cell is-right"') == 2
    assert html.count('class="cell is-wrong"') == 2
    assert html.count('class="cell is-blank"') == 2
    assert "2 / 3" in html
    assert "0 / 3" in html
    assert "50 % de bonnes réponses" in html


def test_the_csv_export_has_a_line_per_student(teacher_client: Client, teacher: User) -> None:
    session = session_with(2, teacher=teacher)
    answered(session, "Léa", [True, False])
    answered(session, "=Hugo", [None, None])
    response = teacher_client.get(session_url(session, "teacher_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"{session.code}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Nom",
        "Q1",
        "Q1 secondes",
        "Q2",
        "Q2 secondes",
        "Score",
        "Questions",
        "Secondes",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["'=Hugo"][1:5] == ["", "", "", ""]
    assert by_name["Léa"][1] == "juste"
    assert by_name["Léa"][3] == "faux"
    assert by_name["Léa"][5:7] == ["1", "2"]


def test_closing_a_session_ends_it(teacher_client: Client, teacher: User) -> None:
    session = session_with(2, teacher=teacher)
    participant = answered(session, "Léa", [True])
    teacher_client.post(session_url(session, "teacher_close"))
    session.refresh_from_db()
    participant.attempt.refresh_from_db()
    assert session.closed_at is not None
    assert participant.attempt.finished_at == session.closed_at


def test_deleting_student_data_needs_confirmation(teacher_client: Client, teacher: User) -> None:
    session = session_with(2, teacher=teacher)
    answered(session, "Léa", [True, False])
    response = teacher_client.post(session_url(session, "teacher_delete_data"), follow=True)
    assert "Cochez la case" in response.content.decode()
    assert Participant.objects.exists()
    response = teacher_client.post(
        session_url(session, "teacher_delete_data"), {"confirm": "on"}, follow=True
    )
    assert "effacées (1 participant)" in response.content.decode()
    assert not Participant.objects.exists()
    assert not Attempt.objects.exists()
    assert session.questions.count() == 2


def test_the_dashboard_lists_the_teachers_sessions_and_classes(
    teacher_client: Client, teacher: User
) -> None:
    mine = session_with(2, teacher=teacher)
    ClassroomFactory(teacher=teacher, name="Seconde B")
    ClassroomFactory(name="Terminale d’un autre")
    html = teacher_client.get(reverse("classroom:teacher_dashboard") + "?quiz=x").content.decode()
    assert mine.code in html
    assert "Seconde B" in html
    assert "Terminale d’un autre" not in html


def test_a_teacher_adds_a_classroom(teacher_client: Client, teacher: User) -> None:
    response = teacher_client.post(
        reverse("classroom:teacher_classroom_create"), {"name": "Première C"}
    )
    assert response.status_code == 302
    assert teacher.classrooms.get().name == "Première C"
    response = teacher_client.post(reverse("classroom:teacher_classroom_create"), {"name": ""})
    assert response.status_code == 400


def test_a_live_session_links_to_the_projector_when_the_live_app_is_there(
    teacher_client: Client, teacher: User, settings
) -> None:
    session = session_with(2, teacher=teacher, mode="live")
    settings.ROOT_URLCONF = "tests.classroom.urls_without_live"
    assert (
        "Ouvrir l’écran du projecteur"
        not in teacher_client.get(session_url(session)).content.decode()
    )
    settings.ROOT_URLCONF = "tests.classroom.urls_with_live"
    html = teacher_client.get(session_url(session)).content.decode()
    assert f'href="/live/{session.code}/screen/"' in html


def test_the_session_page_queries_do_not_grow_with_the_class(
    teacher_client: Client, teacher: User, django_assert_num_queries
) -> None:
    session = session_with(3, teacher=teacher)
    answered(session, "Léa", [True, False, None])
    with CaptureQueriesContext(connection) as few:
        teacher_client.get(session_url(session))
    for name in ["Hugo", "Inès", "Tom", "Zoé", "Yanis"]:
        answered(session, name, [False, True, True])
    with django_assert_num_queries(len(few.captured_queries)):
        teacher_client.get(session_url(session))
