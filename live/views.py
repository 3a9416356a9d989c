"""The live session's three screens: the projector (the teacher's, with the controls), the
students' phones, and the moves and answers they post.

Screens follow the state by polling: each poll carries the token of what the page shows
(``?since=``) and gets 204 No Content, after one indexed query and before any identity check
(it tells nothing but « unchanged »), until the state moves; then the fragment is rendered for
the requester alone. An ``If-None-Match`` with the ``ETag`` of a response works the same way
(304). Polling rather than server-sent events: each request is short, so it suits gunicorn's
sync workers, proxies and load balancers, and a phone that sleeps resumes at the next poll.
"""

from __future__ import annotations

import datetime
import math
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from classroom.models import Participant, Session, SessionQuestion, code_normalize
from classroom.participants import participant_item
from classroom.teachers import is_teacher
from live import selectors
from live.models import LiveState
from live.qr import join_qr_svg
from live.state import (
    LiveError,
    live_advance,
    live_answer,
    live_finish,
    live_leaderboard_show,
    live_question,
    live_reveal,
    live_state_get,
    question_is_open,
)
from quiz.attempts import AttemptError
from quiz.models import Choice
from quiz.views import HINTS, form_response, option_fields
from summit.views import HtmxHttpRequest, htmx_swap

Phase = LiveState.Phase

# How often the pages ask for news. The projector shows each answer as it comes; a phone only
# needs to see the next step, and there are a classroom of them for one projector.
SCREEN_POLL_SECONDS = 1
PHONE_POLL_SECONDS = 2

SESSION_NOT_FOUND = _("Cette session en direct n’existe pas.")
NOT_A_PARTICIPANT = _(
    "Ce navigateur n’a pas rejoint cette session : entrez son code sur la page « Rejoindre »."
)
UNKNOWN_MOVE = _("Cette commande n’existe pas.")
NOT_IN_SESSION = _("Cette question ne fait pas partie de la session.")


def _not_found(request: HtmxHttpRequest, message: str | Promise, *, status: int = 404):
    return render(request, "live/not_found.html", {"message": message}, status=status)


def _unchanged(request: HtmxHttpRequest, token: str) -> HttpResponse | None:
    """204 for a poll that already shows ``token``; 304 for a matching ``If-None-Match``."""
    if request.GET.get("since") == token:
        return HttpResponse(status=204)
    if request.headers.get("If-None-Match") == f'"{token}"':
        response = HttpResponse(status=304)
        response["ETag"] = f'"{token}"'
        return response
    return None


def _tagged(response: HttpResponse, token: str) -> HttpResponse:
    response["ETag"] = f'"{token}"'
    response["Cache-Control"] = "private, no-cache"
    return response


# Teacher side ----------------------------------------------------------------------------


def _teacher_session(request: HtmxHttpRequest, code: str) -> Session:
    """The live session, if it is the signed-in teacher's own; else 404 (another teacher's
    session is not revealed to exist) or 403 (not a teacher)."""
    if not is_teacher(request.user):
        raise PermissionDenied
    session = (
        Session.objects.owned_by(request.user)
        .select_related("quiz")
        .filter(code=code_normalize(code), mode=Session.Mode.LIVE)
        .first()
    )
    if session is None:
        raise Http404(SESSION_NOT_FOUND)
    return session


