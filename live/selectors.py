"""What the projector and the phones show of a live session.

The polls first ask for a short token of the state (one indexed query); only when it differs
from what the client shows is anything rendered.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from classroom.models import Participant, SessionQuestion, code_normalize
from live.models import LiveState
from quiz.grading import response_pairs, response_ranks
from quiz.models import Answer, AnswerForm, AttemptQuestion, Choice

Phase = LiveState.Phase

LEADERBOARD_SIZE = 10
# A phone shows the same page during the correction and the leaderboard.
PHONE_STEPS = {Phase.LEADERBOARD: Phase.REVEAL}


def _token_rows(*, screen: bool, code: str, now: datetime.datetime) -> QuerySet:
    """The state's row as a poll's token needs it (see ``screen_token`` and ``phone_token``)."""
    rows = LiveState.objects.filter(session__code=code).annotate(
        ended=ExpressionWrapper(Q(session__closed_at__isnull=False), output_field=BooleanField())
    )
    if not screen:
        return rows.values_list("position", "phase", "ended")[:1]
    joined = (
        Participant.objects.filter(session_id=OuterRef("pk"))
        .order_by()
        .values("session_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = rows.annotate(
        closed=ExpressionWrapper(Q(closes_at__lte=now), output_field=BooleanField()),
        joined=Coalesce(Subquery(joined, output_field=IntegerField()), Value(0)),
    )
    return rows.values_list("version", "answered", "joined", "closed", "ended")[:1]


# The polls run this one query many times a second: it is compiled once per process and
# database from the queryset above (so it follows the models), with these stand-ins for the
# code and the time; ``test_selectors`` checks that both give the same token.
_CODE = "live-poll-code"
_NOW = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@functools.cache
def _token_sql(*, screen: bool, alias: str) -> tuple[str, tuple[object, ...]]:
    query = _token_rows(screen=screen, code=_CODE, now=_NOW).query
    return query.get_compiler(alias).as_sql()


def _token(*, screen: bool, code: str, now: datetime.datetime, compiled: bool = True) -> str:
    code = code_normalize(code)
    if compiled:
        connection = connections[router.db_for_read(LiveState)]
        sql, params = _token_sql(screen=screen, alias=connection.alias)
        stand_in = connection.ops.adapt_datetimefield_value(_NOW)
        moment = connection.ops.adapt_datetimefield_value(now)
        values = [code if p == _CODE else moment if p == stand_in else p for p in params]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            row = cursor.fetchone()
    else:
        row = next(iter(_token_rows(screen=screen, code=code, now=now)), None)
    if row is None:
        return "new"
    if not screen:
        position, phase, ended = row
        return f"{position}.{PHONE_STEPS.get(phase, phase)}.{int(ended)}"
    # A comparison with no countdown is NULL: not over.
    return ".".join(str(int(value or 0)) for value in row)


def screen_token(*, code: str, now: datetime.datetime) -> str:
    """What the projector's view depends on: the state's version, the answers to the current
    question, the students who joined, whether the countdown is over and whether the session
    was closed (from the teacher's session page too). One query."""
    return _token(screen=True, code=code, now=now)


def phone_token(*, code: str, now: datetime.datetime) -> str:
    """What a phone's view depends on, besides the student's own answer (which only their own
    request changes): the question and its step (the correction and the leaderboard look the
    same on a phone) and whether the session was closed. Not the countdown's end: the page
    counts down itself, and the server refuses a late answer. One query.

    A class of phones renders its page again at each change of this token, all at once: it
    changes as seldom as the phone's page does."""
    return _token(screen=False, code=code, now=now)


def phone_token_of(state: LiveState, *, ended: bool) -> str:
    """``phone_token`` of a state row already read, without a query; ``ended``: whether its
    session is closed."""
    return f"{state.position}.{PHONE_STEPS.get(state.phase, state.phase)}.{int(ended)}"


def session_options(session_question: SessionQuestion) -> list[Choice]:
    """The question's options in the order the session shows them."""
    order = session_question.choice_order
    by_id = {choice.pk: choice for choice in Choice.objects.filter(pk__in=order)}
    return [by_id[pk] for pk in order if pk in by_id]


@dataclass(frozen=True)
class Bar:
    """One option of the distribution: how many students chose it (ticked it, matched it
    right, put it at its place), and whether it is (part of) the right answer."""

    choice: Choice
    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


@dataclass(frozen=True)
class Distribution:
    form: AnswerForm
    bars: list[Bar]
    answered: int
    right: int

    @property
    def right_percent(self) -> int:
        return round(100 * self.right / self.answered) if self.answered else 0


def distribution(*, session_id: int, session_question: SessionQuestion) -> Distribution:
    """The answers of the session's students to one question, per option. Two queries."""
    question = session_question.question
    form = question.answer_form
    options = session_options(session_question)
    rows = list(
        Answer.objects.filter(
            question_id=question.pk, attempt__participant__session_id=session_id
        ).values_list("choice_id", "response", "is_correct")
    )
    counts = dict.fromkeys((option.pk for option in options), 0)
    by_id = {option.pk: option for option in options}
    for choice_id, response, _right in rows:
        if form == AnswerForm.SINGLE:
            hits = [choice_id]
        elif form == AnswerForm.MULTIPLE:
            hits = response if isinstance(response, list) else []
        elif form == AnswerForm.MATCHING:
            hits = [left for left, right in response_pairs(response).items() if left == right]
        else:
            ranks = response_ranks(response)
            hits = [pk for pk, rank in ranks.items() if pk in by_id and by_id[pk].rank == rank]
        for pk in hits:
            if pk in counts:
                counts[pk] += 1
    answered = len(rows)
    if form == AnswerForm.ORDERING:
        options.sort(key=lambda option: (option.rank or 0, option.pk))
    return Distribution(
        form=form,
        bars=[Bar(choice=option, count=counts[option.pk], total=answered) for option in options],
        answered=answered,
        right=sum(1 for row in rows if row[2]),
    )


@dataclass(frozen=True)
class Standing:
    rank: int
    name: str
    score: int


def leaderboard(*, session_id: int, size: int = LEADERBOARD_SIZE) -> list[Standing]:
    """The best scores so far (right answers), ties sharing a rank. One query."""
    rows = (
        Participant.objects.filter(session_id=session_id)
        .order_by("-attempt__score", "name_key")
        .values_list("display_name", "attempt__score")[:size]
    )
    standings: list[Standing] = []
    for index, (name, score) in enumerate(rows):
        tied = standings and standings[-1].score == score
        standings.append(
            Standing(rank=standings[-1].rank if tied else index + 1, name=name, score=score)
        )
    return standings


def participant_rank(participant: Participant) -> int:
    """The participant's place: one more than the number of students with a better score."""
    score = participant.attempt.score
    better = Participant.objects.filter(
        session_id=participant.session_id, attempt__score__gt=score
    ).count()
    return better + 1


def participant_answer(participant: Participant, *, position: int) -> Answer | None:
    """The participant's answer to the session's question at ``position``, if any: one query,
    through the participant's own copy of the questions."""
    asked = AttemptQuestion.objects.filter(
        attempt_id=participant.attempt_id, position=position - 1
    ).values("question_id")
    return Answer.objects.filter(attempt_id=participant.attempt_id, question_id__in=asked).first()
