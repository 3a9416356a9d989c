"""Any parameters on the public endpoints: a page or a clear 4xx, never a 500.

The test client is built with ``raise_request_exception=False``, so that a crash in a view comes
back as a 500 response (which these tests reject) instead of an exception in the test.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ALLOWED = {200, 204, 301, 302, 400, 403, 404, 405}
HTMX = {"HTTP_HX_REQUEST": "true"}
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

NAMES = st.one_of(
    st.sampled_from(["actor", "source", "from", "to", "q", "page", "speaker", "x", "feedback"]),
    st.text(max_size=10),
)
VALUES = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.sampled_from(
        [
            "vladimir-poutine",
            "kim-jong-un",
            "euronews-2019-04-24-kim-jong-un-en-russie",
            "2019",
            "2019-04",
            "2019-04-25",
            "2019-4-5",
            "2019-02-29",
            "2020-02-29",
            "0000",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "99999-01-01",
            "2019-13",
            "2019-00-10",
            "٢٠١٩",
            "２０１９-０４",
            "2019\n",
            " 2019 ",
            "0",
            "-1",
            "1.5",
            "1e400",
            "nan",
            "last",
            "9" * 30,
            "9" * 5000,
            "9999-99",
            "a\x00b",
            "\x00",
            "x" * 5000,
            "Poutine « sommet »",
            "%",
            "%%",
            "'; DROP TABLE summit_event; --",
        ]
    ),
)
# Query strings as a browser or a bot could send them, not only well-formed ones.
RAW_QUERIES = st.text(alphabet=st.sampled_from("&=%;+?#aqp0129-\x00é«/ "), max_size=60)


def _client() -> Client:
    return Client(raise_request_exception=False)


@PROPERTY_SETTINGS
@given(
    params=st.lists(st.tuples(NAMES, VALUES), max_size=6),
    htmx=st.booleans(),
    path=st.sampled_from(["/", "/timeline.json", "/quotes/"]),
)
@example(params=[("page", "9" * 5000)], htmx=False, path="/")
@example(params=[("from", "0000-00-00"), ("to", "99999-01-01")], htmx=True, path="/")
@example(params=[("from", "9999"), ("to", "9999-12")], htmx=False, path="/")
@example(params=[("from", "0001"), ("to", "0001-01-01")], htmx=False, path="/timeline.json")
@example(params=[("page", "-1"), ("page", "x"), ("speaker", "a\x00b")], htmx=False, path="/quotes/")
@example(params=[("q", "a\x00b"), ("actor", "\x00")], htmx=True, path="/")
def test_any_parameters_never_fail(seeded, params, htmx, path):
    response = _client().get(path, params, **(HTMX if htmx else {}))
    assert response.status_code in (200, 400), response.status_code


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(raw=RAW_QUERIES, htmx=st.booleans(), path=st.sampled_from(["/", "/timeline.json"]))
@example(raw="page=%ff%fe&from=%00", htmx=False, path="/")
@example(raw="actor=%E9&&=&from", htmx=True, path="/")
def test_any_raw_query_string_never_fails(seeded, raw, htmx, path):
    response = _client().get(f"{path}?{raw}", **(HTMX if htmx else {}))
    assert response.status_code in (200, 400), response.status_code


SLUGS = st.one_of(
    st.text(min_size=1, max_size=120),
    st.from_regex(r"[-a-zA-Z0-9_]{1,120}", fullmatch=True),
    st.sampled_from(
        [
            "premier-sommet-kim-poutine",
            "sommet-de-hanoi",
            "euronews-2019-04-24-kim-jong-un-en-russie",
            "reperes-chronologiques",
            "PREMIER-SOMMET-KIM-POUTINE",
            "..",
            "%00",
            "-",
            "_",
            "a" * 5000,
        ]
    ),
)


@PROPERTY_SETTINGS
@given(slug=SLUGS, htmx=st.booleans(), kind=st.sampled_from(["events", "sources"]))
@example(slug="premier-sommet-kim-poutine", htmx=True, kind="events")
@example(slug="euronews-2019-04-24-kim-jong-un-en-russie", htmx=False, kind="sources")
@example(slug="reperes-chronologiques", htmx=False, kind="sources")
def test_any_event_or_source_slug_gives_a_page_or_a_404(seeded, slug, htmx, kind):
    client = _client()
    path = f"/{kind}/{quote(slug, safe='')}/"
    response = client.get(path, **(HTMX if htmx else {}))
    assert response.status_code in (200, 301, 404), response.status_code
    assert client.post(path).status_code in (405, 404, 403)
