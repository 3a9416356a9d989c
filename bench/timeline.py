"""Timeline benchmark: the public pages over a synthetic corpus in a scratch database.

For every public page (the timeline, filtered, searched, an event, the first and last pages of
the quotations, the most cited source, /timeline.json whole and filtered) it prints the median
server time with its spread (fastest–slowest run), the number of queries, and the size of the
response as sent to a browser (gzip) and uncompressed. Timeline pages and the export are
rendered afresh (cache cleared) and served again from the cache. None of these sizes grows with
the corpus: a timeline page holds PAGE_SIZE events, a /timeline.json window at most
TIMELINE_JSON_MAX_EVENTS, a quotation page QUOTES_PAGE_SIZE, a source page its text with at most
SOURCE_MAX_ANCHORS anchors.

The visual timeline (``/visual/``) and the presentation (``/present/``) are measured the same
way, with the size of the whole first page as a browser fetches it the first time (the HTML, the
stylesheets and the scripts, gzip). Then, unless ``--no-browser``, headless Chromium loads
``/visual/`` from a local server: its time until the drawing is usable (the mark visual.js sets)
and its JS heap, beside TimelineJS 3 (``node_modules/@knight-lab/timelinejs``, or ``--timelinejs
DIR``) loading the same events from ``/timeline.json``: the time to fetch them, then to render.

Run it with ``make bench`` (or ``.venv/bin/python bench/timeline.py --events 50000``).
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import shutil
import statistics
import threading
import time
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from common import report, setup_django

QUOTES_PER_EVENT = 2
CHROMIUM = "/usr/bin/chromium"
TIMELINEJS = Path(__file__).resolve().parents[1] / "node_modules" / "@knight-lab" / "timelinejs"
BROWSER_RUNS = 5
# The bench page for TimelineJS: it reads every window of /timeline.json (following "next"),
# then builds the timeline and waits until each event has its slide.
TIMELINEJS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS bench</title>
<link rel="stylesheet" href="/_bench/tl/css/timeline.css">
<script src="/_bench/tl/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 650px"></div>
<script>
window.benchDone = (async () => {
  const start = performance.now();
  let url = "/timeline.json", first = null;
  const events = [];
  while (url) {
    const page = await (await fetch(url)).json();
    first = first || page;
    events.push(...page.events);
    url = page.next;
  }
  const fetched = performance.now();
  const data = {title: first.title, events: events, eras: first.eras || []};
  window.timeline = new TL.Timeline("timeline", data, {
    script_path: location.origin + "/_bench/tl/js/", font: null
  });
  await new Promise((resolve, reject) => {
    const check = () => {
      if (document.querySelectorAll(".tl-slide").length > events.length) resolve();
      else if (performance.now() - fetched > 180000) reject(new Error("not rendered in 180 s"));
      else setTimeout(check, 50);
    };
    check();
  });
  return {events: events.length, fetch: fetched - start, render: performance.now() - fetched};
})();
</script></body></html>"""


