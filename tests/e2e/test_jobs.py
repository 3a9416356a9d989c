"""A teacher rebuilds the question bank and follows its progress while a student answers a quiz."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from playwright.sync_api import expect

from quiz.models import Kind, Quiz
from summit import jobs
from tests.factories import QuestionFactory, QuizFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STEP_HELD = 2


class Worker:
    """django-q2's worker in a thread of the test process: it takes the queued tasks from the
    database broker once started, and stops at one step of a job until let through, so that
    the test sees the progress between its two ends."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.held = threading.Event()
        self.let_through = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        from django_q.brokers import get_broker
        from django_q.tasks import _sync

        broker = get_broker()
        self.started.wait()
        try:
            while not self.stopped.is_set():
                for ack, pack in broker.dequeue() or ():
                    _sync(pack)
                    broker.acknowledge(ack)
                self.stopped.wait(0.2)
        finally:
            connections.close_all()

    def progress_writer(self, job: object) -> jobs.Progress:
        write = original_progress_writer(job)

        def progress(done: int, total: int) -> None:
            write(done, total)
            if done == STEP_HELD:
                self.held.set()
                self.let_through.wait(15)

        return progress


original_progress_writer = jobs._progress_writer


@pytest.fixture
def worker(monkeypatch) -> Iterator[Worker]:
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "POLL", 0.2)
    worker = Worker()
    monkeypatch.setattr(jobs, "_progress_writer", worker.progress_writer)
    worker.thread.start()
    yield worker
    worker.let_through.set()
    worker.started.set()
    worker.stopped.set()
    worker.thread.join(10)


@pytest.fixture
def student(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _answer(student, number: int) -> None:
    expect(student.get_by_role("heading", name=f"Question {number} sur 3")).to_be_visible()
    student.locator("label.quiz-option").first.click()
    student.get_by_role("button", name="Valider").click()
    expect(student.locator("#feedback-title")).to_be_visible()


def test_a_teacher_follows_a_rebuild_while_a_student_answers(
    page, student, live_server, seeded, worker
):
    for number in range(3):
        QuestionFactory(stem=f"Question écrite à la main numéro {number + 1} ?")
    QuizFactory(kinds=[Kind.MANUAL], title="Trois questions", size=3, mode=Quiz.Mode.PRACTICE)
    get_user_model().objects.create_superuser("prof", "prof@example.org", "motdepasse-solide")

    # The teacher starts the rebuild: the worker has not taken it yet.
    page.goto(f"{live_server.url}/admin/quiz/question/")
    page.get_by_label("Nom d’utilisateur").fill("prof")
    page.get_by_label("Mot de passe").fill("motdepasse-solide")
    page.get_by_role("button", name="Connexion").click()
    page.get_by_role("button", name="Reconstruire la banque de questions").click()
    bar = page.locator("progress#job-progress")
    expect(bar).to_have_attribute("value", "0")
    expect(page.locator(".job-state")).to_have_text("En attente")
    # A second click leads to the same job.
    job_url = page.url
    page.goto(f"{live_server.url}/admin/quiz/question/")
    page.get_by_role("button", name="Reconstruire la banque de questions").click()
    assert page.url == job_url

    # The student starts the quiz and answers.
    student.goto(f"{live_server.url}/quizzes/")
    student.get_by_role("button", name="Commencer Trois questions").click()
    _answer(student, 1)

    # The worker takes the job; the page, polled by htmx, follows it halfway.
    worker.started.set()
    assert worker.held.wait(15)
    expect(bar).to_have_attribute("value", "50")
    expect(page.locator(".job-state")).to_have_text("En cours")
    student.get_by_role("link", name="Question suivante").click()
    expect(student.get_by_role("heading", name="Question 2 sur 3")).to_be_visible()

    # Then to the end, with the summary and a link to the questions.
    worker.let_through.set()
    expect(bar).to_have_attribute("value", "100")
    expect(page.locator(".job-state")).to_have_text("Terminé")
    expect(page.locator(".job-summary")).to_contain_text("Banque de questions :")
    assert page.url == job_url

    _answer(student, 2)
    student.get_by_role("link", name="Question suivante").click()
    _answer(student, 3)
    student.get_by_role("link", name="Voir mes résultats").click()
    expect(student.locator(".quiz-score-value")).to_be_visible()

    page.get_by_role("link", name="Voir le résultat").click()
    expect(page.locator("#result_list")).to_be_visible()