def _screen_context(
    request: HtmxHttpRequest, session: Session, state: LiveState, *, now: datetime.datetime
) -> dict:
    total = SessionQuestion.objects.filter(session=session).count()
    joined = list(
        Participant.objects.filter(session=session)
        .order_by("joined_at", "pk")
        .values_list("display_name", flat=True)
    )
    context: dict[str, object] = {
        "session": session,
        "state": state,
        "total": total,
        "joined": joined,
        "token": selectors.screen_token(code=session.code, now=now),
        "poll_seconds": SCREEN_POLL_SECONDS,
    }
    if state.phase == Phase.LOBBY:
        join_url = request.build_absolute_uri(reverse("classroom:join"))
        context["join_absolute"] = join_url
        context["qr_svg"] = join_qr_svg(f"{join_url}?{urlencode({'code': session.code})}")
    session_question = live_question(state)
    if session_question is not None:
        context["session_question"] = session_question
        context["question"] = session_question.question
        options = selectors.session_options(session_question)
        context["options"] = options
        by_id = {option.pk: option for option in options}
        context["pairs"] = [
            by_id[pk].pair
            for pk in session_question.pair_order or session_question.choice_order
            if pk in by_id
        ]
    if state.phase == Phase.QUESTION:
        remaining = (state.closes_at - now).total_seconds()
        context["remaining"] = max(0, math.ceil(remaining))
        context["closed"] = remaining <= 0
    if state.phase == Phase.REVEAL and session_question is not None:
        context["distribution"] = selectors.distribution(
            session_id=session.pk, session_question=session_question
        )
    if state.phase == Phase.FINISHED:
        context["results_url"] = reverse("classroom:teacher_session", kwargs={"pk": session.pk})
    if state.phase in (Phase.LEADERBOARD, Phase.FINISHED) and session.show_leaderboard:
        context["standings"] = selectors.leaderboard(session_id=session.pk)
    return context


def _render_screen(request: HtmxHttpRequest, session: Session, state: LiveState, *, status=200):
    now = timezone.now()
    context = _screen_context(request, session, state, now=now)
    template = "live/screen.html#screen" if htmx_swap(request) else "live/screen.html"
    return _tagged(render(request, template, context, status=status), context["token"])