def timed(call, runs: int, warmup: int = 2) -> tuple[float, float, float]:
    """Median, fastest and slowest of ``runs`` calls, in milliseconds."""
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings), max(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--no-browser", dest="browser", action="store_false", help="server figures only"
    )
    parser.add_argument("--timelinejs", default=str(TIMELINEJS), help="TimelineJS's npm folder")
    options = parser.parse_args()
    scratch = setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories import bulk_corpus

    start = time.perf_counter()
    bulk_corpus(events=options.events, quotes_per_event=QUOTES_PER_EVENT, actors=60)
    built = time.perf_counter() - start
    from summit.versioning import content_changed

    content_changed()  # the corpus was written in bulk, without signals

    from summit.models import Actor, Event, Quote, Source
    from summit.views import QUOTES_PAGE_SIZE

    actor = Actor.objects.order_by("pk").first()
    middle = Event.objects.order_by("date", "slug")[options.events // 2]
    source = Source.objects.annotate(n=Count("citations")).order_by("-n").first()
    quote_pages = -(-Quote.objects.count() // QUOTES_PAGE_SIZE)
    client = Client()
    pages = {
        "/ (first page)": ("/", True),
        "/?actor=… (filtered)": (f"/?actor={actor.slug}", True),
        "/?q=9999 (search, a few events)": ("/?q=9999", True),
        "/?q=Événement 9999 (search, one event)": ("/?q=%C3%89v%C3%A9nement+9999", True),
        "/?q=paix (search, every event)": ("/?q=paix", True),
        "/events/<slug>/ (middle event)": (f"/events/{middle.slug}/", False),
        "/quotes/ (first page)": ("/quotes/", False),
        f"/quotes/?page={quote_pages} (last page)": (f"/quotes/?page={quote_pages}", False),
        f"/sources/<slug>/ ({source.n:,} citations)": (f"/sources/{source.slug}/", False),
        "/timeline.json (first window)": ("/timeline.json", True),
        "/timeline.json?actor=…": (f"/timeline.json?actor={actor.slug}", True),
    }
    rows = [
        ("corpus", f"{Event.objects.count():,} events, {Quote.objects.count():,} quotations"),
        ("corpus built in", f"{built:.1f} s"),
    ]

    def fresh(path: str) -> object:
        cache.clear()
        return client.get(path)

    def line(median: float, fastest: float, slowest: float, queries: int, size: str) -> str:
        spread = f"({fastest:.1f}–{slowest:.1f})"
        return f"median {median:7.1f} ms {spread:>17}, {queries:2d} queries{size}"

    for label, (path, cached) in pages.items():
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, (path, response.status_code)
        sent = len(response.content)
        whole = len(client.get(path).content)
        size = f", {sent / 1024:7.1f} KB gzip, {whole / 1024:8.1f} KB raw"
        with CaptureQueriesContext(connection) as captured:
            fresh(path)
        queries = len(captured)  # read now: each request empties the connection's log
        rows.append(
            (label, line(*timed(lambda path=path: fresh(path), options.runs), queries, size))
        )
        if cached:
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            queries = len(captured)
            figures = timed(lambda path=path: client.get(path), options.runs)
            rows.append(("  again, from the cache", line(*figures, queries, "")))
    rows += visual_rows(client, actor.slug, middle, fresh, line, options.runs)
    report(f"Timeline benchmark ({options.events:,} events, SQLite)", rows)
    if options.browser:
        report(
            f"In headless Chromium ({options.events:,} events, median of {BROWSER_RUNS} loads)",
            browser_rows(Path(options.timelinejs), middle.date.year),
        )
    shutil.rmtree(scratch, ignore_errors=True)


def _gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, 6))


def _static_size(paths: list[str]) -> tuple[int, int]:
    """The gzip and raw sizes of static files, as WhiteNoise serves them compressed."""
    from django.contrib.staticfiles import finders

    compressed = raw = 0
    for path in paths:
        body = Path(finders.find(path)).read_bytes()
        compressed += _gzip_size(body)
        raw += len(body)
    return compressed, raw


def _page_assets(html: str) -> list[str]:
    """The stylesheets and scripts a page asks for, as static paths."""
    import re

    from django.conf import settings

    prefix = "/" + settings.STATIC_URL.lstrip("/")
    found = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)
    return [url.removeprefix(prefix) for url in found if url.startswith(prefix)]


