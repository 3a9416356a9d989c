"""The admin's article import: what a teacher submits, and how it travels from the preview to
the confirmation without being trusted on the way back."""

from __future__ import annotations

import base64
import binascii
import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from summit.editorial import (
    ArticleDuplicate,
    ArticleError,
    ArticleNoDate,
    ImportResult,
    article_import,
)

MAX_ARTICLE_BYTES = 500 * 1024
# How long a preview may wait for its confirmation.
PREVIEW_MAX_AGE = datetime.timedelta(hours=2)
PREVIEW_SALT = "summit.article-import"

NO_ARTICLE = _("Collez le texte de l'article ou choisissez un fichier .txt.")
BOTH_GIVEN = _("Collez le texte ou choisissez un fichier, pas les deux à la fois.")
NOT_TXT = _("Seuls les fichiers texte .txt (encodés en UTF-8) sont acceptés.")
TOO_LARGE = _(
    "L'article est trop long : %(size)d Ko, pour %(limit)d Ko au plus. Importez-le en "
    "plusieurs parties ou retirez ce qui n'appartient pas à l'article."
)
NO_DATE = _(
    "La date de publication est introuvable dans l'article : indiquez-la dans le champ "
    "« Date de publication »."
)
DUPLICATE = _(
    "Cet article a déjà été importé : c'est la source « %(title)s » (%(slug)s). Rien n'a été écrit."
)
PREVIEW_INVALID = _(
    "La prévisualisation a expiré ou a été modifiée : recommencez l'import. Rien n'a été écrit."
)


