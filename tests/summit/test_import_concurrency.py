"""A student answers while a teacher confirms the import of a long article: the article's
extraction runs before the import's write transaction, so the answer is never held up by it.

Each side is a thread with its own connection to the file SQLite test database. The extraction is
held open until the student's answer has been stored: were the extraction inside the import's
(immediate) transaction, the answer would wait for the write lock and fail."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse

from quiz.models import Answer, Attempt, Quiz
from seeds import importer
from summit.models import Quote, Source
from tests.factories import (
    EventFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
    option_index,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Long enough for a slow machine; only a thread that is stuck reaches it.
TIMEOUT = 120
QUOTES = 200
LONG_ARTICLE = "Un long débat au conseil\n\n" + "\n\n".join(
    f"« Nous voulons un budget équilibré, proposition numéro {n} », a déclaré Jean Dupont "
    f"le 3 mars 2019 devant les élus."
    for n in range(QUOTES)
)


@pytest.fixture
def quiz() -> Quiz:
    event = EventFactory(title="Sommet de Vladivostok")
    quote = QuoteFactory(text="Nous voulons la paix", event=event)
    QuestionFactory(citation=QuoteCitationFactory(quote=quote), event=event)
    return QuizFactory(title="Vladivostok", size=1, mode=Quiz.Mode.PRACTICE)


def run_together(work: list[Callable[[], object]]) -> list[object]:
    """Each callable in its own thread; what each returned or raised. Each thread closes its
    connections when done, as a server thread would."""
    results: list[object] = [None] * len(work)

    def run(n: int) -> None:
        try:
            results[n] = work[n]()
        except BaseException as error:  # reported by the test, not lost in the thread
            results[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting"
    return results


def test_a_student_answers_while_a_long_article_is_being_imported(quiz, monkeypatch):
    student = Client()
    response = student.post(f"/quizzes/{quiz.slug}/start/")
    attempt = Attempt.objects.get(uuid=response.url.split("/")[2])
    choice = option_index(attempt, 0, correct=True)

    teacher = Client()
    user = get_user_model().objects.create_superuser("prof", "prof@example.org", "motdepasse")
    teacher.force_login(user)
    preview = teacher.post(
        reverse("admin:summit_source_import"),
        {"text": LONG_ARTICLE, "published_on": "2019-03-04", "language": "fr"},
    )
    assert preview.status_code == 200
    signed = preview.context["confirm"]["article"].value()

    extracting = threading.Event()
    answered = threading.Event()
    waited: list[bool] = []
    extract = importer.article_extract

    @functools.wraps(extract)  # the same signature: the import passes what it takes
    def long_extraction(**kwargs: object) -> object:
        extraction = extract(**kwargs)
        extracting.set()
        waited.append(answered.wait(TIMEOUT))
        return extraction

    monkeypatch.setattr(importer, "article_extract", long_extraction)

    def confirm() -> int:
        url = reverse("admin:summit_source_import_confirm")
        return teacher.post(url, {"article": signed}).status_code

    def answer() -> int:
        try:
            assert extracting.wait(TIMEOUT), "the import never reached its extraction"
            url = f"/attempts/{attempt.uuid}/answer/"
            return student.post(url, {"item": 1, "choice": choice}).status_code
        finally:
            answered.set()

    results = run_together([confirm, answer])

    assert results == [302, 302]
    assert waited == [True]
    assert Answer.objects.filter(attempt=attempt, is_correct=True).count() == 1
    source = Source.objects.get(title="Un long débat au conseil")
    assert Quote.objects.filter(citations__source=source).count() == QUOTES
