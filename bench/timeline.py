"""Timeline benchmark: 10,000 events and 20,000 quotations in a scratch database.

Prints the median server time of the timeline, a filtered view, a search and the TimelineJS
export, the number of queries of each (timeline pages rendered afresh, and served again from the
cache), and the gzip size of the first page with its CSS and JS.
Run it with ``make bench`` (or ``.venv/bin/python bench/timeline.py``).
"""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

from common import median_ms, report, setup_django

EVENTS = 10_000
QUOTES_PER_EVENT = 2


def main() -> None:
    scratch = setup_django()
    from django.contrib.staticfiles import finders
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories import bulk_corpus

    start = time.perf_counter()
    bulk_corpus(events=EVENTS, quotes_per_event=QUOTES_PER_EVENT, actors=60)
    built = time.perf_counter() - start
    from summit.versioning import content_changed

    content_changed()  # the corpus was written in bulk, without signals

    from summit.models import Actor, Event, Quote

    actor = Actor.objects.order_by("pk").first()
    client = Client()
    pages = {
        "/ (first page)": "/",
        "/?actor=… (filtered)": f"/?actor={actor.slug}",
        "/?q=Événement 9999 (search)": "/?q=%C3%89v%C3%A9nement+9999",
        "/?q=paix (search, every event)": "/?q=paix",
        "/timeline.json (all events)": "/timeline.json",
    }
    rows = [
        ("corpus", f"{Event.objects.count():,} events, {Quote.objects.count():,} quotations"),
        ("corpus built in", f"{built:.1f} s"),
    ]

    def fresh(path: str) -> object:
        cache.clear()
        return client.get(path)

    for label, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            fresh(path)
        queries = len(captured)  # read now: each request empties the connection's log
        runs = 10 if path.endswith(".json") else 30
        median = median_ms(lambda path=path: fresh(path), runs=runs)
        rows.append((label, f"median {median:6.1f} ms, {queries} queries"))
        if not path.endswith(".json"):
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            queries = len(captured)
            median = median_ms(lambda path=path: client.get(path), runs=runs)
            rows.append(("  again, from the cache", f"median {median:6.1f} ms, {queries} queries"))

    html = client.get("/").content
    css, js, own_js = (
        Path(finders.find(name)).read_bytes()
        for name in ("summit/summit.css", "django_htmx/htmx-2.min.js", "summit/summit.js")
    )
    sizes = {
        name: len(gzip.compress(data, 9))
        for name, data in {"HTML": html, "CSS": css, "htmx": js, "summit.js": own_js}.items()
    }
    total = sum(sizes.values())
    rows.append(
        (
            "first page, gzip",
            ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in sizes.items())
            + f" = {total / 1024:.1f} KB",
        )
    )
    report(f"Timeline benchmark ({EVENTS:,} events)", rows)
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