def visual_rows(client, actor: str, middle, fresh, line, runs: int) -> list[tuple[str, str]]:
    """Server time, queries and sizes of the visual timeline and presentation pages, and the whole
    first page (HTML, stylesheets, scripts) as first fetched."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from summit.visual import MAX_MARKS

    year = middle.date.year
    pages = {
        "/visual/ (whole span)": "/visual/",
        f"/visual/?from={year}&to={year} (a year)": f"/visual/?from={year}&to={year}",
        f"/visual/?from={year}-04&to={year}-04 (a month)": f"/visual/?from={year}-04&to={year}-04",
        "/visual/?actor=… (filtered)": f"/visual/?actor={actor}",
        "/visual/?q=paix (search highlighted)": "/visual/?q=paix",
        "/present/?event=<middle>": f"/present/?event={middle.slug}",
    }
    rows: list[tuple[str, str]] = []
    for label, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        body = response.content
        marks = body.count(b'<a class="vt-event') + body.count(b'<a class="vt-group')
        size = f", {_gzip_size(body) / 1024:7.1f} KB gzip, {len(body) / 1024:8.1f} KB raw"
        with CaptureQueriesContext(connection) as captured:
            fresh(path)
        queries = len(captured)
        rows.append((label, line(*timed(lambda path=path: fresh(path), runs), queries, size)))
        if path.startswith("/visual/"):
            rows.append(("  marks drawn", f"{marks} (at most {MAX_MARKS})"))
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries = len(captured)
        figures = timed(lambda path=path: client.get(path), runs)
        rows.append(("  again, from the cache", line(*figures, queries, "")))
    html = client.get("/visual/").content
    static_gzip, static_raw = _static_size(_page_assets(html.decode()))
    total = _gzip_size(html) + static_gzip
    rows.append(
        (
            "/visual/ whole first page",
            f"{total / 1024:.1f} KB gzip (HTML {_gzip_size(html) / 1024:.1f} KB + stylesheets "
            f"and scripts {static_gzip / 1024:.1f} KB), "
            f"{(len(html) + static_raw) / 1024:.1f} KB raw",
        )
    )
    return rows


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _bench_app(timelinejs: Path):
    """The site, its static files, and the TimelineJS bench page with TimelineJS's files."""
    from django.contrib.staticfiles import finders
    from django.core.wsgi import get_wsgi_application

    site = get_wsgi_application()
    dist = timelinejs / "dist"

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/_bench/timelinejs.html":
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [TIMELINEJS_PAGE.encode()]
        found = None
        if path.startswith("/_bench/tl/"):
            candidate = (dist / path.removeprefix("/_bench/tl/")).resolve()
            found = candidate if candidate.is_relative_to(dist.resolve()) else None
        elif path.startswith("/static/"):
            found = finders.find(path.removeprefix("/static/"))
        if path.startswith(("/_bench/", "/static/")):
            if not found or not Path(found).is_file():
                start_response("404 Not Found", [("Content-Type", "text/plain")])
                return [b"not found"]
            kind = mimetypes.guess_type(str(found))[0] or "application/octet-stream"
            start_response("200 OK", [("Content-Type", kind)])
            return [Path(found).read_bytes()]
        return site(environ, start_response)

    return app


def browser_rows(timelinejs: Path, year: int) -> list[tuple[str, str]]:
    """Chromium's time until the visual timeline is usable, and its JS heap, beside TimelineJS."""
    if not Path(CHROMIUM).exists():
        return [("skipped", f"{CHROMIUM} is missing")]
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    server = make_server(
        "127.0.0.1", 0, _bench_app(timelinejs), _ThreadingServer, handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows: list[tuple[str, str]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            for label, path in (
                ("/visual/ (whole span)", "/visual/"),
                (f"/visual/?from={year}&to={year} (a year)", f"/visual/?from={year}&to={year}"),
            ):
                ready, heap = [], []
                for _ in range(BROWSER_RUNS):
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    page.goto(base + path, wait_until="load")
                    page.wait_for_function(
                        "performance.getEntriesByName('summit:visual-ready').length > 0"
                    )
                    ready.append(
                        page.evaluate(
                            "performance.getEntriesByName('summit:visual-ready')[0].startTime"
                        )
                    )
                    cdp.send("HeapProfiler.collectGarbage")
                    heap.append(cdp.send("Runtime.getHeapUsage")["usedSize"])
                    page.close()
                rows.append(
                    (
                        label,
                        f"usable after {statistics.median(ready):6.0f} ms "
                        f"({min(ready):.0f}–{max(ready):.0f}), JS heap "
                        f"{statistics.median(heap) / 1024 / 1024:.1f} MB",
                    )
                )
            if (timelinejs / "dist" / "js" / "timeline.js").is_file():
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                page.set_default_timeout(200_000)
                page.goto(base + "/_bench/timelinejs.html", wait_until="load")
                result = page.evaluate("window.benchDone")
                cdp.send("HeapProfiler.collectGarbage")
                heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
                rows.append(
                    (
                        f"TimelineJS 3 ({result['events']:,} events)",
                        f"usable after {result['fetch'] + result['render']:6.0f} ms (reading "
                        f"/timeline.json {result['fetch']:.0f} ms, rendering "
                        f"{result['render']:.0f} ms), JS heap {heap / 1024 / 1024:.1f} MB",
                    )
                )
            else:
                rows.append(("TimelineJS 3", f"skipped: {timelinejs} is missing (npm ci)"))
            browser.close()
    finally:
        server.shutdown()
    return rows


if __name__ == "__main__":
    main()
