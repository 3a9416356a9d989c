from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom.models import Participant, Session
from classroom.participants import DEADLINE_PASSED, NAME_TAKEN, RESUME_CODE_UNKNOWN
from classroom.sessions import session_close
from classroom.views import CODE_CLOSED, CODE_UNKNOWN, CORRECTION_LATER, NOT_JOINED
from quiz.models import Answer, Attempt, Quiz
from tests.factories import QuestionFactory, QuizFactory, answer_data, session_with

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def join(client: Client, session: object, name: str) -> Participant:
    response = client.post(reverse("classroom:join"), {"code": session.code.lower()})
    assert response.status_code == 302
    assert response.url == reverse("classroom:session_join", kwargs={"code": session.code})
    response = client.post(response.url, {"display_name": name})
    assert response.status_code == 302
    assert response.url == reverse("classroom:session_play", kwargs={"code": session.code})
    return Participant.objects.get(session=session, display_name=name)


def play_url(session: object) -> str:
    return reverse("classroom:session_play", kwargs={"code": session.code})


def answer_url(session: object) -> str:
    return reverse("classroom:session_answer", kwargs={"code": session.code})


def test_join_page_asks_for_the_code_and_fills_it_from_the_link(client: Client) -> None:
    response = client.get(reverse("classroom:join") + "?code=ABC234")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' in html
    assert 'value="ABC234"' in html


def test_a_wrong_code_gets_a_clear_message(client: Client) -> None:
    response = client.post(reverse("classroom:join"), {"code": "ZZZZZZ"})
    assert response.status_code == 400
    assert str(CODE_UNKNOWN) in response.content.decode()


def test_an_empty_code_gets_a_clear_message(client: Client) -> None:
    response = client.post(reverse("classroom:join"), {"code": ""})
    assert response.status_code == 400
    assert "Saisissez le code" in response.content.decode()


def test_a_closed_session_code_says_so(client: Client) -> None:
    session = session_with()
    session_close(session=session)
    response = client.post(reverse("classroom:join"), {"code": session.code})
    assert response.status_code == 400
    assert str(CODE_CLOSED) in response.content.decode()


def test_joining_shows_the_resume_code_and_the_first_question(client: Client) -> None:
    session = session_with(2)
    participant = join(client, session, "Léa")
    html = client.get(play_url(session)).content.decode()
    assert "Bienvenue, Léa" in html
    assert participant.resume_code[:4] in html
    assert "Question 1 sur 2" in html
    assert f'action="{answer_url(session)}"' in html
    # The welcome is said once.
    assert "Bienvenue" not in client.get(play_url(session)).content.decode()


def test_the_same_browser_goes_straight_back_to_its_place(client: Client) -> None:
    session = session_with()
    join(client, session, "Léa")
    response = client.get(reverse("classroom:session_join", kwargs={"code": session.code}))
    assert response.status_code == 302
    assert response.url == play_url(session)


def test_a_taken_name_is_refused_with_a_message(client: Client) -> None:
    session = session_with()
    join(Client(), session, "Léa")
    response = client.post(
        reverse("classroom:session_join", kwargs={"code": session.code}), {"display_name": "LEA"}
    )
    assert response.status_code == 400
    assert str(NAME_TAKEN) in response.content.decode()


def test_a_student_answers_and_sees_their_results(client: Client) -> None:
    session = session_with(2)
    participant = join(client, session, "Léa")
    attempt = participant.attempt
    response = client.post(answer_url(session), answer_data(attempt, 0, correct=True))
    assert response.status_code == 302
    client.post(answer_url(session), answer_data(attempt, 1, correct=False))
    html = client.get(play_url(session)).content.decode()
    assert "1 / 2" in html
    assert reverse("classroom:session_retry", kwargs={"code": session.code}) in html


