"""What a correction shows whatever the answer is rendered once, kept, and never stale."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from quiz.corrections import correction_cache_key, correction_parts
from quiz.models import Choice, Question, Quiz
from quiz.selectors import attempt_review
from summit.models import Event, Source
from summit.versioning import content_version
from tests.factories import (
    EventFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
    Response,
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
    plain, marked = lines[lyon.pk][False], lines[lyon.pk][True]
    assert '<li class="is-right">' in plain
    assert "votre réponse" not in plain
    assert '<li class="is-right">' in marked
    assert '<span class="quiz-tag">votre réponse</span>' in marked
    plain, marked = lines[nantes.pk][False], lines[nantes.pk][True]
    assert '<li class="">' in plain
    assert "bonne réponse" not in plain
    assert '<li class="is-wrong">' in marked
    assert "✗" in marked


def test_several_right_answers_have_ticked_lines():
    multiple = _question(MultipleQuestionFactory)

    parts = correction_parts(_with_options(multiple))

    marked = parts[multiple.pk][1][options(multiple)["Paul Martin"].pk][True]
    assert '<span class="quiz-tag">cochée</span>' in marked


def test_a_matching_option_has_a_line_for_each_item_that_can_be_given_and_for_none():
    matching = _question(MatchingQuestionFactory)
    lyon, nantes = options(matching)["Sommet de Lyon"], options(matching)["Sommet de Nantes"]

    lines = correction_parts(_with_options(matching))[matching.pk][1][lyon.pk]

    assert set(lines) == {None, "12 juin 2018", "27 février 2019", "25 avril 2020"}
    assert '<li class="is-right">' in lines[lyon.pair]
    assert '<span class="quiz-tag">juste</span>' in lines["12 juin 2018"]
    wrong = lines[nantes.pair]
    assert '<li class="is-wrong">' in wrong
    assert '<span class="quiz-given">votre réponse : <span lang="fr">27 février 2019' in wrong
    assert '<li class="">' in lines[None]
    assert "votre réponse" not in lines[None]


def test_an_ordering_option_has_a_line_for_each_rank_and_for_none():
    ordering = _question(OrderingQuestionFactory)
    nantes = options(ordering)["Sommet de Nantes"]

    lines = correction_parts(_with_options(ordering))[ordering.pk][1][nantes.pk]

    assert set(lines) == {None, 1, 2, 3, 4}
    assert '<span class="quiz-rank">2.</span>' in lines[2]
    assert '<span class="quiz-tag">à sa place</span>' in lines[2]
    assert '<span class="quiz-given">votre rang : 3</span>' in lines[3]
    assert '<li class="">' in lines[None]


def test_the_review_shows_the_kept_lines_as_given_and_renders_a_state_not_kept():
    matching, ordering = _question(MatchingQuestionFactory), _question(OrderingQuestionFactory)
    lyon, nantes, lille = (
        options(matching)[f"Sommet de {city}"] for city in ("Lyon", "Nantes", "Lille")
    )
    ranked = sorted(ordering.choices.all(), key=lambda choice: choice.rank)
    quiz = QuizFactory(size=2, mode=Quiz.Mode.EXAM)
    # Lyon right, Nantes given Lille's item, Lille none; the ranks given as a list of five, the
    # last one a rank no option has (an answer given before a teacher removed an option).
    attempt = attempt_with(
        quiz,
        [
            (matching, Response({str(lyon.pk): lyon.pk, str(nantes.pk): lille.pk}, False)),
            (
                ordering,
                Response([ranked[1].pk, ranked[0].pk, ranked[2].pk, 0, ranked[3].pk], False),
            ),
        ],
    )

    pairs, ranks = attempt_review(attempt=attempt)

    assert pairs.pair_lines.count('<li class="is-right">') == 1
    assert pairs.pair_lines.count('<li class="is-wrong">') == 1
    assert pairs.pair_lines.count('<li class="">') == 1
    assert 'votre réponse : <span lang="fr">25 avril 2020' in pairs.pair_lines
    assert ranks.rank_lines.count('<span class="quiz-tag">à sa place</span>') == 1
    assert '<span class="quiz-given">votre rang : 5</span>' in ranks.rank_lines
    assert [
        line.split('<span class="quiz-rank">')[1][0] for line in ranks.rank_lines.split("<li")[1:]
    ] == ["1", "2", "3", "4"]


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
    # What a matching or ordering option's lines show.
    choices[0].pair, choices[0].rank = "2018", None
    assert correction_cache_key(fresh, choices, version="v1") != key
    choices[0].pair, choices[0].rank = "", 2
    assert correction_cache_key(fresh, choices, version="v1") != key


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
