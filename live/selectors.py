"""What the projector and the phones show of a live session.

The polls first ask for a short token of the state (one indexed query); only when it differs
from what the client shows is anything rendered.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from classroom.models import Participant, SessionQuestion, code_normalize
from live.models import LiveState
from quiz.grading import response_pairs, response_ranks
from quiz.models import Answer, AnswerForm, Choice

Phase = LiveState.Phase

LEADERBOARD_SIZE = 10


def _closed(phase: str, started: datetime.datetime | None, seconds: int, now: datetime.datetime):
    return (
        phase == Phase.QUESTION
        and started is not None
        and now >= started + datetime.timedelta(seconds=seconds)
    )


def screen_token(*, code: str, now: datetime.datetime) -> str:
    """What the projector's view depends on: the state's version, the answers to the current
    question, the students who joined, whether the countdown is over and whether the session
    was closed (from the teacher's session page too). One query."""
    joined = (
        Participant.objects.filter(session_id=OuterRef("pk"))
        .order_by()
        .values("session_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    row = (
        LiveState.objects.filter(session__code=code_normalize(code))
        .values_list(
            "version", "answered", "phase", "phase_started_at", "seconds", "session__closed_at"
        )
        .annotate(joined=Coalesce(Subquery(joined, output_field=IntegerField()), Value(0)))
        .first()
    )
    if row is None:
        return "new"
    version, answered, phase, started, seconds, ended, joined_count = row
    closed = _closed(phase, started, seconds, now)
    return f"{version}.{answered}.{joined_count}.{int(closed)}.{int(ended is not None)}"


def phone_token(*, code: str, now: datetime.datetime) -> str:
    """What a phone's view depends on, besides the student's own answer (which only their own
    request changes): the state's version, whether the countdown is over and whether the
    session was closed. One query."""
    row = (
        LiveState.objects.filter(session__code=code_normalize(code))
        .values_list("version", "phase", "phase_started_at", "seconds", "session__closed_at")
        .first()
    )
    if row is None:
        return "new"
    version, phase, started, seconds, ended = row
    closed = _closed(phase, started, seconds, now)
    return f"{version}.{int(closed)}.{int(ended is not None)}"


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


def participant_answer(participant: Participant, session_question: SessionQuestion):
    """The participant's answer to the question, if any."""
    return Answer.objects.filter(
        attempt_id=participant.attempt_id, question_id=session_question.question_id
    ).first()
