"""Reads shared by the quiz pages, the exports and the admin."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from uuid import UUID

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from quiz.corrections import (
    PairRow,
    RankRow,
    State,
    correction_parts,
    pair_line_render,
    rank_line_render,
)
from quiz.grading import Grade, response_grade, response_pairs, response_ranks
from quiz.models import Answer, AnswerForm, Attempt, AttemptQuestion, Choice, Question, Quiz
from summit.models import Actor, Place
from summit.rows import Table, select
from summit.templatetags.summit import content_language


@dataclass(frozen=True)
class QuizScope:
    """What a quiz draws from: question kinds, actors, sources and a period; an empty
    criterion does not restrict. Hashable, so that what is built from it can be kept."""

    kinds: tuple[str, ...] = ()
    actor_ids: tuple[int, ...] = ()
    source_ids: tuple[int, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@lru_cache(maxsize=8)
def _scope_sql(using: str) -> str:
    """A quiz's actors, then its sources, each row marked with the relation it comes from."""
    connection = connections[using]
    quote = connection.ops.quote_name
    parts = []
    for mark, relation in (
        ("a", Quiz._meta.get_field("actors")),
        ("s", Quiz._meta.get_field("sources")),
    ):
        through = relation.remote_field.through._meta
        parts.append(
            f"SELECT '{mark}', {quote(relation.m2m_reverse_name())} FROM {quote(through.db_table)} "
            f"WHERE {quote(relation.m2m_column_name())} = %s"
        )
    return " UNION ALL ".join(parts)


def quiz_scope(quiz: Quiz) -> QuizScope:
    """The quiz's scope: its actors and sources read in one query, in plain SQL (the ORM takes
    longer to write the two queries than the database to run them, on every start)."""
    using = router.db_for_read(Quiz)
    with connections[using].cursor() as cursor:
        cursor.execute(_scope_sql(using), [quiz.pk, quiz.pk])
        rows = cursor.fetchall()
    return QuizScope(
        kinds=tuple(quiz.kinds or ()),
        actor_ids=tuple(sorted(pk for mark, pk in rows if mark == "a")),
        source_ids=tuple(sorted(pk for mark, pk in rows if mark == "s")),
        date_from=quiz.date_from,
        date_to=quiz.date_to,
    )


def scope_questions(scope: QuizScope) -> QuerySet[Question]:
    """The published questions within a scope.

    A question is about an actor when the actor is among its actors; it comes from a source
    when its evidence cites it; it falls in the period when its event (or its quotation) is
    dated in it.
    """
    questions = Question.objects.published()
    if scope.kinds:
        questions = questions.filter(kind__in=scope.kinds)
    if scope.actor_ids:
        about = Question.actors.through.objects.filter(
            question_id=OuterRef("pk"), actor_id__in=scope.actor_ids
        )
        questions = questions.filter(Exists(about))
    if scope.source_ids:
        questions = questions.filter(citation__source_id__in=scope.source_ids)
    if scope.date_from:
        questions = questions.filter(
            Q(event__date__gte=scope.date_from)
            | Q(event__isnull=True, quote__said_on__gte=scope.date_from)
        )
    if scope.date_to:
        questions = questions.filter(
            Q(event__date__lte=scope.date_to)
            | Q(event__isnull=True, quote__said_on__lte=scope.date_to)
        )
    return questions


def quiz_questions(quiz: Quiz) -> QuerySet[Question]:
    """The published questions within a quiz's scope (``scope_questions``)."""
    return scope_questions(quiz_scope(quiz))


