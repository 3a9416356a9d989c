"""Framing by the listed origins only, and the JSON export readable from any page."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

pytestmark = pytest.mark.django_db

EMBEDDABLE = ["/", "/events/sommet-de-hanoi/", "/map/", "/export/", "/timeline.json"]


@pytest.mark.parametrize("path", EMBEDDABLE)
def test_by_default_nothing_may_frame_the_pages(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", EMBEDDABLE)
def test_the_listed_origins_may_frame_the_timeline_pages(client, seeded, settings, path):
    settings.SUMMIT_FRAME_ANCESTORS = ["https://ent.example.org", "https://blog.example.net"]
    response = client.get(path)
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors https://ent.example.org https://blog.example.net" in policy
    assert "'none'" not in policy.split("frame-ancestors", 1)[1].split(";")[0]
    # The rest of the policy is unchanged.
    assert "script-src 'self'" in policy


@pytest.mark.parametrize("path", ["/quotes/", "/quizzes/", "/admin/login/"])
def test_other_pages_stay_unframable_whatever_the_setting(client, seeded, settings, path):
    settings.SUMMIT_FRAME_ANCESTORS = ["https://ent.example.org"]
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_json_export_is_readable_from_any_origin_and_only_read(client, seeded):
    response = client.get("/timeline.json", HTTP_ORIGIN="https://ent.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.post("/timeline.json").status_code == 405
    # A refused window is readable too, so that another site's script sees the message.
    bad = client.get("/timeline.json", {"limit": "0"})
    assert bad.status_code == 400
    assert bad["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/")


@pytest.mark.parametrize(
    "value",
    ["ent.example.org", "https://ent.example.org/path", "javascript:alert(1)", "'none' *"],
)
def test_a_malformed_frame_ancestor_stops_the_start(monkeypatch, value):
    import summit.settings

    monkeypatch.setenv("SUMMIT_FRAME_ANCESTORS", value)
    try:
        with pytest.raises(ImproperlyConfigured, match="SUMMIT_FRAME_ANCESTORS"):
            importlib.reload(summit.settings)
    finally:
        monkeypatch.delenv("SUMMIT_FRAME_ANCESTORS")
        importlib.reload(summit.settings)


def test_the_setting_reads_a_comma_separated_list(monkeypatch):
    import summit.settings

    monkeypatch.setenv("SUMMIT_FRAME_ANCESTORS", "https://ent.example.org, http://localhost:8080")
    try:
        module = importlib.reload(summit.settings)
        assert module.SUMMIT_FRAME_ANCESTORS == ["https://ent.example.org", "http://localhost:8080"]
    finally:
        monkeypatch.delenv("SUMMIT_FRAME_ANCESTORS")
        importlib.reload(summit.settings)
