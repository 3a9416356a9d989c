"""Timeline benchmark: the public pages over a synthetic corpus in a scratch database.

For every public page (the timeline, filtered, searched, an event, the first and last pages of
the quotations, the most cited source, /timeline.json whole and filtered) it prints the median
server time with its spread (fastest–slowest run), the number of queries, and the size of the
response as sent to a browser (gzip) and uncompressed. Timeline pages and the export are
rendered afresh (cache cleared) and served again from the cache. None of these sizes grows with
the corpus: a timeline page holds PAGE_SIZE events, a /timeline.json window at most
TIMELINE_JSON_MAX_EVENTS, a quotation page QUOTES_PAGE_SIZE, a source page its text with at most
SOURCE_MAX_ANCHORS anchors.

Run it with ``make bench`` (or ``.venv/bin/python bench/timeline.py --events 50000``).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time

from common import report, setup_django

QUOTES_PER_EVENT = 2


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
    report(f"Timeline benchmark ({options.events:,} events, SQLite)", rows)
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
