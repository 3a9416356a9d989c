"""The interface in French by default and in English on request; the content stays French."""

from __future__ import annotations

import ast
import datetime
import gettext
import html
import random
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Template, TemplateSyntaxError
from django.test import Client
from django.utils import translation

from quiz.bank import bank_drafts, question_bank_build
from quiz.models import Attempt, Choice, Question, Quiz
from summit.dates import format_date, format_period, format_short_date
from summit.models import Precision
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
)

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"
COMPILE_HINT = (
    "compile it with `make messages` (`make test` compiles the catalogs before the suite)"
)

TITLE = "Sommet de Hanoï"
QUOTE = "Nous voulons la paix sur la péninsule"
STEM = "Dans quelle ville s'est tenu le sommet de Hanoï ?"


def _text(response) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(body)).replace("\u202f", " ").replace("\u00a0", " ")


def _english(client: Client) -> Client:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


@pytest.fixture
def content(db) -> dict[str, object]:
    """An event with its evidence and a quotation, a quiz of one question on it."""
    event = EventFactory(title=TITLE, date=datetime.date(2019, 2, 27), summary="Résumé du sommet.")
    event_citation = EventCitationFactory(event=event)
    quote = QuoteFactory(text=QUOTE, event=event, said_on=datetime.date(2019, 2, 1))
    QuoteCitationFactory(quote=quote)
    question = QuestionFactory(
        stem=STEM, citation=event_citation, event=event, choices=["Hanoï", "Séoul", "Pékin"]
    )
    quiz = QuizFactory(title="Quiz du sommet", slug="sommet", size=1, mode=Quiz.Mode.EXAM)
    return {"event": event, "source": event_citation.source, "question": question, "quiz": quiz}


# French by default


def test_the_interface_is_french_by_default(client, content):
    response = client.get("/")
    page = _text(response)
    assert '<html lang="fr">' in response.content.decode()
    assert "Trump, Kim, Poutine : la séquence 2018–2019" in page
    assert "mercredi 27 février 2019" in page
    assert response.headers["Content-Language"] == "fr"


def test_the_header_holds_a_language_form_that_works_without_javascript(client, content):
    body = client.get("/quotes/?speaker=nobody&page=2").content.decode()
    form = re.search(r'<form class="language-switcher".*?</form>', body, re.S).group(0)
    assert 'method="post" action="/i18n/setlang/"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="next" value="/quotes/?speaker=nobody&amp;page=2">' in form
    assert '<label class="visually-hidden" for="language-select">Langue</label>' in form
    assert re.search(r'<option value="fr" lang="fr" selected>\s*Français\s*</option>', form)
    assert re.search(r'<option value="en" lang="en">\s*English\s*</option>', form)
    assert '<button type="submit">Appliquer</button>' in form


# Switching


def test_the_form_sets_the_language_and_goes_back_to_the_page(client, content):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/quotes/?page=1"})
    assert response.status_code == 302
    assert response.url == "/quotes/?page=1"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(response.url)
    assert '<html lang="en">' in page.content.decode()
    assert re.search(r'<option value="en" lang="en" selected>', page.content.decode())


def test_an_unknown_language_changes_nothing(client, content):
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_a_next_address_off_the_site_is_not_followed(client, content):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://example.com/"})
    assert response.status_code == 302
    assert not response.url.startswith("https://example.com")


def test_the_timeline_in_english_keeps_its_french_events(client, content):
    page = _text(_english(client).get("/"))
    assert "Trump, Kim, Putin: the 2018–2019 sequence" in page
    assert "Timeline Map Quotes Quizzes" in page
    assert "Clear the filters" in page
    assert "1 event" in page
    assert "Wednesday 27 February 2019" in page
    assert TITLE in page
    assert "Résumé du sommet." in page
    assert "Where does this fact come from? 1 source" in page
    assert "Trump, Kim, Poutine : la séquence" not in page


def test_an_event_page_in_english(client, content):
    page = _text(_english(client).get(f"/events/{content['event'].slug}/"))
    assert "← Back to the timeline" in page
    assert "Place:" in page
    assert TITLE in page
    assert f"« {QUOTE} »" in page
    assert "Friday 1 February 2019" in page


def test_the_quotes_in_english_keep_their_french_words(client, content):
    page = _text(_english(client).get("/quotes/"))
    assert "What they said" in page
    assert "Event: " + TITLE in page
    assert f"« {QUOTE} »" in page
    assert "Friday 1 February 2019" in page


def test_a_source_in_english_keeps_its_french_text(client, content):
    source = content["source"]
    page = _text(_english(client).get(f"/sources/{source.slug}/"))
    assert "The highlighted passages are the ones Summit cites" in page
    assert "by Camille Martin" in page
    assert "Thursday 25 April 2019" in page
    assert "Le président Jean Dupont est arrivé lundi à Lyon." in page


