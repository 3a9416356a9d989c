"""The content version as each process keeps it for a moment."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from summit import versioning
from summit.models import ContentVersion
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(versioning.time, "monotonic", clock)
    return clock


def reads(call) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        value = call()
    return value, len(queries.captured_queries)


def test_the_version_is_read_once_per_period_and_another_process_change_shows_after(
    clock, settings
):
    settings.SUMMIT_CONTENT_VERSION_SECONDS = 1
    EventFactory(published=True)
    first, queries = reads(versioning.content_version)
    assert first
    assert queries == 1
    # Another process changes the content: its token reaches the database, not this process.
    ContentVersion.objects.create(token="written-by-another-process")
    clock.now += 0.9
    assert reads(versioning.content_version) == (first, 0)
    clock.now += 0.2
    assert reads(versioning.content_version) == ("written-by-another-process", 1)


def test_a_change_made_here_is_seen_at_once(clock, settings):
    settings.SUMMIT_CONTENT_VERSION_SECONDS = 60
    event = EventFactory(published=True)
    before = versioning.content_version()
    event.title = "Sommet de Hanoï, renommé"
    event.save()
    after, queries = reads(versioning.content_version)
    assert after != before
    assert queries == 1


def test_zero_reads_the_database_every_time(clock, settings):
    settings.SUMMIT_CONTENT_VERSION_SECONDS = 0
    EventFactory(published=True)
    version = versioning.content_version()
    assert reads(versioning.content_version) == (version, 1)
