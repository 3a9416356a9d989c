"""The teacher's admin: every content model, with the cited sentence shown and highlighted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, ForeignKey, QuerySet, URLField
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from summit import editorial
from summit.article_preview import article_preview
from summit.dates import format_period
from summit.forms import ArticleConfirmForm, ArticleImportForm
from summit.models import (
    TIMELINE_DEFAULT_DESCRIPTION,
    TIMELINE_DEFAULT_TITLE,
    Actor,
    Citation,
    Event,
    Place,
    PublicSource,
    Quote,
    Source,
    TimelineSettings,
)
from summit.templatetags.summit import cited_sentence
from summit.throttle import ThrottledAdminAuthenticationForm

LONG_IMPORT = _(
    "Cet article est long : il est importé en arrière-plan. Une fois l'import terminé, le lien "
    "ci-dessous mène à ses événements candidats, à relire avant de les publier."
)

admin.site.site_header = _("Summit — administration")
admin.site.site_title = _("Summit")
admin.site.index_title = _("Contenus et quiz")
# Repeated failed sign-ins lock the username and the address for a while.
admin.site.login_form = ThrottledAdminAuthenticationForm


def highlighted_sentence(citation: Citation) -> SafeString:
    """The sentence around the citation with the cited words in a <mark>."""
    if citation.source_id is None or citation.start is None or citation.end is None:
        return format_html("{}", "—")
    return format_html('<span class="summit-sentence">{}</span>', cited_sentence(citation))


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    fields = ("source", "start", "end", "sentence")
    readonly_fields = ("sentence",)
    verbose_name = _("référence")
    verbose_name_plural = _("références dans les articles")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citation]:
        return super().get_queryset(request).select_related("source")

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "source" and field is not None:
            # Read the sources once per page, not once per citation row.
            field.choices = [("", "---------"), *((s.pk, str(s)) for s in field.queryset)]
        return field

    @admin.display(description=_("phrase citée"))
    def sentence(self, citation: Citation) -> SafeString:
        return highlighted_sentence(citation)


class EventCitationInline(CitationInline):
    fk_name = "event"


class QuoteCitationInline(CitationInline):
    fk_name = "quote"


def _bank_report(
    modeladmin: admin.ModelAdmin, request: HttpRequest, report: editorial.BankReport | None
) -> None:
    if report is None:
        return
    modeladmin.message_user(request, report.summary(), messages.INFO)
    for line in report.lines[:10]:
        modeladmin.message_user(request, line, messages.WARNING)


def _set_published(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, published: bool
) -> HttpResponseRedirect | None:
    """Publishing changes at once; the question bank follows in the worker, whose job page the
    teacher is sent to (what was unpublished has already left the quizzes)."""
    if queryset.model is Actor:
        kind = "actors"
    elif queryset.model is Event:
        kind = "events"
    else:
        kind = "quotes"
    result = editorial.content_publish(
        **{kind: queryset}, published=published, rebuild_later=True, user=request.user
    )
    count = result.changed
    if queryset.model is Actor and published:
        message = ngettext("%(n)d acteur vérifié.", "%(n)d acteurs vérifiés.", count)
    elif queryset.model is Actor:
        message = ngettext("%(n)d acteur à vérifier.", "%(n)d acteurs à vérifier.", count)
    elif published:
        message = ngettext("%(n)d élément publié.", "%(n)d éléments publiés.", count)
    else:
        message = ngettext("%(n)d élément dépublié.", "%(n)d éléments dépubliés.", count)
    modeladmin.message_user(request, message % {"n": count}, messages.SUCCESS)
    if result.withdrawn:
        modeladmin.message_user(
            request,
            ngettext(
                "%(n)d question sur ce contenu a quitté les quiz.",
                "%(n)d questions sur ce contenu ont quitté les quiz.",
                result.withdrawn,
            )
            % {"n": result.withdrawn},
            messages.INFO,
        )
    _bank_report(modeladmin, request, result.bank)
    if result.job is None:
        return None
    return HttpResponseRedirect(reverse("job_detail", args=[result.job.pk]))


@admin.action(description=_("Publier la sélection"), permissions=["change"])
def publish(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> HttpResponseRedirect | None:
    return _set_published(modeladmin, request, queryset, True)


@admin.action(description=_("Dépublier la sélection"), permissions=["change"])
def unpublish(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> HttpResponseRedirect | None:
    return _set_published(modeladmin, request, queryset, False)


@admin.action(description=_("Marquer comme vérifiés"), permissions=["change"])
def mark_reviewed(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> HttpResponseRedirect | None:
    return _set_published(modeladmin, request, queryset, True)


class MergeableAdminMixin:
    """Merging deletes rows and rewrites others: it needs both rights."""

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(request)  # type: ignore[attr-defined]


@admin.action(description=_("Fusionner la sélection…"), permissions=["merge"])
def merge(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> TemplateResponse | None:
    """Step 1 shows the selection and asks which one to keep; step 2 (the same action posted
    with ``keep``) merges the others into it."""
    if not modeladmin.has_merge_permission(request):  # type: ignore[attr-defined]
        raise PermissionDenied
    rows = list(queryset)
    opts = modeladmin.model._meta
    if len(rows) < 2:
        modeladmin.message_user(
            request, gettext("Sélectionnez au moins deux éléments à fusionner."), messages.ERROR
        )
        return None
    keep_pk = request.POST.get("keep", "")
    if "confirm" in request.POST:
        keep = next((row for row in rows if str(row.pk) == keep_pk), None)
        if keep is None:
            modeladmin.message_user(
                request, gettext("Choisissez l'élément à garder."), messages.ERROR
            )
        else:
            merged = [row for row in rows if row.pk != keep.pk]
            function = editorial.actor_merge if opts.model is Actor else editorial.place_merge
            try:
                result = function(keep=keep, merged=merged)
            except editorial.MergeError as error:
                modeladmin.message_user(request, str(error), messages.ERROR)
                return None
            modeladmin.message_user(
                request,
                gettext(
                    "Fusionné dans « %(kept)s » : %(names)s. Leurs noms sont désormais des "
                    "appellations de « %(kept)s », et tout ce qui les citait le cite."
                )
                % {"kept": keep, "names": ", ".join(result.merged_names)},
                messages.SUCCESS,
            )
            _bank_report(modeladmin, request, result.bank)
            return None
    usage = _merge_usage(opts.model, rows)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Fusionner des %(things)s") % {"things": opts.verbose_name_plural},
        "opts": opts,
        "rows": [(row, usage.get(row.pk, "")) for row in rows],
        "keep": keep_pk,
        "queryset": queryset,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/summit/merge_confirm.html", context)


def _merge_usage(model: type, rows: list) -> dict[int, str]:
    """What each row is used by, for the teacher to choose the one to keep."""
    pks = [row.pk for row in rows]
    if model is Actor:
        counted = Actor.objects.filter(pk__in=pks).annotate(
            quote_total=Count("quotes", distinct=True), event_total=Count("events", distinct=True)
        )
        return {
            actor.pk: gettext("%(quotes)d citation(s), %(events)d événement(s)")
            % {"quotes": actor.quote_total, "events": actor.event_total}
            for actor in counted
        }
    counted = Place.objects.filter(pk__in=pks).annotate(event_total=Count("events"))
    return {
        place.pk: gettext("%(events)d événement(s)") % {"events": place.event_total}
        for place in counted
    }


class FactSavedRebuildsBankMixin:
    """A change form that changes a published fact (or publishes or unpublishes one) rebuilds
    the question bank through the editorial module, after the related rows and citations are
    saved and inside the change form's transaction; so does a deletion."""

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        changed = set(form.changed_data)
        if any(formset.has_changed() for formset in formsets):
            changed.add("citations")
        report = editorial.fact_saved(fact=form.instance, changed=changed, created=not change)
        _bank_report(self, request, report)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)  # type: ignore[misc]
        _bank_report(self, request, editorial.facts_deleted())  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        _bank_report(self, request, editorial.facts_deleted())  # type: ignore[arg-type]