def test_an_answer_with_htmx_swaps_in_the_feedback(client: Client) -> None:
    session = session_with(2)
    attempt = join(client, session, "Léa").attempt
    response = client.post(answer_url(session), answer_data(attempt, 0, correct=True), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Bonne réponse" in html


def test_a_second_answer_to_a_question_changes_nothing(client: Client) -> None:
    session = session_with(2)
    attempt = join(client, session, "Léa").attempt
    client.post(answer_url(session), answer_data(attempt, 0, correct=False))
    client.post(answer_url(session), answer_data(attempt, 0, correct=True))
    assert Answer.objects.get(attempt=attempt).is_correct is False


def test_an_answer_after_the_deadline_is_refused(client: Client) -> None:
    session = session_with(2, deadline=timezone.now() + datetime.timedelta(hours=1))
    attempt = join(client, session, "Léa").attempt
    type(session).objects.filter(pk=session.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.post(answer_url(session), answer_data(attempt, 0, correct=True), follow=True)
    assert str(DEADLINE_PASSED) in response.content.decode()
    assert not Answer.objects.filter(attempt=attempt).exists()
    # The attempt ended at the deadline: the page shows the results.
    assert "Résultats" in response.content.decode()


def test_an_answer_after_closure_is_refused(client: Client) -> None:
    session = session_with(2)
    attempt = join(client, session, "Léa").attempt
    session_close(session=session)
    client.post(answer_url(session), answer_data(attempt, 0, correct=True))
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_a_student_cannot_answer_for_another(client: Client) -> None:
    session = session_with(2)
    hugo = join(Client(), session, "Hugo")
    join(client, session, "Léa")
    # Léa's browser posts: whatever she sends, it is her own attempt that is answered.
    client.post(answer_url(session), answer_data(hugo.attempt, 0, correct=True))
    assert not Answer.objects.filter(attempt=hugo.attempt).exists()


def test_a_browser_that_has_not_joined_cannot_answer_or_see(client: Client) -> None:
    session = session_with(2)
    join(Client(), session, "Hugo")
    response = client.post(answer_url(session), {"item": 1, "choice": 0})
    assert response.status_code == 404
    assert str(NOT_JOINED) in response.content.decode()
    assert client.get(play_url(session)).status_code == 404
    assert not Answer.objects.exists()


def test_the_quiz_pages_do_not_serve_a_participant_attempt(client: Client) -> None:
    session = session_with(2)
    attempt = join(client, session, "Léa").attempt
    url = reverse("attempt_detail", kwargs={"uuid": attempt.uuid})
    assert client.get(url).status_code == 404
    answer = reverse("attempt_answer", kwargs={"uuid": attempt.uuid})
    assert client.post(answer, answer_data(attempt, 0, correct=True)).status_code == 404


def test_another_device_resumes_with_the_personal_code(client: Client) -> None:
    session = session_with(2)
    participant = join(client, session, "Léa")
    laptop = Client()
    url = reverse("classroom:session_resume", kwargs={"code": session.code})
    response = laptop.post(url, {"resume_code": participant.resume_code.lower()})
    assert response.status_code == 302
    assert laptop.get(play_url(session)).status_code == 200
    assert client.get(play_url(session)).status_code == 404


def test_a_wrong_resume_code_is_refused_with_a_message(client: Client) -> None:
    session = session_with(2)
    url = reverse("classroom:session_resume", kwargs={"code": session.code})
    response = client.post(url, {"resume_code": "AAAA-BBBB"})
    assert response.status_code == 400
    assert str(RESUME_CODE_UNKNOWN) in response.content.decode()


def test_guessing_codes_is_throttled_per_address(client: Client, settings) -> None:
    settings.CLASSROOM_CODE_FAILURE_LIMIT = 3
    session = session_with()
    for _guess in range(3):
        assert client.post(reverse("classroom:join"), {"code": "ZZZZZZ"}).status_code == 400
    response = client.post(reverse("classroom:join"), {"code": session.code})
    assert response.status_code == 429
    assert "Trop de codes erronés" in response.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("classroom:join"), {"code": session.code}).status_code == 302


def test_resume_codes_count_towards_the_same_throttle(client: Client, settings) -> None:
    settings.CLASSROOM_CODE_FAILURE_LIMIT = 2
    session = session_with()
    url = reverse("classroom:session_resume", kwargs={"code": session.code})
    for _guess in range(2):
        assert client.post(url, {"resume_code": "AAAABBBB"}).status_code == 400
    assert client.post(url, {"resume_code": "AAAABBBB"}).status_code == 429


def test_right_codes_are_not_counted(client: Client, settings) -> None:
    settings.CLASSROOM_CODE_FAILURE_LIMIT = 2
    session = session_with()
    for _visit in range(5):
        assert client.post(reverse("classroom:join"), {"code": session.code}).status_code == 302


def test_retry_mistakes_starts_a_plain_attempt_in_this_browser(client: Client) -> None:
    session = session_with(2)
    attempt = join(client, session, "Léa").attempt
    client.post(answer_url(session), answer_data(attempt, 0, correct=True))
    client.post(answer_url(session), answer_data(attempt, 1, correct=False))
    response = client.post(reverse("classroom:session_retry", kwargs={"code": session.code}))
    retry = Attempt.objects.get(retry_of=attempt)
    assert response.url == reverse("attempt_detail", kwargs={"uuid": retry.uuid})
    assert retry.question_count == 1
    assert client.get(response.url).status_code == 200


def test_my_results_lists_this_browsers_attempts_only(client: Client) -> None:
    session = session_with(2)
    join(client, session, "Léa")
    join(Client(), session, "Hugo")
    html = client.get(reverse("classroom:my_results")).content.decode()
    assert session.title in html
    assert play_url(session) in html
    assert html.count("<tr>") == 2  # the header and Léa's session
    assert "Hugo" not in html


def test_my_results_without_any_attempt(client: Client) -> None:
    response = client.get(reverse("classroom:my_results"))
    assert response.status_code == 200
    assert "Aucun quiz" in response.content.decode()


def test_an_unknown_session_page_is_a_404(client: Client) -> None:
    assert client.get(reverse("classroom:session_join", kwargs={"code": "nope"})).status_code == 404
    assert client.get(play_url(type("S", (), {"code": "ABCDEF"}))).status_code == 404


def test_a_live_session_hands_its_participants_over_to_the_live_pages(
    client: Client, settings
) -> None:
    settings.ROOT_URLCONF = "tests.classroom.urls_with_live"
    session = session_with(2, mode="live")
    join(client, session, "Léa")
    response = client.get(play_url(session))
    assert response.status_code == 302
    assert response.url == f"/live/{session.code}/"


def test_a_live_session_without_the_live_app_plays_at_its_own_pace(
    client: Client, settings
) -> None:
    settings.ROOT_URLCONF = "tests.classroom.urls_without_live"
    session = session_with(2, mode="live")
    join(client, session, "Léa")
    assert "Question 1 sur 2" in client.get(play_url(session)).content.decode()


def test_the_session_page_with_htmx_is_the_swappable_region(client: Client) -> None:
    session = session_with(2)
    join(client, session, "Léa")
    html = client.get(play_url(session), **HTMX).content.decode()
    assert html.strip().startswith('<div id="attempt"')
    assert "<html" not in html


def test_the_session_page_takes_as_many_queries_whatever_the_class_size(
    client: Client, django_assert_max_num_queries
) -> None:
    session = session_with(3)
    join(client, session, "Léa")
    for name in ["Hugo", "Inès", "Tom", "Zoé"]:
        join(Client(), session, name)
    with django_assert_max_num_queries(12):
        assert client.get(play_url(session)).status_code == 200


def test_an_exam_keeps_its_correction_until_the_session_is_over(client: Client) -> None:
    quiz = QuizFactory(size=2, mode=Quiz.Mode.EXAM)
    QuestionFactory.create_batch(2)
    session = session_with(quiz=quiz, deadline=timezone.now() + datetime.timedelta(hours=1))
    attempt = join(client, session, "Léa").attempt
    client.post(answer_url(session), answer_data(attempt, 0, correct=True))
    client.post(answer_url(session), answer_data(attempt, 1, correct=False))
    html = client.get(play_url(session)).content.decode()
    assert "1 / 2" in html
    assert str(CORRECTION_LATER) in html
    assert "quiz-review" not in html
    assert "Refaire mes erreurs (" not in html
    retry = client.post(reverse("classroom:session_retry", kwargs={"code": session.code}))
    assert retry.url == play_url(session)
    assert not Attempt.objects.filter(retry_of=attempt).exists()
    Session.objects.filter(pk=session.pk).update(deadline=timezone.now())
    html = client.get(play_url(session)).content.decode()
    assert "quiz-review" in html
    assert "Refaire mes erreurs (1 question)" in html


def test_guessing_codes_in_the_addresses_is_throttled_too(client: Client, settings) -> None:
    settings.CLASSROOM_CODE_FAILURE_LIMIT = 2
    session = session_with()
    assert client.get("/join/ZZZZZZ/").status_code == 404
    assert client.get("/sessions/ZZZZZY/").status_code == 404
    response = client.get("/join/ZZZZZX/")
    assert response.status_code == 429
    assert "Trop de codes erronés" in response.content.decode()
    # A code that exists still opens its door: only wrong ones count.
    assert client.get(f"/join/{session.code}/").status_code == 200
