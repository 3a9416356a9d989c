from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from seeds.importer import ARTICLE_EMPTY
from seeds.jobs import ARTICLE_IMPORT, article_import_enqueue, article_import_is_long
from summit.models import Job, Source

pytestmark = pytest.mark.django_db

ARTICLE = Path(__file__).resolve().parent / "articles" / "conseil-municipal.txt"


def test_only_an_article_past_the_threshold_is_long(settings):
    settings.JOBS_IMPORT_THRESHOLD = 10
    assert article_import_is_long(data=b"x" * 11)
    assert not article_import_is_long(data=b"x" * 10)


def test_a_long_article_is_imported_by_the_worker(django_capture_on_commit_callbacks):
    data = ARTICLE.read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        job = article_import_enqueue(
            data=data, filename=ARTICLE.name, published_on=datetime.date(2024, 3, 12)
        )
    job.refresh_from_db()
    source = Source.objects.get()
    assert job.kind == ARTICLE_IMPORT
    assert job.state == Job.State.DONE
    assert job.summary.startswith("Article importé : « ")
    assert job.result_url == f"{reverse('admin:summit_event_changelist')}?source={source.pk}"
    assert source.published_on == datetime.date(2024, 3, 12)
    assert (job.done, job.total) == (1, 1)


def test_the_same_file_sent_twice_gives_one_job(django_capture_on_commit_callbacks):
    data = ARTICLE.read_bytes()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = article_import_enqueue(data=data, filename=ARTICLE.name)
        second = article_import_enqueue(data=data, filename=ARTICLE.name)
    assert first.pk == second.pk
    assert len(callbacks) == 1


def test_a_bad_file_fails_the_job_with_the_importer_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = article_import_enqueue(data=b"", filename="vide.txt")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message == f"Ce travail a échoué : {ARTICLE_EMPTY}"
    assert not Source.objects.exists()


def test_an_article_imported_twice_fails_the_second_job_with_a_message(
    django_capture_on_commit_callbacks,
):
    data = ARTICLE.read_bytes()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            job = article_import_enqueue(data=data, filename=ARTICLE.name)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message.startswith("Ce travail a échoué : ")
    assert Source.objects.count() == 1
