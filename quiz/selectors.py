"""Reads shared by the quiz pages, the exports and the admin."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from uuid import UUID

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q, QuerySet

from quiz.grading import Grade, response_grade, response_pairs, response_ranks
from quiz.models import Answer, AnswerForm, Attempt, AttemptQuestion, Choice, Question, Quiz
from summit.rows import Table, select


def quiz_questions(quiz: Quiz) -> QuerySet[Question]:
    """The published questions within a quiz's scope: its kinds, actors, sources and period.

    A question is about an actor when the actor is among its actors; it comes from a source
    when its evidence cites it; it falls in the period when its event (or its quotation) is
    dated in it. An empty criterion does not restrict.
    """
    questions = Question.objects.published()
    if quiz.kinds:
        questions = questions.filter(kind__in=quiz.kinds)
    actor_ids = [actor.pk for actor in quiz.actors.all()]
    if actor_ids:
        about = Question.actors.through.objects.filter(
            question_id=OuterRef("pk"), actor_id__in=actor_ids
        )
        questions = questions.filter(Exists(about))
    source_ids = [source.pk for source in quiz.sources.all()]
    if source_ids:
        questions = questions.filter(citation__source_id__in=source_ids)
    if quiz.date_from:
        questions = questions.filter(
            Q(event__date__gte=quiz.date_from)
            | Q(event__isnull=True, quote__said_on__gte=quiz.date_from)
        )
    if quiz.date_to:
        questions = questions.filter(
            Q(event__date__lte=quiz.date_to)
            | Q(event__isnull=True, quote__said_on__lte=quiz.date_to)
        )
    return questions


@dataclass(frozen=True)
class PairRow:
    """Matching, corrected: an option, the item that goes with it, the one the student gave."""

    choice: Choice
    given: str | None

    @property
    def is_right(self) -> bool:
        return self.given == self.choice.pair


@dataclass(frozen=True)
class RankRow:
    """Ordering, corrected: an option at its right place, and the rank the student gave it."""

    choice: Choice
    given: int | None

    @property
    def is_right(self) -> bool:
        return self.given == self.choice.rank


@dataclass(frozen=True)
class ReviewedQuestion:
    """One question of an attempt as corrected: its options in the order shown, the answer."""

    item: AttemptQuestion
    options: list[Choice]
    answer: Answer | None

    @property
    def question(self) -> Question:
        return self.item.question

    @property
    def form(self) -> AnswerForm:
        return self.question.answer_form

    @property
    def number(self) -> int:
        return self.item.position + 1

    @property
    def chosen(self) -> Choice | None:
        if self.answer is None or self.answer.choice_id is None:
            return None
        return next((o for o in self.options if o.pk == self.answer.choice_id), None)

    @property
    def checked(self) -> set[int]:
        """Several right answers: the ids of the options the student ticked."""
        if self.answer is None or not isinstance(self.answer.response, list):
            return set()
        return {pk for pk in self.answer.response if isinstance(pk, int)}

    @property
    def right_total(self) -> int:
        """Several right answers: how many options are right."""
        return sum(1 for option in self.options if option.is_correct)

    @property
    def checked_right(self) -> int:
        checked = self.checked
        return sum(1 for option in self.options if option.is_correct and option.pk in checked)

    @property
    def checked_wrong(self) -> int:
        checked = self.checked
        return sum(1 for option in self.options if not option.is_correct and option.pk in checked)

    @property
    def pair_rows(self) -> list[PairRow]:
        """Matching: each option (in the order shown) with its item and the one given."""
        given = response_pairs(self.answer.response) if self.answer else {}
        by_id = {option.pk: option for option in self.options}
        return [
            PairRow(
                choice=option,
                given=by_id[given[option.pk]].pair if given.get(option.pk) in by_id else None,
            )
            for option in self.options
        ]

    @property
    def rank_rows(self) -> list[RankRow]:
        """Ordering: the options in the right order, each with the rank the student gave."""
        given = response_ranks(self.answer.response) if self.answer else {}
        ordered = sorted(self.options, key=lambda option: (option.rank or 0, option.pk))
        return [RankRow(choice=option, given=given.get(option.pk)) for option in ordered]

    @property
    def grade(self) -> Grade | None:
        """How much of the answer was right; None without an answer."""
        if self.answer is None:
            return None
        return response_grade(
            form=self.form,
            choices=self.options,
            choice_id=self.answer.choice_id,
            response=self.answer.response,
        )

    @property
    def is_correct(self) -> bool:
        return self.answer is not None and self.answer.is_correct


# The attempt page's reads, made on every question shown and every answer: in plain SQL (see
# summit.rows), each giving the instances its ORM form would.
ATTEMPT, QUIZ, ITEM, QUESTION, CHOICE = (
    Table(Attempt, "a"),
    Table(Quiz, "z"),
    Table(AttemptQuestion, "i"),
    Table(Question, "q"),
    Table(Choice, "c"),
)


def _current_item_id_sql(using: str, attempt_id: str) -> str:
    """The id of the first question not answered yet of the attempt whose id is ``attempt_id``
    (a column or a placeholder)."""
    answer, item = Table(Answer, "r"), Table(AttemptQuestion, "ci")
    return (
        f"SELECT {item.column('id', using)} FROM {item.source(using)} "
        f"WHERE {item.column('attempt', using)} = {attempt_id} "
        f"AND NOT EXISTS (SELECT 1 FROM {answer.source(using)} "
        f"WHERE {answer.column('attempt', using)} = {item.column('attempt', using)} "
        f"AND {answer.column('question', using)} = {item.column('question', using)}) "
        f"ORDER BY {item.column('position', using)} LIMIT 1"
    )


def _followed_by_options(using: str, tables: Sequence[Table], from_where: str) -> str:
    """``SELECT`` the ``tables``' columns ``from_where`` (one row, with the question ``q``),
    then the question's options on rows of their own, in the question's order. Each option
    comes with NULL for the first row's columns, and that row with NULL for the options': the
    row is read and converted once, not once per option. The parameters of ``from_where`` are
    given twice (once for the options)."""
    quote = connections[using].ops.quote_name

    def nulls(table: Table) -> str:
        return ", ".join(["NULL"] * len(table.fields))

    width = sum(len(table.fields) for table in (*tables, CHOICE))
    head = ", ".join(table.columns(using) for table in tables)
    empty_head = ", ".join(nulls(table) for table in tables)
    # Three columns to order by, after the tables': the row first, then the options' order.
    return (
        f"SELECT {head}, {nulls(CHOICE)}, 0 AS {quote('part')}, 0, 0 {from_where} "
        f"UNION ALL SELECT {empty_head}, {CHOICE.columns(using)}, 1, "
        f"{CHOICE.column('position', using)}, {CHOICE.column('id', using)} "
        f"FROM {CHOICE.source(using)} WHERE {CHOICE.column('question', using)} = "
        f"(SELECT {QUESTION.column('id', using)} {from_where}) "
        f"ORDER BY {width + 1}, {width + 2}, {width + 3}"
    )


# Which of an attempt's questions a read joins: none, the first one not answered yet, or the one
# at a position given as the first parameter.
NO_ITEM, CURRENT_ITEM, ITEM_AT = "none", "current", "at"


@lru_cache(maxsize=16)
def _attempt_sql(using: str, *, item: str) -> str:
    """A session's attempt with its quiz and, unless ``item`` is NO_ITEM, one of its questions
    followed by the question's options."""
    from_where = (
        f"FROM {ATTEMPT.source(using)} INNER JOIN {QUIZ.source(using)} "
        f"ON {QUIZ.column('id', using)} = {ATTEMPT.column('quiz', using)}"
    )
    if item != NO_ITEM:
        if item == CURRENT_ITEM:
            on = (
                f"{ITEM.column('id', using)} = "
                f"({_current_item_id_sql(using, ATTEMPT.column('id', using))})"
            )
        else:
            on = (
                f"{ITEM.column('attempt', using)} = {ATTEMPT.column('id', using)} "
                f"AND {ITEM.column('position', using)} = %s"
            )
        from_where += (
            f" LEFT JOIN {ITEM.source(using)} ON {on} "
            f"LEFT JOIN {QUESTION.source(using)} "
            f"ON {QUESTION.column('id', using)} = {ITEM.column('question', using)}"
        )
    from_where += (
        f" WHERE {ATTEMPT.column('uuid', using)} = %s "
        f"AND {ATTEMPT.column('session_key', using)} = %s"
    )
    if item == NO_ITEM:
        return f"SELECT {ATTEMPT.columns(using)}, {QUIZ.columns(using)} {from_where}"
    return _followed_by_options(using, (ATTEMPT, QUIZ, ITEM, QUESTION), from_where)


