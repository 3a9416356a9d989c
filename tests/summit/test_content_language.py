"""With the interface in English, the French content keeps lang="fr" so that it is voiced in
French (WCAG 2.1, 3.1.2 Language of Parts), and the interface around it does not."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client

from quiz.models import Attempt, Choice, Quiz
from summit.templatetags.summit import content_language
from tests.factories import (
    ActorFactory,
    EventCitationFactory,
    EventFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
    SourceFactory,
)

TITLE = "Sommet de Hanoï"
SUMMARY = "Les deux dirigeants se quittent sans accord."
NOTE = "L’article date la rencontre d’un jour trop tôt."
NEXT_TITLE = "Rencontre de Vladivostok"
QUOTE = "Nous voulons la paix sur la péninsule"
EVIDENCE = "Le président Jean Dupont est arrivé lundi à Lyon."
DESCRIPTION = "dirigeant nord-coréen"
SOURCE_TITLE = "Le sommet de Hanoï s’achève sans accord"
STEM = "Dans quelle ville s'est tenu le sommet de Hanoï ?"
RIGHT = "Hanoï"
EXPLANATION = "Parce que c'est écrit dans l'article."
QUIZ_TITLE = "Quiz du sommet"
QUIZ_DESCRIPTION = "Dix questions sur la rencontre de Hanoï."

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


class _LanguageOfText(HTMLParser):
    """Collects every text node with the language it is in: the nearest lang attribute. The
    <head> is left out: its <title> names the page in the interface's words."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and all(tag != "head" for tag, _lang in self.stack):
            lang = next((lang for _tag, lang in reversed(self.stack) if lang), None)
            self.texts.append((" ".join(data.split()), lang))


def languages_of(response, text: str) -> set[str | None]:
    """The languages of the text nodes that contain ``text``; the test fails if there is none."""
    parser = _LanguageOfText()
    parser.feed(response.content.decode())
    parser.close()
    found = {lang for data, lang in parser.texts if text in data.replace("\u202f", " ")}
    assert found, f"{text!r} is not on the page"
    return found


def assert_french(response, *texts: str) -> None:
    for text in texts:
        assert languages_of(response, text) == {"fr"}, text


def assert_english(response, *texts: str) -> None:
    for text in texts:
        assert languages_of(response, text) == {"en"}, text


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def content(db) -> dict[str, object]:
    speaker = ActorFactory(name="Kim Jong-un", description=DESCRIPTION)
    event = EventFactory(
        title=TITLE,
        summary=SUMMARY,
        fact_check_note=NOTE,
        date=datetime.date(2019, 2, 27),
    )
    EventFactory(title=NEXT_TITLE, date=datetime.date(2019, 4, 25))
    citation = EventCitationFactory(event=event, source=SourceFactory(title=SOURCE_TITLE))
    quote = QuoteFactory(text=QUOTE, event=event, speaker=speaker)
    QuoteCitationFactory(quote=quote)
    question = QuestionFactory(
        stem=STEM,
        explanation=EXPLANATION,
        citation=citation,
        event=event,
        choices=[RIGHT, "Séoul", "Pékin"],
    )
    QuizFactory(
        title=QUIZ_TITLE, description=QUIZ_DESCRIPTION, slug="sommet", size=1, mode=Quiz.Mode.EXAM
    )
    QuizFactory(title="Entraînement", slug="entrainement", size=1, mode=Quiz.Mode.PRACTICE)
    return {"event": event, "source": citation.source, "question": question}


def _answer_right(client: Client, quiz: str, question) -> str:
    start = client.post(f"/quizzes/{quiz}/start/")
    attempt = Attempt.objects.get(uuid=start.url.split("/")[2])
    item = attempt.items.get()
    right = Choice.objects.get(question=question, is_correct=True).pk
    answer = client.post(
        f"/attempts/{attempt.uuid}/answer/", {"item": 1, "choice": item.choice_order.index(right)}
    )
    assert answer.status_code == 302
    return answer.url