@dataclass(frozen=True)
class ReviewedQuestion:
    """One question of an attempt as corrected: its options in the order shown, the answer."""

    item: AttemptQuestion
    options: list[Choice]
    answer: Answer | None
    # What the correction shows whatever the answer, rendered (quiz.corrections): the
    # explanation, source sentence and event link; each option's line in each of its states.
    evidence: str = ""
    lines: Mapping[int, Mapping[State, str]] = field(default_factory=dict)

    @property
    def question(self) -> Question:
        return self.item.question

    # Read several times by the correction's template: worked out once.
    @cached_property
    def form(self) -> AnswerForm:
        return self.question.answer_form

    @property
    def number(self) -> int:
        return self.item.position + 1

    @cached_property
    def chosen(self) -> Choice | None:
        if self.answer is None or self.answer.choice_id is None:
            return None
        return next((o for o in self.options if o.pk == self.answer.choice_id), None)

    @cached_property
    def checked(self) -> set[int]:
        """Several right answers: the ids of the options the student ticked."""
        if self.answer is None or not isinstance(self.answer.response, list):
            return set()
        return {pk for pk in self.answer.response if isinstance(pk, int)}

    @property
    def option_lines(self) -> SafeString:
        """One right answer or several: the options' lines, in the order shown, each marked
        when the student chose (or ticked) it."""
        if self.form == AnswerForm.MULTIPLE:
            marked = self.checked
        else:
            marked = {self.answer.choice_id} if self.answer is not None else set()
        lines = self.lines
        # Rendered from templates, with every value escaped (quiz.corrections).
        return mark_safe(
            "".join(
                lines[option.pk][option.pk in marked]
                for option in self.options
                if option.pk in lines
            )
        )

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
    def pair_lines(self) -> SafeString:
        """Matching: the line of each of ``pair_rows``, with the item given for its option."""
        return self._lines_as_given(
            [(row.choice, row.given) for row in self.pair_rows], pair_line_render
        )

    @property
    def rank_lines(self) -> SafeString:
        """Ordering: the line of each of ``rank_rows``, with the rank given to its option."""
        return self._lines_as_given(
            [(row.choice, row.given) for row in self.rank_rows], rank_line_render
        )

    def _lines_as_given(self, rows: list[tuple[Choice, State]], render) -> SafeString:
        """Each option's kept line in the state given; rendered now for a state not kept (an
        answer given before a teacher's edit of the options)."""
        lines = self.lines
        shown = []
        for option, state in rows:
            line = lines.get(option.pk, {}).get(state)
            if line is None:
                line = render(option, state, language=content_language(self.question))
            shown.append(line)
        # Rendered from templates, with every value escaped (quiz.corrections).
        return mark_safe("".join(shown))

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


def _current_item_id_sql(using: str, attempt_id: str, *, besides: str = "") -> str:
    """The id of the first question not answered yet of the attempt whose id is ``attempt_id``
    (a column or a placeholder), leaving out the one at position ``besides`` if given (a
    column)."""
    answer, item = Table(Answer, "r"), Table(AttemptQuestion, "ci")
    skip = f"AND {item.column('position', using)} <> {besides} " if besides else ""
    return (
        f"SELECT {item.column('id', using)} FROM {item.source(using)} "
        f"WHERE {item.column('attempt', using)} = {attempt_id} {skip}"
        f"AND NOT EXISTS (SELECT 1 FROM {answer.source(using)} "
        f"WHERE {answer.column('attempt', using)} = {item.column('attempt', using)} "
        f"AND {answer.column('question', using)} = {item.column('question', using)}) "
        f"ORDER BY {item.column('position', using)} LIMIT 1"
    )


