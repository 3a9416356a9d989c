"""A timeline page already rendered is answered before the session, user and messages
middleware, with the same headers as the whole stack gives and a CSRF token of its own."""

from __future__ import annotations

import gzip
import re

import pytest
from django.db import connection
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_TOKEN_LENGTH
from django.test import Client
from django.test.utils import CaptureQueriesContext

from summit.page_cache import csrf_stand_in
from summit.versioning import forget_content_version
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def served(client: Client, path: str = "/", **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    return response, len(queries.captured_queries)


def test_a_rendered_page_is_answered_before_the_session_and_user_middleware(client):
    EventFactory(title="Sommet de Singapour", published=True)
    first, _ = served(client)
    again, queries = served(client)
    assert hasattr(first.wsgi_request, "session")
    assert not hasattr(again.wsgi_request, "session")
    assert not hasattr(again.wsgi_request, "user")
    assert queries == 0  # the content version read by the first request is still fresh
    assert "Sommet de Singapour" in again.content.decode()


@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}])
def test_a_cached_page_has_the_headers_of_a_rendered_one(client, headers):
    EventFactory(published=True)
    first, _ = served(client, **headers)
    again, _ = served(client, **headers)
    assert not hasattr(again.wsgi_request, "session")
    assert dict(again.headers) == dict(first.headers)
    assert again["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in again
    assert again["Vary"] == first["Vary"]
    assert {name: c.value for name, c in again.cookies.items()} == {
        name: c.value for name, c in first.cookies.items()
    }


def test_the_htmx_region_and_the_page_are_cached_apart(client):
    EventFactory(published=True)
    served(client)
    region, _ = served(client, HTTP_HX_REQUEST="true")
    page, _ = served(client)
    assert "<html" not in region.content.decode()
    assert "<html" in page.content.decode()
    history, _ = served(client, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in history.content.decode()


def test_each_language_has_its_own_cached_page(client):
    EventFactory(published=True)
    served(client, HTTP_ACCEPT_LANGUAGE="fr")
    served(client, HTTP_ACCEPT_LANGUAGE="en")
    french, _ = served(client, HTTP_ACCEPT_LANGUAGE="fr")
    english, _ = served(client, HTTP_ACCEPT_LANGUAGE="en")
    assert not hasattr(english.wsgi_request, "session")
    assert english["Content-Language"] == "en"
    assert french["Content-Language"] == "fr"
    assert ">Quotes<" in english.content.decode()
    assert "Citations" in french.content.decode()


def test_the_token_of_a_cached_page_passes_the_csrf_check():
    EventFactory(published=True)
    client = Client(enforce_csrf_checks=True)
    served(client)
    tokens = set()
    for _ in range(3):
        response, _ = served(client)
        assert not hasattr(response.wsgi_request, "session")
        token = TOKEN.search(response.content.decode()).group(1)
        assert len(token) == CSRF_TOKEN_LENGTH
        assert set(token) <= set(CSRF_ALLOWED_CHARS)
        tokens.add(token)
    # A fresh mask each time (against BREACH), on the same secret.
    assert len(tokens) == 3
    answer = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302
    refused = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    assert refused.status_code == 403


def test_a_first_visit_served_from_the_cache_gets_a_csrf_cookie():
    EventFactory(published=True)
    visitor = Client(enforce_csrf_checks=True)
    served(visitor)
    visitor.cookies.clear()  # another visitor, to the same process
    response, _ = served(visitor)
    assert not hasattr(response.wsgi_request, "session")
    assert response.cookies["csrftoken"].value
    token = TOKEN.search(response.content.decode()).group(1)
    answer = visitor.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302


def test_a_refused_host_is_refused_even_when_the_page_is_cached(client):
    EventFactory(published=True)
    served(client)
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_the_stand_in_never_reaches_the_visitor_and_follows_the_secret_key(client, settings):
    EventFactory(published=True)
    for _ in range(2):
        assert csrf_stand_in() not in client.get("/").content.decode()
    before = csrf_stand_in()
    settings.SECRET_KEY = "another-" + "k" * 60
    assert csrf_stand_in() != before


def test_other_pages_and_methods_go_down_the_whole_stack(client):
    EventFactory(published=True)
    served(client)
    assert hasattr(client.get("/quotes/").wsgi_request, "session")
    assert client.post("/").status_code in {403, 405}


class AddsAHeader:
    """A middleware after the page cache that gives every response a header of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Later-Middleware"] = "seen"
        return response


def test_headers_from_the_rest_of_the_stack_are_given_again(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.AddsAHeader"]
    EventFactory(published=True)
    client = Client()
    first, _ = served(client)
    again, _ = served(client)
    assert not hasattr(again.wsgi_request, "session")
    assert again["X-Later-Middleware"] == first["X-Later-Middleware"] == "seen"
    assert int(again["Content-Length"]) == len(again.content)


def test_a_page_cached_by_another_process_is_first_served_whole(client):
    EventFactory(published=True)
    served(client)
    # Another process (a fresh handler, which has not read the version yet) finds the page in
    # the shared cache but has not seen its headers: one response through the whole stack, from
    # the cache, then the short way.
    forget_content_version()
    other = Client()
    first, queries = served(other)
    assert hasattr(first.wsgi_request, "session")
    assert queries == 1
    again, _ = served(other)
    assert not hasattr(again.wsgi_request, "session")


# Compressed for the browsers that accept gzip, from pieces compressed once


GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
# A masked CSRF token, in a form or in the header htmx sends.
ANY_TOKEN = re.compile(rf"[{CSRF_ALLOWED_CHARS}]{{{CSRF_TOKEN_LENGTH}}}")


@pytest.mark.parametrize(
    ("headers", "forms"), [({}, True), ({"HTTP_HX_REQUEST": "true"}, False)], ids=["page", "region"]
)
def test_a_kept_page_is_sent_compressed_with_a_token_of_its_own(client, headers, forms):
    EventFactory(title="Sommet de Singapour", published=True)
    plain, _ = served(client, **headers)
    rendered, _ = served(client, **GZIP, **headers)  # kept by the first request, not cached yet
    first, _ = served(client, **GZIP, **headers)
    second, _ = served(client, **GZIP, **headers)

    assert not hasattr(second.wsgi_request, "session")
    pages = []
    for response in (rendered, first, second):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        # gzip checks the stream, the checksum and the length of the whole.
        pages.append(gzip.decompress(response.content).decode())
    html = plain.content.decode()
    for page in pages:
        assert ANY_TOKEN.sub("token", page) == ANY_TOKEN.sub("token", html)
        assert csrf_stand_in() not in page
    tokens = [set(TOKEN.findall(page)) for page in [html, *pages]]
    if forms:
        # One token per response, in each of its forms.
        assert all(len(found) == 1 for found in tokens)
        assert len(set.union(*tokens)) == 4
    else:
        assert not any(tokens)
    assert "Sommet de Singapour" in pages[2]
    assert set(plain["Vary"].split(", ")) <= set(second["Vary"].split(", "))
    assert "Content-Encoding" not in served(client, **headers)[0]


def test_a_compressed_page_s_token_is_accepted(client):
    EventFactory(published=True)
    served(client, **GZIP)
    response, _ = served(client, **GZIP)
    token = TOKEN.search(gzip.decompress(response.content).decode()).group(1)
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = client.cookies
    answer = checked.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302


def test_the_compressed_length_varies_from_one_response_to_the_next(client):
    EventFactory(published=True)
    served(client, **GZIP)
    lengths = {len(served(client, **GZIP)[0].content) for _ in range(12)}
    assert len(lengths) > 1
