from __future__ import annotations

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
