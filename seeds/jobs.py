"""Long imports, run by the worker: an article past settings.JOBS_IMPORT_THRESHOLD bytes is
imported in the background while the teacher watches the job's page."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _

from summit.editorial import article_import
from summit.jobs import JobOutcome, Progress, job_enqueue
from summit.models import Job

ARTICLE_IMPORT = "article_import"


def article_import_is_long(*, data: bytes) -> bool:
    """Whether an article is long enough to be imported by the worker rather than the request."""
    return len(data) > settings.JOBS_IMPORT_THRESHOLD


def article_import_enqueue(
    *,
    data: bytes,
    filename: str = "",
    title: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
    url: str = "",
    language: str = "auto",
    publish: bool = False,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> Job:
    """Queue the import of one article (the arguments of `summit.editorial.article_import`);
    the same file sent twice while its import is queued or running gives the same job."""
    return job_enqueue(
        kind=ARTICLE_IMPORT,
        key=f"{ARTICLE_IMPORT}:{hashlib.sha256(data).hexdigest()}",
        label=_("Import de « %(name)s »") % {"name": title or filename or _("l'article")},
        function="seeds.jobs.article_import_run",
        kwargs={
            "data": data,
            "filename": filename,
            "title": title,
            "outlet": outlet,
            "published_on": published_on.isoformat() if published_on else None,
            "url": url,
            "language": language,
            "publish": publish,
        },
        user=user,
    )


def article_import_run(
    *, progress: Progress, published_on: str | None, **arguments: object
) -> JobOutcome:
    """The import itself (an article already imported fails the job with the importer's
    message); its outcome links to the new source's event candidates."""
    progress(0, 1)
    result = article_import(
        published_on=datetime.date.fromisoformat(published_on) if published_on else None,
        **arguments,  # type: ignore[arg-type]
    )
    progress(1, 1)
    source = result.source
    if result.published:
        text = _(
            "Article importé et publié : « %(title)s », %(quotes)d citation(s) et %(events)d "
            "événement(s)."
        )
    else:
        text = _(
            "Article importé : « %(title)s », %(quotes)d citation(s) et %(events)d "
            "événement(s) candidat(s), non publiés. Relisez-les, corrigez-les puis publiez-les."
        )
    text = text % {
        "title": source.title,
        "quotes": len(result.extraction.quotes),
        "events": len(result.extraction.events),
    }
    lines = []
    bank = getattr(result, "bank", None)
    if bank is not None:
        lines.append(bank.summary())
    if result.new_actors:
        lines.append(
            _("Nouveaux acteurs à vérifier : %(names)s.") % {"names": ", ".join(result.new_actors)}
        )
    events_url = reverse("admin:summit_event_changelist")
    return JobOutcome(text=text, lines=lines, url=f"{events_url}?source={source.pk}")
