"""The visual timeline's and the presentation's pages are valid HTML for the Nu Html Checker."""

from __future__ import annotations

import json
import subprocess

import pytest
from django.test import Client

from tests.summit.test_html_validity import FRAGMENT_PAGE, vnu  # noqa: F401 (the fixture)

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
    files: dict[str, tuple[str, int]] = {}
    for index, (name, (url, headers, status)) in enumerate(PAGES.items()):
        response = client.get(url, **headers)
        assert response.status_code == status, name
        html = response.content.decode()
        fragment = bool(headers)
        if fragment:
            assert "<html" not in html, name
            html = FRAGMENT_PAGE.format(fragment=html)
        path = tmp_path / f"visual-{index:02}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = (name, 1 if fragment else 0)
    run = subprocess.run([*vnu, *files], capture_output=True, text=True, timeout=300, check=False)
    errors = []
    for message in json.loads(run.stdout)["messages"]:
        url = message.get("url", "?")
        name, offset = files.get("/" + url.removeprefix("file:").lstrip("/"), (url, 0))
        line = message.get("lastLine", message.get("firstLine", 0)) - offset
        errors.append(f"{name}, line {line}: {message['message']}")
    assert not errors, "\n".join(errors)
