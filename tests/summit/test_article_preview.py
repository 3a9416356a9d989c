"""The admin import preview of event candidates: their actors, new people included, and where
their dates come from."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seeds.events import NEW_ACTOR
from summit.article_preview import NEW_ACTOR_PREFIX

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:summit_source_import")
STORY = (
    "Nouvelle rencontre à Lyon\n\n"
    "Marie Curie a rencontré Paul Martin lundi à Lyon.\n\n"
    "Elle a ensuite visité Grenoble avec Paul Martin.\n"
)


def preview_of(client, text: str):
    data = {
        "text": text,
        "title": "",
        "outlet": "Le Progrès",
        "published_on": "2019-09-04",
        "url": "",
        "language": "fr",
    }
    response = client.post(IMPORT, data)
    assert response.status_code == 200
    return response


def test_the_preview_names_the_people_an_import_would_create_for_an_event(admin_client):
    response = preview_of(admin_client, STORY)
    events = response.context["preview"].events
    assert [event.actors for event in events] == [
        ("Marie Curie (nouvel acteur)", "Paul Martin (nouvel acteur)"),
        ("Paul Martin (nouvel acteur)",),
    ]


def test_the_preview_says_where_each_event_date_comes_from(admin_client):
    response = preview_of(admin_client, STORY)
    events = response.context["preview"].events
    assert [(event.date, event.date_basis) for event in events] == [
        ("lundi 2 septembre 2019", "date donnée par la phrase"),
        ("lundi 2 septembre 2019", "date du contexte (dateline, paragraphe, événement)"),
    ]
    assert "date du contexte (dateline, paragraphe, événement)" in response.content.decode()


def test_the_preview_reads_new_people_as_the_extraction_writes_them():
    assert NEW_ACTOR_PREFIX == NEW_ACTOR
