"""The teacher's side: their classes and sessions, a session's code and QR code, its results
grid, the CSV export, closing it and deleting its students' data.

Every page is for teachers (staff with the « Enseignants » permissions); a session that is not
the teacher's own is answered like one that does not exist.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import wraps

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from classroom.forms import ClassroomForm, DeleteDataForm, SessionCreateForm
from classroom.models import Classroom, Session
from classroom.results import session_results, session_results_csv
from classroom.sessions import (
    SessionError,
    session_close,
    session_create,
    session_student_data_delete,
)
from classroom.teachers import is_teacher
from quiz.attempts import AttemptError

# The most recent sessions listed on the dashboard (older ones stay in the admin's list).
DASHBOARD_SESSIONS = 100


def teacher_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff sign in through the admin; a staff member who is not a teacher gets a 403."""

    @staff_member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not is_teacher(request.user):
            message = _(
                "Cette page est réservée aux enseignants : un administrateur peut vous ajouter "
                "au groupe « Enseignants »."
            )
            return render(
                request, "classroom/teacher/refused.html", {"message": message}, status=403
            )
        return view(request, *args, **kwargs)

    return wrapped


def _own_session(request: HttpRequest, pk: int) -> Session | None:
    return (
        Session.objects.owned_by(request.user)
        .select_related("quiz", "classroom")
        .filter(pk=pk)
        .first()
    )


def _session_not_found(request: HttpRequest) -> HttpResponse:
    message = _("Cette session n’existe pas ou n’est pas la vôtre.")
    return render(request, "classroom/not_found.html", {"message": message}, status=404)


def _dashboard(
    request: HttpRequest,
    *,
    session_form: SessionCreateForm | None = None,
    classroom_form: ClassroomForm | None = None,
    status: int = 200,
) -> HttpResponse:
    teacher = request.user
    initial = {"mode": Session.Mode.SELF_PACED, "show_leaderboard": True}
    if request.GET.get("quiz"):
        initial["quiz"] = request.GET["quiz"][:100]
    context = {
        "sessions": Session.objects.filter(teacher=teacher).select_related("quiz", "classroom")[
            :DASHBOARD_SESSIONS
        ],
        "classrooms": Classroom.objects.filter(teacher=teacher),
        "session_form": session_form or SessionCreateForm(teacher=teacher, initial=initial),
        "classroom_form": classroom_form or ClassroomForm(),
        "now": timezone.now(),
    }
    return render(request, "classroom/teacher/dashboard.html", context, status=status)


@require_GET
@teacher_required
@never_cache
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request)


@require_POST
@teacher_required
def classroom_create(request: HttpRequest) -> HttpResponse:
    form = ClassroomForm(request.POST)
    form.instance.teacher = request.user
    if not form.is_valid():
        return _dashboard(request, classroom_form=form, status=400)
    form.save()
    messages.success(request, _("Classe « %(name)s » créée.") % {"name": form.instance.name})
    return HttpResponseRedirect(reverse("classroom:teacher_dashboard"))


@require_POST
@teacher_required
def session_new(request: HttpRequest) -> HttpResponse:
    form = SessionCreateForm(request.POST, teacher=request.user)
    if not form.is_valid():
        return _dashboard(request, session_form=form, status=400)
    data = form.cleaned_data
    try:
        session = session_create(
            quiz=data["quiz"],
            teacher=request.user,
            mode=data["mode"],
            rng=random.Random(),
            title=data["title"],
            classroom=data["classroom"],
            deadline=data["deadline"],
            show_leaderboard=data["show_leaderboard"],
        )
    except (SessionError, AttemptError) as error:
        form.add_error(None, str(error.message))
        return _dashboard(request, session_form=form, status=400)
    return HttpResponseRedirect(reverse("classroom:teacher_session", kwargs={"pk": session.pk}))


def _live_screen_url(session: Session) -> str | None:
    """The projector page of a live session, when the live app is installed."""
    if session.mode != Session.Mode.LIVE:
        return None
    try:
        return reverse("live:screen", kwargs={"code": session.code})
    except NoReverseMatch:
        return None


def _join_link(request: HttpRequest, session: Session) -> str:
    return request.build_absolute_uri(reverse("classroom:join") + f"?code={session.code}")


@require_GET
@teacher_required
@never_cache
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
    if session is None:
        return _session_not_found(request)
    link = _join_link(request, session)
    qr = segno.make(link, error="m")
    context = {
        "session": session,
        "link": link,
        "qr_data_uri": qr.svg_data_uri(scale=6, dark="#111", light="#fff"),
        "results": session_results(session=session),
        "open": session.is_open(now=timezone.now()),
        "delete_form": DeleteDataForm(),
        "retention_days": settings.CLASSROOM_RETENTION_DAYS,
        "live_screen_url": _live_screen_url(session),
    }
    return render(request, "classroom/teacher/session.html", context)


@require_GET
@teacher_required
@never_cache
def session_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
    if session is None:
        return _session_not_found(request)
    content = session_results_csv(session_results(session=session))
    response = HttpResponse("\ufeff" + content, content_type="text/csv; charset=utf-8")
    filename = f"{slugify(session.title) or 'session'}-{session.code}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@teacher_required
def session_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
    if session is None:
        return _session_not_found(request)
    session_close(session=session)
    messages.success(request, _("Session fermée : elle n’accepte plus de réponses."))
    return HttpResponseRedirect(reverse("classroom:teacher_session", kwargs={"pk": session.pk}))


@require_http_methods(["POST"])
@teacher_required
def session_delete_data(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
    if session is None:
        return _session_not_found(request)
    form = DeleteDataForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["confirm"][0])
        return HttpResponseRedirect(reverse("classroom:teacher_session", kwargs={"pk": session.pk}))
    removed = session_student_data_delete(session=session)
    message = ngettext(
        "Données des élèves effacées (%(count)d participant).",
        "Données des élèves effacées (%(count)d participants).",
        removed,
    )
    messages.success(request, message % {"count": removed})
    return HttpResponseRedirect(reverse("classroom:teacher_session", kwargs={"pk": session.pk}))