def _followed_by_options(
    using: str,
    tables: Sequence[Table],
    from_where: str,
    *,
    options_of: Sequence[tuple[Table, str]] = (),
) -> str:
    """``SELECT`` the ``tables``' columns ``from_where`` (one row, with the question ``q``),
    then the question's options on rows of their own, in the question's order. Each option
    comes with NULL for the first row's columns, and that row with NULL for the options': the
    row is read and converted once, not once per option. The parameters of ``from_where`` are
    given twice (once for the options).

    ``options_of`` lists other questions of the row instead, each with a ``from_where`` that
    finds it: the options of them all follow, and the parameters are those of ``from_where``
    then of each of theirs."""
    quote = connections[using].ops.quote_name

    def nulls(table: Table) -> str:
        return ", ".join(["NULL"] * len(table.fields))

    width = sum(len(table.fields) for table in (*tables, CHOICE))
    head = ", ".join(table.columns(using) for table in tables)
    empty_head = ", ".join(nulls(table) for table in tables)
    found = options_of or [(QUESTION, from_where)]
    ids = " UNION ALL ".join(
        f"SELECT {question.column('id', using)} {where}" for question, where in found
    )
    among = f"IN ({ids})" if len(found) > 1 else f"= ({ids})"
    # Three columns to order by, after the tables': the row first, then the options' order.
    return (
        f"SELECT {head}, {nulls(CHOICE)}, 0 AS {quote('part')}, 0, 0 {from_where} "
        f"UNION ALL SELECT {empty_head}, {CHOICE.columns(using)}, 1, "
        f"{CHOICE.column('position', using)}, {CHOICE.column('id', using)} "
        f"FROM {CHOICE.source(using)} WHERE {CHOICE.column('question', using)} {among} "
        f"ORDER BY {width + 1}, {width + 2}, {width + 3}"
    )


# Which of an attempt's questions a read joins: none, the first one not answered yet, or the one
# at a position given as the first parameter; or that one and, in an exam (the mode given as
# the second parameter), the one to show once it is answered.
NO_ITEM, CURRENT_ITEM, ITEM_AT, ITEM_AT_THEN_NEXT = "none", "current", "at", "at_then_next"
# The question shown once the one answered is recorded, read with it.
NEXT_ITEM, NEXT_QUESTION = Table(AttemptQuestion, "ni"), Table(Question, "nq")


@lru_cache(maxsize=16)
def _attempt_sql(using: str, *, item: str) -> str:
    """A session's attempt with its quiz and, unless ``item`` is NO_ITEM, one of its questions
    followed by the question's options (and the next question's, as ``item`` says)."""
    joined = (
        f"FROM {ATTEMPT.source(using)} INNER JOIN {QUIZ.source(using)} "
        f"ON {QUIZ.column('id', using)} = {ATTEMPT.column('quiz', using)}"
    )
    where = (
        f" WHERE {ATTEMPT.column('uuid', using)} = %s "
        f"AND {ATTEMPT.column('session_key', using)} = %s"
    )
    if item == NO_ITEM:
        return f"SELECT {ATTEMPT.columns(using)}, {QUIZ.columns(using)} {joined}{where}"
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
    joined += (
        f" LEFT JOIN {ITEM.source(using)} ON {on} "
        f"LEFT JOIN {QUESTION.source(using)} "
        f"ON {QUESTION.column('id', using)} = {ITEM.column('question', using)}"
    )
    if item != ITEM_AT_THEN_NEXT:
        return _followed_by_options(using, (ATTEMPT, QUIZ, ITEM, QUESTION), joined + where)
    following = _current_item_id_sql(
        using, ATTEMPT.column("id", using), besides=ITEM.column("position", using)
    )
    with_next = joined + (
        f" LEFT JOIN {NEXT_ITEM.source(using)} ON {QUIZ.column('mode', using)} = %s "
        f"AND {NEXT_ITEM.column('id', using)} = ({following}) "
        f"LEFT JOIN {NEXT_QUESTION.source(using)} "
        f"ON {NEXT_QUESTION.column('id', using)} = {NEXT_ITEM.column('question', using)}"
    )
    return _followed_by_options(
        using,
        (ATTEMPT, QUIZ, ITEM, QUESTION, NEXT_ITEM, NEXT_QUESTION),
        with_next + where,
        options_of=[(QUESTION, joined + where), (NEXT_QUESTION, with_next + where)],
    )


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
    """The attempt's question in column ``at`` of ``rows``, with its options among those that
    follow (in the last column)."""
    item = rows[0][at]
    if item is not None:
        options = [row[-1] for row in rows[1:]]
        setattr(item, _OPTIONS_READ, [o for o in options if o.question_id == item.question_id])
    return item