@lru_cache(maxsize=8)
def _current_item_sql(using: str) -> str:
    """The first question of an attempt not answered yet with the question, followed by its
    options."""
    from_where = (
        f"FROM {ITEM.source(using)} INNER JOIN {QUESTION.source(using)} "
        f"ON {QUESTION.column('id', using)} = {ITEM.column('question', using)} "
        f"WHERE {ITEM.column('id', using)} = ({_current_item_id_sql(using, '%s')})"
    )
    return _followed_by_options(using, (ITEM, QUESTION), from_where)


# The question's options read with an attempt's question, kept on it (as a prefetch would).
_OPTIONS_READ = "_options_read"


def _item_with_options(rows: list[tuple], at: int) -> AttemptQuestion | None:
    """The attempt's question in column ``at`` of ``rows``, with the options that follow it."""
    item = rows[0][at]
    if item is not None:
        setattr(item, _OPTIONS_READ, [row[at + 2] for row in rows if row[at + 2] is not None])
    return item


def _session_attempt(
    uuid: UUID, session_key: str | None, *, item: str, position: int | None = None
) -> tuple[Attempt | None, AttemptQuestion | None]:
    if not session_key:
        return None, None
    using = router.db_for_read(Attempt)
    tables, related = [ATTEMPT, QUIZ], [(0, "quiz", 1)]
    params = [ATTEMPT.prepare("uuid", uuid, using), session_key]
    if item != NO_ITEM:
        tables += [ITEM, QUESTION, CHOICE]
        related += [(2, "question", 3), (2, "attempt", 0)]
    if item == ITEM_AT:
        params.insert(0, position)
    if item != NO_ITEM:
        params += params  # once for the row, once for its options
    rows = select(tables, _attempt_sql(using, item=item), params, using=using, related=related)
    if not rows:
        return None, None
    return rows[0][0], _item_with_options(rows, 2) if item != NO_ITEM else None


