"""The timeline's rendered region is cached under the content version: a repeated page costs one
query, and any change to the content is seen at once."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seeds.loader import corpus_load
from summit.models import Event
from summit.versioning import content_version, forget_content_version
from tests.factories import ActorFactory, EventFactory, bulk_corpus

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def main(html: str) -> str:
    """The page's main region (the header around it carries a CSRF token of its own)."""
    return html[html.index("<main") :] if "<main" in html else html


def get(client, path: str = "/", **headers) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_a_repeated_page_is_served_from_the_cache_with_one_query_at_most(client, headers):
    EventFactory(title="Sommet de Singapour", published=True)
    first, fresh = get(client, "/?q=singapour", **headers)
    again, cached = get(client, "/?q=singapour", **headers)
    assert "Sommet de Singapour" in again
    assert cached == 0 < fresh  # the content version read by the first request is still fresh
    assert main(again) == main(first)
    forget_content_version()  # as when it is a second old
    _, later = get(client, "/?q=singapour", **headers)
    assert later == 1


def test_each_page_keeps_its_own_csrf_token(client, django_user_model):
    EventFactory(published=True)
    first, _ = get(client)
    other, _ = get(client.__class__())
    tokens = [
        re.search(r'data-hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
        for html in (first, other)
    ]
    assert tokens[0] != tokens[1]


def test_a_saved_change_is_seen_at_once(client):
    event = EventFactory(title="Sommet de Hanoï", published=True)
    get(client)
    event.title = "Sommet de Hanoï, sans accord"
    event.save()
    assert "Sommet de Hanoï, sans accord" in get(client)[0]
    kim = ActorFactory(name="Kim Jong-un", slug="kim-jong-un")
    EventFactory(title="Rencontre de Vladivostok", published=True).actors.add(kim)
    assert "Sommet de Hanoï, sans accord" not in get(client, "/?actor=kim-jong-un")[0]
    event.actors.add(kim)
    assert "Sommet de Hanoï, sans accord" in get(client, "/?actor=kim-jong-un")[0]
    event.delete()
    assert "Sommet de Hanoï" not in get(client)[0]


def test_publishing_from_the_admin_is_seen_at_once(admin_client, client):
    event = EventFactory(title="Rencontre de Vladivostok", published=False)
    assert "Rencontre de Vladivostok" not in get(client)[0]
    response = admin_client.post(
        "/admin/summit/event/",
        {"action": "publish", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    assert "Rencontre de Vladivostok" in get(client)[0]


def test_loading_the_corpus_changes_the_version():
    bulk_corpus(events=3)  # written in bulk: no signal
    before = content_version()
    corpus_load()
    assert content_version() not in {"", before}


def test_each_language_has_its_own_page(client):
    EventFactory(published=True)
    french, _ = get(client)
    english, _ = get(client, HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="fr"' in french[:200]
    assert 'lang="en"' in english[:200]
    assert get(client)[0].count("événement") == french.count("événement")


def test_an_invalid_filter_is_not_cached(client):
    EventFactory(published=True)
    assert client.get("/?from=abc").status_code == 400
    assert client.get("/?from=abc").status_code == 400
    assert Event.objects.count() == 1


def test_the_token_of_a_cached_page_is_accepted(client):
    EventFactory(published=True)
    get(client)
    browser = client.__class__(enforce_csrf_checks=True)
    cached, queries = get(browser)
    assert queries == 0  # served from the cache, under the version read just before
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cached).group(1)
    response = browser.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert browser.cookies["django_language"].value == "en"


def test_old_tokens_are_deleted_and_the_newest_is_the_version():
    from summit.models import ContentVersion
    from summit.versioning import KEEP_TOKENS, content_changed

    for _ in range(KEEP_TOKENS * 3):
        content_changed()
    newest = ContentVersion.objects.latest("pk")
    assert content_version() == newest.token
    assert ContentVersion.objects.count() <= 2 * KEEP_TOKENS