def _session_attempt(
    uuid: UUID, session_key: str | None, *, item: str, position: int | None = None
) -> tuple[Attempt | None, AttemptQuestion | None, AttemptQuestion | None]:
    """The attempt and, as ``item`` says, the question read with it and the next one."""
    if not session_key:
        return None, None, None
    using = router.db_for_read(Attempt)
    tables, related = [ATTEMPT, QUIZ], [(0, "quiz", 1)]
    params: list[object] = [ATTEMPT.prepare("uuid", uuid, using), session_key]
    if item != NO_ITEM:
        tables += [ITEM, QUESTION]
        related += [(2, "question", 3), (2, "attempt", 0)]
    if item == ITEM_AT_THEN_NEXT:
        tables += [NEXT_ITEM, NEXT_QUESTION]
        related += [(4, "question", 5), (4, "attempt", 0)]
        own = [position, *params]
        with_next = [position, QUIZ.prepare("mode", Quiz.Mode.EXAM, using), *params]
        # The row, then the answered question's options, then the next one's.
        params = [*with_next, *own, *with_next]
    elif item == ITEM_AT:
        params.insert(0, position)
    if item != NO_ITEM:
        tables.append(CHOICE)
    if item in (ITEM_AT, CURRENT_ITEM):
        params *= 2  # once for the row, once for its options
    rows = select(tables, _attempt_sql(using, item=item), params, using=using, related=related)
    if not rows:
        return None, None, None
    if item == NO_ITEM:
        return rows[0][0], None, None
    following = _item_with_options(rows, 4) if item == ITEM_AT_THEN_NEXT else None
    return rows[0][0], _item_with_options(rows, 2), following


def attempt_for_session(*, uuid: UUID, session_key: str | None) -> Attempt | None:
    """The attempt, if it belongs to this browser session (else None, as if it did not exist),
    with its quiz."""
    return _session_attempt(uuid, session_key, item=NO_ITEM)[0]


def attempt_with_current_item(
    *, uuid: UUID, session_key: str | None
) -> tuple[Attempt | None, AttemptQuestion | None]:
    """``attempt_for_session`` and ``attempt_current_item`` in one query, the options
    included: what a question page reads."""
    return _session_attempt(uuid, session_key, item=CURRENT_ITEM)[:2]


def attempt_with_item(
    *, uuid: UUID, session_key: str | None, position: int
) -> tuple[Attempt | None, AttemptQuestion | None]:
    """``attempt_for_session`` and the attempt's question at ``position`` (0 for the first) in
    one query, the options included: what an answer reads before it is graded."""
    return _session_attempt(uuid, session_key, item=ITEM_AT, position=position)[:2]


def attempt_with_item_and_next(
    *, uuid: UUID, session_key: str | None, position: int
) -> tuple[Attempt | None, AttemptQuestion | None, AttemptQuestion | None]:
    """``attempt_with_item``, and in an exam the question to show once that one is answered:
    the first one not answered yet besides it, with its options (None when there is none, or
    in practice). All in one query; the next one holds only while no other answer to the
    attempt is recorded in between."""
    return _session_attempt(uuid, session_key, item=ITEM_AT_THEN_NEXT, position=position)


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


# The review's reads: the attempt's questions with each one's answer, then their options.
REVIEW_ANSWER, REVIEW_ITEM = Table(Answer, "r"), Table(AttemptQuestion, "ri")


def _items_of_attempt(items: Table, using: str, *, one: bool) -> str:
    """The condition on ``items`` (an attempt's questions): of the attempt given, and at the
    position given when ``one``."""
    where = f"{items.column('attempt', using)} = %s"
    if one:
        where += f" AND {items.column('position', using)} = %s"
    return where


