from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from summit import jobs
from summit.jobs import (
    JOB_INTERRUPTED,
    JOB_NOT_STARTED,
    STALE_AFTER,
    JobOutcome,
    job_enqueue,
    job_progress,
    job_stale_fail,
)
from summit.models import Job

pytestmark = pytest.mark.django_db

# What the work functions below saw of their own job while they ran.
SEEN: list[tuple[int, int]] = []


def counting_work(*, progress: jobs.Progress, steps: int) -> JobOutcome:
    for done in range(1, steps + 1):
        progress(done, steps)
        running = job_progress(Job.objects.get(state=Job.State.RUNNING))
        SEEN.append((running.done, running.total))
    return JobOutcome(text=f"{steps} étapes", lines=["une ligne"], url="/admin/")


def failing_work(*, progress: jobs.Progress) -> JobOutcome:
    progress(1, 3)
    raise ValueError("le fichier est vide")


def enqueue(function: str = "tests.summit.test_jobs.counting_work", **kwargs: object) -> Job:
    return job_enqueue(
        kind="test", key="test", label="Travail de test", function=function, kwargs=kwargs
    )


@pytest.fixture(autouse=True)
def _no_progress_seen() -> None:
    SEEN.clear()


def test_a_job_is_queued_then_run_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = enqueue(steps=3)
    assert job.state == Job.State.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.summary == "3 étapes"
    assert job.lines == ["une ligne"]
    assert job.result_url == "/admin/"
    assert job.started_at is not None
    assert job.finished_at is not None


def test_the_progress_is_seen_while_the_job_runs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(steps=4)
    assert SEEN == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_two_requests_for_the_same_work_share_one_job(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = enqueue(steps=1)
        second = enqueue(steps=1)
    assert first.pk == second.pk
    assert len(callbacks) == 1
    callbacks[0]()
    with django_capture_on_commit_callbacks(execute=False):
        third = enqueue(steps=1)
    assert third.pk != first.pk
    assert Job.objects.count() == 2


def test_the_database_refuses_two_active_jobs_for_the_same_work():
    Job.objects.create(kind="test", key="test", label="un", state=Job.State.RUNNING)
    Job.objects.create(kind="test", key="test", label="fini", state=Job.State.DONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(kind="test", key="test", label="deux")


def test_a_failing_job_keeps_its_error_for_the_teacher(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(function="tests.summit.test_jobs.failing_work")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message == "Ce travail a échoué : le fichier est vide"
    assert (job.done, job.total) == (1, 3)


def test_a_broker_that_cannot_be_reached_fails_the_job(
    monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args: object, **kwargs: object) -> None:
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(jobs, "async_task", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(steps=1)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message == str(JOB_NOT_STARTED)


def test_a_running_job_without_heartbeat_is_marked_interrupted():
    long_ago = timezone.now() - timedelta(seconds=STALE_AFTER * 2)
    stopped = Job.objects.create(
        kind="test", key="a", label="a", state=Job.State.RUNNING, started_at=long_ago
    )
    alive = Job.objects.create(
        kind="test", key="b", label="b", state=Job.State.RUNNING, started_at=long_ago
    )
    jobs._cache().set(jobs._heartbeat_key(alive), time.time())
    assert job_stale_fail() == 1
    stopped.refresh_from_db()
    alive.refresh_from_db()
    assert stopped.state == Job.State.FAILED
    assert stopped.message == str(JOB_INTERRUPTED)
    assert alive.state == Job.State.RUNNING


def test_a_job_just_started_is_not_stale():
    Job.objects.create(
        kind="test", key="a", label="a", state=Job.State.RUNNING, started_at=timezone.now()
    )
    assert job_stale_fail() == 0


def test_an_interrupted_job_does_not_block_a_new_one(django_capture_on_commit_callbacks):
    Job.objects.create(
        kind="test",
        key="test",
        label="a",
        state=Job.State.RUNNING,
        started_at=timezone.now() - timedelta(seconds=STALE_AFTER * 2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(steps=1)
    job.refresh_from_db()
    assert job.state == Job.State.DONE


# The job page ----------------------------------------------------------------------------


def page_url(job: Job) -> str:
    return reverse("job_detail", args=(job.pk,))


def test_the_job_page_is_for_staff_only(client):
    job = Job.objects.create(kind="test", key="a", label="a")
    response = client.get(page_url(job))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_job_page_rejects_post(admin_client):
    job = Job.objects.create(kind="test", key="a", label="a")
    assert admin_client.post(page_url(job)).status_code == 405


def test_an_unknown_job_is_a_404(admin_client):
    assert admin_client.get(reverse("job_detail", args=(999,))).status_code == 404


def test_a_running_job_page_polls_and_shows_the_progress(admin_client):
    job = Job.objects.create(
        kind="test",
        key="a",
        label="Reconstruction",
        state=Job.State.RUNNING,
        started_at=timezone.now(),
    )
    jobs._progress_writer(job)(1, 4)
    html = admin_client.get(page_url(job)).content.decode()
    assert '<progress id="job-progress" max="100" value="25"' in html
    assert 'data-hx-trigger="every 1s"' in html
    assert '<meta http-equiv="refresh" content="2">' in html
    assert f'href="{page_url(job)}"' in html


def test_the_htmx_poll_gets_the_region_alone(admin_client, django_assert_max_num_queries):
    job = Job.objects.create(kind="test", key="a", label="a", state=Job.State.QUEUED)
    with django_assert_max_num_queries(6):
        response = admin_client.get(page_url(job), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="job"')
    assert "<html" not in html
    assert "En attente du serveur de tâches" in html
    assert response["Vary"].count("HX-Request") == 1


def test_a_finished_job_page_stops_polling_and_links_the_result(admin_client):
    job = Job.objects.create(
        kind="test",
        key="a",
        label="a",
        state=Job.State.DONE,
        summary="Fini.",
        result_url="/admin/quiz/question/",
        done=4,
        total=4,
    )
    html = admin_client.get(page_url(job)).content.decode()
    assert "data-hx-trigger" not in html
    assert 'http-equiv="refresh"' not in html
    assert 'value="100"' in html
    assert "Fini." in html
    assert 'href="/admin/quiz/question/"' in html


def test_a_failed_job_page_shows_the_message_not_a_traceback(admin_client):
    job = Job.objects.create(
        kind="test",
        key="a",
        label="a",
        state=Job.State.FAILED,
        message="Ce travail a échoué : le fichier est vide",
    )
    html = admin_client.get(page_url(job)).content.decode()
    assert '<p class="errornote">Ce travail a échoué : le fichier est vide</p>' in html
    assert "Traceback" not in html


def test_a_job_reports_in_the_sites_language_whatever_its_thread_was_left_in(
    django_capture_on_commit_callbacks,
):
    from django.utils import translation

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = enqueue(function="tests.summit.test_jobs.failing_work")
    job.refresh_from_db()
    assert job.message == "Ce travail a échoué : le fichier est vide"