@dataclass(frozen=True)
class ArticleSubmission:
    """An article as submitted: its bytes and the metadata ``import_article`` takes."""

    data: bytes
    filename: str = ""
    title: str = ""
    outlet: str = ""
    published_on: datetime.date | None = None
    url: str = ""
    language: str = "auto"

    def sign(self) -> str:
        """A tamper-proof, expiring value that carries the submission through the preview."""
        payload = {
            "data": base64.b64encode(self.data).decode("ascii"),
            "filename": self.filename,
            "title": self.title,
            "outlet": self.outlet,
            "published_on": self.published_on.isoformat() if self.published_on else "",
            "url": self.url,
            "language": self.language,
        }
        return signing.dumps(payload, salt=PREVIEW_SALT, compress=True)

    @classmethod
    def unsign(cls, value: str) -> ArticleSubmission:
        try:
            payload = signing.loads(value, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
            published = payload["published_on"]
            return cls(
                data=base64.b64decode(payload["data"], validate=True),
                filename=payload["filename"],
                title=payload["title"],
                outlet=payload["outlet"],
                published_on=datetime.date.fromisoformat(published) if published else None,
                url=payload["url"],
                language=payload["language"],
            )
        except (signing.BadSignature, binascii.Error, KeyError, TypeError, ValueError):
            raise ValidationError(PREVIEW_INVALID, code="preview") from None

    def text(self) -> str:
        return self.data.decode("utf-8-sig", errors="replace")

    def run(self, *, dry_run: bool) -> ImportResult:
        """The one import service, as ``import_article`` runs it; a reason the article cannot be
        imported becomes a form error."""
        try:
            return article_import(
                data=self.data,
                filename=self.filename,
                title=self.title,
                outlet=self.outlet,
                published_on=self.published_on,
                url=self.url,
                language=self.language,
                dry_run=dry_run,
            )
        except ArticleNoDate:
            # The service's message names the command's option; the form names its own field.
            raise ValidationError(
                {"published_on": ValidationError(NO_DATE, code="no_date")}
            ) from None
        except ArticleDuplicate as error:
            raise _duplicate(error) from None
        except ArticleError as error:
            raise ValidationError(str(error), code=error.code) from None


def _duplicate(error: ArticleDuplicate) -> ValidationError:
    source = error.source
    return ValidationError(
        DUPLICATE, code="duplicate", params={"title": source.title, "slug": source.slug}
    )


def article_preview_check(submission: ArticleSubmission) -> ImportResult:
    """The preview: what the import would store, or the reason it cannot. Nothing is written."""
    return submission.run(dry_run=True)


def article_store(submission: ArticleSubmission) -> ImportResult:
    """The confirmation: the article is extracted again (never taken from the preview page), then
    stored exactly as ``import_article`` stores it."""
    return submission.run(dry_run=False)


class ArticleImportForm(forms.Form):
    text = forms.CharField(
        label=_("Texte de l'article"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        help_text=_("Collez l'article tel quel : menus et publicité sont retirés à l'import."),
    )
    file = forms.FileField(
        label=_("… ou fichier texte"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
    )
    title = forms.CharField(
        label=_("Titre"),
        required=False,
        max_length=300,
        help_text=_("Laisser vide pour reprendre le titre de l'article."),
    )
    outlet = forms.CharField(
        label=_("Média"),
        required=False,
        max_length=200,
        help_text=_("Laisser vide si inconnu."),
    )
    published_on = forms.DateField(
        label=_("Date de publication"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laisser vide si l'article porte une ligne « Publié le … »."),
    )
    url = forms.URLField(
        label=_("Adresse de l'article"), required=False, max_length=500, assume_scheme="https"
    )
    language = forms.ChoiceField(
        label=_("Langue"),
        choices=[
            ("auto", _("détection automatique")),
            ("fr", _("français")),
            ("en", _("anglais")),
        ],
        initial="auto",
        help_text=_("La langue de l'article : les citations ne sont jamais traduites."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Un fichier .txt encodé en UTF-8, de %(limit)d Ko au plus."
        ) % {"limit": MAX_ARTICLE_BYTES // 1024}
        self.submission: ArticleSubmission | None = None
        self.result: ImportResult | None = None

    def _article_bytes(self) -> tuple[bytes, str] | None:
        text = self.cleaned_data.get("text") or ""
        upload = self.cleaned_data.get("file")
        if upload and text.strip():
            self.add_error(None, ValidationError(BOTH_GIVEN, code="both"))
            return None
        if upload:
            if not upload.name.lower().endswith(".txt"):
                self.add_error("file", ValidationError(NOT_TXT, code="not_txt"))
                return None
            if upload.size > MAX_ARTICLE_BYTES:
                self.add_error("file", self._too_large(upload.size))
                return None
            return upload.read(), upload.name
        if not text.strip():
            self.add_error(None, ValidationError(NO_ARTICLE, code="empty"))
            return None
        # A browser sends a textarea's line breaks as CRLF; a text file has plain LF.
        data = text.replace("\r\n", "\n").encode("utf-8")
        if len(data) > MAX_ARTICLE_BYTES:
            self.add_error("text", self._too_large(len(data)))
            return None
        return data, ""

    @staticmethod
    def _too_large(size: int) -> ValidationError:
        return ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"size": -(-size // 1024), "limit": MAX_ARTICLE_BYTES // 1024},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # A bad title, outlet or address does not stop the article from being checked, so that
        # every problem shows at once.
        if any(name in self.errors for name in ("text", "file", "published_on", "language")):
            return data
        article = self._article_bytes()
        if article is None:
            return data
        self.submission = ArticleSubmission(
            data=article[0],
            filename=article[1],
            title=data.get("title", ""),
            outlet=data.get("outlet", ""),
            published_on=data.get("published_on"),
            url=data.get("url", ""),
            language=data.get("language", "auto"),
        )
        try:
            self.result = article_preview_check(self.submission)
        except ValidationError as error:
            self.add_error(None, error)
        return data


class ArticleConfirmForm(forms.Form):
    article = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submission: ArticleSubmission | None = None
        self.result: ImportResult | None = None

    def clean_article(self) -> str:
        value = self.cleaned_data["article"]
        self.submission = ArticleSubmission.unsign(value)
        return value

    def save(self) -> ImportResult:
        """Store the article; a reason it cannot be stored becomes a form error."""
        assert self.submission is not None
        try:
            self.result = article_store(self.submission)
        except ValidationError as error:
            self.add_error(None, ValidationError(error.messages))
            raise
        return self.result