@lru_cache(maxsize=8)
def _review_sql(using: str, *, one: bool) -> str:
    """An attempt's questions in order (or the one at a position), each with its answer."""
    where = _items_of_attempt(ITEM, using, one=one)
    return (
        f"SELECT {ITEM.columns(using)}, {QUESTION.columns(using)}, {REVIEW_ANSWER.columns(using)} "
        f"FROM {ITEM.source(using)} INNER JOIN {QUESTION.source(using)} "
        f"ON {QUESTION.column('id', using)} = {ITEM.column('question', using)} "
        f"LEFT JOIN {REVIEW_ANSWER.source(using)} "
        f"ON {REVIEW_ANSWER.column('attempt', using)} = {ITEM.column('attempt', using)} "
        f"AND {REVIEW_ANSWER.column('question', using)} = {ITEM.column('question', using)} "
        f"WHERE {where} ORDER BY {ITEM.column('position', using)}"
    )


@lru_cache(maxsize=8)
def _review_choices_sql(using: str, *, one: bool) -> str:
    """The options of an attempt's questions (or of the one at a position)."""
    where = _items_of_attempt(REVIEW_ITEM, using, one=one)
    return (
        f"SELECT {CHOICE.columns(using)} FROM {CHOICE.source(using)} "
        f"WHERE {CHOICE.column('question', using)} IN "
        f"(SELECT {REVIEW_ITEM.column('question', using)} FROM {REVIEW_ITEM.source(using)} "
        f"WHERE {where})"
    )


def attempt_review(*, attempt: Attempt, position: int | None = None) -> list[ReviewedQuestion]:
    """The attempt's questions (or the one at ``position``) with options, answer and evidence.

    Two queries whatever the number of questions, in plain SQL (see summit.rows); what the
    correction shows whatever the answer comes from the cache (``quiz.corrections``: up to two
    more queries for the questions not kept yet).
    """
    using = router.db_for_read(AttemptQuestion)
    one = position is not None
    params = [attempt.pk, position] if one else [attempt.pk]
    rows = select(
        (ITEM, QUESTION, REVIEW_ANSWER),
        _review_sql(using, one=one),
        params,
        using=using,
        related=[(0, "question", 1)],
    )
    if not rows:
        return []
    choices = {
        choice.pk: choice
        for (choice,) in select((CHOICE,), _review_choices_sql(using, one=one), params, using=using)
    }
    shown = [
        (item, question, answer, [choices[pk] for pk in item.choice_order if pk in choices])
        for item, question, answer in rows
    ]
    parts = correction_parts([(question, options) for _, question, _, options in shown])
    attempt_field = AttemptQuestion._meta.get_field("attempt")
    reviewed = []
    for item, question, answer, options in shown:
        attempt_field.set_cached_value(item, attempt)
        evidence, lines = parts[question.pk]
        reviewed.append(
            ReviewedQuestion(
                item=item, options=options, answer=answer, evidence=evidence, lines=lines
            )
        )
    return reviewed


# What the draw reads of its candidates, on every start: in plain SQL, written once for each
# number of ids (the ORM took longer to write these queries than the database to run them).
SHOWN_QUESTION = Table(Question, "sq")


def _marks(count: int) -> str:
    return ", ".join(["%s"] * count)


@lru_cache(maxsize=128)
def _right_options_shown_sql(using: str, count: int) -> str:
    question, choice = SHOWN_QUESTION, CHOICE
    columns = ", ".join(
        [choice.column("question", using)]
        + [
            question.column(name, using)
            for name in ("fingerprint", "kind", "stem", "explanation", "subject")
        ]
        + [choice.column("text", using), choice.column("pair", using)]
    )
    return (
        f"SELECT {columns} FROM {choice.source(using)} INNER JOIN {question.source(using)} "
        f"ON {question.column('id', using)} = {choice.column('question', using)} "
        f"WHERE {choice.column('question', using)} IN ({_marks(count)}) "
        f"AND {choice.column('is_correct', using)} = %s "
        f"ORDER BY {choice.column('question', using)}, {choice.column('position', using)}, "
        f"{choice.column('id', using)}"
    )


