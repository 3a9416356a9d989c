"""The teacher's side of the quiz: reviewing the question bank, defining quizzes, reading
attempts and their statistics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ERROR_FLAG, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from quiz.jobs import bank_rebuild_enqueue
from quiz.models import (
    PAIR_NOT_USED,
    RANK_NOT_USED,
    Answer,
    AnswerForm,
    Attempt,
    Choice,
    Kind,
    Question,
    Quiz,
    kind_convention_failures,
)
from quiz.review import question_edit_check, question_publish, question_reopen, question_retire
from quiz.selectors import quiz_questions
from quiz.statistics import (
    attempts_csv,
    question_statistics,
    questions_with_answer_counts,
    response_text,
)
from summit.admin import highlighted_sentence

# Past this many, one message per question or per report line would bury the page.
MAX_MESSAGES = 20
NOT_PUBLISHED = _("« %(question)s » n'est pas publiée : %(reasons)s")
PUBLISH_REFUSED = _("Cette question ne passe pas les contrôles : elle reste à relire.")
CHECKS_FAILED = _(
    "Cette question ne passe pas encore les contrôles ; elle ne peut pas être publiée."
)
EMPTY = "—"


def _lines(lines: Iterable[str]) -> SafeString:
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


def _message_lines(
    modeladmin: admin.ModelAdmin, request: HttpRequest, lines: list[str], level: int
) -> None:
    for line in lines[:MAX_MESSAGES]:
        modeladmin.message_user(request, line, level)
    if len(lines) > MAX_MESSAGES:
        more = len(lines) - MAX_MESSAGES
        modeladmin.message_user(
            request,
            ngettext("… et %(n)d autre.", "… et %(n)d autres.", more) % {"n": more},
            level,
        )


def _percent(value: float | None) -> str:
    return EMPTY if value is None else f"{number_format(value, 0)} %"


# What the options of each kind are, above the inline.
OPTIONS_HELP = {
    AnswerForm.SINGLE: _("options (3 ou 4, une seule bonne réponse)"),
    AnswerForm.MULTIPLE: _("options (4 ou 5, au moins deux bonnes réponses et une fausse)"),
    AnswerForm.MATCHING: _(
        "options (3 ou 4, chacune avec son élément associé ; toutes cochées « bonne réponse »)"
    ),
    AnswerForm.ORDERING: _(
        "options (3 à 5, chacune avec son rang dans le bon ordre ; toutes cochées « bonne "
        "réponse »)"
    ),
}
TRUE_FALSE_HELP = _("options (« Vrai » et « Faux », une seule bonne réponse)")
NEW_QUESTION_HELP = _(
    "options (élément associé : appariement seulement ; rang : remise en ordre seulement)"
)


def _answer_form(kind: str) -> AnswerForm:
    return Question(kind=kind).answer_form


@dataclass
class _Option:
    text: str
    is_correct: bool
    pair: str
    rank: int | None


class ChoiceInlineFormSet(BaseInlineFormSet):
    """Checks the options against the conventions of the question's kind, as the form sends
    it: a question changed to another kind is checked as that kind."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        form = _answer_form(self.instance.kind)
        options = [
            _Option(
                text=data.get("text", ""),
                is_correct=bool(data.get("is_correct")),
                # Pairs and ranks a kind does not use are cleared when the question is saved.
                pair=data.get("pair", "") if form == AnswerForm.MATCHING else "",
                rank=data.get("rank") if form == AnswerForm.ORDERING else None,
            )
            for data in (each.cleaned_data for each in self.forms)
            if data and not data.get("DELETE")
        ]
        unused = {str(PAIR_NOT_USED), str(RANK_NOT_USED)}
        failures = [
            failure
            for failure in kind_convention_failures(self.instance.kind, options)
            if failure not in unused
        ]
        if failures:
            raise ValidationError(failures)


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceInlineFormSet
    verbose_name = _("option")
    verbose_name_plural = OPTIONS_HELP[AnswerForm.SINGLE]

    def _kind(self, request: HttpRequest, obj: Question | None) -> str | None:
        """The kind the form is about: as posted (a teacher may be changing it), else saved."""
        if request.method == "POST" and request.POST.get("kind") in Kind.values:
            return request.POST["kind"]
        return obj.kind if obj is not None else None

    def get_fields(self, request: HttpRequest, obj: Question | None = None) -> list[str]:
        kind = self._kind(request, obj)
        fields = ["text"]
        if kind is None or _answer_form(kind) == AnswerForm.MATCHING:
            fields.append("pair")
        if kind is None or _answer_form(kind) == AnswerForm.ORDERING:
            fields.append("rank")
        return [*fields, "is_correct", "position"]

    def get_formset(self, request: HttpRequest, obj: Question | None = None, **kwargs: Any) -> Any:
        # Inline instances are made for each request: the heading can say what this kind needs.
        kind = self._kind(request, obj)
        if kind is None:
            self.verbose_name_plural = NEW_QUESTION_HELP
        elif kind == Kind.TRUE_FALSE:
            self.verbose_name_plural = TRUE_FALSE_HELP
        else:
            self.verbose_name_plural = OPTIONS_HELP[_answer_form(kind)]
        return super().get_formset(request, obj, **kwargs)

    def get_extra(self, request: HttpRequest, obj: Question | None = None, **kwargs: Any) -> int:
        # Four empty rows for a new question; an existing one shows its options only.
        return 4 if obj is None else 0


