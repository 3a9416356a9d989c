from __future__ import annotations

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quiz.attempts import (
    ALREADY_ANSWERED,
    ATTEMPT_FINISHED,
    ATTEMPT_NOT_OVER,
    NO_PUBLISHED_QUESTION,
    NOT_AN_OPTION,
    NOT_IN_ATTEMPT,
    NOTHING_TO_RETRY,
    PAIR_EVERY_ITEM,
    PAIR_USED_TWICE,
    RANK_EVERY_ITEM,
    RANK_OUT_OF_RANGE,
    RANK_USED_TWICE,
    TICK_AN_OPTION,
    TIME_IS_UP,
    WRONG_RESPONSE_FORM,
    AnswerStatus,
    AttemptError,
    attempt_answer,
    attempt_is_over,
    attempt_retry_mistakes,
    attempt_start,
    attempt_time_taken,
)
from quiz.models import Answer, Attempt, Choice, Question
from tests.factories import (
    ActorFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuestionFactory,
    QuizFactory,
    TrueFalseQuestionFactory,
)

pytestmark = pytest.mark.django_db

SESSION = "session-key-of-a-student"


def _start(quiz, seed: int = 1, **kwargs) -> Attempt:
    return attempt_start(quiz=quiz, session_key=SESSION, rng=random.Random(seed), **kwargs)


def _right(item) -> int:
    return Choice.objects.get(question_id=item.question_id, is_correct=True).pk


def _wrong(item) -> int:
    return Choice.objects.filter(question_id=item.question_id, is_correct=False).first().pk


def test_it_draws_the_quiz_size_among_the_published_questions_in_scope():
    actor = ActorFactory()
    in_scope = QuestionFactory.create_batch(8)
    for question in in_scope:
        question.actors.add(actor)
    QuestionFactory.create_batch(3)  # about no one in the quiz's scope
    draft = QuestionFactory(status=Question.Status.DRAFT)
    draft.actors.add(actor)
    quiz = QuizFactory(size=5)
    quiz.actors.add(actor)

    attempt = _start(quiz)

    items = list(attempt.items.order_by("position"))
    assert attempt.question_count == 5
    assert [item.position for item in items] == [0, 1, 2, 3, 4]
    assert {item.question_id for item in items} <= {question.pk for question in in_scope}
    assert len({item.question_id for item in items}) == 5
    assert attempt.session_key == SESSION
    assert attempt.finished_at is None


def test_the_draw_is_reproducible_with_the_same_seed_and_varies_with_another():
    QuestionFactory.create_batch(30)
    quiz = QuizFactory(size=10)

    def drawn(seed: int) -> list[tuple[int, list[int]]]:
        attempt = _start(quiz, seed=seed)
        return [(i.question_id, i.choice_order) for i in attempt.items.order_by("position")]

    assert drawn(7) == drawn(7)
    assert drawn(7) != drawn(8)


def test_each_question_keeps_all_its_options_in_a_shuffled_order():
    QuestionFactory.create_batch(40)
    quiz = QuizFactory(size=40)

    attempt = _start(quiz)

    right_positions = set()
    for item in attempt.items.all():
        options = list(
            Choice.objects.filter(question_id=item.question_id).values_list("pk", flat=True)
        )
        assert sorted(item.choice_order) == sorted(options)
        right_positions.add(item.choice_order.index(_right(item)))
    assert right_positions == {0, 1, 2, 3}


def test_every_question_of_the_bank_can_be_drawn():
    questions = QuestionFactory.create_batch(7)
    quiz = QuizFactory(size=1)
    drawn = {_start(quiz, seed=seed).items.get().question_id for seed in range(60)}
    assert drawn == {question.pk for question in questions}


def test_a_smaller_bank_than_the_quiz_gives_every_question():
    QuestionFactory.create_batch(3)
    quiz = QuizFactory(size=10)

    attempt = _start(quiz)

    assert attempt.question_count == 3
    assert attempt.items.count() == 3


def test_a_quiz_without_published_questions_cannot_start():
    QuestionFactory(status=Question.Status.DRAFT)
    quiz = QuizFactory()

    with pytest.raises(AttemptError) as error:
        _start(quiz)

    assert error.value.message == NO_PUBLISHED_QUESTION
    assert not Attempt.objects.exists()


