"""Long work run by the worker (django-q2), with progress for the teacher's job page.

A job is a row (`summit.models.Job`) plus a task in the queue that carries only its id. The task
runs a function given by its dotted path, called with the job's keyword arguments and a
`progress(done, total)` callback, and returning a `JobOutcome` (or anything with a `summary()`
and `lines`). The live progress goes through the "jobs" cache, not the database: the work (a
bank build) may hold a write transaction for most of its run. A heartbeat in the same cache tells a
running job from one whose worker stopped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from summit.models import Job

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# A running job whose worker has not been heard from for this long has stopped.
HEARTBEAT_EVERY = 5.0
STALE_AFTER = 60.0

JOB_INTERRUPTED = _(
    "Ce travail a été interrompu (le serveur de tâches s'est arrêté ou a redémarré). Relancez-le."
)
JOB_FAILED = _("Ce travail a échoué : %(error)s")
JOB_NOT_STARTED = _(
    "Ce travail n'a pas pu être mis en file d'attente : le serveur de tâches est injoignable."
)


class Outcome(Protocol):
    lines: Iterable[str]

    def summary(self) -> str: ...


@dataclass
class JobOutcome:
    """What a job function may return: one summary line and detail lines."""

    text: str
    lines: list[str] = field(default_factory=list)
    url: str = ""

    def summary(self) -> str:
        return self.text


def _cache() -> Any:
    return caches["jobs"]


def _progress_key(job: Job) -> str:
    # The creation time keeps two test databases' job 1 apart in a shared cache.
    return f"job:{job.pk}:{job.created_at.timestamp()}:progress"


def _heartbeat_key(job: Job) -> str:
    return f"job:{job.pk}:{job.created_at.timestamp()}:heartbeat"


def job_enqueue(
    *,
    kind: str,
    key: str,
    label: str,
    function: str,
    kwargs: dict[str, Any] | None = None,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> Job:
    """Queue `function` (a dotted path) unless the same work (`key`) is already queued or running;
    return the job either way, so that two clicks give one job."""
    job_stale_fail()
    active = Job.objects.active().filter(key=key).first()
    if active is not None:
        return active
    created_by = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, key=key, label=label, created_by=created_by)
    except IntegrityError:
        # Another request created it between the look-up and the insert.
        return Job.objects.active().get(key=key)
    payload = {"function": function, "kwargs": kwargs or {}}
    # Queued once the row is committed, so that the worker finds it.
    transaction.on_commit(lambda: _queue(job, payload))
    return job


def _queue(job: Job, payload: dict[str, Any]) -> None:
    try:
        async_task("summit.jobs.job_run", job.pk, payload, task_name=job.label[:100])
    except Exception:
        # A broker that cannot be reached is shown to the teacher on the job page.
        logger.exception("job %s could not be queued", job.pk)
        _finish(job, state=Job.State.FAILED, message=str(JOB_NOT_STARTED))


def job_run(job_id: int, payload: dict[str, Any]) -> None:
    """The task the worker runs: the job's function, with progress, and its outcome stored, in
    the site's language whatever language the worker's thread was left in."""
    with translation.override(settings.LANGUAGE_CODE):
        _job_run(job_id, payload)


def _job_run(job_id: int, payload: dict[str, Any]) -> None:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return
    job.state = Job.State.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=("state", "started_at"))
    beating = threading.Event()
    heart = threading.Thread(target=_heartbeat, args=(job, beating), daemon=True)
    _cache().set(_heartbeat_key(job), time.time(), timeout=None)
    heart.start()
    try:
        function = import_string(payload["function"])
        outcome: Outcome = function(progress=_progress_writer(job), **payload["kwargs"])
    except Exception as error:
        # The teacher sees the error; the log keeps the traceback.
        logger.exception("job %s failed", job.pk)
        _finish(job, state=Job.State.FAILED, message=str(JOB_FAILED) % {"error": error})
        return
    finally:
        beating.set()
        heart.join()
    _finish(
        job,
        state=Job.State.DONE,
        summary=outcome.summary(),
        lines=[str(line) for line in outcome.lines],
        url=getattr(outcome, "url", ""),
    )


def _heartbeat(job: Job, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_EVERY):
        _cache().set(_heartbeat_key(job), time.time(), timeout=None)


def _progress_writer(job: Job) -> Progress:
    def progress(done: int, total: int) -> None:
        _cache().set(_progress_key(job), (done, total), timeout=settings.JOBS_TIMEOUT * 2)

    return progress


def _finish(
    job: Job,
    *,
    state: str,
    message: str = "",
    summary: str = "",
    lines: list[str] | None = None,
    url: str = "",
) -> None:
    done, total = _cache().get(_progress_key(job), (job.done, job.total))
    job.state = state
    job.message = message
    job.summary = summary
    job.lines = lines or []
    job.result_url = url
    job.total = total
    job.done = total if state == Job.State.DONE else done
    job.finished_at = timezone.now()
    job.save()
    _cache().delete_many([_progress_key(job), _heartbeat_key(job)])


def job_progress(job: Job) -> Job:
    """The job with its live progress (from the cache while it runs)."""
    if job.state == Job.State.RUNNING:
        job.done, job.total = _cache().get(_progress_key(job), (job.done, job.total))
    return job


def job_stale_fail(*, now: float | None = None) -> int:
    """Mark failed the running jobs whose worker has stopped (no heartbeat for STALE_AFTER
    seconds); return how many."""
    now = time.time() if now is None else now
    stale = []
    for job in Job.objects.filter(state=Job.State.RUNNING):
        started = job.started_at.timestamp() if job.started_at else job.created_at.timestamp()
        beat = _cache().get(_heartbeat_key(job), started)
        if now - beat > STALE_AFTER:
            stale.append(job)
    for job in stale:
        _finish(job, state=Job.State.FAILED, message=str(JOB_INTERRUPTED))
    return len(stale)