def test_the_quiz_list_in_english(client, content):
    page = _text(_english(client).get("/quizzes/"))
    assert "Your name (optional)" in page
    assert "Exam: corrected at the end" in page
    assert "1 question" in page
    assert "Start Quiz du sommet" in page


def test_a_question_and_its_results_in_english_keep_the_french_question(client, content):
    _english(client)
    start = client.post("/quizzes/sommet/start/")
    attempt = Attempt.objects.get(uuid=start.url.split("/")[2])
    page = _text(client.get(start.url))
    assert "Question 1 of 1" in page
    assert STEM in page
    assert "Submit" in page

    item = attempt.items.get()
    right = Choice.objects.get(question=content["question"], is_correct=True).pk
    client.post(
        f"/attempts/{attempt.uuid}/answer/", {"item": 1, "choice": item.choice_order.index(right)}
    )
    results = _text(client.get(start.url))
    assert "Results" in results
    assert "Correct Question 1" in results
    assert "your answer" in results
    assert "correct answer" in results
    assert "Explanation: Parce que c'est écrit dans l'article." in results
    assert STEM in results


def test_a_bad_answer_is_refused_in_english(client, content):
    _english(client)
    start = client.post("/quizzes/sommet/start/")
    attempt = Attempt.objects.get(uuid=start.url.split("/")[2])
    response = client.post(f"/attempts/{attempt.uuid}/answer/", {"item": 1})
    assert response.status_code == 400
    assert "Choose an answer before submitting." in _text(response)


def test_accept_language_en_gives_english(client, content):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in response.content.decode()
    assert "Trump, Kim, Putin: the 2018–2019 sequence" in _text(response)
    assert response.headers["Content-Language"] == "en"


def test_accept_language_of_an_unknown_language_stays_french(client, content):
    response = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"})
    assert '<html lang="fr">' in response.content.decode()


def test_the_admin_speaks_english_too(admin_client, content):
    headers = {"accept-language": "en"}
    page = _text(admin_client.get("/admin/quiz/question/", headers=headers))
    assert "Rebuild the question bank" in page
    assert "Publish (if they pass the checks)" in page
    events = _text(admin_client.get("/admin/summit/event/", headers=headers))
    assert "Publish the selection" in events
    form = _text(
        admin_client.get(f"/admin/summit/event/{content['event'].pk}/change/", headers=headers)
    )
    assert "When and where" in form
    assert "Where the article is wrong or vague, and what actually happened." in form


# Dates on pages


@pytest.mark.parametrize(
    ("start", "end", "precision", "french", "english"),
    [
        ((2019, 2, 1), None, Precision.DAY, "vendredi 1er février 2019", "Friday 1 February 2019"),
        ((2019, 2, 1), None, Precision.MONTH, "février 2019", "February 2019"),
        ((1995, 1, 1), None, Precision.APPROXIMATE, "vers 1995", "around 1995"),
        (
            (2019, 2, 27),
            (2019, 2, 28),
            Precision.DAY,
            "du 27 au 28 février 2019",
            "27–28 February 2019",
        ),
        ((2019, 3, 1), (2019, 3, 2), Precision.DAY, "du 1er au 2 mars 2019", "1–2 March 2019"),
        (
            (2019, 1, 30),
            (2019, 2, 2),
            Precision.DAY,
            "du 30 janvier au 2 février 2019",
            "30 January – 2 February 2019",
        ),
    ],
)
def test_dates_follow_the_language(start, end, precision, french, english):
    start = datetime.date(*start)
    end = end and datetime.date(*end)
    with translation.override("fr"):
        assert format_period(start, end, precision) == french
    with translation.override("en"):
        assert format_period(start, end, precision) == english


def test_short_dates_in_english():
    with translation.override("en"):
        assert format_short_date(datetime.date(2019, 2, 1)) == "1 February 2019"
        assert format_date(datetime.date(2018, 6, 12), Precision.YEAR) == "2018"


# The question bank is content: French whatever the language


def test_the_bank_drafts_the_same_french_questions_under_english(seeded):
    def drafts(language: str) -> list[tuple]:
        with translation.override(language):
            return [
                (d.kind, d.stem, d.explanation, d.key.text, tuple(o.text for o in d.distractors))
                for d in bank_drafts(rng=random.Random(7))
            ]

    english = drafts("en")
    assert english == drafts("fr")
    stems = " ".join(stem for _kind, stem, *_rest in english)
    assert "Quand a eu lieu l’événement" in stems
    assert "When did" not in stems
    assert re.search(
        r"\b(janvier|février|mars|avril|mai|juin|juillet|août)\b", stems + str(english)
    )


