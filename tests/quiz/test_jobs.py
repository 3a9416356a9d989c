from __future__ import annotations

import pytest

from quiz.bank import BUILD_STEPS
from quiz.jobs import BANK_REBUILD, bank_rebuild_enqueue, bank_rebuild_run
from quiz.models import Question
from summit.models import Job

pytestmark = pytest.mark.django_db


def test_the_rebuild_reports_each_step_and_builds_the_bank(seeded):
    steps: list[tuple[int, int]] = []
    outcome = bank_rebuild_run(progress=lambda done, total: steps.append((done, total)))
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
    assert steps[0] == (0, BUILD_STEPS)
    assert steps[-1] == (BUILD_STEPS, BUILD_STEPS)
    assert outcome.summary().startswith("Banque de questions :")
    assert outcome.url == "/admin/quiz/question/"
    assert Question.objects.exclude(fingerprint="").exists()


def test_two_rebuild_clicks_give_one_job(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = bank_rebuild_enqueue(user=admin_user)
        second = bank_rebuild_enqueue(user=admin_user)
    assert first.pk == second.pk
    assert len(callbacks) == 1
    assert first.kind == BANK_REBUILD
    assert first.created_by == admin_user
    assert Job.objects.active().count() == 1


def test_the_rebuild_job_runs_to_the_end(seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = bank_rebuild_enqueue()
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert (job.done, job.total) == (BUILD_STEPS, BUILD_STEPS)
    assert job.summary.startswith("Banque de questions :")
