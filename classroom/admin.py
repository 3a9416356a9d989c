"""Classes and sessions in the admin, each teacher seeing only their own."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from classroom.models import Classroom, Participant, Session
from classroom.sessions import participants_delete


class OwnedAdmin(admin.ModelAdmin):
    """Rows of the signed-in teacher only (all of them for a superuser); new rows are theirs."""

    owner_field = "teacher"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        rows = super().get_queryset(request)
        if request.user.is_superuser:
            return rows
        return rows.filter(**{self.owner_field: request.user})

    def get_exclude(self, request: HttpRequest, obj: object = None) -> list[str]:
        return [*(super().get_exclude(request, obj) or []), "teacher"]

    def save_model(self, request: HttpRequest, obj: object, form: object, change: bool) -> None:
        if not change:
            obj.teacher = request.user
        super().save_model(request, obj, form, change)


@admin.register(Classroom)
class ClassroomAdmin(OwnedAdmin):
    list_display = ["name", "teacher", "created_at"]
    search_fields = ["name"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    fields = ["display_name", "joined_at", "score"]
    readonly_fields = ["display_name", "joined_at", "score"]
    extra = 0
    can_delete = True
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("attempt")

    @admin.display(description=_("bonnes réponses"))
    def score(self, participant: Participant) -> str:
        return f"{participant.attempt.score} / {participant.attempt.question_count}"


@admin.register(Session)
class SessionAdmin(OwnedAdmin):
    """Sessions are created from the teacher's page, which draws their questions; here they are
    listed, renamed, given a new deadline, and their participants removed."""

    list_display = ["title", "code", "mode", "classroom", "created_at", "closed_at", "results"]
    list_filter = ["mode", "classroom"]
    list_select_related = ["classroom"]
    search_fields = ["title", "code"]
    fields = ["title", "quiz", "mode", "code", "classroom", "deadline", "show_leaderboard"]
    readonly_fields = ["quiz", "mode", "code"]
    inlines = [ParticipantInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_formset(self, request: HttpRequest, form: object, formset, change: bool) -> None:
        if formset.model is Participant:
            # Removed participants go with their answers and retries (participants_delete).
            formset.save(commit=False)
            removed = [participant.pk for participant in formset.deleted_objects]
            if removed:
                participants_delete(Q(pk__in=removed))
            return
        super().save_formset(request, form, formset, change)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs: object):
        if db_field.name == "classroom" and not request.user.is_superuser:
            kwargs["queryset"] = Classroom.objects.filter(teacher=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("résultats"))
    def results(self, session: Session) -> str:
        url = reverse("classroom:teacher_session", kwargs={"pk": session.pk})
        return format_html('<a href="{}">{}</a>', url, _("voir"))
