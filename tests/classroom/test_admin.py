from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from classroom.models import Participant
from classroom.participants import participant_join
from quiz.models import Attempt
from tests.factories import Browser, ClassroomFactory, TeacherFactory, session_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client() -> tuple[Client, object]:
    teacher = TeacherFactory()
    client = Client()
    client.force_login(teacher)
    return client, teacher


def test_a_teacher_sees_only_their_own_sessions_in_the_admin(teacher_client) -> None:
    client, teacher = teacher_client
    mine = session_with(1, teacher=teacher)
    theirs = session_with(1)
    html = client.get(reverse("admin:classroom_session_changelist")).content.decode()
    assert mine.code in html
    assert theirs.code not in html
    url = reverse("admin:classroom_session_change", args=[theirs.pk])
    assert client.get(url).status_code == 302  # the admin's "does not exist" redirect
    assert client.get(reverse("admin:classroom_session_change", args=[mine.pk])).status_code == 200


def test_a_teacher_sees_only_their_classes_and_new_ones_are_theirs(teacher_client) -> None:
    client, teacher = teacher_client
    ClassroomFactory(name="Classe d’un collègue")
    response = client.post(reverse("admin:classroom_classroom_add"), {"name": "Seconde A"})
    assert response.status_code == 302
    html = client.get(reverse("admin:classroom_classroom_changelist")).content.decode()
    assert "Seconde A" in html
    assert "Classe d’un collègue" not in html
    assert teacher.classrooms.get().name == "Seconde A"


def test_the_session_page_lists_its_participants(teacher_client) -> None:
    client, teacher = teacher_client
    session = session_with(1, teacher=teacher)
    participant_join(session, "Léa", Browser().request())
    html = client.get(reverse("admin:classroom_session_change", args=[session.pk])).content.decode()
    assert "Léa" in html
    assert "0 / 1" in html


def test_removing_a_participant_in_the_admin_removes_their_answers(teacher_client) -> None:
    client, teacher = teacher_client
    session = session_with(1, teacher=teacher)
    lea = participant_join(session, "Léa", Browser().request())
    hugo = participant_join(session, "Hugo", Browser().request())
    rows = sorted([lea, hugo], key=lambda p: p.name_key)
    data = {
        "title": session.title,
        "deadline_0": "",
        "deadline_1": "",
        "show_leaderboard": "on",
        "classroom": "",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "2",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
    }
    for index, participant in enumerate(rows):
        data[f"participants-{index}-id"] = participant.pk
        data[f"participants-{index}-session"] = session.pk
    data[f"participants-{rows.index(lea)}-DELETE"] = "on"
    response = client.post(reverse("admin:classroom_session_change", args=[session.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Participant.objects.all()) == [hugo]
    assert not Attempt.objects.filter(pk=lea.attempt_id).exists()
