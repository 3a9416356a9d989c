"""The students' side of a session: joining by code, playing at their own pace, their results,
and « Mes résultats », the attempts made in this browser."""

from __future__ import annotations

import random

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from classroom.forms import JoinCodeForm, JoinNameForm, ResumeForm
from classroom.models import JOIN_CODE_LENGTH, Participant, Session, code_normalize
from classroom.participants import (
    ParticipantError,
    browser_key,
    participant_answer,
    participant_current,
    participant_finish_if_due,
    participant_item,
    participant_join,
    participant_resume,
)
from classroom.throttle import client_address, code_try_start, locked_message
from quiz.attempts import AttemptError, attempt_retry_mistakes
from quiz.models import Attempt, Quiz
from quiz.views import attempt_context, form_response, posted_position
from summit.views import HtmxHttpRequest, htmx_swap

CODE_UNKNOWN = _("Aucune session ne correspond à ce code : vérifiez-le auprès de votre enseignant.")
CODE_CLOSED = _("Cette session est terminée : on ne peut plus la rejoindre.")
MY_RESULTS_LIMIT = 200
CORRECTION_LATER = _(
    "La correction et « Refaire mes erreurs » seront là après la date limite ou la fin de la "
    "session : revenez ici."
)
NOT_JOINED = _("Rejoignez d’abord cette session avec son code.")


def _session_by_code(raw: str) -> Session | None:
    code = code_normalize(raw)
    if len(code) != JOIN_CODE_LENGTH:
        return None
    return Session.objects.select_related("quiz").filter(code=code).first()


def _redirect(request: HtmxHttpRequest, url: str) -> HttpResponse:
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def _play_url(session: Session) -> str:
    return reverse("classroom:session_play", kwargs={"code": session.code})


