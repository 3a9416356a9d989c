from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from classroom.models import Session
from classroom.sessions import session_close
from live.models import LiveState
from live.selectors import phone_token
from live.state import (
    ALREADY_ANSWERED,
    QUESTION_CLOSED,
    live_advance,
    live_reveal,
    live_state_get,
)
from live.views import NOT_A_PARTICIPANT
from quiz.models import Answer, Choice
from quiz.templatetags.quiz import french_spacing
from tests.factories import TeacherFactory
from tests.live.conftest import cited_quiz, live_session, phone

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
Phase = LiveState.Phase


@pytest.fixture
def teacher():
    return TeacherFactory()


@pytest.fixture
def session(teacher) -> Session:
    return live_session(3, teacher=teacher, quiz=cited_quiz(3))


@pytest.fixture
def screen(teacher) -> Client:
    client = Client()
    client.force_login(teacher)
    return client


def url(session: Session, name: str) -> str:
    return f"/live/{session.code}/{name + '/' if name else ''}"


def move(client: Client, session: Session, name: str, **headers) -> object:
    state = live_state_get(session)
    return client.post(url(session, "control"), {"move": name, "version": state.version}, **headers)


def option_index(participant, position: int, *, correct: bool) -> int:
    item = participant.attempt.items.get(position=position - 1)
    right = {c.pk for c in Choice.objects.filter(question_id=item.question_id, is_correct=True)}
    return next(i for i, pk in enumerate(item.choice_order) if (pk in right) == correct)


def answer(
    client: Client, session: Session, participant, position: int, *, correct: bool, **headers
):
    data = {"position": position, "choice": option_index(participant, position, correct=correct)}
    return client.post(url(session, "answer"), data, **headers)


# The projector ---------------------------------------------------------------------------


