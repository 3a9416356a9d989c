"""Every page type is valid HTML for the Nu Html Checker (vnu.jar), checked in one run."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from quiz.bank import question_bank_build
from quiz.models import Attempt, Kind, Quiz
from summit.models import Event, Source
from tests.factories import (
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuizFactory,
    TrueFalseQuestionFactory,
    answer_data,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMX = {"HTTP_HX_REQUEST": "true"}
PRACTICE = "le-sommet-de-vladivostok"
EXAM = "la-sequence-trump-kim-poutine"
# An htmx fragment is not a document: it is checked inside the smallest valid page, its first
# line on the page's second line, so that a reported line minus one is the fragment's own.
FRAGMENT_PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Fragment</title></head>'
    "<body>\n{fragment}\n</body></html>\n"
)


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    """The command that runs the checker. Required under CI; skipped elsewhere if absent."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (a Java 11+ runtime)")
    if not VNU.is_file():
        missing.append(f"{VNU.relative_to(ROOT)}: run make test, which runs npm ci")
    if missing:
        message = "The Nu Html Checker cannot run, missing " + "; ".join(missing) + "."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--stdout"]


def _ok(response, status: int = 200) -> str:
    assert response.status_code == status, response
    return response.content.decode()


def _attempt_pages(client: Client) -> dict[str, tuple[str, bool]]:
    """A practice attempt from its first question to its results, with and without htmx."""
    pages: dict[str, tuple[str, bool]] = {}
    start = client.post(f"/quizzes/{PRACTICE}/start/", {"display_name": "Léa"})
    assert start.status_code == 302
    url = start["Location"]
    answer_url = f"{url}answer/"
    attempt = Attempt.objects.get(uuid=url.rstrip("/").rsplit("/", 1)[1])
    pages["question"] = (_ok(client.get(url)), False)
    pages["question, no option chosen"] = (_ok(client.post(answer_url, {"item": 1}), 400), False)
    pages["question, no option chosen (htmx)"] = (
        _ok(client.post(answer_url, {"item": 1}, **HTMX), 400),
        True,
    )
    pages["feedback (htmx)"] = (
        _ok(client.post(answer_url, answer_data(attempt, 0, correct=True), **HTMX)),
        True,
    )
    pages["next question (htmx)"] = (_ok(client.get(url, **HTMX)), True)
    no_js = client.post(answer_url, answer_data(attempt, 1, correct=False))
    assert no_js.status_code == 302
    pages["feedback"] = (_ok(client.get(no_js["Location"])), False)
    for position in range(2, attempt.question_count):
        data = answer_data(attempt, position, correct=True)
        assert client.post(answer_url, data).status_code == 302
    pages["results"] = (_ok(client.get(url)), False)
    return pages


def _kind_pages(client: Client) -> dict[str, tuple[str, bool]]:
    """A practice attempt at one question of each kind answered otherwise than by one option:
    each form, a refused answer, each feedback, then the results."""
    citation = Event.objects.published().order_by("date").last().citations.first()
    for factory in (
        MultipleQuestionFactory,
        TrueFalseQuestionFactory,
        MatchingQuestionFactory,
        OrderingQuestionFactory,
    ):
        factory(citation=citation, event=citation.event)
    kinds = [Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.MATCHING, Kind.ORDERING]
    quiz = QuizFactory(slug="types", size=4, kinds=kinds, mode=Quiz.Mode.PRACTICE)
    url = client.post(f"/quizzes/{quiz.slug}/start/")["Location"]
    attempt = Attempt.objects.get(uuid=url.rstrip("/").rsplit("/", 1)[1])
    pages: dict[str, tuple[str, bool]] = {}
    for position in range(4):
        kind = attempt.items.select_related("question").get(position=position).question.kind
        pages[f"{kind} question"] = (_ok(client.get(url)), False)
        data = answer_data(attempt, position, correct=position % 2 == 0)
        if position == 0:
            refused = {"item": data["item"]}
            pages[f"{kind} question, refused (htmx)"] = (
                _ok(client.post(f"{url}answer/", refused, **HTMX), 400),
                True,
            )
        if position == 1:
            pages[f"{kind} feedback (htmx)"] = (
                _ok(client.post(f"{url}answer/", data, **HTMX)),
                True,
            )
            continue
        answered = client.post(f"{url}answer/", data)
        assert answered.status_code == 302
        pages[f"{kind} feedback"] = (_ok(client.get(answered["Location"])), False)
    pages["results of every kind"] = (_ok(client.get(url)), False)
    return pages