def _not_joined(request: HtmxHttpRequest, session: Session | None) -> HttpResponse:
    """The answer to a browser that has not joined the session, or to a code that names none.
    A wrong code in an address counts as a wrong guess, as on /join/: the addresses would
    otherwise tell which codes exist without any limit."""
    if session is not None:
        message, status = NOT_JOINED, 404
    else:
        guess = code_try_start(address=client_address(request))
        if guess.locked:
            message, status = locked_message(guess.locked_for), 429
        else:
            message, status = CODE_UNKNOWN, 404
    return render(request, "classroom/not_found.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def join(request: HtmxHttpRequest) -> HttpResponse:
    """/join/: the code first (a link or QR code fills it in through ``?code=``)."""
    status = 200
    error = ""
    if request.method == "POST":
        form = JoinCodeForm(request.POST)
        if form.is_valid():
            attempt = code_try_start(address=client_address(request))
            if attempt.locked:
                error = locked_message(attempt.locked_for)
                status = 429
            else:
                session = _session_by_code(form.cleaned_data["code"])
                if session is None:
                    error, status = CODE_UNKNOWN, 400
                else:
                    attempt.succeeded()
                    if not session.is_open(now=timezone.now()) and (
                        participant_current(request, session) is None
                    ):
                        error, status = CODE_CLOSED, 400
                    else:
                        return HttpResponseRedirect(
                            reverse("classroom:session_join", kwargs={"code": session.code})
                        )
        else:
            status = 400
    else:
        form = JoinCodeForm(initial={"code": request.GET.get("code", "")[:20]})
    return render(request, "classroom/join.html", {"form": form, "error": error}, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def session_join(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """A session's door: a display name to join, or the personal code to come back."""
    session = _session_by_code(code)
    if session is None:
        return _not_joined(request, None)
    if participant_current(request, session) is not None:
        return HttpResponseRedirect(_play_url(session))
    name_form = JoinNameForm(request.POST if request.method == "POST" else None)
    context = {
        "session": session,
        "name_form": name_form,
        "resume_form": ResumeForm(),
        "open": session.is_open(now=timezone.now()),
    }
    if request.method == "POST":
        if name_form.is_valid():
            try:
                participant = participant_join(
                    session, name_form.cleaned_data["display_name"], request
                )
            except ParticipantError as error:
                name_form.add_error("display_name", str(error.message))
            else:
                request.session[f"classroom-welcome-{session.code}"] = True
                return HttpResponseRedirect(_play_url(participant.session))
        return render(request, "classroom/session_join.html", context, status=400)
    return render(request, "classroom/session_join.html", context)


@require_POST
@never_cache
def session_resume(request: HtmxHttpRequest, code: str) -> HttpResponse:
    session = _session_by_code(code)
    if session is None:
        return _not_joined(request, None)
    form = ResumeForm(request.POST)
    context = {
        "session": session,
        "name_form": JoinNameForm(),
        "resume_form": form,
        "open": session.is_open(now=timezone.now()),
    }
    if not form.is_valid():
        return render(request, "classroom/session_join.html", context, status=400)
    attempt = code_try_start(address=client_address(request))
    if attempt.locked:
        form.add_error("resume_code", locked_message(attempt.locked_for))
        return render(request, "classroom/session_join.html", context, status=429)
    try:
        participant_resume(session, form.cleaned_data["resume_code"], request)
    except ParticipantError as error:
        form.add_error("resume_code", str(error.message))
        return render(request, "classroom/session_join.html", context, status=400)
    attempt.succeeded()
    return HttpResponseRedirect(_play_url(session))


def _live_url(session: Session) -> str | None:
    """The live app's page for a participant, when the live app is installed."""
    try:
        return reverse("live:play", kwargs={"code": session.code})
    except NoReverseMatch:
        return None


def _play_context(
    request: HtmxHttpRequest, participant: Participant, **options: object
) -> dict[str, object]:
    session = participant.session
    context = attempt_context(participant.attempt, **options)
    context.update(
        session=session,
        participant=participant,
        answer_url=reverse("classroom:session_answer", kwargs={"code": session.code}),
        attempt_url=_play_url(session),
        retry_url=reverse("classroom:session_retry", kwargs={"code": session.code}),
        welcome=request.session.pop(f"classroom-welcome-{session.code}", False),
        correction_later=CORRECTION_LATER if _correction_later(participant) else "",
    )
    return context


def _correction_later(participant: Participant) -> bool:
    """An exam's correction waits, in a session, until no one can answer any more: a student who
    has finished would otherwise hand the key to those still answering."""
    session = participant.session
    return participant.attempt.quiz.mode == Quiz.Mode.EXAM and session.is_open(now=timezone.now())


def _render_play(
    request: HtmxHttpRequest, context: dict[str, object], *, status: int = 200
) -> HttpResponse:
    template = "classroom/play.html#attempt" if htmx_swap(request) else "classroom/play.html"
    return render(request, template, context, status=status)


@require_GET
@vary_on_headers("HX-Request")
@never_cache
def session_play(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The participant's page: the current question, the feedback (practice quizzes), or their
    results once every question is answered or the session is over."""
    session = _session_by_code(code)
    participant = participant_current(request, session) if session else None
    if participant is None:
        return _not_joined(request, session)
    if session.mode == Session.Mode.LIVE:
        live = _live_url(session)
        if live is not None:
            return HttpResponseRedirect(live)
    participant_finish_if_due(participant, now=timezone.now())
    feedback = posted_position(request.GET.get("feedback"))
    context = _play_context(request, participant, feedback=feedback, swapped=htmx_swap(request))
    return _render_play(request, context)


@require_POST
@never_cache
def session_answer(request: HtmxHttpRequest, code: str) -> HttpResponse:
    session = _session_by_code(code)
    participant = participant_current(request, session) if session else None
    if participant is None:
        return _not_joined(request, session)
    attempt = participant.attempt
    position = posted_position(request.POST.get("item"))
    item = participant_item(participant, position=position + 1) if position is not None else None
    if item is None:
        context = _play_context(
            request, participant, error=_("Cette question ne fait pas partie de la session.")
        )
        return _render_play(request, context, status=400)
    try:
        outcome = participant_answer(
            participant=participant,
            position=item.position + 1,
            **form_response(item, request.POST),
        )
    except AttemptError as error:
        context = _play_context(
            request, participant, item=item, error=error.message, swapped=True, posted=request.POST
        )
        return _render_play(request, context, status=400)
    practice = attempt.quiz.mode == Quiz.Mode.PRACTICE and outcome.recorded
    feedback = item.position if practice else None
    url = _play_url(session) + (f"?feedback={feedback + 1}" if feedback is not None else "")
    if not htmx_swap(request):
        if not outcome.recorded:
            messages.warning(request, outcome.message)
        return HttpResponseRedirect(url)
    context = _play_context(
        request, participant, feedback=feedback, notice=outcome.message, swapped=True
    )
    response = _render_play(request, context)
    if "feedback" in context:
        push_url(response, url)
    return response


@require_POST
def session_retry(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """« Refaire mes erreurs »: a quiz attempt of its own, in this browser, with the missed
    questions (the session's results stay as they were)."""
    session = _session_by_code(code)
    participant = participant_current(request, session) if session else None
    if participant is None:
        return _not_joined(request, session)
    participant_finish_if_due(participant, now=timezone.now())
    if _correction_later(participant):
        messages.warning(request, CORRECTION_LATER)
        return _redirect(request, _play_url(session))
    try:
        retry = attempt_retry_mistakes(
            attempt=participant.attempt, session_key=browser_key(request), rng=random.Random()
        )
    except AttemptError as error:
        messages.warning(request, error.message)
        return _redirect(request, _play_url(session))
    return _redirect(request, reverse("attempt_detail", kwargs={"uuid": retry.uuid}))


@require_GET
@never_cache
def my_results(request: HtmxHttpRequest) -> HttpResponse:
    """« Mes résultats »: every attempt of this browser, in a session or not, newest first."""
    key = request.session.session_key
    rows: list[tuple[Attempt, Session | None]] = []
    if key:
        attempts = (
            Attempt.objects.filter(Q(session_key=key) | Q(participant__session_key=key))
            .select_related("quiz", "participant__session")
            .order_by("-started_at")[:MY_RESULTS_LIMIT]
        )
        for attempt in attempts:
            participant = getattr(attempt, "participant", None)
            rows.append((attempt, participant.session if participant else None))
    return render(request, "classroom/my_results.html", {"rows": rows})