def test_the_screen_asks_a_signed_out_teacher_to_sign_in(session) -> None:
    response = Client().get(url(session, "screen"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_screen_of_another_teachers_session_does_not_exist(session) -> None:
    other = Client()
    other.force_login(TeacherFactory())
    assert other.get(url(session, "screen")).status_code == 404
    assert move(other, session, "next").status_code == 404
    assert live_state_get(session).phase == Phase.LOBBY


def test_a_staff_member_who_is_not_a_teacher_is_refused(session, django_user_model) -> None:
    staff = Client()
    staff.force_login(django_user_model.objects.create(username="staff", is_staff=True))
    assert staff.get(url(session, "screen")).status_code == 403


def test_the_lobby_shows_the_code_the_link_its_qr_code_and_who_joined(session, screen) -> None:
    phone(session, "Léa")
    html = screen.get(url(session, "screen")).content.decode()
    assert session.code in html
    assert "http://testserver/join/" in html
    assert '<svg role="img" aria-label="Code QR' in html
    assert "Léa" in html
    assert "1 élève" in html


def test_a_question_shows_its_options_countdown_and_count_but_not_its_key(session, screen) -> None:
    phone(session, "Léa")
    phone(session, "Hugo")
    move(screen, session, "next")
    html = screen.get(url(session, "screen")).content.decode()
    question = session.questions.get(position=1).question
    assert french_spacing(question.stem) in html
    for choice in question.choices.all():
        assert choice.text in html
    assert "data-live-remaining=" in html
    assert "<strong>0</strong> / 2" in html
    assert "bonne réponse" not in html
    assert escape(question.explanation) not in html


def test_the_correction_shows_the_distribution_the_key_and_its_source_sentence(
    session, screen
) -> None:
    lea, lea_participant = phone(session, "Léa")
    hugo, hugo_participant = phone(session, "Hugo")
    move(screen, session, "next")
    answer(lea, session, lea_participant, 1, correct=True)
    answer(hugo, session, hugo_participant, 1, correct=False)
    move(screen, session, "next")
    html = screen.get(url(session, "screen")).content.decode()
    question = session.questions.get(position=1).question
    key = question.choices.get(is_correct=True)
    assert "1 bonne réponse sur 2 (50 %)" in html
    assert f'{key.text}</span> <strong class="live-tag">bonne réponse</strong>' in html
    assert html.count('<rect width="50"') == 2
    assert "<mark>Le président Jean Dupont est arrivé lundi à Lyon.</mark>" in html
    assert escape(question.explanation) in html


def test_the_leaderboard_ranks_the_students_and_can_be_switched_off(session, screen) -> None:
    lea, lea_participant = phone(session, "Léa")
    hugo, hugo_participant = phone(session, "Hugo")
    move(screen, session, "next")
    answer(lea, session, lea_participant, 1, correct=True)
    answer(hugo, session, hugo_participant, 1, correct=False)
    move(screen, session, "next")
    move(screen, session, "next")
    html = screen.get(url(session, "screen")).content.decode()
    assert live_state_get(session).phase == Phase.LEADERBOARD
    assert html.index("Léa") < html.index("Hugo")
    assert "1 point" in html
    assert "0 point" in html
    move(screen, session, "leaderboard-off")
    assert live_state_get(session).phase == Phase.REVEAL
    move(screen, session, "next")
    assert (live_state_get(session).phase, live_state_get(session).position) == (Phase.QUESTION, 2)


def test_a_poll_that_shows_the_current_state_gets_no_content_after_one_query(
    session, screen, django_assert_num_queries
) -> None:
    response = screen.get(url(session, "screen"))
    token = response["ETag"].strip('"')
    with django_assert_num_queries(1):
        polled = Client().get(url(session, "screen"), {"since": token}, **HTMX)
    assert polled.status_code == 204
    with django_assert_num_queries(1):
        tagged = Client().get(url(session, "screen"), HTTP_IF_NONE_MATCH=f'"{token}"')
    assert tagged.status_code == 304


def test_a_poll_gets_the_screen_again_when_a_student_joins_or_answers(session, screen) -> None:
    token = screen.get(url(session, "screen"))["ETag"].strip('"')
    lea, participant = phone(session, "Léa")
    polled = screen.get(url(session, "screen"), {"since": token}, **HTMX)
    assert polled.status_code == 200
    html = polled.content.decode()
    assert "<html" not in html
    assert 'id="live-screen"' in html
    assert "Léa" in html
    move(screen, session, "next")
    token = screen.get(url(session, "screen"))["ETag"].strip('"')
    answer(lea, session, participant, 1, correct=True)
    polled = screen.get(url(session, "screen"), {"since": token}, **HTMX)
    assert "<strong>1</strong> / 1" in polled.content.decode()


def test_the_same_click_twice_moves_once(session, screen) -> None:
    version = live_state_get(session).version
    for _ in range(2):
        response = screen.post(
            url(session, "control"), {"move": "next", "version": version}, **HTMX
        )
        assert response.status_code == 200
    state = live_state_get(session)
    assert (state.phase, state.position) == (Phase.QUESTION, 1)


def test_a_move_without_htmx_comes_back_to_the_screen(session, screen) -> None:
    response = move(screen, session, "next")
    assert response.status_code == 302
    assert response["Location"] == url(session, "screen")


@pytest.mark.parametrize("data", [{"move": "jump", "version": 0}, {"move": "next", "version": "x"}])
def test_an_unknown_move_is_refused(session, screen, data) -> None:
    response = screen.post(url(session, "control"), data)
    assert response.status_code == 400
    assert live_state_get(session).phase == Phase.LOBBY


def test_moves_are_posted(session, screen) -> None:
    assert screen.get(url(session, "control")).status_code == 405


def test_finishing_shows_the_final_leaderboard_and_stops_polling(session, screen) -> None:
    phone(session, "Léa")
    move(screen, session, "next")
    move(screen, session, "finish")
    html = screen.get(url(session, "screen")).content.decode()
    assert "Session terminée" in html
    assert "data-hx-trigger" not in html
    assert "Léa" in html


def test_an_unknown_code_is_not_found(screen) -> None:
    assert screen.get("/live/ZZZZZZ/screen/").status_code == 404


# The phones ------------------------------------------------------------------------------


def test_a_browser_that_did_not_join_is_sent_to_the_join_page(session) -> None:
    response = Client().get(url(session, ""))
    assert response.status_code == 403
    assert str(NOT_A_PARTICIPANT) in response.content.decode()


def test_the_phone_waits_in_the_lobby(session) -> None:
    client, _ = phone(session, "Léa")
    html = client.get(url(session, "")).content.decode()
    assert "Vous jouez sous le nom <strong>Léa</strong>" in html
    assert "La première question arrive" in html


def test_the_phone_shows_only_the_options(session, screen) -> None:
    client, _ = phone(session, "Léa")
    move(screen, session, "next")
    html = client.get(url(session, "")).content.decode()
    question = session.questions.get(position=1).question
    assert french_spacing(question.stem) not in html
    assert html.count('class="live-choice"') == question.choices.count()
    assert "bonne réponse" not in html.lower()


def test_a_student_answers_once(session, screen) -> None:
    client, participant = phone(session, "Léa")
    move(screen, session, "next")
    first = answer(client, session, participant, 1, correct=True)
    assert first.status_code == 302
    assert "Réponse enregistrée" in client.get(url(session, "")).content.decode()
    second = answer(client, session, participant, 1, correct=False, **HTMX)
    assert second.status_code == 200
    assert str(ALREADY_ANSWERED) in second.content.decode()
    assert Answer.objects.get().is_correct is True
    assert live_state_get(session).answered == 1


def test_a_student_answers_only_for_themselves(session, screen) -> None:
    _, lea_participant = phone(session, "Léa")
    hugo, hugo_participant = phone(session, "Hugo")
    move(screen, session, "next")
    data = {
        "position": 1,
        "choice": 0,
        "participant": lea_participant.pk,
        "attempt": lea_participant.attempt_id,
    }
    assert hugo.post(url(session, "answer"), data).status_code == 302
    assert list(Answer.objects.values_list("attempt_id", flat=True)) == [
        hugo_participant.attempt_id
    ]
    stranger = Client().post(url(session, "answer"), data)
    assert stranger.status_code == 403
    assert Answer.objects.count() == 1


def test_no_answer_after_the_countdown(session, screen) -> None:
    client, participant = phone(session, "Léa")
    move(screen, session, "next")
    LiveState.objects.filter(pk=session.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert (
        "Temps écoulé : cette question est close." in client.get(url(session, "")).content.decode()
    )
    late = answer(client, session, participant, 1, correct=True, **HTMX)
    assert str(QUESTION_CLOSED) in late.content.decode()
    assert not Answer.objects.exists()


def test_the_phone_says_whether_the_answer_was_right_after_the_correction(session, screen) -> None:
    lea, lea_participant = phone(session, "Léa")
    hugo, hugo_participant = phone(session, "Hugo")
    move(screen, session, "next")
    answer(lea, session, lea_participant, 1, correct=True)
    answer(hugo, session, hugo_participant, 1, correct=False)
    live_reveal(state=live_state_get(session), version=live_state_get(session).version)
    lea_html = lea.get(url(session, "")).content.decode()
    hugo_html = hugo.get(url(session, "")).content.decode()
    assert "Bonne réponse !" in lea_html
    assert "rang 1" in lea_html
    assert "Mauvaise réponse." in hugo_html
    assert "rang 2" in hugo_html


def test_a_response_that_is_no_option_is_refused(session, screen) -> None:
    client, _ = phone(session, "Léa")
    move(screen, session, "next")
    response = client.post(url(session, "answer"), {"position": 1, "choice": 9}, **HTMX)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Answer.objects.exists()


def test_a_phone_poll_that_shows_the_current_state_gets_no_content_after_one_query(
    session, django_assert_num_queries
) -> None:
    client, _ = phone(session, "Léa")
    token = client.get(url(session, ""))["ETag"].strip('"')
    with django_assert_num_queries(1):
        assert client.get(url(session, ""), {"since": token}, **HTMX).status_code == 204
    state = live_state_get(session)
    live_advance(state=state, version=state.version)
    polled = client.get(url(session, ""), {"since": token}, **HTMX)
    assert polled.status_code == 200
    assert 'class="live-choice"' in polled.content.decode()


def test_the_screen_polls_its_own_address_and_posts_to_the_controls(session, screen) -> None:
    response = screen.get(url(session, "screen"))
    html = response.content.decode()
    token = response["ETag"].strip('"')
    assert f'data-hx-get="{url(session, "screen")}?since={token}"' in html
    assert html.count(f'action="{url(session, "control")}"') == 3
    assert 'name="version" value="0"' in html


def test_the_phone_polls_its_own_address_and_posts_its_answers(session, screen) -> None:
    client, _ = phone(session, "Léa")
    move(screen, session, "next")
    response = client.get(url(session, ""))
    html = response.content.decode()
    assert f'data-hx-get="{url(session, "")}?since={response["ETag"].strip(chr(34))}"' in html
    assert f'action="{url(session, "answer")}"' in html
    assert 'name="position" value="1"' in html


@pytest.mark.parametrize("students", [1, 6])
def test_the_screens_take_as_many_queries_whatever_the_class_size(
    session, screen, students, django_assert_num_queries
) -> None:
    phones = [phone(session, f"Élève {n}") for n in range(students)]
    move(screen, session, "next")
    for client, participant in phones:
        answer(client, session, participant, 1, correct=True)
    move(screen, session, "next")
    client = phones[0][0]
    with django_assert_num_queries(3):
        assert client.get(url(session, ""), **HTMX).status_code == 200
    with django_assert_num_queries(13):
        assert screen.get(url(session, "screen"), **HTMX).status_code == 200


def test_a_phone_shows_the_end_once_the_session_is_closed_from_its_page(session, screen) -> None:
    client, _ = phone(session, "Léa")
    move(screen, session, "next")
    session_close(session=session, now=timezone.now())
    response = client.get(url(session, ""), **HTMX)
    html = response.content.decode()
    assert "Session terminée" in html
    assert "data-hx-get" not in html
    # The token of the page is the one the polls compare with.
    assert response["ETag"] == f'"{phone_token(code=session.code, now=timezone.now())}"'
