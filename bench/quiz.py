"""Quiz benchmark: the question bank of 10,000 events and 20,000 quotations, and the quiz pages.

Prints the time and the peak memory to build the bank from nothing and to rebuild it unchanged,
each in a fresh process as the task worker runs it (wall-clock and CPU time: on a shared machine
the CPU time is the steadier figure; peak resident memory, and the process's memory before the
build for comparison), then the median
server time and the number of queries of starting an attempt, showing a question and answering
it (with and without htmx). Run it with ``make bench`` (or ``.venv/bin/python bench/quiz.py``).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from common import median_ms, report, setup_django

EVENTS = int(os.environ.get("BENCH_EVENTS", 10_000))
# The bank build as the worker runs it: a fresh process, Django set up, then the build alone.
BUILD = """
import json, os, random, resource, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.conf import settings
from quiz.bank import question_bank_build
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, start_cpu = time.perf_counter(), cpu()
report = question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED))
seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "before_kb": before,
                  "peak_kb": peak, "created": report.created, "retired": report.retired}))
"""


def build_in_fresh_process() -> dict[str, float]:
    """Time and peak resident memory (KB, from getrusage) of one bank build in a new process."""
    result = subprocess.run(
        [sys.executable, "-c", BUILD],
        cwd=str(Path(__file__).resolve().parents[1]),
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the bank build failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def megabytes(kilobytes: float) -> str:
    return f"{kilobytes / 1024:,.0f} MB"


QUOTES_PER_EVENT = 2
RUNS = 30
QUIZ_SIZE = 15


def main() -> None:
    scratch = setup_django()
    from django.db import connection
    from django.db.models import Value
    from django.db.models.functions import Replace
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from quiz.models import Attempt, Kind, Question, Quiz
    from summit.models import Event, Quote
    from tests.factories import bulk_corpus

    bulk_corpus(events=EVENTS, quotes_per_event=QUOTES_PER_EVENT, actors=60)
    # « Événement 12 » says nothing a question could ask about (the generators leave such
    # titles out): « Événement numéro 12 » is asked like a real title.
    Event.objects.update(title=Replace("title", Value("Événement "), Value("Événement numéro ")))
    connection.close()  # the builds run in other processes
    built = build_in_fresh_process()
    print(f"bank built: {built}", flush=True)
    rebuilt = build_in_fresh_process()
    print(f"bank rebuilt: {rebuilt}", flush=True)
    assert rebuilt["created"] == 0
    assert rebuilt["retired"] == 0

    # A quiz of a usual size to start, and a long one to answer question after question.
    Quiz.objects.create(title="Banc d'essai", slug="banc", size=QUIZ_SIZE, published=True)
    # Answered by one option's number: the kinds with one right option.
    single = [Kind.SPEAKER, Kind.DATE, Kind.PLACE, Kind.CHRONOLOGY, Kind.CLOZE, Kind.QUOTE_EVENT]
    Quiz.objects.create(
        title="Banc long", slug="banc-long", size=RUNS + 10, published=True, kinds=single
    )
    client = Client()

    def start_attempt(slug: str = "banc") -> str:
        response = client.post(f"/quizzes/{slug}/start/")
        assert response.status_code == 302, response.status_code
        return response["Location"]

    rows = [
        ("corpus", f"{Event.objects.count():,} events, {Quote.objects.count():,} quotations"),
        ("bank", f"{Question.objects.published().count():,} published questions"),
        (
            "bank built in",
            f"{built['seconds']:.1f} s, CPU {built['cpu_seconds']:.1f} s "
            f"({built['created']:,} questions), "
            f"peak memory {megabytes(built['peak_kb'])} "
            f"(process before the build: {megabytes(built['before_kb'])})",
        ),
        (
            "bank rebuilt, unchanged, in",
            f"{rebuilt['seconds']:.1f} s, CPU {rebuilt['cpu_seconds']:.1f} s, "
            f"peak memory {megabytes(rebuilt['peak_kb'])}",
        ),
        ("bench's own peak memory", megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)),
    ]

    start_attempt()
    with CaptureQueriesContext(connection) as captured:
        start_attempt()
    queries = len(captured)  # read now: each request empties the connection's log
    median = median_ms(start_attempt, runs=RUNS)
    label = f"POST start ({QUIZ_SIZE} questions)"
    rows.append((label, f"median {median:6.1f} ms, {queries} queries"))

    url = start_attempt()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)
    median = median_ms(lambda: client.get(url), runs=RUNS)
    rows.append(("GET question", f"median {median:6.1f} ms, {queries} queries"))

    for label, headers in (("POST answer", {}), ("POST answer (htmx)", {"HX-Request": "true"})):
        url = start_attempt("banc-long")
        page = client.get(url).content.decode()
        answer_url = url + "answer/"
        positions = iter(range(1, RUNS + 11))  # numbered as on the page

        def answer(
            headers: dict[str, str] = headers,
            positions: Iterator[int] = positions,
            answer_url: str = answer_url,
        ) -> None:
            position = next(positions)
            response = client.post(answer_url, {"item": position, "choice": 0}, headers=headers)
            assert response.status_code in (200, 302), response.content.decode()[-3000:]

        assert 'name="choice"' in page
        with CaptureQueriesContext(connection) as captured:
            answer()
        queries = len(captured)
        median = median_ms(answer, runs=RUNS, warmup=2)
        rows.append((label, f"median {median:6.1f} ms, {queries} queries"))

    rows.append(("attempts made", f"{Attempt.objects.count():,}"))
    report("Quiz", rows)
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