def test_starting_runs_the_same_queries_whatever_the_size_of_the_bank():
    quiz = QuizFactory(size=5)
    QuestionFactory.create_batch(6)
    with CaptureQueriesContext(connection) as small:
        _start(quiz)
    QuestionFactory.create_batch(60)
    with CaptureQueriesContext(connection) as large:
        _start(quiz)
    assert len(small) == len(large)


def test_starting_runs_as_many_queries_with_a_large_bank_as_with_a_small_one(
    django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("quiz.attempts.EXACT_DRAW_LIMIT", 30)
    QuestionFactory.create_batch(12)
    quiz = QuizFactory(size=10)
    with django_assert_num_queries(10):  # ids read and sampled exactly, candidates kept apart
        _start(quiz)
    QuestionFactory.create_batch(40)
    with django_assert_num_queries(10):  # random ids sought, candidates kept apart
        attempt = _start(quiz, seed=2)
    assert attempt.question_count == 10


def test_a_retry_takes_exactly_the_given_questions():
    questions = QuestionFactory.create_batch(4)
    QuestionFactory.create_batch(4)
    quiz = QuizFactory(size=8)

    attempt = _start(quiz, questions=questions[:2])

    assert attempt.question_count == 2
    assert {item.question_id for item in attempt.items.all()} == {q.pk for q in questions[:2]}


def test_a_right_answer_is_recorded_and_scored():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3))
    item = attempt.items.get(position=0)

    outcome = attempt_answer(attempt=attempt, item=item, choice_id=_right(item))

    assert outcome.status is AnswerStatus.RECORDED
    assert outcome.answer.is_correct
    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score, attempt.finished_at) == (1, 1, None)


def test_a_wrong_answer_counts_but_does_not_score():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3))
    item = attempt.items.get(position=0)

    outcome = attempt_answer(attempt=attempt, item=item, choice_id=_wrong(item))

    assert not outcome.answer.is_correct
    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score) == (1, 0)


def test_the_last_answer_finishes_the_attempt():
    QuestionFactory.create_batch(2)
    attempt = _start(QuizFactory(size=2))
    first, last = attempt.items.order_by("position")
    attempt_answer(attempt=attempt, item=first, choice_id=_right(first))
    now = timezone.now()

    attempt_answer(attempt=attempt, item=last, choice_id=_wrong(last), now=now)

    assert attempt.finished_at == now
    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score, attempt.finished_at) == (2, 1, now)


def test_answering_twice_keeps_the_first_answer_and_says_so():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3))
    item = attempt.items.get(position=0)
    attempt_answer(attempt=attempt, item=item, choice_id=_wrong(item))

    outcome = attempt_answer(attempt=attempt, item=item, choice_id=_right(item))

    assert outcome.status is AnswerStatus.ALREADY_ANSWERED
    assert outcome.message == ALREADY_ANSWERED
    assert not outcome.recorded
    assert Answer.objects.get().is_correct is False
    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score) == (1, 0)


@pytest.mark.django_db(transaction=True)
def test_out_of_any_transaction_a_second_answer_is_undone_whole_and_the_connection_goes_on():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3))
    first, second = attempt.items.order_by("position")[:2]
    stale = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    attempt_answer(attempt=attempt, item=first, choice_id=_wrong(first))
    assert not connection.in_atomic_block

    outcome = attempt_answer(attempt=stale, item=first, choice_id=_right(first))
    assert outcome.status is AnswerStatus.ALREADY_ANSWERED
    assert attempt_answer(attempt=attempt, item=second, choice_id=_right(second)).recorded

    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score, attempt.finished_at) == (2, 1, None)
    assert [answer.is_correct for answer in Answer.objects.order_by("pk")] == [False, True]


def test_a_stale_copy_of_the_attempt_cannot_count_an_answer_twice():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3))
    stale = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    item = attempt.items.get(position=0)
    attempt_answer(attempt=attempt, item=item, choice_id=_right(item))

    outcome = attempt_answer(attempt=stale, item=item, choice_id=_right(item))

    assert outcome.status is AnswerStatus.ALREADY_ANSWERED
    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score) == (1, 1)


