from __future__ import annotations

from seeds.mentions import MentionFinder, Named, fold

FINDER = MentionFinder(
    [
        Named("kim", ("Kim Jong-un", "le dirigeant nord-coréen")),
        Named("kim-jong-il", ("Kim Jong-il", "le père de Kim Jong-un")),
        Named("putin", ("Vladimir Poutine", "Poutine", "le chef de l'État russe")),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(m.key, text[m.start : m.end]) for m in FINDER.find(text)]


def test_fold_keeps_offsets():
    text = "L’Île Rousski, ÉTÉ\xa02019"
    assert len(fold(text)) == len(text)
    assert fold(text) == "l'ile rousski, ete 2019"


def test_names_match_whatever_the_case_accents_apostrophes_and_hyphens():
    assert found("Le Dirigeant Nord-Coréen et Kim Jong Un") == [
        ("kim", "Le Dirigeant Nord-Coréen"),
        ("kim", "Kim Jong Un"),
    ]
    assert found("le chef de l’Etat russe") == [("putin", "le chef de l’Etat russe")]


def test_the_longest_name_wins_and_words_are_whole():
    assert found("Il a rencontré le père de Kim Jong-Un.") == [
        ("kim-jong-il", "le père de Kim Jong-Un")
    ]
    assert found("Poutinesque") == []
    assert found("Vladimir Poutine") == [("putin", "Vladimir Poutine")]


def test_a_role_phrase_matches_without_its_article():
    assert found("la visite du dirigeant nord-coréen") == [("kim", "dirigeant nord-coréen")]
