"""The student's side of the quiz: the list, an attempt's questions, feedback and results."""

from __future__ import annotations

import random
from dataclasses import dataclass
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from quiz.attempts import (
    NOT_AN_OPTION,
    NOT_IN_ATTEMPT,
    RANK_OUT_OF_RANGE,
    TICK_AN_OPTION,
    AttemptError,
    attempt_answer,
    attempt_deadline,
    attempt_is_over,
    attempt_retry_mistakes,
    attempt_start,
    attempt_time_taken,
)
from quiz.models import AnswerForm, Attempt, AttemptQuestion, Choice, Kind, Quiz
from quiz.selectors import (
    attempt_current_item,
    attempt_for_session,
    attempt_review,
    attempt_with_current_item,
    attempt_with_item,
    attempt_with_item_and_next,
    item_options,
    quiz_published,
    quizzes_published,
)
from summit.views import HtmxHttpRequest, htmx_swap

QUIZ_NOT_FOUND = _("Ce quiz n’existe pas ou n’est pas ouvert.")
ATTEMPT_NOT_FOUND = _(
    "Ce quiz est introuvable : le lien est erroné, ou il a été commencé dans un autre navigateur."
)
CHOOSE_AN_OPTION = _("Choisissez une réponse avant de valider.")
# How to answer, said in words above the options: the controls alone do not say it.
HINTS: dict[str, str | Promise] = {
    AnswerForm.MULTIPLE: _("Cochez toutes les bonnes réponses (il y en a plusieurs)."),
    AnswerForm.MATCHING: _(
        "Pour chaque élément, choisissez dans la liste celui qui va avec. Chacun ne sert "
        "qu’une fois."
    ),
    AnswerForm.ORDERING: _("Donnez à chaque élément sa place dans l’ordre : 1 pour le premier."),
    Kind.TRUE_FALSE: _("Cette affirmation est-elle vraie ou fausse ?"),
}


class StartForm(forms.Form):
    display_name = forms.CharField(
        label=_("Votre nom (facultatif)"), max_length=80, required=False, strip=True
    )


def _attempt_url(attempt: Attempt, *, feedback: int | None = None) -> str:
    url = reverse("attempt_detail", kwargs={"uuid": attempt.uuid})
    return f"{url}?feedback={feedback + 1}" if feedback is not None else url


def _redirect(request: HtmxHttpRequest, url: str) -> HttpResponse:
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def _session_key(request: HtmxHttpRequest) -> str:
    """This browser's session key: the session is created first if there is none (or if the
    one the cookie names has expired, since an attempt bound to it would be lost)."""
    session = request.session
    if session.session_key is None or not session.exists(session.session_key):
        session.create()
    return session.session_key


def _not_found(request: HtmxHttpRequest, message: str | Promise) -> HttpResponse:
    return render(request, "quiz/not_found.html", {"message": message}, status=404)


def _number(raw: str | None) -> int | None:
    """A number sent by a form or a link, written in ASCII digits; else None. (``isdigit``
    alone lets « ² » and 5,000-digit strings through, on which ``int`` raises.)"""
    if raw is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        return None
    return int(raw)


def posted_position(raw: str | None) -> int | None:
    """A question's number as on the page (``?feedback=3``, ``item=3``) → its position, 2."""
    number = _number(raw)
    return None if number is None else number - 1


@dataclass(frozen=True)
class OptionField:
    """One option of the question form: its number in the form, the option, and what the
    student had sent for it when the form comes back with an error ("" if nothing)."""

    index: int
    choice: Choice
    sent: str = ""


def option_fields(
    item: AttemptQuestion, options: list[Choice], posted: QueryDict | None
) -> list[OptionField]:
    form = item.question.answer_form
    posted = posted or QueryDict()
    ticked = set(posted.getlist("choice"))
    fields = []
    for index, choice in enumerate(options):
        if form == AnswerForm.MATCHING:
            sent = posted.get(f"pair-{index}", "")
        elif form == AnswerForm.ORDERING:
            sent = posted.get(f"rank-{index}", "")
        else:
            sent = "on" if str(index) in ticked else ""
        fields.append(OptionField(index=index, choice=choice, sent=sent))
    return fields


