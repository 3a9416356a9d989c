"""The export loaded into TimelineJS 3 itself (the npm package, pinned), in Chromium, as a teacher's
page on another site would load it: every event becomes a slide, after the title slide.

The teacher's page and TimelineJS's files are served from node_modules by a small HTTP server of
the test's own, on another port than the live server: the JSON is read across origins (CORS)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from summit.models import Event, TimelineSettings
from tests.e2e.axe import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TIMELINEJS = ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 650px"></div>
<script>
  // Its locale from node_modules too, and no web font: nothing is fetched from Knight Lab's CDN.
  window.timeline = new TL.Timeline("timeline", new URLSearchParams(location.search).get("json"), {
    language: "fr", script_path: location.origin + "/timelinejs/js/", font: null
  });
</script></body></html>"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def teacher_site(tmp_path_factory) -> Iterator[str]:
    """The address of a page that shows ``?json=<url>`` in TimelineJS."""
    if not (TIMELINEJS / "js" / "timeline.js").is_file():
        pytest.skip("node_modules/@knight-lab/timelinejs is missing: run npm ci.")
    root = tmp_path_factory.mktemp("teacher-site")
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "timelinejs").symlink_to(TIMELINEJS, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_timelinejs_renders_a_slide_for_every_event_after_the_title(
    page, live_server, seeded, teacher_site
):
    TimelineSettings.objects.create(
        title="Corée : <trois> sommets", description="Une frise pour la classe de 1re."
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{teacher_site}?json={live_server.url}/timeline.json")

    count = Event.objects.published().count()
    slides = page.locator(".tl-slide")
    expect(slides).to_have_count(count + 1)  # the title slide, then one per event
    expect(page.locator(".tl-slide-titleslide .tl-headline")).to_have_text(
        "Corée : <trois> sommets"
    )
    expect(page.locator(".tl-message-full")).to_have_count(0)
    # The eras are drawn on the time navigator.
    expect(page.locator(".tl-timeera")).to_have_count(2)
    expect(page.locator(".tl-timeera .tl-headline")).to_have_text(["2000 – 2002", "2018 – 2019"])
    assert errors == []


def test_timelinejs_renders_a_window_and_a_lone_event(page, live_server, seeded, teacher_site):
    """One event alone in its era (a single day) used to make an empty era: TimelineJS refused
    the whole file."""
    page.goto(f"{teacher_site}?json={live_server.url}/timeline.json%3Fto%3D2000")
    expect(page.locator(".tl-slide")).to_have_count(2)
    expect(page.locator(".tl-slide").nth(1)).to_contain_text(
        "Vladimir Poutine rencontre Kim Jong-il"
    )
