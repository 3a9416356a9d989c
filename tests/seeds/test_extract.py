"""The extraction pipeline on the two seed articles, sentence by sentence."""

from __future__ import annotations

import datetime
import time

import pytest

from seeds.clean import article_clean
from seeds.extract import ExtractionTimeout, article_extract
from seeds.loader import DEFAULT_CORPUS, corpus_read
from seeds.mentions import Named
from summit.models import Quote, Source
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
        text=text,
        published_on=source["published_on"],
        language="fr",
        actors=ACTORS,
        places=PLACES,
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


# Any text, in French or English ------------------------------------------------------------

SPEAKERS = [Named("putin", ("Vladimir Putin", "Putin", "Vladimir Poutine", "Poutine"))]
DAY = datetime.date(2024, 3, 5)


def extract_text(text: str, language: str, **options):
    return article_extract(
        text=text,
        published_on=options.pop("published_on", DAY),
        language=language,
        actors=SPEAKERS,
        places=[],
        **options,
    )


def said(extraction) -> list[tuple[str, str | None]]:
    for quote in extraction.quotes:
        assert extraction.text[quote.start : quote.end] == quote.text
    return [(q.text, q.speaker.key or q.speaker.new_name) for q in extraction.quotes]


ENGLISH_ARTICLE = "\n\n".join(
    [
        "Ministers agree on a river plan",
        (
            "Environment ministers from twelve countries agreed on Monday to share data on "
            "river pollution."
        ),
        (
            "“We cannot clean a river one bank at a time,” said Helen Marsh, the British "
            "environment minister. “Every country upstream is part of the problem.”"
        ),
        (
            "Putin did not attend. “Russia will study the text,” Kremlin spokesman Dmitry "
            "Peskov told reporters."
        ),
        "The minister said the agreement would be “a first step, not the last one.”",
        "“The data will be public,” Paul Okafor said. “Anyone will be able to check it.",
        "“Farmers, fishermen, schoolchildren: everyone,” he added.",
        ("Critics mocked the so-called “paper agreement” in the newspaper “The River Times”."),
    ]
)


def test_an_english_article():
    extraction = extract_text(ENGLISH_ARTICLE, "en")
    assert extraction.format == Source.Format.ARTICLE
    assert extraction.language == "en"
    assert said(extraction) == [
        ("We cannot clean a river one bank at a time", "Helen Marsh"),
        ("Every country upstream is part of the problem.", "Helen Marsh"),
        ("Russia will study the text", "Dmitry Peskov"),
        ("a first step, not the last one.", "Helen Marsh"),
        ("The data will be public", "Paul Okafor"),
        (
            "Anyone will be able to check it.\n\n“Farmers, fishermen, schoolchildren: everyone",
            "Paul Okafor",
        ),
    ]
    kinds = [quote.kind for quote in extraction.quotes]
    assert kinds == ["statement", "statement", "statement", "fragment", "statement", "statement"]


def test_a_quotation_of_several_paragraphs_takes_the_attribution_after_its_last_mark():
    text = (
        "Residents gathered on the beach.\n\n“The water is rising.\n\n"
        "“We have lost two beaches,” said Helen Marsh."
    )
    assert said(extract_text(text, "en")) == [
        ("The water is rising.\n\n“We have lost two beaches", "Helen Marsh")
    ]


ENCYCLOPEDIA = "\n\n".join(
    [
        (
            "Margaret Holloway (1921–2004) was a British engineer and writer, known for her "
            "work on bridge design."
        ),
        "Early life",
        (
            'Holloway was born in Leeds. Her father called her "the little engineer". She '
            'wrote a thesis titled "Loads on Suspension Cables".'
        ),
        "Career",
        (
            'During the Cold War, the so-called "bridge gap" became a political issue. '
            'Holloway argued in a 1962 lecture that "a bridge is a promise made in steel". '
            'Her book "Spans" was widely read.'
        ),
        "References",
    ]
)


def test_an_encyclopedia_page_keeps_attributed_quotations_only():
    extraction = extract_text(ENCYCLOPEDIA, "en")
    assert extraction.format == Source.Format.ENCYCLOPEDIA
    # "Holloway" is the "Margaret Holloway" the page opens with.
    assert said(extraction) == [("a bridge is a promise made in steel", "Margaret Holloway")]


def test_french_scare_quotes_and_titles_are_not_quotations():
    text = (
        "Les relations se sont tendues pendant la « guerre froide ». Ce plan, surnommé "
        "« Lycées 2030 », a été lancé en 2019. Le roman « Les Années » a été adapté.\n\n"
        "« Nous irons jusqu'au bout », a déclaré Vladimir Poutine."
    )
    assert said(extract_text(text, "fr")) == [("Nous irons jusqu'au bout", "putin")]