def right_options_shown(question_ids: Sequence[int]) -> list[tuple]:
    """The right options of the questions, each with what its question shows: (question id,
    fingerprint, kind, stem, explanation, subject, option text, associated item), in each
    question's own option order."""
    if not question_ids:
        return []
    using = router.db_for_read(Choice)
    sql = _right_options_shown_sql(using, len(question_ids))
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [*question_ids, CHOICE.prepare("is_correct", True, using)])
        return cursor.fetchall()


@lru_cache(maxsize=128)
def _names_with_aliases_sql(using: str, count: int) -> str:
    parts = []
    for table in (Table(Actor, "na"), Table(Place, "np")):
        parts.append(
            f"SELECT {table.column('name', using)}, {table.column('aliases', using)} "
            f"FROM {table.source(using)} WHERE {table.column('name', using)} IN ({_marks(count)})"
        )
    return " UNION ALL ".join(parts)


def names_with_aliases(names: Sequence[str]) -> list[tuple[str, str]]:
    """(name, aliases) of the actors, then of the places, named one of ``names``."""
    if not names:
        return []
    using = router.db_for_read(Actor)
    with connections[using].cursor() as cursor:
        cursor.execute(_names_with_aliases_sql(using, len(names)), [*names, *names])
        return cursor.fetchall()


@lru_cache(maxsize=128)
def _options_of_questions_sql(using: str, count: int) -> str:
    question, choice = SHOWN_QUESTION, CHOICE
    return (
        f"SELECT {choice.column('question', using)}, {choice.column('id', using)}, "
        f"{question.column('kind', using)}, {choice.column('rank', using)}, "
        f"{choice.column('text', using)} "
        f"FROM {choice.source(using)} INNER JOIN {question.source(using)} "
        f"ON {question.column('id', using)} = {choice.column('question', using)} "
        f"WHERE {choice.column('question', using)} IN ({_marks(count)}) "
        f"ORDER BY {choice.column('question', using)}, {choice.column('position', using)}, "
        f"{choice.column('id', using)}"
    )


def options_of_questions(question_ids: Sequence[int]) -> list[tuple]:
    """Every option of the questions, each as (question id, option id, question kind, rank,
    text), in each question's own option order: what an attempt shuffles when it starts."""
    if not question_ids:
        return []
    using = router.db_for_read(Choice)
    with connections[using].cursor() as cursor:
        cursor.execute(_options_of_questions_sql(using, len(question_ids)), list(question_ids))
        return cursor.fetchall()


@lru_cache(maxsize=8)
def _published_quiz_sql(using: str) -> str:
    return (
        f"SELECT {QUIZ.columns(using)} FROM {QUIZ.source(using)} "
        f"WHERE {QUIZ.column('slug', using)} = %s AND {QUIZ.column('published', using)} = %s"
    )


def quiz_published(*, slug: str) -> Quiz | None:
    """The published quiz of that slug, or None: what starting an attempt reads first, in
    plain SQL."""
    using = router.db_for_read(Quiz)
    rows = select(
        (QUIZ,),
        _published_quiz_sql(using),
        [slug, QUIZ.prepare("published", True, using)],
        using=using,
    )
    return rows[0][0] if rows else None


@lru_cache(maxsize=8)
def _published_quizzes_sql(using: str) -> str:
    return (
        f"SELECT {QUIZ.columns(using)} FROM {QUIZ.source(using)} "
        f"WHERE {QUIZ.column('published', using)} = %s "
        f"ORDER BY {QUIZ.column('title', using)}, {QUIZ.column('id', using)}"
    )


def quizzes_published() -> list[Quiz]:
    """The published quizzes by title: the list a student starts one from, in plain SQL."""
    using = router.db_for_read(Quiz)
    published = QUIZ.prepare("published", True, using)
    rows = select((QUIZ,), _published_quizzes_sql(using), [published], using=using)
    return [quiz for (quiz,) in rows]
