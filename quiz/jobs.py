"""The quiz's long work, run by the worker: rebuilding the question bank."""

from __future__ import annotations

import random

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _

from quiz.bank import question_bank_build
from summit.jobs import JobOutcome, Progress, job_enqueue
from summit.models import Job

BANK_REBUILD = "bank_rebuild"


def bank_rebuild_enqueue(*, user: AbstractBaseUser | AnonymousUser | None = None) -> Job:
    """Queue a rebuild of the question bank, or return the one already queued or running."""
    return job_enqueue(
        kind=BANK_REBUILD,
        key=BANK_REBUILD,
        label=_("Reconstruction de la banque de questions"),
        function="quiz.jobs.bank_rebuild_run",
        user=user,
    )


def bank_rebuild_run(*, progress: Progress) -> JobOutcome:
    """The rebuild itself, with the project's seed so that the same content gives the same bank."""
    report = question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED), progress=progress)
    return JobOutcome(
        text=report.summary(),
        lines=[str(line) for line in report.lines],
        url=reverse("admin:quiz_question_changelist"),
    )