def test_a_choice_of_another_question_is_refused():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3))
    first, second = attempt.items.order_by("position")[:2]

    with pytest.raises(AttemptError) as error:
        attempt_answer(attempt=attempt, item=first, choice_id=second.choice_order[0])

    assert error.value.message == NOT_AN_OPTION
    assert not Answer.objects.exists()


def test_a_question_of_another_attempt_is_refused():
    QuestionFactory.create_batch(3)
    quiz = QuizFactory(size=3)
    attempt, other = _start(quiz), _start(quiz)
    item = other.items.get(position=0)

    with pytest.raises(AttemptError) as error:
        attempt_answer(attempt=attempt, item=item, choice_id=item.choice_order[0])

    assert error.value.message == NOT_IN_ATTEMPT


def test_an_answer_after_the_end_changes_nothing_and_says_so():
    QuestionFactory.create_batch(1)
    attempt = _start(QuizFactory(size=1))
    item = attempt.items.get()
    attempt_answer(attempt=attempt, item=item, choice_id=_wrong(item))
    Answer.objects.all().delete()  # even if the answer vanished, the attempt stays finished

    outcome = attempt_answer(attempt=attempt, item=item, choice_id=_right(item))

    assert outcome.status is AnswerStatus.FINISHED
    assert outcome.message == ATTEMPT_FINISHED
    assert not Answer.objects.exists()


def test_an_answer_after_the_time_limit_changes_nothing_and_ends_the_attempt():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3, time_limit=5))
    item = attempt.items.get(position=0)
    late = attempt.started_at + datetime.timedelta(minutes=5, seconds=10)

    outcome = attempt_answer(attempt=attempt, item=item, choice_id=_right(item), now=late)

    assert outcome.status is AnswerStatus.TIME_IS_UP
    assert outcome.message == TIME_IS_UP
    assert not Answer.objects.exists()
    attempt.refresh_from_db()
    assert attempt.finished_at == attempt.started_at + datetime.timedelta(minutes=5)
    assert attempt_time_taken(attempt, now=late) == datetime.timedelta(minutes=5)


def test_an_answer_just_in_time_counts():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3, time_limit=5))
    item = attempt.items.get(position=0)
    just = attempt.started_at + datetime.timedelta(minutes=5, seconds=1)

    outcome = attempt_answer(attempt=attempt, item=item, choice_id=_right(item), now=just)

    assert outcome.recorded


def test_an_attempt_is_over_when_finished_or_out_of_time():
    QuestionFactory.create_batch(2)
    attempt = _start(QuizFactory(size=2, time_limit=1))
    start = attempt.started_at
    assert not attempt_is_over(attempt, now=start + datetime.timedelta(seconds=59))
    assert attempt_is_over(attempt, now=start + datetime.timedelta(seconds=60))
    untimed = _start(QuizFactory(size=2))
    assert not attempt_is_over(untimed, now=start + datetime.timedelta(days=3))


def test_answering_runs_the_same_queries_whatever_the_number_of_questions():
    QuestionFactory.create_batch(40)
    small = _start(QuizFactory(size=2))
    large = _start(QuizFactory(size=40))
    counts = []
    for attempt in (small, large):
        item = attempt.items.get(position=0)
        choice_id = _right(item)
        with CaptureQueriesContext(connection) as queries:
            attempt_answer(attempt=attempt, item=item, choice_id=choice_id)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_retrying_takes_the_missed_questions_only():
    QuestionFactory.create_batch(4)
    attempt = _start(QuizFactory(size=4), display_name="Léa")
    items = list(attempt.items.order_by("position"))
    attempt_answer(attempt=attempt, item=items[0], choice_id=_right(items[0]))
    attempt_answer(attempt=attempt, item=items[1], choice_id=_wrong(items[1]))
    attempt_answer(attempt=attempt, item=items[2], choice_id=_right(items[2]))
    attempt_answer(attempt=attempt, item=items[3], choice_id=_wrong(items[3]))

    retry = attempt_retry_mistakes(attempt=attempt, session_key=SESSION, rng=random.Random(3))

    assert retry.retry_of == attempt
    assert retry.display_name == "Léa"
    assert retry.quiz == attempt.quiz
    assert {item.question_id for item in retry.items.all()} == {
        items[1].question_id,
        items[3].question_id,
    }