# What each option's count is, by the way the question is answered (see ChoiceStats.count).
COUNT_HEADINGS = {
    AnswerForm.SINGLE: _("Choisie"),
    AnswerForm.MULTIPLE: _("Cochée"),
    AnswerForm.MATCHING: _("Bien associée"),
    AnswerForm.ORDERING: _("À sa place"),
}


@admin.action(description=_("Publier (si elles passent les contrôles)"), permissions=["change"])
def publish(modeladmin: QuestionAdmin, request: HttpRequest, queryset: QuerySet[Question]) -> None:
    report = question_publish(questions=queryset)
    count = len(report.published)
    if count:
        modeladmin.message_user(
            request,
            ngettext("%(n)d question publiée.", "%(n)d questions publiées.", count) % {"n": count},
            messages.SUCCESS,
        )
    refusals = [
        str(NOT_PUBLISHED) % {"question": question, "reasons": " ".join(reasons)}
        for question, reasons in report.refused
    ]
    _message_lines(modeladmin, request, refusals, messages.WARNING)


@admin.action(description=_("Retirer"), permissions=["change"])
def retire(modeladmin: QuestionAdmin, request: HttpRequest, queryset: QuerySet[Question]) -> None:
    count = question_retire(questions=queryset)
    modeladmin.message_user(
        request,
        ngettext("%(n)d question retirée.", "%(n)d questions retirées.", count) % {"n": count},
        messages.SUCCESS,
    )


@admin.action(description=_("Remettre à relire"), permissions=["change"])
def reopen(modeladmin: QuestionAdmin, request: HttpRequest, queryset: QuerySet[Question]) -> None:
    count = question_reopen(questions=queryset)
    modeladmin.message_user(
        request,
        ngettext("%(n)d question remise à relire.", "%(n)d questions remises à relire.", count)
        % {"n": count},
        messages.SUCCESS,
    )