def test_a_bank_built_under_english_stores_french_questions(seeded):
    with translation.override("en"):
        question_bank_build(rng=random.Random(7))
    stored = list(Question.objects.values_list("stem", flat=True))
    assert stored
    assert not [stem for stem in stored if re.search(r"\b(When|Where|Who|Which)\b", stem)]
    options = " ".join(Choice.objects.values_list("text", flat=True))
    assert not re.search(r"\b(January|February|March|April|around)\b", options)


# The catalog


def _po_entries(path: Path) -> list[dict[str, object]]:
    """Each entry of a .po file: its flags, msgctxt, msgid, msgid_plural and msgstr values."""
    entries: list[dict[str, object]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, object] = {"flags": set(), "msgstr": []}
        key = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if key == "msgstr":
                    entry["msgstr"][-1] += value
                else:
                    entry[key] += value
            else:
                key, _, quoted = line.partition(" ")
                value = ast.literal_eval(quoted)
                if key.startswith("msgstr"):
                    entry["msgstr"].append(value)
                    key = "msgstr"
                else:
                    entry[key] = value
        if "msgid" in entry:
            entries.append(entry)
    return entries


def test_every_english_message_is_translated_and_none_is_fuzzy():
    entries = [entry for entry in _po_entries(PO) if entry["msgid"]]
    assert len(entries) > 300
    assert not [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not [e["msgid"] for e in entries if not e["msgstr"] or not all(e["msgstr"])]
    assert not [e["msgid"] for e in entries if e.get("obsolete")]
    plurals = [e for e in entries if "msgid_plural" in e]
    assert plurals
    assert all(len(e["msgstr"]) == 2 for e in plurals)


def test_translations_keep_the_placeholders_of_their_message():
    placeholder = re.compile(r"%\(\w+\)[sd]|%s|%d|\{\w+\}")
    wrong = []
    for entry in _po_entries(PO):
        # A plural's singular may leave its number out (« Autre acteur »); its other forms
        # keep the plural message's placeholders.
        sources = [entry["msgid"], *[entry.get("msgid_plural", entry["msgid"])] * 2]
        for source, msgstr in zip(sources, entry["msgstr"], strict=False):
            expected = sorted(placeholder.findall(str(source)))
            if entry["msgid"] and sorted(placeholder.findall(msgstr)) != expected:
                wrong.append(entry["msgid"])
    assert not wrong


def test_the_catalog_is_compiled_and_holds_every_message():
    assert MO.exists(), f"{MO} is missing: {COMPILE_HINT}"
    with MO.open("rb") as file:
        catalog = gettext.GNUTranslations(file)
    for entry in _po_entries(PO):
        if not entry["msgid"] or "msgid_plural" in entry:
            continue
        msgid = str(entry["msgid"])
        if "msgctxt" in entry:
            found = catalog.pgettext(str(entry["msgctxt"]), msgid)
        else:
            found = catalog.gettext(msgid)
        assert found == entry["msgstr"][0], f"{MO} is out of date: {COMPILE_HINT}"


def test_the_header_kept_per_language_still_marks_the_page_and_carries_this_request(
    client, content
):
    """The header is rendered once per language and page of the menu; the current page, the
    return path and the CSRF token are each request's own."""
    quotes = client.get("/quotes/?q=%22%3E%3Cscript%3E").content.decode()
    header = re.search(r'<header class="site-header">.*?</header>', quotes, re.S).group(0)
    assert 'href="/quotes/" aria-current="page"' in header
    assert header.count("aria-current") == 1
    assert 'name="next" value="/quotes/?q=%22%3E%3Cscript%3E"' in header
    assert "<script" not in header
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', header).group(1)
    quizzes = client.get("/quizzes/").content.decode()
    other = re.search(r'<header class="site-header">.*?</header>', quizzes, re.S).group(0)
    assert 'href="/quizzes/" aria-current="page"' in other
    assert re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', other).group(1) != token
    answer = client.post("/i18n/setlang/", {"language": "en", "next": "/quizzes/"})
    assert answer.status_code == 302
    english = client.get("/quizzes/").content.decode()
    assert ">Quotes<" in english
    assert 'value="en" lang="en" selected' in english
    assert "Aller au contenu" not in english


def test_the_parts_kept_per_language_follow_a_change_of_settings(client, content, settings):
    assert 'href="/static/summit/summit.css"' in client.get("/quizzes/").content.decode()
    settings.STATIC_URL = "/assets/"
    page = client.get("/quizzes/").content.decode()
    assert 'href="/assets/summit/summit.css"' in page
    assert 'src="/assets/summit/summit.js"' in page


def test_a_part_kept_for_a_value_takes_exactly_one():
    with pytest.raises(TemplateSyntaxError, match="kept_for takes one value"):
        Template("{% load summit %}{% kept_for %}x{% endkept_for %}")
    with pytest.raises(TemplateSyntaxError, match="kept_for takes one value"):
        Template("{% load summit %}{% kept_for a b %}x{% endkept_for %}")