def attempt_for_session(*, uuid: UUID, session_key: str | None) -> Attempt | None:
    """The attempt, if it belongs to this browser session (else None, as if it did not exist),
    with its quiz."""
    return _session_attempt(uuid, session_key, item=NO_ITEM)[0]


def attempt_with_current_item(
    *, uuid: UUID, session_key: str | None
) -> tuple[Attempt | None, AttemptQuestion | None]:
    """``attempt_for_session`` and ``attempt_current_item`` in one query, the options
    included: what a question page reads."""
    return _session_attempt(uuid, session_key, item=CURRENT_ITEM)


def attempt_with_item(
    *, uuid: UUID, session_key: str | None, position: int
) -> tuple[Attempt | None, AttemptQuestion | None]:
    """``attempt_for_session`` and the attempt's question at ``position`` (0 for the first) in
    one query, the options included: what an answer reads before it is graded."""
    return _session_attempt(uuid, session_key, item=ITEM_AT, position=position)


def attempt_current_item(*, attempt: Attempt) -> AttemptQuestion | None:
    """The first question of the attempt not answered yet, with its question and its options."""
    using = router.db_for_read(AttemptQuestion)
    rows = select(
        (ITEM, QUESTION, CHOICE),
        _current_item_sql(using),
        [attempt.pk, attempt.pk],
        using=using,
        related=[(0, "question", 1)],
    )
    if not rows:
        return None
    item = _item_with_options(rows, 0)
    ITEM.model._meta.get_field("attempt").set_cached_value(item, attempt)
    return item


def item_options(item: AttemptQuestion) -> list[Choice]:
    """The question's options in the order this attempt shows them."""
    if not item.choice_order:
        return []
    by_id = {choice.pk: choice for choice in item_choices(item)}
    return [by_id[pk] for pk in item.choice_order if isinstance(pk, int) and pk in by_id]


def item_choices(item: AttemptQuestion) -> list[Choice]:
    """Every option of the item's question, in the question's own order: those read with the
    item, else read now."""
    read = getattr(item, _OPTIONS_READ, None)
    return read if read is not None else question_choices(item.question_id)


def question_choices(question_id: int) -> list[Choice]:
    """Every option of a question, in its own order (not an attempt's)."""
    using = router.db_for_read(Choice)
    sql = (
        f"SELECT {CHOICE.columns(using)} FROM {CHOICE.source(using)} "
        f"WHERE {CHOICE.column('question', using)} = %s "
        f"ORDER BY {CHOICE.column('position', using)}, {CHOICE.column('id', using)}"
    )
    return [choice for (choice,) in select((CHOICE,), sql, [question_id], using=using)]


def attempt_review(*, attempt: Attempt, position: int | None = None) -> list[ReviewedQuestion]:
    """The attempt's questions (or the one at ``position``) with options, answer and evidence.

    Three queries whatever the number of questions.
    """
    items = (
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("question__event", "question__citation__source")
        .order_by("position")
    )
    if position is not None:
        items = items.filter(position=position)
    items = list(items)
    question_ids = [item.question_id for item in items]
    choices = {choice.pk: choice for choice in Choice.objects.filter(question_id__in=question_ids)}
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(attempt=attempt, question_id__in=question_ids)
    }
    return [
        ReviewedQuestion(
            item=item,
            options=[choices[pk] for pk in item.choice_order if pk in choices],
            answer=answers.get(item.question_id),
        )
        for item in items
    ]