class SourceListFilter(admin.SimpleListFilter):
    """Events or quotations cited from one article: where an import is reviewed."""

    title = _("source")
    parameter_name = "source"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return list(Source.objects.values_list("pk", "title"))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if not str(value).isdigit():
            return queryset.none()
        return queryset.filter(citations__source_id=int(value)).distinct()


class PublicSourceInline(admin.TabularInline):
    """A reference sheet's public sources, by the span of the line each supports."""

    model = PublicSource
    extra = 0
    # An address typed without a scheme is taken as https.
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    fields = ("start", "end", "position", "title", "publisher", "url")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    inlines = [PublicSourceInline]
    list_display = ("title", "outlet", "published_on", "language", "is_reference", "citation_count")
    list_filter = ("is_reference", "language", "outlet")
    search_fields = ("title", "outlet", "author", "slug")
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("raw_filename", "raw_sha256", "cited_text")
    # An address typed without a scheme is taken as https.
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (
            None,
            {"fields": ("title", "slug", "outlet", "author", "published_on", "language", "url")},
        ),
        (_("Texte"), {"fields": ("text", "cited_text")}),
        (
            _("Provenance"),
            {"fields": ("credit", "is_reference", "raw_filename", "raw_sha256")},
        ),
    )

    class Media:
        # The article view's layout (the CSP allows no inline style).
        css = {"all": ["summit/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{name}_import",
            ),
            path(
                "import/confirm/",
                self.admin_site.admin_view(require_POST(self.import_confirm_view)),
                name=f"{name}_import_confirm",
            ),
            *super().get_urls(),
        ]

    def _import_page(
        self, request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Importer un article"),
            **context,
        }
        return TemplateResponse(request, f"admin/summit/source/{template}", context, status=status)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Step 1 (the form) and step 2 (the preview): nothing is written."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return self._import_page(request, "import_form.html", {"form": ArticleImportForm()})
        form = ArticleImportForm(request.POST, request.FILES)
        if not form.is_valid() or form.result is None or form.submission is None:
            return self._import_page(request, "import_form.html", {"form": form}, status=400)
        preview = article_preview(
            result=form.result, date_given=form.cleaned_data.get("published_on") is not None
        )
        confirm = ArticleConfirmForm(initial={"article": form.submission.sign()}, auto_id=False)
        return self._import_page(
            request,
            "import_preview.html",
            {"preview": preview, "confirm": confirm, "source": preview.source},
        )

    def import_confirm_view(self, request: HttpRequest) -> HttpResponse:
        """Step 3: the article is extracted again and stored unpublished, then reviewed."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        confirm = ArticleConfirmForm(request.POST)
        result = None
        if confirm.is_valid() and confirm.submission is not None:
            # A long article (settings.JOBS_IMPORT_THRESHOLD) is imported by the worker.
            submission = confirm.submission
            job = editorial.article_import_later(
                data=submission.data,
                filename=submission.filename,
                title=submission.title,
                outlet=submission.outlet,
                published_on=submission.published_on,
                url=submission.url,
                language=submission.language,
                user=request.user,
            )
            if job is not None:
                self.message_user(request, gettext(LONG_IMPORT), messages.INFO)
                return HttpResponseRedirect(reverse("job_detail", args=[job.pk]))
            try:
                result = confirm.save()
            except ValidationError:
                result = None
        if result is None:
            submission = confirm.submission
            initial = {}
            if submission is not None:
                initial = {
                    "text": submission.text() if not submission.filename else "",
                    "title": submission.title,
                    "outlet": submission.outlet,
                    "published_on": submission.published_on,
                    "url": submission.url,
                    "language": submission.language,
                }
            return self._import_page(
                request,
                "import_form.html",
                {
                    "form": ArticleImportForm(initial=initial),
                    "errors": confirm.non_field_errors() or confirm.errors.get("article"),
                },
                status=400,
            )
        source = result.source
        quotes = len(result.extraction.quotes)
        events = len(result.extraction.events)
        self.message_user(
            request,
            gettext(
                "Article importé : « %(title)s », %(quotes)d citation(s) et %(events)d "
                "événement(s) candidat(s), non publiés. Relisez-les, corrigez-les puis publiez-les."
            )
            % {"title": source.title, "quotes": quotes, "events": events},
            messages.SUCCESS,
        )
        if result.new_actors:
            self.message_user(
                request,
                gettext("Nouveaux acteurs à vérifier : %(names)s.")
                % {"names": ", ".join(result.new_actors)},
                messages.WARNING,
            )
        # The review happens where publishing does: the changelists, filtered on the new source.
        site = self.admin_site.name
        quotes_url = reverse("admin:summit_quote_changelist", current_app=site)
        self.message_user(
            request,
            format_html(
                '{} <a href="{}?source={}">{}</a>',
                gettext("Les événements candidats sont ci-dessous ;"),
                quotes_url,
                source.pk,
                gettext("relire les citations de cet article"),
            ),
            messages.INFO,
        )
        events_admin = self.admin_site.get_model_admin(Event)
        if not events_admin.has_view_or_change_permission(request):
            return HttpResponseRedirect(reverse("admin:summit_source_changelist", current_app=site))
        events_url = reverse("admin:summit_event_changelist", current_app=site)
        return HttpResponseRedirect(f"{events_url}?source={source.pk}")

    @admin.display(description=_("références"), ordering="citation_total")
    def citation_count(self, source: Source) -> int:
        return source.citation_total

    @admin.display(description=_("passages cités"))
    def cited_text(self, source: Source) -> SafeString:
        """The whole article with every cited span marked, to check the evidence at a glance."""
        if source.pk is None:
            return format_html("{}", "—")
        spans = sorted({(c.start, c.end) for c in source.citations.all()})
        parts: list[tuple[str, str]] = []
        cursor = 0
        for start, end in spans:
            if start < cursor:
                continue
            parts.append((source.text[cursor:start], source.text[start:end]))
            cursor = end
        body = format_html_join("", "{}<mark>{}</mark>", parts)
        return format_html(
            '<div class="summit-article">{}{}</div>',
            body,
            source.text[cursor:],
        )


@admin.register(Actor)
class ActorAdmin(MergeableAdminMixin, FactSavedRebuildsBankMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "country", "is_draft", "quote_count")
    list_filter = ("kind", "is_draft", "country")
    search_fields = ("name", "aliases", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "kind", "country", "description", "aliases", "is_draft")
    actions = (merge, mark_reviewed)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Actor]:
        # An aggregate drops Meta.ordering: name it again for the autocomplete's pagination.
        queryset = super().get_queryset(request).annotate(quote_total=Count("quotes"))
        return queryset.order_by("name", "pk")

    @admin.display(description=_("citations rapportées"), ordering="quote_total")
    def quote_count(self, actor: Actor) -> int:
        return actor.quote_total


@admin.register(Place)
class PlaceAdmin(MergeableAdminMixin, FactSavedRebuildsBankMixin, admin.ModelAdmin):
    list_display = ("name", "country", "latitude", "longitude")
    list_filter = ("country",)
    search_fields = ("name", "aliases", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "country", "part_of", "aliases", "latitude", "longitude")
    autocomplete_fields = ("part_of",)
    actions = (merge,)


@admin.register(Event)
class EventAdmin(FactSavedRebuildsBankMixin, admin.ModelAdmin):
    list_display = ("title", "when", "precision", "place", "actor_names", "published")
    list_filter = ("published", SourceListFilter, "precision", "actors", "place")
    list_select_related = ("place",)
    search_fields = ("title", "summary", "slug")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("place", "actors")
    actions = (publish, unpublish)
    inlines = (EventCitationInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "published")}),
        (_("Quand et où"), {"fields": (("date", "precision", "end_date"), "place", "actors")}),
        (_("Vérification"), {"fields": ("fact_check_note",)}),
        (
            _("Image"),
            {
                "fields": ("image", "image_alt", ("image_credit", "image_licence")),
                "description": _(
                    "Facultative. Montrée sur la fiche de l'événement et dans l'export TimelineJS, "
                    "avec son crédit et sa licence : les quatre champs vont ensemble."
                ),
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return super().get_queryset(request).prefetch_related("actors")

    @admin.display(description=_("date"), ordering="date")
    def when(self, event: Event) -> str:
        return format_period(event.date, event.end_date, event.precision)

    @admin.display(description=_("acteurs"))
    def actor_names(self, event: Event) -> str:
        return ", ".join(actor.name for actor in event.actors.all())


@admin.register(Quote)
class QuoteAdmin(FactSavedRebuildsBankMixin, admin.ModelAdmin):
    list_display = ("short_text", "speaker", "kind", "said_on", "event", "published")
    list_filter = ("published", SourceListFilter, "kind", "speaker")
    list_select_related = ("speaker", "event")
    search_fields = ("text", "speaker__name")
    date_hierarchy = "said_on"
    autocomplete_fields = ("speaker", "event")
    actions = (publish, unpublish)
    inlines = (QuoteCitationInline,)
    fields = ("text", "speaker", "kind", "said_on", "said_on_basis", "event", "published")

    def save_model(
        self, request: HttpRequest, obj: Quote, form: forms.ModelForm, change: bool
    ) -> None:
        # A date a teacher sets is checked, whatever the extraction said about it.
        if "said_on" in form.changed_data and "said_on_basis" not in form.changed_data:
            obj.said_on_basis = Quote.DateBasis.EDITOR
        super().save_model(request, obj, form, change)

    @admin.display(description=_("texte"), ordering="text")
    def short_text(self, quote: Quote) -> str:
        return str(quote)


class CitationForm(forms.ModelForm):
    class Meta:
        model = Citation
        fields = ("source", "start", "end", "event", "quote")

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("event")) == bool(data.get("quote")):
            raise forms.ValidationError(
                _(
                    "Une référence appuie soit un événement, soit une citation rapportée : "
                    "choisissez l'un ou l'autre."
                )
            )
        return data


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    form = CitationForm
    list_display = ("__str__", "backs", "sentence")
    list_filter = ("source",)
    list_select_related = ("source", "event", "quote")
    search_fields = ("source__title", "event__title", "quote__text")
    autocomplete_fields = ("source", "event", "quote")
    readonly_fields = ("sentence",)
    fields = ("source", "start", "end", "event", "quote", "sentence")

    @admin.display(description=_("appuie"))
    def backs(self, citation: Citation) -> str:
        return str(citation.event or citation.quote)

    @admin.display(description=_("phrase citée"))
    def sentence(self, citation: Citation) -> SafeString:
        return highlighted_sentence(citation)


@admin.register(TimelineSettings)
class TimelineSettingsAdmin(admin.ModelAdmin):
    """One row: the list leads straight to it (or to its creation, with today's texts)."""

    fields = ("title", "description")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not TimelineSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, str]:
        return {"title": TIMELINE_DEFAULT_TITLE, "description": TIMELINE_DEFAULT_DESCRIPTION}

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        saved = TimelineSettings.objects.first()
        if saved is None:
            return HttpResponseRedirect(reverse("admin:summit_timelinesettings_add"))
        return HttpResponseRedirect(
            reverse("admin:summit_timelinesettings_change", args=[saved.pk])
        )
