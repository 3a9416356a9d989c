from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seeds.lang import LANGUAGES, language_detect, table

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds" / "articles").glob("*.txt"))
GOLD = sorted((ROOT / "tests" / "seeds" / "gold").glob("*.txt"))


def _language_of(text_path: Path) -> str:
    if text_path.parent.name == "articles":
        return "fr"
    return tomllib.loads(text_path.with_suffix(".toml").read_text(encoding="utf-8"))["language"]


@pytest.mark.parametrize("path", SEEDS + GOLD, ids=lambda path: path.stem)
def test_whole_texts_of_every_format_are_recognised(path):
    """News articles, transcripts and encyclopedia pages, in both languages."""
    assert language_detect(path.read_text(encoding="utf-8")) == _language_of(path)


@pytest.mark.parametrize("path", SEEDS + GOLD, ids=lambda path: path.stem)
def test_the_first_200_characters_of_prose_are_enough(path):
    text = path.read_text(encoding="utf-8")
    paragraph = max(text.split("\n"), key=len)
    assert language_detect(paragraph[:200]) == _language_of(path)


def test_half_a_megabyte_is_read_whole_and_the_same_way_each_time():
    english = "The minister said on Tuesday that the talks would go on. " * 9000
    assert len(english) > 500_000
    assert language_detect(english) == "en"
    assert language_detect(english) == language_detect(english)


def test_quoted_words_of_another_language_do_not_decide():
    english = (
        'The French president called it "une étape décisive pour la paix et pour le '
        'peuple" and said that the agreement was a first step, which his ministers will '
        "present to the assembly on Monday."
    )
    assert language_detect(english) == "en"
    french = (
        "Le président a parlé d'un « deal of the century » et a déclaré que les "
        "négociations reprendraient lundi avec les ministres des deux pays."
    )
    assert language_detect(french) == "fr"


def test_transcript_turns_are_recognised():
    english = "THE PRESIDENT: Thank you. We are going to do it.\nQ: Will you meet him?\n"
    assert language_detect(english * 3) == "en"
    french = "LE PRÉSIDENT : Merci. Nous allons le faire.\nQUESTION : Allez-vous le voir ?\n"
    assert language_detect(french * 3) == "fr"


def test_a_text_without_evidence_is_in_the_first_language():
    assert language_detect("") == LANGUAGES[0] == "fr"
    assert language_detect("2019 — 3–0 (12) 83.89") == "fr"


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_any_text_gets_a_known_language(text):
    assert language_detect(text) in LANGUAGES


def test_every_language_has_every_table_with_the_same_names():
    for part, names in {
        "dates": ("MONTHS", "WEEKDAYS", "NUMBERS", "RELATIVE", "UNITS", "PATTERNS", "FUTURE"),
        "page": ("BOILERPLATE", "TRAILER", "CREDIT", "BYLINE", "PUBLISHED", "FUNCTION_WORDS"),
    }.items():
        for language in LANGUAGES:
            module = table(language, part)
            assert all(hasattr(module, name) for name in names), (language, part)
    with pytest.raises(LookupError):
        table("de", "dates")
