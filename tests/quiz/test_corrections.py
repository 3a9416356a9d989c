"""What a correction shows whatever the answer is rendered once, kept, and never stale."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from quiz.corrections import correction_cache_key, correction_parts
from quiz.models import Choice, Question, Quiz
from summit.models import Event, Source
from summit.versioning import content_version
from tests.factories import (
    EventFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
    attempt_with,
    options,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _version_kept(settings) -> None:
    """The content version kept between reads for the whole test, whatever the clock: each
    test below says when it is read."""
    settings.SUMMIT_CONTENT_VERSION_SECONDS = 3600


def _question(factory=QuestionFactory, **kwargs) -> Question:
    event = EventFactory(title="Sommet de Lyon")
    quote = QuoteFactory(text="Nous voulons la paix", event=event)
    return factory(citation=QuoteCitationFactory(quote=quote), event=event, **kwargs)


def _with_options(question: Question) -> list[tuple[Question, list[Choice]]]:
    fresh = Question.objects.get(pk=question.pk)
    return [(fresh, list(fresh.choices.order_by("position")))]


def test_the_parts_hold_the_evidence_and_each_option_line_marked_and_not():
    question = _question()

    evidence, lines = correction_parts(_with_options(question))[question.pk]

    assert '<p class="quiz-explanation"><strong>Explication :</strong>' in evidence
    assert "<mark>Nous voulons la paix</mark>" in evidence
    assert 'Voir dans la frise : <span lang="fr">Sommet de Lyon</span>' in evidence
    lyon, nantes = options(question)["Lyon"], options(question)["Nantes"]
    assert set(lines) == {choice.pk for choice in question.choices.all()}
    plain, marked = lines[lyon.pk]
    assert '<li class="is-right">' in plain
    assert "votre réponse" not in plain
    assert '<li class="is-right">' in marked
    assert '<span class="quiz-tag">votre réponse</span>' in marked
    plain, marked = lines[nantes.pk]
    assert '<li class="">' in plain
    assert "bonne réponse" not in plain
    assert '<li class="is-wrong">' in marked
    assert "✗" in marked


def test_several_right_answers_have_ticked_lines_and_pairs_have_none():
    multiple, matching = _question(MultipleQuestionFactory), _question(MatchingQuestionFactory)

    parts = correction_parts([*_with_options(multiple), *_with_options(matching)])

    _, marked = parts[multiple.pk][1][options(multiple)["Paul Martin"].pk]
    assert '<span class="quiz-tag">cochée</span>' in marked
    assert parts[matching.pk][1] == {}


def test_the_parts_are_rendered_once_then_read_from_the_cache(django_assert_num_queries):
    question = _question()
    content_version()  # read now, kept for the test
    first = correction_parts(_with_options(question))
    given = _with_options(question)

    with django_assert_num_queries(0):
        again = correction_parts(given)

    assert again == first


def test_nothing_is_kept_while_the_content_has_no_version(monkeypatch, django_assert_num_queries):
    question = _question()
    monkeypatch.setattr("quiz.corrections.content_version", lambda: "")
    correction_parts(_with_options(question))
    given = _with_options(question)

    # The citation with its source, and the event, read again.
    with django_assert_num_queries(2):
        correction_parts(given)


def test_each_language_has_its_own_parts():
    question = _question()
    given = _with_options(question)
    french = correction_parts(given)[question.pk][0]
    with translation.override("en"):
        english = correction_parts(given)[question.pk][0]
    assert "<strong>Explication :</strong>" in french
    assert "<strong>Explanation:</strong>" in english


def test_the_key_changes_with_the_question_its_options_and_the_content_version():
    question = _question()
    ((fresh, choices),) = _with_options(question)
    key = correction_cache_key(fresh, choices, version="v1")

    assert correction_cache_key(fresh, choices, version="v2") != key
    fresh.explanation = "Autre explication."
    assert correction_cache_key(fresh, choices, version="v1") != key
    fresh.explanation = question.explanation
    choices[0].text = "Lyon (Rhône)"
    assert correction_cache_key(fresh, choices, version="v1") != key
    choices[0].text = "Lyon"
    assert correction_cache_key(fresh, choices, version="v1") == key


# Seen on the results page: a teacher's edit shows at once


def _results(question: Question) -> str:
    """The results page of a finished attempt at ``question``, answered wrongly."""
    quiz = QuizFactory(size=1, mode=Quiz.Mode.EXAM)
    attempt = attempt_with(quiz, [(question, options(question)["Nantes"])])
    client = Client()
    session = client.session
    session.save()
    attempt.session_key = session.session_key
    attempt.save()
    return client.get(f"/attempts/{attempt.uuid}/").content.decode()


def test_an_edit_of_the_question_or_of_an_option_shows_at_once():
    question = _question()
    assert "Parce que c&#x27;est écrit dans l&#x27;article." in _results(question)

    question.explanation = "Le sommet s'est tenu à Lyon."
    question.save()
    # Written without a signal, as a bulk edit does.
    Choice.objects.filter(question=question, text="Lyon").update(text="Lyon (Rhône)")

    html = _results(question)
    assert "Le sommet s&#x27;est tenu à Lyon." in html
    assert "Parce que c&#x27;est écrit" not in html
    assert ">Lyon (Rhône)</span>" in html


def test_an_edit_of_the_source_or_the_event_shows_at_once():
    question = _question()
    html = _results(question)
    assert "Le Quotidien du Lycée, jeudi 25 avril 2019</a>" in html
    assert 'Voir dans la frise : <span lang="fr">Sommet de Lyon</span>' in html

    source = Source.objects.get(citations__questions=question)
    source.outlet = "La Gazette"
    source.save()
    event = Event.objects.get(questions=question)
    event.title = "Sommet de Lyon (2019)"
    event.save()
    html = _results(question)
    assert "La Gazette, jeudi 25 avril 2019</a>" in html
    assert 'Voir dans la frise : <span lang="fr">Sommet de Lyon (2019)</span>' in html

    event.published = False
    event.save()
    assert "Voir dans la frise" not in _results(question)
