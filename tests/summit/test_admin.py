from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from summit.models import Actor, Citation, Event, Place, Quote, Source, TimelineSettings
from tests.factories import (
    ActorFactory,
    EventCitationFactory,
    EventFactory,
    QuoteCitationFactory,
)

pytestmark = pytest.mark.django_db

MODELS = (Source, Actor, Place, Event, Quote, Citation)


def url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:summit_{model._meta.model_name}_{view}", args=args)


def make_rows(count: int) -> None:
    """``count`` events and quotes, each with a citation, actors and places of their own."""
    for _ in range(count):
        citation = EventCitationFactory()
        citation.event.actors.set([ActorFactory(), ActorFactory()])
        QuoteCitationFactory()


def queries(client, path: str) -> int:
    client.get(path)  # warm the per-process caches (content types, session)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelists_run_a_constant_number_of_queries(admin_client, model):
    make_rows(3)
    few = queries(admin_client, url(model, "changelist"))
    make_rows(30)
    assert queries(admin_client, url(model, "changelist")) == few


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_and_add_forms_run_a_bounded_number_of_queries(admin_client, model):
    make_rows(3)
    first = model.objects.order_by("pk").first()
    few = queries(admin_client, url(model, "change", first.pk))
    make_rows(30)
    assert queries(admin_client, url(model, "change", first.pk)) == few
    assert few <= 20
    assert queries(admin_client, url(model, "add")) <= 20


def test_an_event_form_runs_the_same_queries_with_one_or_ten_citations(admin_client):
    event = EventFactory()
    EventCitationFactory(event=event)
    one = queries(admin_client, url(Event, "change", event.pk))
    for _ in range(9):
        EventCitationFactory(event=event)
    assert queries(admin_client, url(Event, "change", event.pk)) == one


def test_the_cited_sentence_is_shown_with_the_span_highlighted(admin_client):
    citation = QuoteCitationFactory(quote__text="Nous voulons la paix")
    response = admin_client.get(url(Quote, "change", citation.quote.pk))
    assert "<mark>Nous voulons la paix</mark>" in response.content.decode()
    response = admin_client.get(url(Citation, "change", citation.pk))
    html = response.content.decode()
    assert "« <mark>Nous voulons la paix</mark> », a déclaré" in html


def test_the_source_page_marks_every_cited_span(admin_client):
    citation = EventCitationFactory()
    response = admin_client.get(url(Source, "change", citation.source.pk))
    assert f"<mark>{citation.excerpt}</mark>" in response.content.decode()


def test_search_and_filters(admin_client, seeded):
    response = admin_client.get(url(Quote, "changelist"), {"q": "dialogue"})
    assert "un dialogue significatif" in response.content.decode()
    assert "format élargi" not in response.content.decode()
    kremlin = Actor.objects.get(slug="kremlin")
    response = admin_client.get(url(Quote, "changelist"), {"speaker__id__exact": kremlin.pk})
    assert "format élargi" in response.content.decode()
    response = admin_client.get(url(Event, "changelist"), {"precision__exact": "approximate"})
    html = response.content.decode()
    assert "Vladimir Poutine rencontre Kim Jong-il" in html
    assert "vers 2000" in html


def test_a_citation_must_back_exactly_one_thing(admin_client):
    citation = EventCitationFactory()
    data = {"source": citation.source.pk, "start": 0, "end": 5, "event": "", "quote": ""}
    response = admin_client.post(url(Citation, "add"), data)
    assert response.status_code == 200
    assert "soit un événement, soit une citation rapportée" in response.content.decode()
    assert Citation.objects.count() == 1


def test_a_quote_citation_must_cover_the_quoted_words(admin_client):
    citation = QuoteCitationFactory()
    data = {
        "source": citation.source.pk,
        "start": citation.start + 1,
        "end": citation.end,
        "event": "",
        "quote": citation.quote.pk,
    }
    response = admin_client.post(url(Citation, "change", citation.pk), data)
    assert response.status_code == 200
    assert "ne correspond pas au texte de la citation" in response.content.decode()
    citation.refresh_from_db()
    assert citation.start == 2


def test_publish_and_unpublish_actions(admin_client):
    events = [EventFactory(published=False) for _ in range(3)]
    response = admin_client.post(
        url(Event, "changelist"),
        {"action": "publish", "_selected_action": [e.pk for e in events]},
        follow=True,
    )
    assert "3 éléments publiés." in response.content.decode()
    assert Event.objects.filter(published=True).count() == 3


def test_the_admin_is_for_staff_only(client):
    response = client.get(url(Event, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_reference_sheet_shows_its_public_sources_in_the_admin(admin_client, seeded):
    sheet = Source.objects.get(slug="reperes-chronologiques")
    response = admin_client.get(url(Source, "change", sheet.pk))
    html = response.content.decode()
    assert "Sources publiques" in html
    assert "http://en.special.kremlin.ru/events/president/news/41779" in html


def test_the_timeline_settings_are_edited_as_one_row(admin_client, client):
    changelist = reverse("admin:summit_timelinesettings_changelist")
    response = admin_client.get(changelist)
    assert response["Location"] == reverse("admin:summit_timelinesettings_add")
    form = admin_client.get(response["Location"]).content.decode()
    assert "Trump, Kim, Poutine : la séquence 2018–2019" in form  # today's texts to start from
    saved = admin_client.post(
        response["Location"], {"title": "La guerre de Corée", "description": "1950–1953."}
    )
    assert saved.status_code == 302
    settings = TimelineSettings.objects.get()
    assert admin_client.get(changelist)["Location"] == reverse(
        "admin:summit_timelinesettings_change", args=[settings.pk]
    )
    assert admin_client.get(reverse("admin:summit_timelinesettings_add")).status_code == 403
    delete = reverse("admin:summit_timelinesettings_delete", args=[settings.pk])
    assert admin_client.get(delete).status_code == 403
    html = client.get("/").content.decode()
    assert "<h1>La guerre de Corée</h1>" in html
    assert "<title>Frise : La guerre de Corée · Summit</title>" in html
    assert "1950–1953." in html


def test_the_event_form_offers_the_image_with_its_details(admin_client):
    event = EventFactory()
    html = admin_client.get(url(Event, "change", event.pk)).content.decode()
    for field in ("image", "image_alt", "image_credit", "image_licence"):
        assert f'name="{field}"' in html
    assert 'enctype="multipart/form-data"' in html