def test_retrying_after_the_time_ran_out_includes_the_unanswered_questions():
    QuestionFactory.create_batch(3)
    attempt = _start(QuizFactory(size=3, time_limit=1))
    items = list(attempt.items.order_by("position"))
    attempt_answer(attempt=attempt, item=items[0], choice_id=_right(items[0]))
    later = attempt.started_at + datetime.timedelta(minutes=2)

    retry = attempt_retry_mistakes(
        attempt=attempt, session_key=SESSION, rng=random.Random(), now=later
    )

    assert {item.question_id for item in retry.items.all()} == {
        items[1].question_id,
        items[2].question_id,
    }


def test_retrying_leaves_out_retired_questions():
    QuestionFactory.create_batch(2)
    attempt = _start(QuizFactory(size=2))
    items = list(attempt.items.order_by("position"))
    for item in items:
        attempt_answer(attempt=attempt, item=item, choice_id=_wrong(item))
    Question.objects.filter(pk=items[0].question_id).update(status=Question.Status.RETIRED)

    retry = attempt_retry_mistakes(attempt=attempt, session_key=SESSION, rng=random.Random())

    assert [item.question_id for item in retry.items.all()] == [items[1].question_id]


def test_there_is_nothing_to_retry_without_mistakes():
    QuestionFactory.create_batch(1)
    attempt = _start(QuizFactory(size=1))
    item = attempt.items.get()
    attempt_answer(attempt=attempt, item=item, choice_id=_right(item))

    with pytest.raises(AttemptError) as error:
        attempt_retry_mistakes(attempt=attempt, session_key=SESSION, rng=random.Random())

    assert error.value.message == NOTHING_TO_RETRY


def test_an_attempt_still_going_cannot_be_retried():
    QuestionFactory.create_batch(2)
    attempt = _start(QuizFactory(size=2))

    with pytest.raises(AttemptError) as error:
        attempt_retry_mistakes(attempt=attempt, session_key=SESSION, rng=random.Random())

    assert error.value.message == ATTEMPT_NOT_OVER


def test_a_large_scope_is_drawn_by_seeking_random_ids_within_it(monkeypatch):
    monkeypatch.setattr("quiz.attempts.EXACT_DRAW_LIMIT", 5)
    actor = ActorFactory()
    in_scope = QuestionFactory.create_batch(20)
    for question in in_scope:
        question.actors.add(actor)
    QuestionFactory.create_batch(10)  # out of scope, interleaved ids
    quiz = QuizFactory(size=6)
    quiz.actors.add(actor)

    draws = [
        [item.question_id for item in _start(quiz, seed=seed).items.order_by("position")]
        for seed in range(12)
    ]

    scope = {question.pk for question in in_scope}
    for drawn in draws:
        assert len(drawn) == 6
        assert len(set(drawn)) == 6
        assert set(drawn) <= scope
    assert len({pk for drawn in draws for pk in drawn}) > 12
    again = [item.question_id for item in _start(quiz, seed=0).items.order_by("position")]
    assert again == draws[0]


# The kinds answered otherwise than by one option


def _kind_attempt(factory, **kwargs):
    factory(**kwargs)
    attempt = _start(QuizFactory(size=1))
    return attempt, attempt.items.select_related("question").get()


def _ids(item, *, correct: bool | None = None) -> list[int]:
    choices = Choice.objects.filter(question_id=item.question_id)
    if correct is not None:
        choices = choices.filter(is_correct=correct)
    return list(choices.values_list("pk", flat=True))


def _ranks(item) -> dict[int, int]:
    return dict(Choice.objects.filter(question_id=item.question_id).values_list("pk", "rank"))


def test_several_answers_are_right_only_with_exactly_the_right_options_ticked():
    attempt, item = _kind_attempt(MultipleQuestionFactory)
    right = _ids(item, correct=True)
    wrong = _ids(item, correct=False)

    outcome = attempt_answer(attempt=attempt, item=item, checked=[*right, wrong[0]])

    answer = outcome.answer
    assert outcome.recorded
    assert answer.is_correct is False
    assert answer.choice is None
    assert answer.response == sorted([*right, wrong[0]])
    assert (attempt.score, attempt.answered_count) == (0, 1)


