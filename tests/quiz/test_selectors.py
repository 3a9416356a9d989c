"""The quiz reads written in plain SQL (review, draw, quizzes) hold what the ORM reads."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Model

from quiz.models import Answer, AttemptQuestion, Choice, Quiz
from quiz.selectors import (
    QuizScope,
    attempt_review,
    attempt_with_item_and_next,
    item_choices,
    names_with_aliases,
    options_of_questions,
    quiz_published,
    quiz_scope,
    quizzes_published,
    right_options_shown,
)
from tests.factories import (
    ActorFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    PlaceFactory,
    QuestionFactory,
    QuizFactory,
    Response,
    SourceFactory,
    TrueFalseQuestionFactory,
    attempt_with,
    options,
)

pytestmark = pytest.mark.django_db


def _fields(instance: Model | None) -> dict[str, object] | None:
    if instance is None:
        return None
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


@pytest.fixture
def attempt():
    """An attempt at every kind: a wrong option, options ticked, pairs, ranks, and a question
    left when the time ran out."""
    single, left = QuestionFactory(), QuestionFactory()
    multiple, true_false = MultipleQuestionFactory(), TrueFalseQuestionFactory()
    matching, ordering = MatchingQuestionFactory(), OrderingQuestionFactory()
    ticked = [options(multiple)["Jean Dupont"].pk, options(multiple)["Paul Martin"].pk]
    pairs = {str(choice.pk): choice.pk for choice in options(matching).values()}
    in_order = sorted(options(ordering).values(), key=lambda choice: choice.rank)
    return attempt_with(
        QuizFactory(size=6, mode=Quiz.Mode.EXAM),
        [
            (single, options(single)["Nantes"]),
            (multiple, Response(ticked, is_correct=False)),
            (true_false, options(true_false)["Vrai"]),
            (matching, Response(pairs, is_correct=True)),
            (ordering, Response([choice.pk for choice in in_order], is_correct=True)),
            (left, None),
        ],
    )


def test_the_review_holds_the_rows_the_orm_reads(attempt, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        reviewed = attempt_review(attempt=attempt)

    items = list(
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("question")
        .order_by("position")
    )
    answers = {answer.question_id: answer for answer in Answer.objects.filter(attempt=attempt)}
    assert [row.number for row in reviewed] == [1, 2, 3, 4, 5, 6]
    for row, item in zip(reviewed, items, strict=True):
        assert _fields(row.item) == _fields(item)
        assert _fields(row.question) == _fields(item.question)
        assert _fields(row.answer) == _fields(answers.get(item.question_id))
        shown = Choice.objects.in_bulk(item.choice_order)
        assert [_fields(option) for option in row.options] == [
            _fields(shown[pk]) for pk in item.choice_order
        ]
        assert row.item.attempt is attempt
    assert reviewed[5].answer is None
    assert isinstance(reviewed[1].answer.response, list)


def test_the_review_of_one_question_holds_that_question_only(attempt):
    (row,) = attempt_review(attempt=attempt, position=2)
    assert row.number == 3
    assert row.question.kind == "true_false"
    assert row.answer.choice_id == options(row.question)["Vrai"].pk
    assert attempt_review(attempt=attempt, position=9) == []


def test_an_option_deleted_since_the_attempt_started_is_left_out(attempt):
    item = attempt.items.get(position=0)
    Choice.objects.filter(question_id=item.question_id, text="Rennes").delete()

    (row,) = attempt_review(attempt=attempt, position=0)

    assert [option.text for option in row.options] == ["Lyon", "Nantes", "Lille"]
    assert "Rennes" not in row.option_lines
    assert row.option_lines.count("<li ") == 3


def test_the_option_lines_mark_the_options_chosen_or_ticked(attempt):
    single, multiple = attempt_review(attempt=attempt)[:2]

    assert single.option_lines.count("votre réponse") == 1
    assert single.option_lines.count('<li class="is-wrong">') == 1
    assert multiple.option_lines.count('<span class="quiz-tag">cochée</span>') == 2
    assert multiple.option_lines.count('<li class="is-wrong">') == 1


# The draw's reads


def test_the_scope_holds_the_quiz_criteria_and_its_actors_and_sources_in_one_query(
    django_assert_num_queries,
):
    actors, sources = ActorFactory.create_batch(2), SourceFactory.create_batch(3)
    quiz = QuizFactory(
        kinds=["date", "place"],
        date_from=datetime.date(2018, 1, 1),
        date_to=datetime.date(2019, 12, 31),
    )
    quiz.actors.set(actors)
    quiz.sources.set(sources)
    QuizFactory().actors.set([ActorFactory()])  # another quiz's

    with django_assert_num_queries(1):
        scope = quiz_scope(quiz)

    assert scope == QuizScope(
        kinds=("date", "place"),
        actor_ids=tuple(sorted(actor.pk for actor in actors)),
        source_ids=tuple(sorted(source.pk for source in sources)),
        date_from=datetime.date(2018, 1, 1),
        date_to=datetime.date(2019, 12, 31),
    )
    assert quiz_scope(QuizFactory()) == QuizScope()


def test_the_right_options_shown_are_those_the_orm_reads():
    generated = MultipleQuestionFactory(fingerprint="f" * 64, subject="multiple:event:x")
    questions = [QuestionFactory(), generated, MatchingQuestionFactory(), QuestionFactory()]
    asked = [question.pk for question in questions[:3]]

    rows = right_options_shown(asked)

    assert rows == list(
        Choice.objects.filter(question_id__in=asked, is_correct=True).values_list(
            "question_id",
            "question__fingerprint",
            "question__kind",
            "question__stem",
            "question__explanation",
            "question__subject",
            "text",
            "pair",
        )
    )
    assert len(rows) == 1 + 2 + 3
    assert right_options_shown([]) == []


def test_the_options_of_questions_are_in_each_question_own_order():
    questions = [OrderingQuestionFactory(), TrueFalseQuestionFactory(), QuestionFactory()]
    asked = [question.pk for question in questions[:2]]

    rows = options_of_questions(asked)

    assert rows == list(
        Choice.objects.filter(question_id__in=asked)
        .order_by("question_id", "position", "pk")
        .values_list("question_id", "pk", "question__kind", "rank", "text")
    )
    assert len(rows) == 4 + 2


def test_names_with_aliases_are_the_actors_then_the_places_so_named():
    ActorFactory(name="Kim Jong-un", aliases="le dirigeant nord-coréen\nKim")
    PlaceFactory(name="Vladivostok", aliases="")
    PlaceFactory(name="île Rousski", aliases="Russky")
    ActorFactory(name="Vladimir Poutine")

    rows = names_with_aliases(["Kim Jong-un", "île Rousski", "Séoul"])

    assert rows == [("Kim Jong-un", "le dirigeant nord-coréen\nKim"), ("île Rousski", "Russky")]
    assert names_with_aliases([]) == []


def test_the_published_quiz_is_read_by_its_slug():
    quiz = QuizFactory(slug="vladivostok", kinds=["date"])
    QuizFactory(slug="brouillon", published=False)

    found = quiz_published(slug="vladivostok")

    assert _fields(found) == _fields(Quiz.objects.get(pk=quiz.pk))
    assert quiz_published(slug="brouillon") is None
    assert quiz_published(slug="inconnu") is None


def test_the_published_quizzes_are_listed_by_title():
    second, first = QuizFactory(title="Vladivostok"), QuizFactory(title="Hanoï")
    QuizFactory(title="Brouillon", published=False)

    listed = quizzes_published()

    assert [quiz.pk for quiz in listed] == [first.pk, second.pk]
    assert _fields(listed[0]) == _fields(Quiz.objects.get(pk=first.pk))


def _exam_attempt(size: int, mode: str = Quiz.Mode.EXAM):
    questions = [MultipleQuestionFactory() if n == 1 else QuestionFactory() for n in range(size)]
    return attempt_with(
        QuizFactory(size=size, mode=mode), [(q, None) for q in questions], finished=False
    )


def _read(attempt, position: int):
    return attempt_with_item_and_next(
        uuid=attempt.uuid, session_key=attempt.session_key, position=position
    )


def _options_read(item: AttemptQuestion) -> list[int]:
    return [choice.pk for choice in item_choices(item)]


def test_an_answer_reads_the_question_answered_and_the_next_one_with_their_options(
    django_assert_num_queries,
):
    attempt = _exam_attempt(3)
    first, second = attempt.items.order_by("position")[:2]

    with django_assert_num_queries(1):
        read, item, following = _read(attempt, 0)
        item_options = _options_read(item)
        following_options = _options_read(following)

    assert read.pk == attempt.pk
    assert read.quiz.pk == attempt.quiz.pk
    assert _fields(item) == _fields(first)
    assert _fields(following) == _fields(second)
    assert item.question.pk == first.question_id
    assert following.question.pk == second.question_id
    assert following.attempt is read
    assert item_options == [c.pk for c in Choice.objects.filter(question=first.question_id)]
    # A question with several right answers: every option, in the question's own order.
    expected = Choice.objects.filter(question=second.question_id).order_by("position", "pk")
    assert following_options == [c.pk for c in expected]


def test_the_next_question_is_the_first_not_answered_besides_the_one_answered():
    attempt = _exam_attempt(4)
    items = list(attempt.items.order_by("position"))
    Answer.objects.create(attempt=attempt, question_id=items[1].question_id, is_correct=True)

    assert _read(attempt, 0)[2].pk == items[2].pk
    assert _read(attempt, 2)[2].pk == items[0].pk
    Answer.objects.create(attempt=attempt, question_id=items[0].question_id, is_correct=True)
    assert _read(attempt, 3)[2].pk == items[2].pk
    assert _read(attempt, 2)[2].pk == items[3].pk


def test_after_the_last_question_or_in_practice_there_is_no_next_question_read():
    attempt = _exam_attempt(2)
    first, last = attempt.items.order_by("position")
    Answer.objects.create(attempt=attempt, question_id=first.question_id, is_correct=True)
    assert _read(attempt, 1)[1].pk == last.pk
    assert _read(attempt, 1)[2] is None

    practice = _exam_attempt(2, mode=Quiz.Mode.PRACTICE)
    _, item, following = _read(practice, 0)
    assert item.position == 0
    assert following is None


def test_no_attempt_is_read_for_another_session_or_at_a_position_it_has_not():
    attempt = _exam_attempt(2)
    assert attempt_with_item_and_next(uuid=attempt.uuid, session_key="another", position=0) == (
        None,
        None,
        None,
    )
    read, item, following = _read(attempt, 5)
    assert read.pk == attempt.pk
    assert item is None
    assert following is None
