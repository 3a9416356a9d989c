"""Many students answering at the same moment, each in a thread with its own connection,
through the views: no error, every answer stored once, the counters agree with the answers."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connections
from django.db.models import Count, F
from django.test import Client

from quiz.attempts import ALREADY_ANSWERED
from quiz.models import Answer, Attempt, Quiz
from tests.factories import (
    EventFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
    option_index,
)

pytestmark = pytest.mark.django_db(transaction=True)

STUDENTS = 50
QUESTIONS = 3
HTMX = {"HTTP_HX_REQUEST": "true"}
# Long enough for 50 writers queued on SQLite's lock on a slow machine; a stuck thread fails.
TIMEOUT = 120


@pytest.fixture
def quiz() -> Quiz:
    event = EventFactory(title="Sommet de Vladivostok")
    for n in range(QUESTIONS):
        quote = QuoteFactory(text=f"Nous voulons la paix numéro {n}", event=event)
        QuestionFactory(citation=QuoteCitationFactory(quote=quote), event=event)
    return QuizFactory(title="Examen sur Vladivostok", size=QUESTIONS, mode=Quiz.Mode.PRACTICE)


def _start(client: Client, quiz: Quiz) -> Attempt:
    response = client.post(f"/quizzes/{quiz.slug}/start/")
    assert response.status_code == 302
    return Attempt.objects.get(uuid=response.url.split("/")[2])


def _run_together(work: list[Callable[[], object]], barrier: threading.Barrier) -> list[object]:
    """Run each callable in its own thread and return what each returned or raised.

    Each thread closes its database connections when it is done, as a server thread would."""
    results: list[object] = [None] * len(work)

    def run(n: int) -> None:
        try:
            results[n] = work[n]()
        except BaseException as error:  # reported by the test, not lost in the thread
            results[n] = error
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a student is still waiting"
    return results


def test_fifty_students_answering_at_the_same_moment_are_all_recorded_once(quiz):
    clients = [Client() for _ in range(STUDENTS)]
    attempts = [_start(client, quiz) for client in clients]
    # Student n answers right where n + position is even: the expected scores differ.
    right = {
        (n, position): (n + position) % 2 == 0
        for n in range(STUDENTS)
        for position in range(QUESTIONS)
    }
    choices = {
        (n, position): option_index(attempts[n], position, correct=right[n, position])
        for n in range(STUDENTS)
        for position in range(QUESTIONS)
    }
    barrier = threading.Barrier(STUDENTS, timeout=TIMEOUT)

    def student(n: int) -> list[int]:
        statuses = []
        for position in range(QUESTIONS):
            barrier.wait()  # every student sends this question's answer at once
            response = clients[n].post(
                f"/attempts/{attempts[n].uuid}/answer/",
                {"item": position + 1, "choice": choices[n, position]},
            )
            statuses.append(response.status_code)
        return statuses

    results = _run_together([lambda n=n: student(n) for n in range(STUDENTS)], barrier)

    assert results == [[302] * QUESTIONS] * STUDENTS
    assert Answer.objects.count() == STUDENTS * QUESTIONS
    per_question = Answer.objects.values("attempt", "question").annotate(n=Count("pk"))
    assert {row["n"] for row in per_question} == {1}
    for n, attempt in enumerate(attempts):
        attempt.refresh_from_db()
        expected = sum(right[n, position] for position in range(QUESTIONS))
        answers = Answer.objects.filter(attempt=attempt)
        assert attempt.answered_count == QUESTIONS == answers.count()
        assert attempt.score == expected == answers.filter(is_correct=True).count()
        assert attempt.finished_at is not None
    assert not Answer.objects.exclude(is_correct=F("choice__is_correct")).exists()


def test_one_student_posting_the_same_answer_twice_at_once_keeps_one_answer(quiz):
    # Ten students, each sending the same answer from two tabs (one session) at the same moment.
    students = 10
    tabs = []
    attempts = []
    for _ in range(students):
        first = Client()
        attempts.append(_start(first, quiz))
        second = Client()
        session = settings.SESSION_COOKIE_NAME
        second.cookies[session] = first.cookies[session].value
        tabs.append((first, second))
    choices = [option_index(attempt, 0, correct=True) for attempt in attempts]
    barrier = threading.Barrier(2 * students, timeout=TIMEOUT)

    def tab(client: Client, n: int) -> tuple[int, bool]:
        barrier.wait()
        response = client.post(
            f"/attempts/{attempts[n].uuid}/answer/", {"item": 1, "choice": choices[n]}, **HTMX
        )
        return response.status_code, str(ALREADY_ANSWERED) in response.content.decode()

    work = [lambda c=c, n=n: tab(c, n) for n in range(students) for c in tabs[n]]
    results = _run_together(work, barrier)

    for n in range(students):
        pair = results[2 * n : 2 * n + 2]
        assert sorted(pair) == [(200, False), (200, True)], pair
        attempt = attempts[n]
        attempt.refresh_from_db()
        assert Answer.objects.filter(attempt=attempt).count() == 1
        assert (attempt.answered_count, attempt.score, attempt.finished_at) == (1, 1, None)