def test_several_answers_ticked_exactly_score():
    attempt, item = _kind_attempt(MultipleQuestionFactory)
    outcome = attempt_answer(attempt=attempt, item=item, checked=_ids(item, correct=True))
    assert outcome.answer.is_correct
    attempt.refresh_from_db()
    assert attempt.score == 1
    assert attempt.finished_at is not None


def test_several_answers_with_only_part_of_the_right_set_is_wrong():
    attempt, item = _kind_attempt(MultipleQuestionFactory)
    outcome = attempt_answer(attempt=attempt, item=item, checked=_ids(item, correct=True)[:1])
    assert outcome.answer.is_correct is False


def test_a_true_false_question_keeps_true_then_false_and_is_answered_by_one_option():
    question = TrueFalseQuestionFactory(choices=False)
    # Stored the other way round: the attempt still shows « Vrai » first.
    question.choices.filter(text="Faux").update(position=0)
    question.choices.filter(text="Vrai").update(position=1)
    attempt = _start(QuizFactory(size=1))
    item = attempt.items.select_related("question").get()
    texts = dict(Choice.objects.values_list("pk", "text"))
    assert [texts[pk] for pk in item.choice_order] == ["Vrai", "Faux"]
    outcome = attempt_answer(attempt=attempt, item=item, choice_id=item.choice_order[1])
    assert outcome.answer.is_correct
    assert outcome.answer.choice_id == item.choice_order[1]


def test_matching_is_right_when_every_pair_is_right_and_stores_the_pairs():
    attempt, item = _kind_attempt(MatchingQuestionFactory)
    ids = item.choice_order
    assert sorted(item.pair_order) == sorted(ids)
    assert item.pair_order != ids, "the right items are not on their options' rows"

    outcome = attempt_answer(attempt=attempt, item=item, pairs={pk: pk for pk in ids})

    assert outcome.answer.is_correct
    assert outcome.answer.response == {str(pk): pk for pk in sorted(ids)}


def test_matching_with_two_pairs_swapped_is_wrong():
    attempt, item = _kind_attempt(MatchingQuestionFactory)
    a, b, c = item.choice_order
    outcome = attempt_answer(attempt=attempt, item=item, pairs={a: b, b: a, c: c})
    assert outcome.answer.is_correct is False
    assert attempt.score == 0


def test_ordering_is_right_when_the_order_is_exact_and_stores_the_order_given():
    attempt, item = _kind_attempt(OrderingQuestionFactory)
    ranks = _ranks(item)
    assert item.choice_order != sorted(ranks, key=ranks.get), "not shown already in order"

    outcome = attempt_answer(attempt=attempt, item=item, ranks=ranks)

    assert outcome.answer.is_correct
    assert outcome.answer.response == sorted(ranks, key=ranks.get)


def test_ordering_with_two_items_swapped_is_wrong():
    attempt, item = _kind_attempt(OrderingQuestionFactory)
    ranks = _ranks(item)
    first, second = sorted(ranks, key=ranks.get)[:2]
    ranks[first], ranks[second] = ranks[second], ranks[first]
    outcome = attempt_answer(attempt=attempt, item=item, ranks=ranks)
    assert outcome.answer.is_correct is False
    assert outcome.answer.response[:2] == [second, first]


def _refused(attempt, item, message, **response) -> None:
    with pytest.raises(AttemptError) as error:
        attempt_answer(attempt=attempt, item=item, **response)
    assert error.value.message == message
    assert not Answer.objects.exists()
    attempt.refresh_from_db()
    assert attempt.answered_count == 0


def test_a_response_of_another_form_is_refused():
    attempt, item = _kind_attempt(MatchingQuestionFactory)
    _refused(attempt, item, WRONG_RESPONSE_FORM, choice_id=item.choice_order[0])
    _refused(attempt, item, WRONG_RESPONSE_FORM)
    pairs = {pk: pk for pk in item.choice_order}
    _refused(attempt, item, WRONG_RESPONSE_FORM, pairs=pairs, checked=item.choice_order)


