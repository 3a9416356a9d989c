from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from summit.text import normalize, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_normalize_ignores_case_accents_apostrophes_and_spaces():
    assert normalize("  L’Île   Rousski ") == normalize("l'ile rousski")


def test_normalize_drops_every_combining_mark_and_keeps_other_characters():
    # Accents of other scripts and marks typed apart from their letter, ligatures decomposed.
    assert normalize("Ça\u0301  Đà Nẵng ﬁn ÅNGSTRÖM") == "ca đa nang fin angstrom"
    assert normalize("Mosk\u0306va\u0327") == "moskva"
    assert normalize("Plain ASCII, kept as is!") == "plain ascii, kept as is!"


def test_normalize_makes_every_kind_of_space_one_and_trims_them():
    assert normalize("\tKim\u00a0 Jong\u2009Un\n\u3000") == "kim jong un"
    assert normalize(" \x1c Kim \u2028") == "kim"
    assert normalize("ʼʼ ‘’") == "'' ''"
    assert normalize(" \t ") == ""


def _normalized(text: str) -> str:
    # The definition, step by step: apostrophes, marks, spaces, case.
    for apostrophe in "’‘ʼ":
        text = text.replace(apostrophe, "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


@given(st.text(alphabet=st.characters(codec="utf-8")) | st.text("aéÉ’‘ʼ \t\u00a0\u0301ﬁ"))
def test_normalize_is_its_definition_on_any_text(text):
    assert normalize(text) == _normalized(text)


def test_a_quoted_statement_of_several_sentences_stays_one_sentence():
    text = '"Je suis venu. J\'espère la paix", a déclaré Kim. Puis il est parti.'
    assert sentences(text) == [
        '"Je suis venu. J\'espère la paix", a déclaré Kim.',
        "Puis il est parti.",
    ]


def test_a_paragraph_break_ends_a_sentence_even_inside_an_unclosed_quote():
    text = "« Nous avons beaucoup à faire« .\nCe rapprochement irrite Washington."
    assert sentences(text) == [
        "« Nous avons beaucoup à faire« .",
        "Ce rapprochement irrite Washington.",
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    assert sentences("M. Dupont a vu J. Martin. Il est parti.") == [
        "M. Dupont a vu J. Martin.",
        "Il est parti.",
    ]
