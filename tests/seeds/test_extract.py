"""The extraction pipeline on the two seed articles, sentence by sentence."""

from __future__ import annotations

import datetime

import pytest

from seeds.clean import article_clean
from seeds.extract import article_extract
from seeds.loader import DEFAULT_CORPUS, corpus_read
from seeds.mentions import Named
from summit.text import sentence_spans

CORPUS = corpus_read(DEFAULT_CORPUS)
ACTORS = [Named(a["slug"], (a["name"], *a.get("aliases", []))) for a in CORPUS.actors]
PLACES = [Named(p["slug"], (p["name"], *p.get("aliases", []))) for p in CORPUS.places]
WED, THU = datetime.date(2019, 4, 24), datetime.date(2019, 4, 25)


def extract(number: str):
    source = next(s for s in CORPUS.sources if s["file"].startswith(f"articles/{number}_"))
    raw = (DEFAULT_CORPUS.parent / source["file"]).read_text(encoding="utf-8")
    text = article_clean(raw).text
    return article_extract(
        text=text, published_on=source["published_on"], actors=ACTORS, places=PLACES
    )


def by_sentence(extraction) -> list[tuple[str, list[tuple[str, str, str, datetime.date]]]]:
    """Each sentence (its first words) with its quotations: text start, speaker, kind, day."""
    rows = []
    for start, end in sentence_spans(extraction.text):
        quotes = [
            (q.text[:30], q.speaker.key, q.kind, q.said_on)
            for q in extraction.quotes
            if q.sentence == (start, end)
        ]
        rows.append((extraction.text[start:end][:30], quotes))
    return rows


def test_article_000_sentence_by_sentence():
    assert by_sentence(extract("000")) == [
        (
            "Le dirigeant Nord-coréen espèr",
            [("couronné de succès", "kim-jong-un", "fragment", WED)],
        ),
        ("Le dirigeant nord-coréen Kim J", []),
        ("Le dirigeant Nord-coréen espèr", []),
        ("Sa rencontre prévue jeudi avec", []),
        ("Drapeaux russes et nord-coréen", []),
        ("Selon le Kremlin, il débutera ", [("un format élargi", "kremlin", "fragment", WED)]),
        ("Ni communiqué commun ni signat", []),
        (
            '"Je suis venu en Russie avec l',
            [("Je suis venu en Russie avec le", "kim-jong-un", "statement", WED)],
        ),
        ("Après des années de tensions e", []),
        ("Pour la Russie, il s'agit de s", []),
    ]


def test_article_002_sentence_by_sentence():
    kim, putin = "kim-jong-un", "vladimir-poutine"
    assert by_sentence(extract("002")) == [
        ("Le président nord-coréen Kim J", [("liens historiques", kim, "fragment", THU)]),
        ("C’est dans le cadre d’un somme", []),
        ("Ils ont échangé une poignée de", []),
        ("Ce jeudi, le dirigeant nord-co", []),
        (
            "Kim Jong-un a déclaré vouloir ",
            [
                ("historiques", kim, "fragment", THU),
                ("plus stable et solide", kim, "fragment", THU),
            ],
        ),
        (
            "« Je pense que cette rencontre",
            [
                ("Je pense que cette rencontre s", kim, "statement", THU),
                ("un dialogue significatif", kim, "fragment", THU),
                ("construire une Russie forte", kim, "fragment", THU),
            ],
        ),
        ("Moscou et Pyongyang ont « beau", [("beaucoup à faire", putin, "fragment", THU)]),
        (
            "Le président russe a également",
            [("soutenir les tendances positiv", putin, "fragment", THU)],
        ),
        ("Un important dispositif de séc", []),
        ("Aucun communiqué commun, ni si", []),
        ("Le dirigeant russe, Vladimir P", []),
        ("Ce sommet doit permettre à la ", []),
        ("Durant la séquence protocolair", [("un dialogue significatif", kim, "fragment", THU)]),
        ("Le chef de l’Etat russe souhai", [("solutions", putin, "fragment", THU)]),
        (
            "« Je suis sûr que votre visite",
            [("Je suis sûr que votre visite a", putin, "statement", THU)],
        ),
        ("Ce rapprochement entre Pyongya", []),
        ("Kim Jong-un cherche des soutie", []),
        ("Moscou souhaite établir un dia", []),
        ("Les autorités russes ont déjà ", []),
    ]


@pytest.mark.parametrize("number", ["000", "002"])
def test_every_quotation_span_is_its_text_without_the_marks(number):
    extraction = extract(number)
    for quote in extraction.quotes:
        assert extraction.text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert quote.text[0] not in '«»“”"'
        assert quote.text[-1] not in '«»“”"'


def test_the_misplaced_closing_mark_ends_putins_statement():
    quote = extract("002").quotes[-1]
    assert quote.text.startswith("Je suis sûr que votre visite aujourd’hui en Russie")
    assert quote.text.endswith(
        "nous avons beaucoup à faire pour développer nos relations économiques"
    )
