"""Item analysis for teachers, and the attempts export.

Only finished attempts count: an attempt in progress would pull the facility of the questions
a student has not reached yet towards nobody, and its score does not rank the student.
"""

from __future__ import annotations

import codecs
import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from quiz.grading import response_pairs, response_ranks
from quiz.models import Answer, AnswerForm, Attempt, AttemptQuestion, Choice, Question

# Kelley's classic groups: the top and the bottom 27 % of the attempts ranked by score.
GROUP_PERCENT = 27
# Below this many finished attempts the two groups hold one or two students each and the
# index says more about them than about the question.
DISCRIMINATION_MIN_ATTEMPTS = 5

FINISHED = Q(attempt__finished_at__isnull=False)


@dataclass(frozen=True)
class ChoiceStats:
    choice_id: int
    text: str
    is_correct: bool
    count: int
    """Answers that chose this option (one right answer, true/false), ticked it (several right
    answers), gave it its own item (matching) or put it at its place (ordering)."""
    share: float | None
    """Percentage of the question's answers that did; None without answers."""


@dataclass(frozen=True)
class QuestionStats:
    question_id: int
    answers: int = 0
    correct: int = 0
    facility: float | None = None
    """Percentage of answers that were right; None without answers."""
    discrimination: float | None = None
    """p(upper) − p(lower), from −1 to 1; None with fewer than DISCRIMINATION_MIN_ATTEMPTS."""
    attempts: int = 0
    """Finished attempts that drew the question, answered or not."""
    choices: list[ChoiceStats] = field(default_factory=list)
    form: AnswerForm = AnswerForm.SINGLE
    """How the question is answered: what ``ChoiceStats.count`` counts."""


