"""A student's attempt at a quiz: drawing its questions, grading answers, retrying mistakes.

The server alone knows which option is right: an attempt fixes the order of its questions and of
each question's options when it starts, and grades each answer as it arrives. A repeated or late
answer changes nothing and says why.
"""

from __future__ import annotations

import datetime
import enum
import random
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache

from django.db import IntegrityError, connection, connections, router, transaction
from django.db.models import (
    Exists,
    OuterRef,
    QuerySet,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quiz.gates import questions_apart
from quiz.grading import (
    Grade,
    grade_matching,
    grade_multiple,
    grade_ordering,
    grade_single,
    response_value,
)
from quiz.models import (
    TRUE_FALSE_TEXTS,
    Answer,
    AnswerForm,
    Attempt,
    AttemptQuestion,
    Choice,
    Kind,
    Question,
    Quiz,
)
from quiz.selectors import (
    QuizScope,
    item_choices,
    options_of_questions,
    quiz_scope,
    scope_questions,
)
from summit.rows import insert_all, insert_new, insert_values, inserted

NO_PUBLISHED_QUESTION = _("Ce quiz n’a pas encore de question publiée : revenez plus tard.")
NOT_IN_ATTEMPT = _("Cette question ne fait pas partie de ce quiz.")
NOT_AN_OPTION = _("Cette réponse ne fait pas partie des options de la question.")
TICK_AN_OPTION = _("Cochez au moins une réponse avant de valider.")
PAIR_EVERY_ITEM = _("Associez chaque élément à un élément de la liste avant de valider.")
PAIR_USED_TWICE = _(
    "Un même élément de la liste est associé deux fois : chacun ne va qu’avec un seul élément."
)
RANK_EVERY_ITEM = _("Donnez un rang à chaque élément avant de valider.")
RANK_OUT_OF_RANGE = _("Les rangs vont de 1 au nombre d’éléments.")
RANK_USED_TWICE = _("Deux éléments ont le même rang : chaque rang ne sert qu’une fois.")
WRONG_RESPONSE_FORM = _("Cette réponse ne correspond pas au type de la question.")
ALREADY_ANSWERED = _(
    "Vous avez déjà répondu à cette question : votre première réponse est conservée."
)
ATTEMPT_FINISHED = _("Ce quiz est terminé : cette réponse n’a pas été enregistrée.")
TIME_IS_UP = _("Le temps est écoulé : cette réponse n’a pas été enregistrée.")
ATTEMPT_NOT_OVER = _("Terminez d’abord le quiz : vos erreurs seront ensuite à refaire.")
NOTHING_TO_RETRY = _("Aucune erreur à refaire : toutes les réponses étaient justes.")

# An answer sent in the last seconds still counts: the page's clock and the network are not exact.
ANSWER_GRACE = datetime.timedelta(seconds=3)


class AttemptError(Exception):
    """A request that cannot be honoured; ``message`` is for the student."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


class AnswerStatus(enum.Enum):
    RECORDED = "recorded"
    ALREADY_ANSWERED = "already_answered"
    FINISHED = "finished"
    TIME_IS_UP = "time_is_up"


@dataclass(frozen=True)
class AnswerOutcome:
    status: AnswerStatus
    answer: Answer | None = None
    message: str | Promise = ""

    @property
    def recorded(self) -> bool:
        return self.status is AnswerStatus.RECORDED


def attempt_deadline(attempt: Attempt) -> datetime.datetime | None:
    """When the time runs out, if the quiz has a time limit."""
    if not attempt.quiz.time_limit:
        return None
    return attempt.started_at + datetime.timedelta(minutes=attempt.quiz.time_limit)


def attempt_is_over(attempt: Attempt, *, now: datetime.datetime) -> bool:
    """Every question answered, or the time is up (the attempt may not be marked finished yet)."""
    if attempt.finished_at is not None:
        return True
    deadline = attempt_deadline(attempt)
    return deadline is not None and now >= deadline


def attempt_time_taken(attempt: Attempt, *, now: datetime.datetime) -> datetime.timedelta:
    end = attempt.finished_at or now
    deadline = attempt_deadline(attempt)
    if deadline is not None:
        end = min(end, deadline)
    return max(end - attempt.started_at, datetime.timedelta(0))


# Up to this many questions in scope, their ids are read and sampled exactly; above, each draw
# seeks the first question at or after a random id, so its cost does not grow with the bank.
EXACT_DRAW_LIMIT = 5_000
# Seeks may land on the same question (after a gap in the ids): draw a few more than needed.
SEEKS_PER_QUESTION = 3
SEEK_PLACEHOLDER = -7_919_357


@dataclass(frozen=True)
class _DrawQueries:
    """The draw's queries over one scope, as SQL and parameters: the id bounds and whether the
    scope is larger than ``EXACT_DRAW_LIMIT``; every id; the first id at or after
    ``SEEK_PLACEHOLDER``."""

    bounds: tuple[str, tuple[object, ...]]
    ids: tuple[str, tuple[object, ...]]
    seek: tuple[str, tuple[object, ...]]


@lru_cache(maxsize=256)
def _draw_queries(using: str, scope: QuizScope, exact_limit: int) -> _DrawQueries:
    """Written by the ORM once per scope and database, then kept: compiling them took longer
    than running them, on every start. A scope holds values only (no ids of rows that could
    change meaning), so the SQL stays right for as long as the scope is the quiz's."""

    def sql(queryset: QuerySet) -> tuple[str, tuple[object, ...]]:
        text, params = queryset.query.get_compiler(using=using).as_sql()
        return text, tuple(params)

    questions = scope_questions(scope)
    ordered = questions.order_by("pk").values("pk")
    low, high = sql(ordered[:1]), sql(questions.order_by("-pk").values("pk")[:1])
    beyond = sql(ordered[exact_limit : exact_limit + 1])
    return _DrawQueries(
        bounds=(
            f"SELECT ({low[0]}), ({high[0]}), ({beyond[0]})",
            low[1] + high[1] + beyond[1],
        ),
        ids=sql(questions.order_by("pk").values_list("pk", flat=True)),
        seek=sql(ordered.filter(pk__gte=SEEK_PLACEHOLDER)[:1]),
    )


def _draw(*, quiz: Quiz, scope: QuizScope, size: int, rng: random.Random) -> list[int]:
    """``size`` question ids picked at random among the published questions in ``scope``, in
    the order drawn, no two on the same fact and none giving away another's answer
    (``quiz.gates.questions_apart``).

    Four queries whatever the size of the bank: the id bounds (and whether the scope is larger
    than ``EXACT_DRAW_LIMIT``, without counting it), then either the ids (a small scope,
    sampled exactly) or one row of scalar subqueries, each the first question at or after a
    random id (an index seek); then what the candidates show, to keep those apart. A question
    after a long gap in the ids is then a little likelier to be drawn: fine for a quiz, and the
    draw depends only on the injected generator and the bank.
    """
    using = router.db_for_read(Question)
    queries = _draw_queries(using, scope, EXACT_DRAW_LIMIT)
    # More candidates than needed: some are set aside as clashing with those drawn before.
    wanted = size * SEEKS_PER_QUESTION
    # In practice mode each answer's feedback comes before the next question.
    practice = quiz.mode == Quiz.Mode.PRACTICE
    with connections[using].cursor() as cursor:
        cursor.execute(*queries.bounds)
        low, high, beyond = cursor.fetchone()
        if low is None:
            return []
        if beyond is None:
            cursor.execute(*queries.ids)
            ids = [pk for (pk,) in cursor.fetchall()]
            candidates = rng.sample(ids, min(wanted, len(ids)))
        else:
            targets = [rng.randint(low, high) for _ in range(wanted)]
            # One subquery run for every target.
            seek_sql, seek_params = queries.seek
            params: list[object] = []
            for target in targets:
                params += [target if param == SEEK_PLACEHOLDER else param for param in seek_params]
            cursor.execute("SELECT " + ", ".join([f"({seek_sql})"] * len(targets)), params)
            candidates = list(dict.fromkeys(pk for pk in cursor.fetchone() if pk is not None))
    return questions_apart(candidates, size=size, feedback_during=practice)


def attempt_start(
    *,
    quiz: Quiz,
    session_key: str,
    rng: random.Random,
    display_name: str = "",
    questions: Sequence[Question] | None = None,
    retry_of: Attempt | None = None,
) -> Attempt:
    """Start an attempt: draw ``quiz.size`` published questions in its scope (or take exactly
    ``questions``), shuffle them and each one's options, and store that order.

    Raises ``AttemptError(NO_PUBLISHED_QUESTION)`` when there is nothing to ask.
    """
    # Drawn, read and shuffled before the transaction, so that the write lock (SQLite's is
    # the whole database's) is held for the two inserts only.
    if questions is None:
        question_ids = _draw(quiz=quiz, scope=quiz_scope(quiz), size=quiz.size, rng=rng)
    else:
        question_ids = list(dict.fromkeys(question.pk for question in questions))
        rng.shuffle(question_ids)
    options: dict[int, list[int]] = {question_id: [] for question_id in question_ids}
    kinds: dict[int, str] = {}
    ranks: dict[int, int] = {}
    falses: set[int] = set()
    for question_id, choice_id, kind, rank, text in options_of_questions(question_ids):
        options[question_id].append(choice_id)
        kinds[question_id] = kind
        ranks[choice_id] = rank or 0
        if text.strip() != TRUE_FALSE_TEXTS[0]:
            falses.add(choice_id)
    question_ids = [question_id for question_id in question_ids if options[question_id]]
    if not question_ids:
        raise AttemptError(NO_PUBLISHED_QUESTION)
    attempt = Attempt(
        quiz=quiz,
        session_key=session_key,
        display_name=display_name.strip(),
        retry_of=retry_of,
        question_count=len(question_ids),
    )
    # The uuid is fresh, the quiz was just read and the constraints are the database's: only
    # the student's input needs checking.
    attempt.full_clean(
        exclude=["quiz", "retry_of"], validate_unique=False, validate_constraints=False
    )
    items = []
    for position, question_id in enumerate(question_ids):
        choice_order = options[question_id]
        kind = kinds[question_id]
        if kind == Kind.TRUE_FALSE:
            # « Vrai » then « Faux », as everyone writes them.
            choice_order.sort(key=lambda pk: pk in falses)
        else:
            rng.shuffle(choice_order)
        if kind == Kind.ORDERING:
            choice_order = _not_in_order(choice_order, ranks=ranks)
        items.append(
            AttemptQuestion(
                attempt=attempt,
                question_id=question_id,
                position=position,
                choice_order=choice_order,
                pair_order=_pair_order(choice_order, rng=rng) if kind == Kind.MATCHING else [],
            )
        )
    using = router.db_for_write(Attempt)
    with transaction.atomic(using=using):
        insert_all([attempt], using=using)
        for item in items:
            item.attempt_id = attempt.pk
        insert_all(items, using=using)
    return attempt


def _pair_order(choice_order: list[int], *, rng: random.Random) -> list[int]:
    """The associated items in a shuffled order, never the order of the options themselves
    (which would put every right item on its option's row)."""
    pair_order = list(choice_order)
    rng.shuffle(pair_order)
    if len(pair_order) > 1 and pair_order == choice_order:
        pair_order = pair_order[1:] + pair_order[:1]
    return pair_order


def _not_in_order(choice_order: list[int], *, ranks: dict[int, int]) -> list[int]:
    """The items to put in order, never shown already in the right order."""
    if len(choice_order) > 1 and choice_order == sorted(choice_order, key=ranks.__getitem__):
        return choice_order[1:] + choice_order[:1]
    return choice_order


def _check_response(
    item: AttemptQuestion,
    *,
    form: AnswerForm,
    choice_id: int | None,
    checked: Sequence[int] | None,
    pairs: Mapping[int, int] | None,
    ranks: Mapping[int, int] | None,
) -> None:
    """Raise ``AttemptError`` unless the response is whole and made of this question's options
    as the attempt shows them."""
    options = item.choice_order
    given = {
        AnswerForm.SINGLE: choice_id is not None,
        AnswerForm.MULTIPLE: checked is not None,
        AnswerForm.MATCHING: pairs is not None,
        AnswerForm.ORDERING: ranks is not None,
    }
    if not given[form] or sum(given.values()) != 1:
        raise AttemptError(WRONG_RESPONSE_FORM)
    if form == AnswerForm.SINGLE:
        if choice_id not in options:
            raise AttemptError(NOT_AN_OPTION)
    elif form == AnswerForm.MULTIPLE:
        if not checked:
            raise AttemptError(TICK_AN_OPTION)
        if any(pk not in options for pk in checked):
            raise AttemptError(NOT_AN_OPTION)
    elif form == AnswerForm.MATCHING:
        if any(pk not in options for pk in [*pairs, *pairs.values()]):
            raise AttemptError(NOT_AN_OPTION)
        if set(pairs) != set(options):
            raise AttemptError(PAIR_EVERY_ITEM)
        if len(set(pairs.values())) != len(pairs):
            raise AttemptError(PAIR_USED_TWICE)
    else:
        if any(pk not in options for pk in ranks):
            raise AttemptError(NOT_AN_OPTION)
        if set(ranks) != set(options):
            raise AttemptError(RANK_EVERY_ITEM)
        if any(not 1 <= rank <= len(options) for rank in ranks.values()):
            raise AttemptError(RANK_OUT_OF_RANGE)
        if len(set(ranks.values())) != len(ranks):
            raise AttemptError(RANK_USED_TWICE)


@dataclass(frozen=True)
class _Counters:
    finished_at: datetime.datetime | None
    answered_count: int
    score: int
    question_count: int


def _lock_attempt(pk: int) -> _Counters | None:
    """The attempt's counters, its row locked until the transaction ends (PostgreSQL; SQLite
    has locked the whole database since BEGIN). In plain SQL: an answer's time is mostly spent
    here and in ``_count_answer``, and the ORM took longer to write these than to run them."""
    table = connection.ops.quote_name(Attempt._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT finished_at, answered_count, score, question_count "
            f"FROM {table} WHERE id = %s{lock}",
            [pk],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    column = Attempt._meta.get_field("finished_at").get_col(Attempt._meta.db_table)
    finished_at = row[0]
    for convert in connection.ops.get_db_converters(column):
        finished_at = convert(finished_at, column, connection)
    return _Counters(finished_at, row[1], row[2], row[3])


# SQLSTATE of a broken unique constraint.
UNIQUE_VIOLATION = "23505"

# One more answer and maybe one more point, unless the attempt is over; parameters: 1 if right,
# the time it finishes at if this is its last question, its id.
_COUNT_SQL = (
    "UPDATE {table} SET answered_count = answered_count + 1, score = score + %s, "
    "finished_at = CASE WHEN answered_count >= question_count - 1 THEN %s "
    "ELSE finished_at END WHERE id = %s AND finished_at IS NULL "
    "RETURNING answered_count, score, question_count"
)


def _count_answer(pk: int, *, right: bool, now: datetime.datetime) -> tuple[int, int, int] | None:
    """One more answer (and one more point if ``right``), unless the attempt is over; it is
    finished at ``now`` when this was its last question. Counted by the database, from the row
    as it is, which stays locked until the transaction ends. The answers, score and questions
    counted then; None if the attempt was already finished (or is gone): nothing counted."""
    table = connection.ops.quote_name(Attempt._meta.db_table)
    when = Attempt._meta.get_field("finished_at").get_db_prep_value(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL.format(table=table), [int(right), when, pk])
        return cursor.fetchone()


def _record_answer(
    answer: Answer, *, right: bool, now: datetime.datetime
) -> tuple[int, int, int] | None:
    """Count the answer (``_count_answer``) and store it, both or neither. Counted first: the
    attempt's row, locked, queues concurrent answers to it (SQLite: the write lock taken at
    BEGIN). What ``_count_answer`` returns; raises ``_AnsweredBefore`` when the question was
    already answered (nothing counted then)."""
    if connection.vendor == "postgresql":
        return _record_answer_in_one_statement(answer, right=right, now=now)
    with transaction.atomic():
        counted = _count_answer(answer.attempt_id, right=right, now=now)
        if counted is not None and not insert_new(answer, using=connection.alias):
            raise _AnsweredBefore
    return counted


def _record_answer_in_one_statement(
    answer: Answer, *, right: bool, now: datetime.datetime
) -> tuple[int, int, int] | None:
    """``_record_answer`` as one PostgreSQL statement: the count's UPDATE, then an INSERT fed by
    its row, so nothing is inserted when nothing was counted. One statement is atomic on its
    own: a second answer to the question breaks the unique constraint, and the whole statement,
    its count included, is undone. Out of a transaction, that is one round trip instead of the
    transaction's four; in one, a savepoint keeps the transaction usable after that error."""
    table = connection.ops.quote_name(Attempt._meta.db_table)
    when = Attempt._meta.get_field("finished_at").get_db_prep_value(now, connection)
    columns, values = insert_values(answer, using=connection.alias)
    quote = connection.ops.quote_name
    sql = (
        f"WITH counted AS ({_COUNT_SQL.format(table=table)}), "
        f"recorded AS (INSERT INTO {quote(Answer._meta.db_table)} ({columns}) "
        f"SELECT {', '.join(['%s'] * len(values))} FROM counted "
        f"RETURNING {quote(Answer._meta.pk.column)}) "
        "SELECT answered_count, score, question_count, recorded.* FROM counted, recorded"
    )
    try:
        savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with savepoint, connection.cursor() as cursor:
            cursor.execute(sql, [int(right), when, answer.attempt_id, *values])
            row = cursor.fetchone()
    except IntegrityError as error:
        if getattr(error.__cause__, "sqlstate", None) == UNIQUE_VIOLATION:
            raise _AnsweredBefore from error
        raise
    if row is None:
        return None
    inserted(answer, row[3], using=connection.alias)
    return row[0], row[1], row[2]


class _AnsweredBefore(Exception):
    """Raised when the question was answered by a request that got there first: this answer's
    count is undone with its transaction (or its statement)."""


def _attempt_over(attempt: Attempt, *, now: datetime.datetime) -> AnswerOutcome | None:
    """Why the attempt takes no more answers (finished, or its time ran out: then it is
    finished now), else None. Raises ``AttemptError`` if the attempt is gone."""
    with transaction.atomic():
        locked = _lock_attempt(attempt.pk)
        if locked is None:
            raise AttemptError(NOT_IN_ATTEMPT)
        if locked.finished_at is not None:
            attempt.finished_at = locked.finished_at
            return AnswerOutcome(AnswerStatus.FINISHED, message=ATTEMPT_FINISHED)
        deadline = attempt_deadline(attempt)
        if deadline is not None and now > deadline + ANSWER_GRACE:
            Attempt.objects.filter(pk=attempt.pk).update(finished_at=deadline)
            attempt.finished_at = deadline
            return AnswerOutcome(AnswerStatus.TIME_IS_UP, message=TIME_IS_UP)
    return None


def _grade(
    form: AnswerForm,
    choices: list[Choice],
    shown: set[int],
    *,
    choice_id: int | None,
    checked: Sequence[int] | None,
    pairs: Mapping[int, int] | None,
    ranks: Mapping[int, int] | None,
) -> tuple[Choice | None, Grade]:
    """The response graded on the options shown: the option chosen (one right answer) and the
    grade. Raises ``AttemptError`` when the response is not made of those options."""
    if form == AnswerForm.SINGLE:
        chosen = next((choice for choice in choices if choice.pk == choice_id), None)
        if chosen is None:
            raise AttemptError(NOT_AN_OPTION)
        return chosen, grade_single(chosen)
    if len(choices) != len(shown):
        raise AttemptError(NOT_AN_OPTION)
    if form == AnswerForm.MULTIPLE:
        return None, grade_multiple(choices, checked)
    if form == AnswerForm.MATCHING:
        return None, grade_matching(choices, pairs)
    return None, grade_ordering(choices, ranks)


def attempt_answer(
    *,
    attempt: Attempt,
    item: AttemptQuestion,
    choice_id: int | None = None,
    checked: Sequence[int] | None = None,
    pairs: Mapping[int, int] | None = None,
    ranks: Mapping[int, int] | None = None,
    now: datetime.datetime | None = None,
) -> AnswerOutcome:
    """Grade and record the answer to one of the attempt's questions.

    The response fits the question's kind: ``choice_id``, the option chosen (one right answer,
    true/false); ``checked``, the options ticked (several right answers); ``pairs``, each
    option's id → the id of the option whose associated item the student gave it (matching);
    ``ranks``, each option's id → the rank given, 1 for the first (ordering). A response of
    another form, incomplete, or made of anything but the question's options raises
    ``AttemptError`` with a message for the student. A second answer to the same question, an
    answer after the last one or after the time limit change nothing: the outcome says which.
    The attempt's counters move in the same transaction, and it is finished when its last
    question is answered. ``attempt`` is updated in memory to match.
    """
    if item.attempt_id != attempt.pk:
        raise AttemptError(NOT_IN_ATTEMPT)
    form = item.question.answer_form
    _check_response(item, form=form, choice_id=choice_id, checked=checked, pairs=pairs, ranks=ranks)
    now = now or timezone.now()
    # Graded on the options the attempt showed: one a teacher added since is not part of the
    # question the student saw; one deleted since leaves a response that cannot be.
    shown = set(item.choice_order)
    choices = [choice for choice in item_choices(item) if choice.pk in shown]
    try:
        chosen, grade = _grade(
            form, choices, shown, choice_id=choice_id, checked=checked, pairs=pairs, ranks=ranks
        )
    except AttemptError:
        # An attempt that is over says so, whatever the response.
        over = _attempt_over(attempt, now=now)
        if over is not None:
            return over
        raise
    deadline = attempt_deadline(attempt)
    if deadline is not None and now > deadline + ANSWER_GRACE:
        over = _attempt_over(attempt, now=now)
        if over is not None:
            return over
    answer = Answer(
        attempt=attempt,
        question_id=item.question_id,
        choice=chosen,
        response=response_value(form=form, checked=checked or (), pairs=pairs, ranks=ranks),
        is_correct=grade.is_correct,
    )
    try:
        counted = _record_answer(answer, right=grade.is_correct, now=now)
    except _AnsweredBefore:
        return AnswerOutcome(AnswerStatus.ALREADY_ANSWERED, message=ALREADY_ANSWERED)
    if counted is None:
        # Finished (or gone) since it was read.
        return _attempt_over(attempt, now=now) or AnswerOutcome(
            AnswerStatus.FINISHED, message=ATTEMPT_FINISHED
        )
    attempt.answered_count, attempt.score, question_count = counted
    if attempt.answered_count >= question_count:
        attempt.finished_at = now
    return AnswerOutcome(AnswerStatus.RECORDED, answer=answer)


def attempt_retry_mistakes(
    *,
    attempt: Attempt,
    session_key: str,
    rng: random.Random,
    now: datetime.datetime | None = None,
) -> Attempt:
    """A new attempt at the questions missed: answered wrongly, or left when the time ran out.

    Questions retired since are left out. Raises ``AttemptError`` while the attempt is still
    going, or when there is nothing to retry.
    """
    if not attempt_is_over(attempt, now=now or timezone.now()):
        raise AttemptError(ATTEMPT_NOT_OVER)
    right = Answer.objects.filter(attempt=attempt, question=OuterRef("pk"), is_correct=True)
    missed = list(
        Question.objects.filter(attempt_items__attempt=attempt)
        .exclude(status=Question.Status.RETIRED)
        .exclude(Exists(right))
        .only("pk")
    )
    if not missed:
        raise AttemptError(NOTHING_TO_RETRY)
    return attempt_start(
        quiz=attempt.quiz,
        session_key=session_key,
        rng=rng,
        display_name=attempt.display_name,
        questions=missed,
        retry_of=attempt,
    )