def form_response(item: AttemptQuestion, posted: QueryDict) -> dict[str, object]:
    """The response as ``attempt_answer`` takes it, from the option numbers the form sends
    (``choice``; ``pair-<n>``, a number in the list of associated items; ``rank-<n>``).
    Raises ``AttemptError`` for a number that names no option; a missing or repeated one is
    for ``attempt_answer`` to refuse."""
    order = item.choice_order

    def option(numbers: list[int], raw: str) -> int:
        index = _number(raw)
        if index is None or not 0 <= index < len(numbers):
            raise AttemptError(NOT_AN_OPTION)
        return numbers[index]

    form = item.question.answer_form
    if form == AnswerForm.MULTIPLE:
        ticked = [raw for raw in posted.getlist("choice") if raw]
        if not ticked:
            raise AttemptError(TICK_AN_OPTION)
        return {"checked": [option(order, raw) for raw in ticked]}
    if form == AnswerForm.MATCHING:
        pairs = {}
        for index, pk in enumerate(order):
            raw = posted.get(f"pair-{index}", "")
            if raw:
                pairs[pk] = option(item.pair_ids, raw)
        return {"pairs": pairs}
    if form == AnswerForm.ORDERING:
        ranks = {}
        for index, pk in enumerate(order):
            raw = posted.get(f"rank-{index}", "")
            if raw:
                rank = _number(raw)
                if rank is None:
                    raise AttemptError(RANK_OUT_OF_RANGE)
                ranks[pk] = rank
        return {"ranks": ranks}
    raw = posted.get("choice", "")
    if not raw:
        raise AttemptError(CHOOSE_AN_OPTION)
    return {"choice_id": option(order, raw)}


def attempt_context(
    attempt: Attempt,
    *,
    feedback: int | None = None,
    item: AttemptQuestion | None = None,
    notice: str | Promise = "",
    error: str | Promise = "",
    swapped: bool = False,
    posted: QueryDict | None = None,
) -> dict[str, object]:
    """What the attempt page shows: the feedback on a question (practice mode), the results
    (when the attempt is over), or a question: ``item``, else the first one not answered."""
    now = timezone.now()
    context: dict[str, object] = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "notice": notice,
        "error": error,
        "swapped": swapped,
    }
    over = attempt_is_over(attempt, now=now)
    if feedback is not None and attempt.quiz.mode == Quiz.Mode.PRACTICE:
        reviewed = attempt_review(attempt=attempt, position=feedback)
        if reviewed and reviewed[0].answer is not None:
            context.update(feedback=reviewed[0], over=over)
            return context
    if item is None and not over:
        item = attempt_current_item(attempt=attempt)
    if item is None or over:
        reviewed = attempt_review(attempt=attempt)
        missed = sum(1 for row in reviewed if not row.is_correct)
        context.update(
            results=reviewed,
            missed=missed,
            percent=round(100 * attempt.score / attempt.question_count)
            if attempt.question_count
            else 0,
            time_taken=attempt_time_taken(attempt, now=now),
        )
        return context
    deadline = attempt_deadline(attempt)
    options = item_options(item)
    by_id = {choice.pk: choice for choice in options}
    context.update(
        item=item,
        question=item.question,
        options=options,
        fields=option_fields(item, options, posted),
        hint=HINTS.get(item.question.kind, HINTS.get(item.question.answer_form, "")),
        pairs=[
            (str(index), by_id[pk].pair) for index, pk in enumerate(item.pair_ids) if pk in by_id
        ],
        ranks=[str(rank) for rank in range(1, len(options) + 1)],
        number=item.position + 1,
        # Said twice on the page (its title and its heading): translated once, here.
        progress=gettext("Question %(number)s sur %(total)s")
        % {"number": item.position + 1, "total": attempt.question_count},
        deadline=deadline,
        time_left=deadline - now if deadline else None,
        # What the page's clock counts down to, in the time zone of the site (as |date:'c').
        deadline_iso=timezone.localtime(deadline).isoformat() if deadline else "",
    )
    return context


def _render_attempt(
    request: HtmxHttpRequest, context: dict[str, object], *, status: int = 200
) -> HttpResponse:
    template = "quiz/attempt.html#attempt" if htmx_swap(request) else "quiz/attempt.html"
    return render(request, template, context, status=status)


@require_GET
def quiz_list(request: HtmxHttpRequest) -> HttpResponse:
    quizzes = quizzes_published()
    context = {"quizzes": quizzes, "form": StartForm(), "cards_key": _cards_key(quizzes)}
    return render(request, "quiz/quiz_list.html", context)


def _cards_key(quizzes: list[Quiz]) -> tuple:
    """What the list's cards show of each quiz: the same list is rendered once (``kept_for``)."""
    return tuple(
        (quiz.pk, quiz.slug, quiz.title, quiz.description, quiz.size, quiz.mode, quiz.time_limit)
        for quiz in quizzes
    )


