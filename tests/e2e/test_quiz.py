"""A student takes the quizzes: by keyboard only, in practice and exam mode, desktop and phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quiz.models import Kind, Quiz
from summit.models import Event, Quote
from tests.factories import QuestionFactory, QuizFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tmp" / "screenshots"


@pytest.fixture(autouse=True)
def _screenshots() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def _build_questions() -> dict[str, tuple[str, str]]:
    """Three questions on the seeded corpus, each with its evidence; stem → (right, wrong).

    Written by hand (kind « manual »), so that a quiz on that kind asks exactly these.
    """
    vladivostok = Event.objects.get(slug="premier-sommet-kim-poutine")
    hanoi = Event.objects.get(slug="sommet-de-hanoi")
    quote = Quote.objects.get(text__startswith="Je suis venu en Russie")
    questions = [
        QuestionFactory(
            stem="Quand a eu lieu le premier sommet entre Kim Jong-un et Vladimir Poutine ?",
            choices=["25 avril 2019", "12 juin 2018", "27 février 2019", "19 juillet 2000"],
            explanation="Kim Jong-un arrive le 24 avril à Vladivostok ; le sommet a lieu le "
            "lendemain sur l'île Rousski.",
            event=vladivostok,
            citation=_citation(vladivostok, "25 avril 2019"),
        ),
        QuestionFactory(
            stem="Où s'est tenu le deuxième sommet entre Donald Trump et Kim Jong-un ?",
            choices=["Hanoï", "Singapour", "Vladivostok", "Pyongyang"],
            explanation="Après Singapour en juin 2018, Donald Trump et Kim Jong-un se retrouvent "
            "à Hanoï les 27 et 28 février 2019.",
            event=hanoi,
            citation=_citation(hanoi, "27 et 28 février 2019"),
        ),
        QuestionFactory(
            stem="Qui a déclaré : « Je suis venu en Russie avec les sentiments chaleureux de "
            "mon peuple » ?",
            choices=["Kim Jong-un", "Vladimir Poutine", "Donald Trump", "Moon Jae-in"],
            explanation="Kim Jong-un s'adresse ainsi à Vladimir Poutine au début de leur "
            "rencontre.",
            event=quote.event,
            citation=quote.citations.first(),
        ),
    ]
    wrong = ["12 juin 2018", "Singapour", "Vladimir Poutine"]
    return {
        question.stem: (question.choices.get(is_correct=True).text, wrong[index])
        for index, question in enumerate(questions)
    }


def _citation(event: Event, words: str):
    return next(c for c in event.citations.all() if words in "".join(c.sentence_parts()))


def _tab_to(page, target, *, limit: int = 40) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def _choose_with_keyboard(page, text: str) -> None:
    """Tab into the options, then Space and the arrow keys until ``text`` is checked."""
    radios = page.locator('input[name="choice"]')
    _tab_to(page, radios.first)
    page.keyboard.press("Space")
    for _ in range(radios.count()):
        checked = page.locator("label.quiz-option:has(input:checked)")
        if checked.inner_text().strip() == text:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option reads {text!r}")


def _stem(page) -> str:
    """The question as written (the page keeps « ? » on the line of the word before it)."""
    text = page.locator(".quiz-question legend").inner_text()
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_a_practice_quiz_by_keyboard_then_the_mistakes_again(page, live_server, seeded):
    answers = _build_questions()
    QuizFactory(
        kinds=[Kind.MANUAL],
        title="Kim, Poutine, Trump : les sommets",
        slug="les-sommets",
        description="Trois questions sur les rencontres de Kim Jong-un, chacune avec sa source.",
        size=3,
        mode=Quiz.Mode.PRACTICE,
    )
    page.goto(f"{live_server.url}/quizzes/")
    expect(page.get_by_role("link", name="Quiz", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    card = page.get_by_role("article", name="Kim, Poutine, Trump : les sommets")
    _tab_to(page, card.get_by_label("Votre nom (facultatif)"))
    page.keyboard.type("Léa")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Commencer Kim, Poutine, Trump")).to_be_focused()
    page.screenshot(path=SCREENSHOTS / "quiz-list.png", full_page=True)
    page.keyboard.press("Enter")

    wrong_stem = "Où s'est tenu le deuxième sommet entre Donald Trump et Kim Jong-un ?"
    for number in (1, 2, 3):
        expect(page.get_by_role("heading", name=f"Question {number} sur 3")).to_be_visible()
        expect(page.locator("progress")).to_have_attribute("value", str(number - 1))
        stem = _stem(page)
        right, wrong = answers[stem]
        _choose_with_keyboard(page, wrong if stem == wrong_stem else right)
        if number == 1:
            page.screenshot(path=SCREENSHOTS / "quiz-question.png", full_page=True)
        _tab_to(page, page.get_by_role("button", name="Valider"))
        page.keyboard.press("Enter")

        verdict = page.locator("#feedback-title")
        expect(verdict).to_be_focused()
        expect(verdict).to_have_text(
            "✗ Mauvaise réponse" if stem == wrong_stem else "✓ Bonne réponse"
        )
        page.wait_for_url(re.compile(rf"\?feedback={number}$"))
        feedback = page.locator(".quiz-feedback")
        expect(feedback.locator("li.is-right")).to_contain_text(right)
        expect(feedback.locator(".quiz-evidence mark")).to_be_visible()
        expect(feedback.locator(".quiz-evidence figcaption a")).to_have_attribute(
            "href", re.compile(r"^/sources/[\w-]+/#citation-\d+$")
        )
        expect(feedback.get_by_role("link", name=re.compile("^Voir dans la frise"))).to_be_visible()
        if stem == wrong_stem:
            page.screenshot(path=SCREENSHOTS / "quiz-feedback.png", full_page=True)
        next_link = page.get_by_role(
            "link", name="Voir mes résultats" if number == 3 else "Question suivante"
        )
        _tab_to(page, next_link)
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Résultats · Léa")).to_be_visible()
    expect(page.locator(".quiz-score-value")).to_have_text("2 / 3 (67 %)")
    expect(page.locator(".quiz-review > li")).to_have_count(3)
    expect(page.locator(".quiz-review > li.is-wrong")).to_contain_text(wrong_stem)
    page.screenshot(path=SCREENSHOTS / "quiz-results.png", full_page=True)

    retry = page.get_by_role("button", name="Refaire mes erreurs (1 question)")
    _tab_to(page, retry)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Question 1 sur 1")).to_be_visible()
    assert _stem(page) == wrong_stem


def test_an_exam_shows_no_correction_before_the_results(page, live_server, seeded):
    answers = _build_questions()
    QuizFactory(
        kinds=[Kind.MANUAL],
        title="Examen : les sommets",
        slug="examen",
        size=3,
        mode=Quiz.Mode.EXAM,
    )
    page.goto(f"{live_server.url}/quizzes/")
    page.get_by_role("button", name="Commencer Examen : les sommets").click()

    for number in (1, 2, 3):
        expect(page.get_by_role("heading", name=f"Question {number} sur 3")).to_be_visible()
        if number > 1:
            expect(page.get_by_role("heading", name=f"Question {number} sur 3")).to_be_focused()
        right, wrong = answers[_stem(page)]
        page.get_by_label(wrong if number == 2 else right, exact=True).check()
        page.get_by_role("button", name="Valider").click()
        if number < 3:
            expect(page.get_by_role("heading", name=f"Question {number + 1} sur 3")).to_be_visible()
            expect(page.locator(".quiz-feedback, .quiz-review-options")).to_have_count(0)
            expect(page.get_by_text(re.compile("Bonne réponse|Mauvaise réponse"))).to_have_count(0)

    expect(page.get_by_role("heading", name="Résultats")).to_be_focused()
    expect(page.locator(".quiz-score-value")).to_have_text("2 / 3 (67 %)")
    expect(page.locator(".quiz-review .quiz-evidence mark")).to_have_count(3)
    expect(page.get_by_role("button", name="Refaire mes erreurs (1 question)")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "quiz-exam-results.png", full_page=True)


def test_a_timed_quiz_counts_down(page, live_server, seeded):
    _build_questions()
    QuizFactory(kinds=[Kind.MANUAL], title="Contre la montre", slug="chrono", size=3, time_limit=5)
    # The page's clock is Playwright's, from the real time on: the seconds are moved on at once
    # rather than waited for.
    page.clock.install()
    page.goto(f"{live_server.url}/quizzes/")
    card = page.get_by_role("article", name="Contre la montre")
    expect(card.get_by_text("5 minutes", exact=True)).to_be_visible()
    page.get_by_role("button", name="Commencer Contre la montre").click()
    clock = page.locator(".time-left time")
    page.clock.run_for(1_000)
    expect(clock).to_have_text(re.compile(r"^4 min 5\d s$"))
    first = clock.inner_text()
    page.clock.run_for(2_000)
    expect(clock).not_to_have_text(first)


def test_a_practice_quiz_on_a_phone(phone_page, live_server, seeded):
    answers = _build_questions()
    QuizFactory(
        kinds=[Kind.MANUAL],
        title="Les sommets",
        slug="les-sommets",
        size=3,
        mode=Quiz.Mode.PRACTICE,
    )
    phone_page.goto(f"{live_server.url}/quizzes/")
    phone_page.get_by_role("button", name="Commencer Les sommets").tap()
    expect(phone_page.get_by_role("heading", name="Question 1 sur 3")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    option = phone_page.locator("label.quiz-option").first
    assert option.bounding_box()["height"] >= 48, "options are large tap targets"
    phone_page.screenshot(path=SCREENSHOTS / "quiz-question-phone.png", full_page=True)
    right, _ = answers[_stem(phone_page)]
    phone_page.get_by_text(right, exact=True).tap()
    phone_page.get_by_role("button", name="Valider").tap()
    expect(phone_page.locator("#feedback-title")).to_have_text("✓ Bonne réponse")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.screenshot(path=SCREENSHOTS / "quiz-feedback-phone.png", full_page=True)


def test_a_practice_quiz_without_javascript(browser, live_server, seeded):
    answers = _build_questions()
    QuizFactory(
        kinds=[Kind.MANUAL],
        title="Les sommets",
        slug="les-sommets",
        size=3,
        mode=Quiz.Mode.PRACTICE,
    )
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/quizzes/")
    page.get_by_role("button", name="Commencer Les sommets").click()
    for number in (1, 2, 3):
        right, _ = answers[_stem(page)]
        page.get_by_label(right, exact=True).check()
        page.get_by_role("button", name="Valider").click()
        page.wait_for_url(re.compile(rf"\?feedback={number}$"))
        expect(page.locator("#feedback-title")).to_have_text("✓ Bonne réponse")
        page.get_by_role(
            "link", name="Voir mes résultats" if number == 3 else "Question suivante"
        ).click()
    expect(page.locator(".quiz-score-value")).to_have_text("3 / 3 (100 %)")
    expect(page.get_by_role("button", name=re.compile("Refaire mes erreurs"))).to_have_count(0)
    context.close()


def test_the_seeded_sequence_exam_asks_generated_questions_with_their_sources(
    page, live_server, seeded_bank
):
    page.goto(f"{live_server.url}/quizzes/")
    page.get_by_role("button", name="Commencer La séquence Trump–Kim–Poutine").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Question 1 sur \d+$"))
    expect(heading).to_be_visible()
    count = int(heading.inner_text().rsplit(" ", 1)[1])
    assert 1 <= count <= 12
    for number in range(1, count + 1):
        heading = page.get_by_role("heading", name=f"Question {number} sur {count}")
        expect(heading).to_be_visible()
        if number > 1:
            # Swapped in, the question's heading takes the focus once htmx settles it: the keyboard
            # goes on from there (tabbing before then lost the option to the heading).
            expect(heading).to_be_focused()
        options = page.locator('input[name="choice"]')
        selects = page.locator(".quiz-select select")
        if options.count():
            # One right answer among 3 or 4, true/false, or several right answers among 4 or 5.
            assert 2 <= options.count() <= 5
            _tab_to(page, options.first)
            page.keyboard.press("Space")
        else:
            # Matching or ordering: each list set, by the arrow keys, to another item or rank.
            assert 3 <= selects.count() <= 5
            for index in range(selects.count()):
                _tab_to(page, selects.nth(index))
                for _ in range(index + 1):
                    page.keyboard.press("ArrowDown")
        _tab_to(page, page.get_by_role("button", name="Valider"))
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Résultats")).to_be_focused()
    expect(page.locator(".quiz-review > li")).to_have_count(count)
    # Every generated question leads back to the sentence it comes from.
    expect(page.locator(".quiz-review .quiz-evidence mark")).to_have_count(count)
    expect(page.locator(".quiz-review li.is-right").first).to_be_visible()