def test_a_transcript_is_detected_and_read_turn_by_turn():
    text = (
        "Press briefing\n\nMS. LEE: Good afternoon. The minister will take questions.\n\n"
        "Q: Will Putin come?\n\nMS. LEE: We have no confirmation yet."
    )
    extraction = extract_text(text, "en")
    assert extraction.format == Source.Format.TRANSCRIPT
    # The unnamed questioner's turn is nobody's quotation.
    assert said(extraction) == [
        ("Good afternoon. The minister will take questions.", "Lee"),
        ("We have no confirmation yet.", "Lee"),
    ]
    assert extraction.quotes[0].speaker.reason


def test_a_quote_is_dated_by_its_sentence_else_by_the_publication():
    text = (
        "Vladimir Poutine a déclaré mercredi 28 février 2024 : « Nous sommes prêts. »\n\n"
        "« Rien ne presse », a ajouté Vladimir Poutine."
    )
    quotes = extract_text(text, "fr").quotes
    assert [(q.said_on, q.said_on_basis) for q in quotes] == [
        (datetime.date(2024, 2, 28), "text"),
        (DAY, "publication"),
    ]


def test_a_new_speaker_says_why_it_would_be_created():
    quote = extract_text("« Nous partons », a déclaré Marie Dubois.", "fr").quotes[0]
    assert quote.speaker.new_name == "Marie Dubois"
    assert "Marie Dubois" in quote.speaker.reason
    known = extract_text("« Nous partons », a déclaré Vladimir Poutine.", "fr").quotes[0]
    assert known.speaker.key == "putin"
    assert not known.speaker.reason


def test_past_the_deadline_extraction_stops_with_a_clear_error():
    with pytest.raises(ExtractionTimeout):
        extract_text("« Nous partons », a déclaré Vladimir Poutine.", "fr", deadline=0.0)


def long_article(quotes: int, language: str) -> str:
    if language == "fr":
        sentence = "« Nous avons parlé du point {i} mercredi », a déclaré Vladimir Poutine."
    else:
        sentence = "“We discussed item {i} on Wednesday,” Vladimir Putin said."
    return "\n\n".join(sentence.format(i=i) for i in range(quotes))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_article_of_2000_quotations_is_read_whole(language):
    """At quadratic cost (every sentence scanning the whole text) this would not finish."""
    text = long_article(2000, language)
    extraction = extract_text(text, language, deadline=time.monotonic() + 120)
    assert len(extraction.quotes) == 2000
    assert {quote.speaker.key for quote in extraction.quotes} == {"putin"}


def test_titles_in_the_lists_that_end_a_page_are_not_quotations():
    text = "\n".join(
        [
            "« Nous lançons un site de nouvelles », a déclaré Vladimir Poutine.",
            "- « Un autre article sur le même sujet et ses suites ». Le Journal, 2 mai 2017.",
            "Sources",
            "« Le site de nouvelles ouvre ses portes au public ». RFI, 30 avril 2017.",
        ]
    )
    assert said(extract_text(text, "fr")) == [("Nous lançons un site de nouvelles", "putin")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Lucie Martin, née le 3 mai 1950 à Lyon, est une ingénieure française.\n\n"
            "Elle a conçu plusieurs ponts.",
            "fr",
        ),
        (
            "Pont de Normandie\n\nNom | Pont de Normandie |\nLieu | Le Havre |\n"
            "Longueur | 2 143 m |\n\nLe pont relie Le Havre à Honfleur.",
            "fr",
        ),
        (
            "Harbour Bridge\n\nThis article is about the bridge. For the film, see Harbour.\n\n"
            "The Harbour Bridge is a steel bridge.",
            "en",
        ),
    ],
)
def test_encyclopedia_pages_are_recognised(text, language):
    assert extract_text(text, language).format == Source.Format.ENCYCLOPEDIA


def test_a_news_article_is_an_article():
    assert extract_text(ENGLISH_ARTICLE, "en").format == Source.Format.ARTICLE


def test_an_encyclopedia_weekday_dates_no_quotation():
    text = ENCYCLOPEDIA.replace(
        "Holloway argued in a 1962 lecture", "On Wednesday, Holloway argued in a lecture"
    )
    extraction = extract_text(text, "en")
    assert extraction.format == Source.Format.ENCYCLOPEDIA
    (quote,) = extraction.quotes
    # Not the Wednesday before the page was read: the page was not written on the story's day.
    assert quote.said_on_basis != Quote.DateBasis.TEXT