@require_POST
def quiz_start(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    quiz = quiz_published(slug=slug)
    if quiz is None:
        return _not_found(request, QUIZ_NOT_FOUND)
    form = StartForm(request.POST)
    if not form.is_valid():
        quizzes = quizzes_published()
        context = {"quizzes": quizzes, "form": StartForm(), "invalid": form, "invalid_quiz": quiz}
        return render(request, "quiz/quiz_list.html", context, status=400)
    try:
        attempt = attempt_start(
            quiz=quiz,
            session_key=_session_key(request),
            rng=random.Random(),
            display_name=form.cleaned_data["display_name"],
        )
    except AttemptError as error:
        messages.error(request, error.message)
        return _redirect(request, reverse("quiz_list"))
    return _redirect(request, _attempt_url(attempt))


@require_GET
@vary_on_headers("HX-Request")
def attempt_detail(request: HtmxHttpRequest, uuid: UUID) -> HttpResponse:
    attempt, current = attempt_with_current_item(uuid=uuid, session_key=request.session.session_key)
    if attempt is None:
        return _not_found(request, ATTEMPT_NOT_FOUND)
    feedback = posted_position(request.GET.get("feedback"))
    context = attempt_context(attempt, feedback=feedback, item=current, swapped=htmx_swap(request))
    return _render_attempt(request, context)


@require_POST
def attempt_answer_view(request: HtmxHttpRequest, uuid: UUID) -> HttpResponse:
    """Grade the answer; then, without JavaScript, redirect to the feedback (practice) or to the
    next question (exam); with htmx, send that in place of the question."""
    position = posted_position(request.POST.get("item"))
    session_key = request.session.session_key
    swap = htmx_swap(request)
    following = None
    if position is None:
        attempt, item = attempt_for_session(uuid=uuid, session_key=session_key), None
    elif swap:
        # The question to show next is read now, in the same query.
        attempt, item, following = attempt_with_item_and_next(
            uuid=uuid, session_key=session_key, position=position
        )
    else:
        attempt, item = attempt_with_item(uuid=uuid, session_key=session_key, position=position)
    if attempt is None:
        return _not_found(request, ATTEMPT_NOT_FOUND)
    if item is None:
        context = attempt_context(attempt, error=NOT_IN_ATTEMPT, swapped=True)
        return _render_attempt(request, context, status=400)
    answered_before = attempt.answered_count
    try:
        outcome = attempt_answer(attempt=attempt, item=item, **form_response(item, request.POST))
    except AttemptError as error:
        context = attempt_context(
            attempt, item=item, error=error.message, swapped=True, posted=request.POST
        )
        return _render_attempt(request, context, status=400)
    practice = attempt.quiz.mode == Quiz.Mode.PRACTICE
    feedback = item.position if practice else None
    if not swap:
        if not outcome.recorded:
            messages.warning(request, outcome.message)
        return HttpResponseRedirect(_attempt_url(attempt, feedback=feedback))
    if not (outcome.recorded and attempt.answered_count == answered_before + 1):
        # Another answer was recorded since the read (or none now): the next question is
        # read again.
        following = None
    context = attempt_context(
        attempt, feedback=feedback, item=following, notice=outcome.message, swapped=True
    )
    response = _render_attempt(request, context)
    if "feedback" in context:
        push_url(response, _attempt_url(attempt, feedback=feedback))
    return response


@require_POST
def attempt_retry(request: HtmxHttpRequest, uuid: UUID) -> HttpResponse:
    attempt = attempt_for_session(uuid=uuid, session_key=request.session.session_key)
    if attempt is None:
        return _not_found(request, ATTEMPT_NOT_FOUND)
    try:
        retry = attempt_retry_mistakes(
            attempt=attempt, session_key=attempt.session_key, rng=random.Random()
        )
    except AttemptError as error:
        messages.warning(request, error.message)
        return _redirect(request, _attempt_url(attempt))
    return _redirect(request, _attempt_url(retry))


@require_GET
def quiz_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """One quiz, with its start button: the page a link to the quiz points at."""
    quiz = quiz_published(slug=slug)
    if quiz is None:
        return _not_found(request, QUIZ_NOT_FOUND)
    user = request.user
    can_assign = user.is_active and user.is_staff and user.has_perm("classroom.add_session")
    context = {"quiz": quiz, "form": StartForm(), "can_assign": can_assign}
    return render(request, "quiz/quiz_detail.html", context)