def test_the_page_itself_is_in_english(english, content):
    response = english.get("/")
    assert '<html lang="en">' in response.content.decode()
    assert_english(response, "Clear the filters")


def test_the_timeline_marks_its_french_events(english, content):
    response = english.get("/")
    assert_french(response, TITLE, SUMMARY, NOTE, QUOTE, EVIDENCE)
    assert_english(response, "Place:", "Fact check:", "Where does this fact come from?")


def test_the_timeline_fragment_marks_its_french_events(english, content):
    response = english.get("/", headers={"hx-request": "true"})
    assert "<html" not in response.content.decode()
    assert_french(response, TITLE, SUMMARY, QUOTE, EVIDENCE)
    assert languages_of(response, "1 event") == {None}


def test_an_event_page_marks_its_french_content(english, content):
    response = english.get(f"/events/{content['event'].slug}/")
    assert_french(response, TITLE, SUMMARY, NOTE, QUOTE, EVIDENCE, NEXT_TITLE)
    assert_english(response, "← Back to the timeline", "Next event", "Place:")


def test_the_quotes_mark_their_french_words(english, content):
    response = english.get("/quotes/")
    assert_french(response, QUOTE, TITLE, DESCRIPTION)
    assert_english(response, "What they said", "Event:", "Source:")


def test_a_source_marks_its_french_title_and_text(english, content):
    response = english.get(f"/sources/{content['source'].slug}/")
    assert_french(response, SOURCE_TITLE, EVIDENCE, "a déclaré Jean Dupont")
    assert_english(response, "The highlighted passages are the ones Summit cites", "by Camille")


def test_the_quiz_list_marks_its_french_titles(english, content):
    response = english.get("/quizzes/")
    assert_french(response, QUIZ_TITLE, QUIZ_DESCRIPTION)
    assert_english(response, "Your name (optional)", "Start", "Exam: corrected at the end")


def test_a_question_marks_its_french_stem_and_options(english, content):
    start = english.post("/quizzes/sommet/start/")
    response = english.get(start.url)
    assert_french(response, QUIZ_TITLE, STEM, RIGHT, "Séoul", "Pékin")
    assert_english(response, "Question 1 of 1", "Submit")


def test_the_feedback_marks_its_french_question_and_evidence(english, content):
    response = english.get(_answer_right(english, "entrainement", content["question"]))
    assert "feedback-title" in response.content.decode()
    assert_french(response, STEM, RIGHT, EXPLANATION, EVIDENCE, TITLE)
    assert_english(response, "Correct answer", "Explanation:", "See on the timeline:", "Source:")
    assert_english(response, "your answer", "correct answer", "See my results")


def test_the_results_mark_their_french_questions(english, content):
    response = english.get(_answer_right(english, "sommet", content["question"]))
    assert "results-title" in response.content.decode()
    assert_french(response, QUIZ_TITLE, STEM, RIGHT, EXPLANATION, EVIDENCE, TITLE)
    assert_english(response, "Results", "Explanation:", "correct answer", "Correct")


def test_accept_language_gives_the_same_marks(client, content):
    response = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="en">' in response.content.decode()
    assert_french(response, TITLE, QUOTE)


def test_in_french_the_content_is_french_too(client, content):
    response = client.get(f"/events/{content['event'].slug}/")
    assert_french(response, TITLE, QUOTE, "← Retour à la frise")


def test_an_article_in_another_language_is_marked_with_its_own(db):
    source = SourceFactory(language="en-GB")
    citation = EventCitationFactory(source=source)
    assert content_language(source) == "en-GB"
    assert content_language(citation) == "en-GB"
    assert content_language(citation.event) == "fr"


def test_a_language_that_is_not_a_tag_falls_back_to_french(db):
    assert content_language(SourceFactory(language="français")) == "fr"
    assert content_language(QuoteFactory()) == "fr"