def group_size(attempts: int) -> int:
    """27 % of the attempts, rounded half up, at least one."""
    return max(1, (attempts * GROUP_PERCENT + 50) // 100)


def discrimination_index(ranked: list[bool]) -> float | None:
    """p(upper) − p(lower) for one question.

    ``ranked`` holds, for each finished attempt that drew the question, whether it answered
    it right, from the best attempt to the worst.
    """
    if len(ranked) < DISCRIMINATION_MIN_ATTEMPTS:
        return None
    size = group_size(len(ranked))
    upper, lower = ranked[:size], ranked[-size:]
    return sum(upper) / size - sum(lower) / size


def question_statistics(
    *, questions: QuerySet[Question] | Iterable[Question]
) -> dict[int, QuestionStats]:
    """Answers, facility, discrimination and each option's share, for every question given.

    Facility is the share of answers wholly right, whatever the kind. Each option's count
    depends on the kind (see ``ChoiceStats.count``). Three queries whatever the number of
    questions and attempts (four when ``questions`` is a QuerySet, to list them): the options
    with how often each was chosen, counted by the database; the responses of the kinds that
    store one (several right answers, matching, ordering), counted here; and one row per
    finished attempt that drew one of the questions, to rank the attempts and count the
    answers. An unanswered question counts as missed in the ranking, as in a paper test.
    """
    if isinstance(questions, QuerySet):
        ids = list(questions.values_list("pk", flat=True))
        scope: QuerySet[Question] | list[int] = questions.values("pk")
    else:
        ids = [question.pk for question in questions]
        scope = ids

    choices = (
        Choice.objects.filter(question__in=scope)
        .annotate(
            kind=F("question__kind"),
            chosen=Count("answers", filter=Q(answers__attempt__finished_at__isnull=False)),
        )
        .order_by("question_id", "position", "id")
    )
    by_question: dict[int, list[Choice]] = defaultdict(list)
    forms: dict[int, AnswerForm] = {}
    for choice in choices:
        by_question[choice.question_id].append(choice)
        forms[choice.question_id] = Question(kind=choice.kind).answer_form

    # Counted here rather than by the database: what a JSON list or object holds is read
    # differently by each database.
    counted: dict[int, int] = defaultdict(int)
    responses = Answer.objects.filter(
        FINISHED, question__in=scope, response__isnull=False
    ).values_list("question_id", "response")
    for question_id, response in responses:
        form = forms.get(question_id)
        if form == AnswerForm.MULTIPLE and isinstance(response, list):
            ticked = [pk for pk in response if isinstance(pk, int)]
        elif form == AnswerForm.MATCHING:
            ticked = [left for left, right in response_pairs(response).items() if left == right]
        elif form == AnswerForm.ORDERING:
            ranks = response_ranks(response)
            ticked = [c.pk for c in by_question[question_id] if ranks.get(c.pk) == c.rank]
        else:
            ticked = []
        for pk in ticked:
            counted[pk] += 1

    answered = Answer.objects.filter(
        attempt_id=OuterRef("attempt_id"), question_id=OuterRef("question_id")
    )
    items = (
        AttemptQuestion.objects.filter(FINISHED, question__in=scope, attempt__question_count__gt=0)
        .annotate(answered=Exists(answered), right=Exists(answered.filter(is_correct=True)))
        .values_list(
            "question_id",
            "attempt_id",
            "attempt__score",
            "attempt__question_count",
            "answered",
            "right",
        )
    )
    drawn: dict[int, list[tuple[float, int, bool]]] = defaultdict(list)
    answer_counts: dict[int, int] = defaultdict(int)
    for question_id, attempt_id, score, question_count, was_answered, right in items:
        drawn[question_id].append((score / question_count, attempt_id, right))
        answer_counts[question_id] += int(was_answered)

    statistics: dict[int, QuestionStats] = {}
    for question_id in ids:
        options = by_question.get(question_id, [])
        form = forms.get(question_id, AnswerForm.SINGLE)
        ranking_rows = drawn.get(question_id, [])
        answers = answer_counts[question_id]
        correct = sum(1 for _, _, right in ranking_rows if right)
        # Best first; equal scores in the order the attempts were made, so that the result
        # does not depend on the database's whims.
        ranking = sorted(ranking_rows, key=lambda row: (-row[0], row[1]))
        counts = {
            choice.pk: choice.chosen if form == AnswerForm.SINGLE else counted[choice.pk]
            for choice in options
        }
        statistics[question_id] = QuestionStats(
            question_id=question_id,
            answers=answers,
            correct=correct,
            facility=_percent(correct, answers),
            discrimination=discrimination_index([right for _, _, right in ranking]),
            attempts=len(ranking),
            form=form,
            choices=[
                ChoiceStats(
                    choice_id=choice.pk,
                    text=choice.text,
                    is_correct=choice.is_correct,
                    count=counts[choice.pk],
                    share=_percent(counts[choice.pk], answers),
                )
                for choice in options
            ],
        )
    return statistics


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def questions_with_answer_counts(questions: QuerySet[Question]) -> QuerySet[Question]:
    """Annotates ``answer_total``, ``correct_total`` and ``facility`` (a percentage, NULL
    without answers) from finished attempts, with subqueries so the list needs no GROUP BY."""
    finished = Answer.objects.filter(question_id=OuterRef("pk"), attempt__finished_at__isnull=False)

    def counted(answers: QuerySet[Answer]) -> Coalesce:
        total = answers.order_by().values("question_id").annotate(n=Count("id")).values("n")
        return Coalesce(Subquery(total, output_field=IntegerField()), 0)

    questions = questions.annotate(
        answer_total=counted(finished), correct_total=counted(finished.filter(is_correct=True))
    )
    return questions.annotate(
        facility=Value(100.0)
        * Cast(F("correct_total"), FloatField())
        / NullIf(Cast(F("answer_total"), FloatField()), Value(0.0))
    )


# Semicolons, because the spreadsheets our teachers use in French open a CSV by double-click
# with the locale's list separator, which is ";" wherever the decimal mark is a comma.
CSV_DELIMITER = ";"
# Text a spreadsheet would run as a formula when it starts with one of these; students type
# their display name, so it is neutralised.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def attempt_rows(*, attempts: QuerySet[Attempt]) -> Iterator[list[str]]:
    """The header, then one row per question each attempt drew, answered or not, in the order
    shown. Streams from the database: the answer is fetched by subqueries, not held in memory.
    """
    yield [
        _("quiz"),
        _("tentative"),
        _("nom affiché"),
        _("commencée le"),
        _("terminée le"),
        _("bonnes réponses"),
        _("questions"),
        _("question n°"),
        _("type"),
        _("énoncé"),
        _("réponse donnée"),
        _("juste"),
        _("répondu le"),
    ]
    answer = Answer.objects.filter(
        attempt_id=OuterRef("attempt_id"), question_id=OuterRef("question_id")
    )
    items = (
        AttemptQuestion.objects.filter(attempt__in=attempts.values("pk"))
        .select_related("attempt__quiz", "question")
        # Fetched with each chunk of rows, to write the responses of the kinds that store one.
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))
        )
        .annotate(
            answer_text=Subquery(answer.values("choice__text")[:1]),
            answer_response=Subquery(answer.values("response")[:1], output_field=JSONField()),
            answer_right=Subquery(answer.values("is_correct")[:1]),
            answer_at=Subquery(answer.values("answered_at")[:1]),
        )
        .order_by("-attempt__started_at", "attempt_id", "position")
    )
    yes, no = _("oui"), _("non")
    for item in items.iterator(chunk_size=2000):
        attempt, question = item.attempt, item.question
        yield [
            _cell(attempt.quiz.title),
            str(attempt.uuid),
            _cell(attempt.display_name),
            _moment(attempt.started_at),
            _moment(attempt.finished_at),
            str(attempt.score),
            str(attempt.question_count),
            str(question.pk),
            str(question.get_kind_display()),
            _cell(question.stem),
            _cell(
                item.answer_text or response_text(question=question, response=item.answer_response)
            ),
            yes if item.answer_right else no,
            _moment(item.answer_at),
        ]


RESPONSE_SEPARATOR = " | "


def response_text(*, question: Question, response: object) -> str:
    """A stored response in words: the options ticked; each option → the item given to it;
    the options in the order given, numbered. "" for a single answer or no answer."""
    choices = list(question.choices.all())
    by_id = {choice.pk: choice for choice in choices}
    form = question.answer_form
    if response is None or form == AnswerForm.SINGLE:
        return ""
    if form == AnswerForm.MULTIPLE:
        ticked = set(response) if isinstance(response, list) else set()
        parts = [choice.text for choice in choices if choice.pk in ticked]
    elif form == AnswerForm.MATCHING:
        pairs = response_pairs(response)
        parts = [
            f"{choice.text} → {by_id[pairs[choice.pk]].pair}"
            for choice in choices
            if pairs.get(choice.pk) in by_id
        ]
    else:
        order = sorted(response_ranks(response).items(), key=lambda row: row[1])
        parts = [f"{rank}. {by_id[pk].text}" for pk, rank in order if pk in by_id]
    return RESPONSE_SEPARATOR.join(parts)


def attempts_csv(*, attempts: QuerySet[Attempt]) -> Iterator[str]:
    """The export as CSV text in pieces, for a StreamingHttpResponse: UTF-8 with a byte order
    mark so that spreadsheets guess the encoding, ``;`` between fields."""
    buffer = _Echo()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    yield codecs.BOM_UTF8.decode("utf-8")
    for row in attempt_rows(attempts=attempts):
        yield writer.writerow(row)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _moment(value: object) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
