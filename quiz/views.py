"""The student's side of the quiz: the list, an attempt's questions, feedback and results."""

from __future__ import annotations

import random
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from quiz.attempts import (
    NOT_AN_OPTION,
    NOT_IN_ATTEMPT,
    AttemptError,
    attempt_answer,
    attempt_deadline,
    attempt_is_over,
    attempt_retry_mistakes,
    attempt_start,
    attempt_time_taken,
)
from quiz.models import Attempt, AttemptQuestion, Quiz
from quiz.selectors import (
    attempt_current_item,
    attempt_for_session,
    attempt_item,
    attempt_review,
    item_options,
)
from summit.views import HtmxHttpRequest, htmx_swap

QUIZ_NOT_FOUND = _("Ce quiz n’existe pas ou n’est pas ouvert.")
ATTEMPT_NOT_FOUND = _(
    "Ce quiz est introuvable : le lien est erroné, ou il a été commencé dans un autre navigateur."
)
CHOOSE_AN_OPTION = _("Choisissez une réponse avant de valider.")


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


def _position(raw: str | None) -> int | None:
    """A question's number as on the page (``?feedback=3``, ``item=3``) → its position, 2."""
    number = _number(raw)
    return None if number is None else number - 1


def _attempt_context(
    attempt: Attempt,
    *,
    feedback: int | None = None,
    item: AttemptQuestion | None = None,
    notice: str | Promise = "",
    error: str | Promise = "",
    swapped: bool = False,
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
    context.update(
        item=item,
        question=item.question,
        options=item_options(item),
        number=item.position + 1,
        deadline=deadline,
        time_left=deadline - now if deadline else None,
    )
    return context


def _render_attempt(
    request: HtmxHttpRequest, context: dict[str, object], *, status: int = 200
) -> HttpResponse:
    template = "quiz/attempt.html#attempt" if htmx_swap(request) else "quiz/attempt.html"
    return render(request, template, context, status=status)


@require_GET
def quiz_list(request: HtmxHttpRequest) -> HttpResponse:
    quizzes = Quiz.objects.filter(published=True).order_by("title")
    return render(request, "quiz/quiz_list.html", {"quizzes": quizzes, "form": StartForm()})


@require_POST
def quiz_start(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    quiz = Quiz.objects.filter(published=True, slug=slug).first()
    if quiz is None:
        return _not_found(request, QUIZ_NOT_FOUND)
    form = StartForm(request.POST)
    if not form.is_valid():
        quizzes = Quiz.objects.filter(published=True).order_by("title")
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
    attempt = attempt_for_session(uuid=uuid, session_key=request.session.session_key)
    if attempt is None:
        return _not_found(request, ATTEMPT_NOT_FOUND)
    feedback = _position(request.GET.get("feedback"))
    context = _attempt_context(attempt, feedback=feedback, swapped=htmx_swap(request))
    return _render_attempt(request, context)


@require_POST
def attempt_answer_view(request: HtmxHttpRequest, uuid: UUID) -> HttpResponse:
    """Grade the answer; then, without JavaScript, redirect to the feedback (practice) or to the
    next question (exam); with htmx, send that in place of the question."""
    attempt = attempt_for_session(uuid=uuid, session_key=request.session.session_key)
    if attempt is None:
        return _not_found(request, ATTEMPT_NOT_FOUND)
    position = _position(request.POST.get("item"))
    item = attempt_item(attempt=attempt, position=position) if position is not None else None
    if item is None:
        context = _attempt_context(attempt, error=NOT_IN_ATTEMPT, swapped=True)
        return _render_attempt(request, context, status=400)
    raw_choice = request.POST.get("choice", "")
    if not raw_choice:
        context = _attempt_context(attempt, item=item, error=CHOOSE_AN_OPTION, swapped=True)
        return _render_attempt(request, context, status=400)
    index = _number(raw_choice)
    if index is None or not 0 <= index < len(item.choice_order):
        context = _attempt_context(attempt, item=item, error=NOT_AN_OPTION, swapped=True)
        return _render_attempt(request, context, status=400)
    try:
        outcome = attempt_answer(attempt=attempt, item=item, choice_id=item.choice_order[index])
    except AttemptError as error:
        context = _attempt_context(attempt, item=item, error=error.message, swapped=True)
        return _render_attempt(request, context, status=400)
    practice = attempt.quiz.mode == Quiz.Mode.PRACTICE
    feedback = item.position if practice else None
    if not htmx_swap(request):
        if not outcome.recorded:
            messages.warning(request, outcome.message)
        return HttpResponseRedirect(_attempt_url(attempt, feedback=feedback))
    context = _attempt_context(attempt, feedback=feedback, notice=outcome.message, swapped=True)
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