@require_GET
@never_cache
def live_screen(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The projector: the join code, then each question with its countdown and how many have
    answered, the distribution with the key and its source sentence, the leaderboard."""
    if request.GET.get("since") is not None or "If-None-Match" in request.headers:
        unchanged = _unchanged(request, selectors.screen_token(code=code, now=timezone.now()))
        if unchanged is not None:
            return unchanged
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    session = _teacher_session(request, code)
    return _render_screen(request, session, live_state_get(session))


MOVES = ("next", "reveal", "finish", "leaderboard-on", "leaderboard-off")


@require_POST
def live_control(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """A teacher's move: ``move`` is next, reveal, finish, leaderboard-on or leaderboard-off;
    ``version`` is the state the screen showed (a repeated click changes nothing)."""
    if not request.user.is_authenticated:
        return redirect_to_login(
            reverse("live:screen", kwargs={"code": code}), login_url=reverse("admin:login")
        )
    session = _teacher_session(request, code)
    state = live_state_get(session)
    move = request.POST.get("move", "")
    raw_version = request.POST.get("version", "")
    if move not in MOVES or not (raw_version.isascii() and raw_version.isdigit()):
        return _not_found(request, UNKNOWN_MOVE, status=400)
    version = int(raw_version[:9])
    try:
        if move == "next":
            live_advance(state=state, version=version)
        elif move == "reveal":
            live_reveal(state=state, version=version)
        elif move == "finish":
            live_finish(state=state, version=version)
        else:
            live_leaderboard_show(state=state, show=move == "leaderboard-on")
    except LiveError as error:
        return _not_found(request, error.message, status=400)
    if not htmx_swap(request):
        return HttpResponseRedirect(reverse("live:screen", kwargs={"code": code}))
    session.refresh_from_db(fields=["show_leaderboard", "closed_at"])
    return _render_screen(request, session, state)


# Student side ----------------------------------------------------------------------------


def _participant(request: HtmxHttpRequest, code: str) -> Participant | None:
    """The participant this browser joined as (never one a form names), with their attempt,
    the session and its live state: one query, the largest part of a phone's poll."""
    key = request.session.session_key
    if not key:
        return None
    return (
        Participant.objects.select_related("attempt__quiz", "session__quiz", "session__live")
        .filter(
            session__code=code_normalize(code), session__mode=Session.Mode.LIVE, session_key=key
        )
        .first()
    )


def _loaded_state(participant: Participant) -> tuple[LiveState, str]:
    """The state read with the participant (by ``_participant``) and its phone token, with no
    further query; read as ``live_state_get`` does if it was not there."""
    session = participant.session
    state = session._state.fields_cache.get("live") if Session.live.is_cached(session) else None
    if state is None:
        return live_state_get(session), selectors.phone_token(code=session.code, now=timezone.now())
    # The token as the polls' query gives it, before a closed session shows as finished.
    token = selectors.phone_token_of(state, ended=session.closed_at is not None)
    state.session = session
    if session.closed_at is not None:
        state.phase = Phase.FINISHED
    return state, token


def _play_context(
    participant: Participant,
    *,
    now: datetime.datetime,
    fresh: bool = False,
    notice: str | Promise = "",
    error: str | Promise = "",
    posted=None,
) -> dict:
    session = participant.session
    # A poll uses the state read with the participant; after an answer, it is read again.
    if fresh:
        state = live_state_get(session)
        token = selectors.phone_token(code=session.code, now=now)
    else:
        state, token = _loaded_state(participant)
    context: dict[str, object] = {
        "session": session,
        "participant": participant,
        "state": state,
        "token": token,
        "poll_seconds": PHONE_POLL_SECONDS,
        "notice": notice,
        "error": error,
        # The participant's attempt holds the session's questions.
        "total": participant.attempt.question_count,
    }
    if state.position < 1:
        return context
    answer = selectors.participant_answer(participant, position=state.position)
    context["answer"] = answer
    if state.phase == Phase.QUESTION:
        remaining = (state.closes_at - now).total_seconds()
        context["remaining"] = max(0, math.ceil(remaining))
        context["open"] = answer is None and question_is_open(state, now=now) and remaining > 0
        if context["open"]:
            item = participant_item(participant, position=state.position)
            if item is not None:
                by_id = {c.pk: c for c in Choice.objects.filter(pk__in=item.choice_order)}
                options = [by_id[pk] for pk in item.choice_order if pk in by_id]
                context.update(
                    item=item,
                    question=item.question,
                    fields=option_fields(item, options, posted),
                    hint=HINTS.get(item.question.kind, HINTS.get(item.question.answer_form, "")),
                    pairs=[
                        (str(index), by_id[pk].pair)
                        for index, pk in enumerate(item.pair_ids)
                        if pk in by_id
                    ],
                    ranks=[str(rank) for rank in range(1, len(options) + 1)],
                )
            else:
                context["open"] = False
    if state.phase in (Phase.REVEAL, Phase.LEADERBOARD, Phase.FINISHED):
        context["score"] = participant.attempt.score
        if session.show_leaderboard:
            context["rank"] = selectors.participant_rank(participant)
    if state.phase == Phase.FINISHED:
        context["my_results_url"] = reverse("classroom:my_results")
    return context


def _render_play(request: HtmxHttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    template = "live/play.html#play" if htmx_swap(request) else "live/play.html"
    return _tagged(render(request, template, context, status=status), context["token"])


@require_GET
@never_cache
def live_play(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """A student's phone: the options of the question on the projector, once; then whether
    the answer was right."""
    if request.GET.get("since") is not None or "If-None-Match" in request.headers:
        unchanged = _unchanged(request, selectors.phone_token(code=code, now=timezone.now()))
        if unchanged is not None:
            return unchanged
    participant = _participant(request, code)
    if participant is None:
        return _not_found(request, NOT_A_PARTICIPANT, status=403)
    return _render_play(request, _play_context(participant, now=timezone.now()))


@require_POST
def live_answer_view(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The student's answer to the question on the projector: recorded once, while it is open;
    for the participant this browser joined as, whatever the form says."""
    participant = _participant(request, code)
    if participant is None:
        return _not_found(request, NOT_A_PARTICIPANT, status=403)
    raw = request.POST.get("position", "")
    position = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 5 else 0
    item = participant_item(participant, position=position)
    now = timezone.now()
    try:
        if item is None:
            raise AttemptError(NOT_IN_SESSION)
        outcome = live_answer(
            participant=participant,
            position=position,
            now=now,
            **form_response(item, request.POST),
        )
    except AttemptError as refused:
        context = _play_context(
            participant, now=now, fresh=True, error=refused.message, posted=request.POST
        )
        return _render_play(request, context, status=400)
    if not htmx_swap(request):
        if not outcome.recorded:
            messages.warning(request, outcome.message)
        return HttpResponseRedirect(reverse("live:play", kwargs={"code": code}))
    context = _play_context(participant, now=now, fresh=True, notice=outcome.message)
    return _render_play(request, context)
