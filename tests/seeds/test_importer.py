"""The import service's storage, fed what the extraction gives (INTERFACE.md): titled event
candidates that may match an existing event, quotations dated with their basis and linked to an
event, speakers known or new with a reason. The extraction is replaced by a fixed one here so
that these rules are tested whatever the extraction finds."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from seeds import extract as extract_module
from seeds import importer
from seeds.importer import (
    ArticleDuplicate,
    ArticleInvalid,
    ArticleTimeout,
    article_prepare,
    article_store,
)
from summit import editorial
from summit.models import Actor, Citation, Event, Quote, Source
from tests.factories import ActorFactory
from tests.fakes import ARTICLE, SAID, fake_extractor, singapore_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> SimpleNamespace:
    return singapore_cast()


@pytest.fixture
def extraction(monkeypatch) -> list[dict]:
    """Replace the extraction by one that gives every field of the agreed interface."""
    calls: list[dict] = []
    monkeypatch.setattr(importer, "article_extract", fake_extractor(calls))
    return calls


def prepare(**options: object):
    return article_prepare(
        data=ARTICLE.encode(), published_on=datetime.date(2018, 6, 14), **options
    )


def test_a_matching_candidate_becomes_evidence_for_the_existing_event(cast, extraction):
    result = editorial.article_import(
        data=ARTICLE.encode(), published_on=datetime.date(2018, 6, 14)
    )
    assert result.matched_events == 1
    summit = cast.summit
    source = Source.objects.get()
    assert summit.citations.filter(source=source).count() == 1
    new = Event.objects.exclude(pk=summit.pk).get()
    assert new.title == "Les délégations publient un communiqué"
    assert new.summary == "Le 13 juin, les deux délégations ont publié un communiqué."
    assert not new.published
    assert Event.objects.count() == 2


def test_quotations_keep_their_date_basis_event_and_speaker(cast, extraction):
    editorial.article_import(data=ARTICLE.encode(), published_on=datetime.date(2018, 6, 14))
    work = Quote.objects.get(text="Nous avons fait du bon travail")
    assert (work.speaker, work.said_on, work.said_on_basis) == (cast.trump, SAID, "context")
    assert work.event == cast.summit
    step = Quote.objects.get(text="un pas en avant")
    assert step.event.title == "Les délégations publient un communiqué"
    assert step.speaker.name == "Mark Rutte"
    assert step.speaker.is_draft
    assert Source.objects.get().format == "transcript"
    for citation in Citation.objects.select_related("source", "quote"):
        citation.full_clean()


def test_the_extraction_gets_the_language_and_the_deadline_outside_any_transaction(
    cast, extraction, monkeypatch
):
    depths = []
    original = importer.article_extract

    def watching(**kwargs):
        depths.append(len(connection.atomic_blocks))
        return original(**kwargs)

    monkeypatch.setattr(importer, "article_extract", watching)
    # The test itself runs inside pytest-django's transaction: that is the depth to compare with.
    outside = len(connection.atomic_blocks)
    editorial.article_import(
        data=ARTICLE.encode(), published_on=datetime.date(2018, 6, 14), language="en"
    )
    assert depths == [outside]
    assert extraction[0]["language"] == "en"
    assert isinstance(extraction[0]["deadline"], float)
    assert Source.objects.get().language == "en"


def test_a_new_name_that_is_a_known_alias_is_the_known_actor(cast, extraction, monkeypatch):
    original = importer.article_extract

    def with_alias(**kwargs):
        result = original(**kwargs)
        result.quotes[1].speaker = SimpleNamespace(key=None, new_name="TRUMP", reason="")
        return result

    monkeypatch.setattr(importer, "article_extract", with_alias)
    result = prepare()
    assert [plan.name for plan in result.speakers] == ["Donald Trump", "Donald Trump"]
    assert result.new_actor_names == []
    with transaction.atomic():
        article_store(result)
    assert not Actor.objects.filter(is_draft=True).exists()


def test_the_json_names_titles_matches_and_bases(cast, extraction):
    payload = prepare().as_json()
    assert payload["source"]["language"] == "fr"
    assert [e["matches"] for e in payload["events"]] == ["sommet-de-singapour", None]
    assert payload["events"][0]["title"] == "Donald Trump rencontre Kim Jong-un à Singapour"
    assert [q["said_on_basis"] for q in payload["quotes"]] == ["context", "text"]
    assert [q["event"] for q in payload["quotes"]] == [
        "sommet-de-singapour",
        "Les délégations publient un communiqué",
    ]
    assert [q["speaker"] for q in payload["quotes"]] == ["Donald Trump", "Mark Rutte"]


def test_publishing_at_once_publishes_quotes_events_and_new_actors(cast, extraction):
    result = editorial.article_import(
        data=ARTICLE.encode(), published_on=datetime.date(2018, 6, 14), publish=True
    )
    assert result.published
    assert result.bank is not None
    assert not Quote.objects.filter(published=False).exists()
    assert not Event.objects.filter(published=False).exists()
    assert not Actor.objects.get(name="Mark Rutte").is_draft


def test_storing_is_a_handful_of_queries_whatever_the_article(cast, extraction):
    result = prepare()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        article_store(result)
    assert len(queries.captured_queries) < 30


def test_an_extraction_past_the_deadline_is_a_clear_error(cast, monkeypatch):
    class ExtractionTimeout(Exception):
        pass

    def slow(**kwargs):
        raise ExtractionTimeout

    monkeypatch.setattr(extract_module, "ExtractionTimeout", ExtractionTimeout, raising=False)
    monkeypatch.setattr(importer, "article_extract", slow)
    with pytest.raises(ArticleTimeout, match="limite de 60 s"):
        prepare()


def test_an_extraction_that_ignores_the_clock_is_held_to_the_limit(cast, settings):
    settings.SUMMIT_IMPORT_TIME_LIMIT = 1e-9
    with pytest.raises(ArticleTimeout) as raised:
        prepare()
    assert raised.value.code == "timeout"


def test_spans_that_do_not_fit_the_text_are_refused(cast, extraction, monkeypatch):
    original = importer.article_extract

    def shifted(**kwargs):
        result = original(**kwargs)
        quote = result.quotes[0]
        quote.start += 1
        return result

    monkeypatch.setattr(importer, "article_extract", shifted)
    with pytest.raises(ArticleInvalid):
        prepare()


def test_the_same_body_in_other_bytes_is_a_duplicate(cast, extraction):
    editorial.article_import(data=ARTICLE.encode(), published_on=datetime.date(2018, 6, 14))
    again = (ARTICLE + "\n\n\n").encode("utf-8-sig")
    with pytest.raises(ArticleDuplicate) as raised:
        article_prepare(data=again, published_on=datetime.date(2018, 6, 14))
    assert raised.value.source == Source.objects.get()
    assert raised.value.code == "duplicate"


def test_a_duplicate_stored_between_preparing_and_storing_is_refused(cast, extraction):
    first, second = prepare(), prepare()
    with transaction.atomic():
        article_store(first)
    with pytest.raises(ArticleDuplicate), transaction.atomic():
        article_store(second)
    assert Source.objects.count() == 1


def test_an_actor_merged_between_reading_and_storing_is_found_again(cast, extraction):
    result = prepare()
    kept = ActorFactory(slug="donald-j-trump", name="Donald J. Trump")
    editorial.actor_merge(keep=kept, merged=[cast.trump])
    with transaction.atomic():
        article_store(result)
    assert Quote.objects.get(text="Nous avons fait du bon travail").speaker == kept
    assert not Actor.objects.filter(name="Donald Trump").exists()


def test_one_new_actor_per_person_whatever_the_spelling(cast, extraction, monkeypatch):
    original = importer.article_extract

    def shouting(**kwargs):
        result = original(**kwargs)
        result.quotes[0].speaker = SimpleNamespace(key=None, new_name="MARK RUTTE", reason="")
        result.events[1].end_date = datetime.date(2018, 6, 1)  # before its start: no end
        return result

    monkeypatch.setattr(importer, "article_extract", shouting)
    result = prepare()
    assert result.new_actor_names == ["MARK RUTTE"]
    with transaction.atomic():
        article_store(result)
    assert list(Actor.objects.filter(is_draft=True).values_list("name", flat=True)) == [
        "MARK RUTTE"
    ]
    assert Event.objects.get(title="Les délégations publient un communiqué").end_date is None