class NewToReviewFilter(admin.SimpleListFilter):
    """Generated questions that passed every gate and wait for a teacher (with
    ``QUIZ_REVIEW_NEW_QUESTIONS`` on, those built from a new or edited fact)."""

    title = _("à relire")
    parameter_name = "new"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("1", _("nouvelles questions à relire"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Question]) -> QuerySet[Question]:
        if self.value() == "1":
            return queryset.filter(status=Question.Status.DRAFT, gate_failures="").exclude(
                fingerprint=""
            )
        return queryset


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("short_stem", "kind", "status", "checks", "answer_count", "facility", "edited")
    list_filter = (NewToReviewFilter, "kind", "status", "edited")
    search_fields = ("stem",)
    # Questions to review first, retired ones last (the statuses sort that way).
    ordering = ("status", "kind", "pk")
    autocomplete_fields = ("event", "quote", "citation", "actors")
    inlines = (ChoiceInline,)
    # Questions are retired, not deleted: attempts keep pointing at them.
    actions = (publish, retire, reopen)
    readonly_fields = (
        "checks",
        "fingerprint",
        "subject",
        "retired_at",
        "evidence",
        "event_link",
        "statistics",
    )
    fieldsets = (
        (None, {"fields": ("kind", "stem", "explanation", "status")}),
        (
            _("Contrôles"),
            {"fields": ("checks", "edited", "retired_at", "subject", "fingerprint")},
        ),
        (
            _("Preuve"),
            {"fields": ("citation", "evidence", "event", "event_link", "quote", "actors")},
        ),
        (_("Statistiques"), {"fields": ("statistics",)}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Question]:
        return questions_with_answer_counts(super().get_queryset(request))

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Question | None:
        # As ModelAdmin.get_object, with what the evidence panel reads in the same query.
        queryset = self.get_queryset(request).select_related("citation__source", "event")
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (Question.DoesNotExist, ValidationError, ValueError):
            return None

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("énoncé"), ordering="stem")
    def short_stem(self, question: Question) -> str:
        return str(question)

    @admin.display(description=_("contrôles"))
    def checks(self, question: Question) -> SafeString:
        failures = question.gate_failure_list
        if not failures:
            return format_html("✓ {}", gettext("passe"))
        return format_html("✗ {}", _lines(failures))

    @admin.display(description=_("réponses"), ordering="answer_total")
    def answer_count(self, question: Question) -> int:
        return question.answer_total

    @admin.display(description=_("facilité"), ordering="facility")
    def facility(self, question: Question) -> str:
        return _percent(question.facility)

    @admin.display(description=_("phrase de l'article"))
    def evidence(self, question: Question) -> SafeString:
        if question.citation is None:
            return format_html("{}", EMPTY)
        return highlighted_sentence(question.citation)

    @admin.display(description=_("sur la frise"))
    def event_link(self, question: Question) -> SafeString:
        if question.event_id is None:
            return format_html("{}", EMPTY)
        return format_html(
            '<a href="{}">{}</a>',
            reverse("event_detail", kwargs={"slug": question.event.slug}),
            gettext("Voir l'événement sur la frise"),
        )

    @admin.display(description=_("statistiques"))
    def statistics(self, question: Question) -> SafeString:
        if question.pk is None:
            return format_html("{}", EMPTY)
        stats = question_statistics(questions=[question])[question.pk]
        if not stats.answers:
            return format_html("{}", gettext("Pas encore de réponse dans une tentative terminée."))
        if stats.discrimination is None:
            discrimination = gettext("trop peu de tentatives")
        else:
            discrimination = number_format(stats.discrimination, 2)
        summary = format_html(
            "<tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr>"
            "<tr><th>{}</th><td>{}</td></tr>",
            gettext("Réponses"),
            stats.answers,
            gettext("Facilité (réponses entièrement justes)")
            if stats.form != AnswerForm.SINGLE
            else gettext("Facilité (réponses justes)"),
            _percent(stats.facility),
            gettext("Discrimination (groupe fort − groupe faible)"),
            discrimination,
        )
        rows = format_html_join(
            "",
            "<tr><td>{}{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    choice.text,
                    gettext(" (bonne réponse)") if choice.is_correct else "",
                    choice.count,
                    _percent(choice.share),
                )
                for choice in stats.choices
            ),
        )
        return format_html(
            '<table class="quiz-statistics"><tbody>{}</tbody></table>'
            '<table class="quiz-statistics"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            summary,
            gettext("Option"),
            COUNT_HEADINGS[stats.form],
            gettext("Part"),
            rows,
        )

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Pairs and ranks mean nothing to a kind that does not use them (the question may
        # have changed kind): cleared, so that they cannot mislead later.
        answer_form = form.instance.answer_form
        if answer_form != AnswerForm.MATCHING:
            form.instance.choices.exclude(pair="").update(pair="")
        if answer_form != AnswerForm.ORDERING:
            form.instance.choices.exclude(rank=None).update(rank=None)
        content_changed = change and (
            bool({"stem", "explanation"} & set(form.changed_data))
            or any(formset.has_changed() for formset in formsets if formset.model is Choice)
        )
        question = form.instance
        failures = question_edit_check(question=question, content_changed=content_changed)
        if not failures:
            return
        asked_to_publish = form.cleaned_data.get("status") == Question.Status.PUBLISHED
        intro = PUBLISH_REFUSED if asked_to_publish else CHECKS_FAILED
        self.message_user(
            request, format_html("{}<br>{}", intro, _lines(failures)), messages.WARNING
        )

    def _back_to_form_if_refused(
        self, request: HttpRequest, question: Question, response: HttpResponse
    ) -> HttpResponse:
        """When publishing was asked and refused, show the form again with the reasons,
        rather than the list."""
        refused = (
            request.POST.get("status") == Question.Status.PUBLISHED
            and question.status != Question.Status.PUBLISHED
        )
        if not refused or IS_POPUP_VAR in request.POST or "_continue" in request.POST:
            return response
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[question.pk],
            current_app=self.admin_site.name,
        )
        context = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(context, url))

    def response_add(
        self, request: HttpRequest, obj: Question, post_url_continue: str | None = None
    ) -> HttpResponse:
        response = super().response_add(request, obj, post_url_continue)
        return self._back_to_form_if_refused(request, obj, response)

    def response_change(self, request: HttpRequest, obj: Question) -> HttpResponse:
        response = super().response_change(request, obj)
        return self._back_to_form_if_refused(request, obj, response)

    def get_urls(self) -> list[URLPattern]:
        rebuild = path(
            "rebuild/",
            self.admin_site.admin_view(require_POST(self.rebuild_view)),
            name=f"{self.opts.app_label}_{self.opts.model_name}_rebuild",
        )
        return [rebuild, *super().get_urls()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        can_rebuild = self.has_change_permission(request)
        extra_context = {**(extra_context or {}), "can_rebuild": can_rebuild}
        return super().changelist_view(request, extra_context)

    def rebuild_view(self, request: HttpRequest) -> HttpResponse:
        """Queues a rebuild of the generated questions for the worker and shows its progress;
        a second click while one is queued or running leads to the same job."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        job = bank_rebuild_enqueue(user=request.user)
        return HttpResponseRedirect(reverse("job_detail", args=(job.pk,)))


class QuizForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("types de questions"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Aucun coché : tous les types."),
    )

    class Meta:
        model = Quiz
        fields = (
            "title",
            "slug",
            "description",
            "size",
            "kinds",
            "actors",
            "sources",
            "date_from",
            "date_to",
            "mode",
            "time_limit",
            "published",
        )


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    form = QuizForm
    list_display = ("title", "slug", "mode", "size", "published", "attempt_count")
    list_filter = ("published", "mode")
    search_fields = ("title", "slug", "description")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("actors", "sources")
    readonly_fields = ("available_questions",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "published")}),
        (_("Déroulement"), {"fields": ("size", "mode", "time_limit")}),
        (
            _("Portée"),
            {
                "fields": (
                    "kinds",
                    "actors",
                    "sources",
                    ("date_from", "date_to"),
                    "available_questions",
                )
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quiz]:
        return super().get_queryset(request).annotate(attempt_total=Count("attempts"))

    @admin.display(description=_("tentatives"), ordering="attempt_total")
    def attempt_count(self, quiz: Quiz) -> int:
        return quiz.attempt_total

    @admin.display(description=_("questions disponibles"))
    def available_questions(self, quiz: Quiz) -> str:
        if quiz.pk is None:
            return gettext("Enregistrez le quiz pour voir combien de questions publiées il offre.")
        count = quiz_questions(quiz).count()
        text = ngettext(
            "%(n)d question publiée dans cette portée.",
            "%(n)d questions publiées dans cette portée.",
            count,
        ) % {"n": count}
        if count < quiz.size:
            text += " " + gettext("C'est moins que le nombre de questions : élargissez la portée.")
        return text


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ("question", "given", "is_correct", "answered_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Answer]:
        return (
            super()
            .get_queryset(request)
            .select_related("question", "choice")
            .prefetch_related("question__choices")
        )

    @admin.display(description=_("réponse donnée"))
    def given(self, answer: Answer) -> str:
        if answer.choice is not None:
            return answer.choice.text
        return response_text(question=answer.question, response=answer.response) or EMPTY

    def has_add_permission(self, request: HttpRequest, obj: Attempt | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Attempt | None = None) -> bool:
        return False


class FinishedFilter(admin.SimpleListFilter):
    title = _("terminée")
    parameter_name = "finished"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("oui")), ("no", _("non"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Attempt]) -> QuerySet[Attempt]:
        if self.value() == "yes":
            return queryset.filter(finished_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(finished_at__isnull=True)
        return queryset


def _csv_response(attempts: QuerySet[Attempt]) -> StreamingHttpResponse:
    filename = f"tentatives-{timezone.localdate().isoformat()}.csv"
    return StreamingHttpResponse(
        attempts_csv(attempts=attempts),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@admin.action(description=_("Exporter en CSV"), permissions=["view"])
def export_csv(
    modeladmin: AttemptAdmin, request: HttpRequest, queryset: QuerySet[Attempt]
) -> StreamingHttpResponse:
    return _csv_response(queryset)


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Attempts are the students' work: read, exported, never edited here."""

    list_display = ("quiz", "student", "started_at", "finished_at", "result")
    list_filter = ("quiz", FinishedFilter)
    list_select_related = ("quiz",)
    search_fields = ("display_name", "quiz__title")
    date_hierarchy = "started_at"
    actions = (export_csv,)
    inlines = (AnswerInline,)
    fields = (
        "quiz",
        "uuid",
        "display_name",
        "retry_of",
        "started_at",
        "finished_at",
        "result",
        "answered_count",
    )
    readonly_fields = fields

    @admin.display(description=_("nom affiché"), ordering="display_name")
    def student(self, attempt: Attempt) -> str:
        return attempt.display_name or gettext("anonyme")

    @admin.display(description=_("résultat"), ordering="score")
    def result(self, attempt: Attempt) -> str:
        return f"{attempt.score}/{attempt.question_count}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Attempt | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """The CSV of the attempts the list shows, with its filters and search applied."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist: ChangeList = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
            return HttpResponseRedirect(f"{url}?{ERROR_FLAG}=1")
        return _csv_response(changelist.queryset)