def _pages(client: Client) -> dict[str, tuple[str, bool]]:
    """Page name → (HTML, whether it is an htmx fragment)."""
    event = Event.objects.published().order_by("date").last()
    source = Source.objects.order_by("slug").first()
    filtered = "/?actor=kim-jong-un&actor=vladimir-poutine&q=sommet"
    pages = {
        "timeline": (_ok(client.get("/")), False),
        "timeline, filtered": (_ok(client.get(filtered)), False),
        "timeline, filtered (htmx)": (_ok(client.get(filtered, **HTMX)), True),
        "timeline, bad filter": (_ok(client.get("/?from=2020&to=2018"), 400), False),
        "event": (_ok(client.get(f"/events/{event.slug}/")), False),
        "event (htmx)": (_ok(client.get(f"/events/{event.slug}/", **HTMX)), True),
        "quotes": (_ok(client.get("/quotes/")), False),
        "source": (_ok(client.get(f"/sources/{source.slug}/")), False),
        "reference sheet": (_ok(client.get("/sources/reperes-chronologiques/")), False),
        "quizzes": (_ok(client.get("/quizzes/")), False),
        "admin login": (_ok(client.get("/admin/login/")), False),
        "map": (_ok(client.get("/map/")), False),
        "map, a place": (_ok(client.get("/map/?place=pyongyang")), False),
        "map, a zone": (_ok(client.get("/map/?zone=109,34,139,46")), False),
        "map, bad zone": (_ok(client.get("/map/?zone=1,2,3"), 400), False),
        "timeline, a place": (_ok(client.get("/?place=vladivostok")), False),
        "export": (_ok(client.get("/export/?actor=kim-jong-un")), False),
    }
    pages.update(_attempt_pages(client))
    pages.update(_kind_pages(client))
    exam = client.post(f"/quizzes/{EXAM}/start/")
    pages["exam question"] = (_ok(client.get(exam["Location"])), False)
    return pages


def html_errors(vnu: list[str], pages: dict[str, tuple[str, bool]], folder: Path) -> list[str]:
    """What the Nu Html Checker says of ``pages`` (name → HTML, and whether it is an htmx
    fragment rather than a whole page), one line a message naming the page and its line; the
    pages are written to ``folder`` and checked in one run (one JVM)."""
    files: dict[str, tuple[str, int]] = {}
    for index, (name, (html, fragment)) in enumerate(pages.items()):
        if fragment:
            assert "<html" not in html, f"{name} is a whole page, not a fragment"
            html = FRAGMENT_PAGE.format(fragment=html)
        else:
            assert html.startswith("<!DOCTYPE html>"), name
        path = folder / f"page-{index:02}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = (name, 1 if fragment else 0)
    # The JSON report on stdout, apart from anything Java says.
    run = subprocess.run([*vnu, *files], capture_output=True, text=True, timeout=300, check=False)
    errors = []
    for message in json.loads(run.stdout)["messages"]:
        url = message.get("url", "?")
        # vnu names a file "file:/tmp/…/page-00.html".
        name, offset = files.get("/" + url.removeprefix("file:").lstrip("/"), (url, 0))
        line = message.get("lastLine", message.get("firstLine", 0)) - offset
        errors.append(f"{name}, line {line}: [{message['type']}] {message['message']}")
    assert run.returncode == (1 if errors else 0), run.stdout + run.stderr
    return errors


def test_every_page_type_is_valid_html(vnu, seeded, tmp_path):
    question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED))
    pages = _pages(Client())
    errors = html_errors(vnu, pages, tmp_path)
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n" + "\n".join(errors)
