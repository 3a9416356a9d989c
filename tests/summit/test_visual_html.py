"""The visual timeline's and the presentation's pages are valid HTML for the Nu Html Checker."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.summit.test_html_validity import html_errors, vnu  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
PAGES = {
    "visual, whole span": ("/visual/", {}, 200),
    "visual, a window filtered and searched": (
        "/visual/?actor=kim-jong-un&from=2019-02&to=2019-04&q=sommet",
        {},
        200,
    ),
    "visual, a week": ("/visual/?from=2019-02-24&to=2019-03-02", {}, 200),
    "visual, bad period": ("/visual/?from=2019-13", {}, 400),
    "visual, a window (htmx)": ("/visual/?from=2019&to=2019", HTMX, 200),
    "visual, nothing in the window": ("/visual/?from=1990&to=1991", {}, 200),
    "presentation, first slide": ("/present/", {}, 200),
    "presentation, filtered slide": (
        "/present/?actor=vladimir-poutine&event=premier-sommet-kim-poutine",
        {},
        200,
    ),
    "presentation, unknown event": ("/present/?event=inconnu", {}, 404),
    "list with the view switch": ("/?actor=kim-jong-un", {}, 200),
}


def test_the_new_pages_are_valid_html(vnu, seeded, tmp_path):  # noqa: F811
    client = Client()
    pages = {}
    for name, (url, headers, status) in PAGES.items():
        response = client.get(url, **headers)
        assert response.status_code == status, name
        pages[name] = (response.content.decode(), bool(headers))
    errors = html_errors(vnu, pages, tmp_path)
    assert not errors, "\n".join(errors)
