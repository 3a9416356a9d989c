"""A session's results for its teacher: the students × questions grid, each question's answer
distribution, the time each answer took, and the CSV export of the grid."""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from classroom.models import Participant, Session, SessionQuestion
from quiz.models import Answer, AnswerForm, Choice


@dataclass(frozen=True)
class Cell:
    """One student's answer to one question: right, wrong or blank, and how long it took."""

    state: str  # "right", "wrong" or "blank"
    seconds: int | None = None


@dataclass(frozen=True)
class Row:
    participant: Participant
    cells: list[Cell]

    @property
    def score(self) -> int:
        return sum(1 for cell in self.cells if cell.state == "right")

    @property
    def answered(self) -> int:
        return sum(1 for cell in self.cells if cell.state != "blank")

    @property
    def seconds(self) -> int:
        return sum(cell.seconds or 0 for cell in self.cells)


@dataclass(frozen=True)
class OptionCount:
    choice: Choice
    count: int
    percent: int


@dataclass
class QuestionSummary:
    """A question of the session: how many answered it right, wrong, not at all; and, for a
    question with one right option, how often each option was chosen."""

    item: SessionQuestion
    right: int = 0
    wrong: int = 0
    blank: int = 0
    options: list[OptionCount] = field(default_factory=list)
    median_seconds: int | None = None

    @property
    def percent_right(self) -> int:
        total = self.right + self.wrong + self.blank
        return round(100 * self.right / total) if total else 0


@dataclass(frozen=True)
class SessionResults:
    session: Session
    questions: list[QuestionSummary]
    rows: list[Row]


def _median(values: list[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return round((ordered[middle - 1] + ordered[middle]) / 2)


def session_results(*, session: Session) -> SessionResults:
    """The grid and the per-question summaries, in four queries whatever the class size.

    An answer's time runs from the moment its question opened on the projector (in a live
    session; from the student's joining if they came later), else from the previous answer of
    the same student (or from their joining, for the first), as a participant at their own pace
    answers the session's questions one after the other.
    """
    items = list(
        SessionQuestion.objects.filter(session=session)
        .select_related("question")
        .order_by("position")
    )
    participants = list(
        Participant.objects.filter(session=session).select_related("attempt").order_by("name_key")
    )
    answers: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(attempt__participant__session=session).order_by(
        "answered_at", "pk"
    ):
        answers.setdefault(answer.attempt_id, []).append(answer)
    choices = {
        choice.pk: choice
        for choice in Choice.objects.filter(question_id__in=[item.question_id for item in items])
    }
    summaries = [QuestionSummary(item=item) for item in items]
    chosen: list[Counter[int]] = [Counter() for _item in items]
    times: list[list[int]] = [[] for _item in items]
    index = {item.question_id: number for number, item in enumerate(items)}
    rows = []
    for participant in participants:
        cells = [Cell("blank") for _item in items]
        since: datetime.datetime = participant.attempt.started_at
        for answer in answers.get(participant.attempt_id, []):
            number = index.get(answer.question_id)
            if number is None:
                continue
            opened = items[number].opened_at
            start = since if opened is None else max(opened, participant.attempt.started_at)
            seconds = max(0, round((answer.answered_at - start).total_seconds()))
            since = answer.answered_at
            cells[number] = Cell("right" if answer.is_correct else "wrong", seconds)
            times[number].append(seconds)
            if answer.choice_id is not None:
                chosen[number][answer.choice_id] += 1
        for number, cell in enumerate(cells):
            summary = summaries[number]
            if cell.state == "right":
                summary.right += 1
            elif cell.state == "wrong":
                summary.wrong += 1
            else:
                summary.blank += 1
        rows.append(Row(participant=participant, cells=cells))
    for number, summary in enumerate(summaries):
        summary.median_seconds = _median(times[number])
        if summary.item.question.answer_form == AnswerForm.SINGLE:
            total = sum(chosen[number].values())
            summary.options = [
                OptionCount(
                    choice=choices[pk],
                    count=chosen[number][pk],
                    percent=round(100 * chosen[number][pk] / total) if total else 0,
                )
                for pk in summary.item.choice_order
                if pk in choices
            ]
    return SessionResults(session=session, questions=summaries, rows=rows)


def session_results_csv(results: SessionResults) -> str:
    """The grid as CSV: one line per student, for each question « juste », « faux » or empty
    and the seconds it took, then the score and the total time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [_("Nom")]
    for summary in results.questions:
        number = summary.item.position
        header += [_("Q%(n)d") % {"n": number}, _("Q%(n)d secondes") % {"n": number}]
    header += [_("Score"), _("Questions"), _("Secondes")]
    writer.writerow(header)
    words = {"right": _("juste"), "wrong": _("faux"), "blank": ""}
    for row in results.rows:
        line = [_csv_safe(row.participant.display_name)]
        for cell in row.cells:
            line += [words[cell.state], "" if cell.seconds is None else cell.seconds]
        line += [row.score, len(row.cells), row.seconds]
        writer.writerow(line)
    return buffer.getvalue()


def _csv_safe(text: str) -> str:
    """A name a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