def test_several_answers_need_one_tick_and_the_question_s_options():
    attempt, item = _kind_attempt(MultipleQuestionFactory)
    other = QuestionFactory().choices.first().pk
    _refused(attempt, item, TICK_AN_OPTION, checked=[])
    _refused(attempt, item, NOT_AN_OPTION, checked=[item.choice_order[0], other])


def test_matching_needs_every_option_paired_once_with_the_question_s_items():
    attempt, item = _kind_attempt(MatchingQuestionFactory)
    a, b, c = item.choice_order
    other = QuestionFactory().choices.first().pk
    _refused(attempt, item, PAIR_EVERY_ITEM, pairs={a: a, b: b})
    _refused(attempt, item, PAIR_USED_TWICE, pairs={a: a, b: a, c: c})
    _refused(attempt, item, NOT_AN_OPTION, pairs={a: a, b: b, c: other})
    _refused(attempt, item, NOT_AN_OPTION, pairs={a: a, b: b, other: c})


def test_ordering_needs_every_rank_once_from_one_to_the_number_of_items():
    attempt, item = _kind_attempt(OrderingQuestionFactory)
    a, b, c, d = item.choice_order
    other = QuestionFactory().choices.first().pk
    _refused(attempt, item, RANK_EVERY_ITEM, ranks={a: 1, b: 2, c: 3})
    _refused(attempt, item, RANK_USED_TWICE, ranks={a: 1, b: 1, c: 3, d: 4})
    _refused(attempt, item, RANK_OUT_OF_RANGE, ranks={a: 1, b: 2, c: 3, d: 5})
    _refused(attempt, item, RANK_OUT_OF_RANGE, ranks={a: 0, b: 2, c: 3, d: 4})
    _refused(attempt, item, NOT_AN_OPTION, ranks={a: 1, b: 2, c: 3, other: 4})


def test_a_second_answer_to_a_matching_question_changes_nothing():
    attempt, item = _kind_attempt(MatchingQuestionFactory, status=Question.Status.PUBLISHED)
    a, b, c = item.choice_order
    attempt_answer(attempt=attempt, item=item, pairs={a: b, b: a, c: c})
    Attempt.objects.filter(pk=attempt.pk).update(finished_at=None)
    outcome = attempt_answer(attempt=attempt, item=item, pairs={a: a, b: b, c: c})
    assert outcome.status is AnswerStatus.ALREADY_ANSWERED
    assert Answer.objects.get().is_correct is False


def test_answering_each_kind_runs_the_same_queries():
    counts = []
    for factory in (
        QuestionFactory,
        MultipleQuestionFactory,
        MatchingQuestionFactory,
        OrderingQuestionFactory,
    ):
        Question.objects.update(status=Question.Status.RETIRED)
        attempt, item = _kind_attempt(factory)
        ids = item.choice_order
        response = {
            QuestionFactory: {"choice_id": ids[0]},
            MultipleQuestionFactory: {"checked": ids[:2]},
            MatchingQuestionFactory: {"pairs": {pk: pk for pk in ids}},
            OrderingQuestionFactory: {"ranks": _ranks(item)},
        }[factory]
        with CaptureQueriesContext(connection) as queries:
            attempt_answer(attempt=attempt, item=item, **response)
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_retrying_brings_back_a_missed_matching_question():
    attempt, item = _kind_attempt(MatchingQuestionFactory)
    a, b, c = item.choice_order
    attempt_answer(attempt=attempt, item=item, pairs={a: b, b: a, c: c})
    retry = attempt_retry_mistakes(attempt=attempt, session_key=SESSION, rng=random.Random(3))
    retried = retry.items.get()
    assert retried.question_id == item.question_id
    assert sorted(retried.pair_order) == sorted(retried.choice_order)


def test_an_option_added_since_the_attempt_started_changes_nothing_to_grading():
    attempt, item = _kind_attempt(MultipleQuestionFactory)
    right = _ids(item, correct=True)
    Choice.objects.create(question_id=item.question_id, text="Ajoutée", is_correct=True)
    outcome = attempt_answer(attempt=attempt, item=item, checked=right)
    assert outcome.answer.is_correct

    QuestionFactory()
    Question.objects.filter(kind="multiple").update(status=Question.Status.RETIRED)
    single = _start(QuizFactory(size=1))
    single_item = single.items.select_related("question").get()
    Choice.objects.create(question_id=single_item.question_id, text="Ajoutée")
    right = Choice.objects.get(pk__in=single_item.choice_order, is_correct=True).pk
    assert attempt_answer(attempt=single, item=single_item, choice_id=right).answer.is_correct


def test_an_option_deleted_since_the_attempt_started_refuses_the_response_that_needs_it():
    attempt, item = _kind_attempt(OrderingQuestionFactory)
    ranks = _ranks(item)
    Choice.objects.filter(pk=item.choice_order[0]).delete()
    _refused(attempt, item, NOT_AN_OPTION, ranks=ranks)


def test_the_draw_never_puts_two_questions_on_the_same_fact_nor_one_giving_away_another():
    from tests.factories import EventFactory

    summit = EventFactory()
    date = QuestionFactory(
        fingerprint="generated-1",
        subject=f"date:event:{summit.pk}",
        stem="Quand a eu lieu le sommet ?",
        event=summit,
        choices=["25 avril 2019", "12 juin 2018", "28 février 2019"],
    )
    statement = QuestionFactory(
        fingerprint="generated-2",
        subject=f"true_false:date:{summit.pk}",
        stem="Le sommet a eu lieu en juin.",
        event=summit,
        choices=["Faux", "Vrai"],
    )
    telling = QuestionFactory(
        fingerprint="generated-3",
        subject="speaker:quote:9",
        stem="Qu'a-t-on dit le 25 avril 2019 ?",
        event=EventFactory(),
        choices=["Kim Jong-un", "Moon Jae-in", "Donald Trump"],
    )
    apart = QuestionFactory(
        fingerprint="generated-4",
        subject="place:event:99",
        stem="Autre chose ?",
        event=EventFactory(),
        choices=["Lyon", "Nantes", "Lille"],
    )
    quiz = QuizFactory(size=4)
    orders = set()
    for seed in range(12):
        attempt = _start(quiz, seed=seed)
        drawn = list(attempt.items.order_by("position").values_list("question_id", flat=True))
        orders.add(tuple(drawn))
        assert apart.pk in drawn
        assert telling.pk in drawn
        # One question on the summit's date, never two.
        assert len(set(drawn) & {date.pk, statement.pk}) == 1
        # Asked after the words « le 25 avril 2019 », the date would be given away.
        if date.pk in drawn:
            assert drawn.index(date.pk) < drawn.index(telling.pk)
        assert attempt.question_count == len(drawn) == 3
    assert len(orders) > 1


def test_hand_written_questions_on_one_event_may_be_drawn_together():
    from tests.factories import EventFactory

    summit = EventFactory()
    QuestionFactory.create_batch(3, event=summit)
    attempt = _start(QuizFactory(size=3))
    assert attempt.question_count == 3


@pytest.mark.parametrize("exact_limit", [5_000, 3])
def test_a_change_of_the_scope_applies_to_the_next_start(monkeypatch, exact_limit):
    # The draw's queries are kept for each scope: none may outlive the scope it was written for.
    monkeypatch.setattr("quiz.attempts.EXACT_DRAW_LIMIT", exact_limit)
    lyon, nantes = ActorFactory(), ActorFactory()
    about_lyon, about_nantes = QuestionFactory.create_batch(4), QuestionFactory.create_batch(4)
    for question in about_lyon:
        question.actors.add(lyon)
    for question in about_nantes:
        question.actors.add(nantes)
    TrueFalseQuestionFactory.create_batch(4)
    quiz = QuizFactory(size=4)
    quiz.actors.add(lyon)

    def drawn(seed: int) -> set[int]:
        return {item.question_id for item in _start(quiz, seed=seed).items.all()}

    assert drawn(1) == {question.pk for question in about_lyon}
    quiz.actors.set([nantes])
    assert drawn(2) == {question.pk for question in about_nantes}
    quiz.actors.clear()
    quiz.kinds = ["true_false"]
    quiz.save()
    assert {Question.objects.get(pk=pk).kind for pk in drawn(3)} == {"true_false"}
    Question.objects.filter(kind="true_false").update(status=Question.Status.RETIRED)
    with pytest.raises(AttemptError):
        _start(quiz, seed=4)
