"""Event candidates, their headlines, matching existing events, and quotation dating."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from seeds.clean import article_clean
from seeds.dates import DateMention
from seeds.events import (
    KnownEvent,
    SentenceDates,
    _title,
    event_candidates,
    extraction_resolve,
)
from seeds.extract import Extraction, article_extract
from seeds.loader import DEFAULT_CORPUS, corpus_read
from seeds.mentions import MentionFinder, Named, fold
from summit.text import sentence_spans

ACTORS = [
    Named(
        "kim-jong-un",
        ("Kim Jong-un",),
        "Dirigeant de la Corée du Nord depuis 2011.",
        "Corée du Nord",
        "person",
    ),
    Named(
        "vladimir-poutine",
        ("Vladimir Poutine",),
        "Président de la Fédération de Russie.",
        "Russie",
        "person",
    ),
    Named(
        "donald-trump",
        ("Donald Trump",),
        "Président des États-Unis de 2017 à 2021.",
        "États-Unis",
        "person",
    ),
    Named("kremlin", ("Kremlin", "le Kremlin"), "La présidence russe.", "Russie", "institution"),
    Named("nasa", ("NASA",), "Agence spatiale américaine.", "États-Unis", "institution"),
]
PLACES = [
    Named("singapour", ("Singapour", "Singapore")),
    Named("sentosa", ("Sentosa", "île de Sentosa"), part_of="singapour"),
    Named("vladivostok", ("Vladivostok",)),
]
SUMMIT = KnownEvent(
    slug="sommet-de-singapour",
    date=datetime.date(2018, 6, 12),
    precision="day",
    actors=("donald-trump", "kim-jong-un"),
    place="singapour",
    title="Sommet de Singapour",
)


def extract(text: str, published_on: datetime.date, events=()) -> Extraction:
    return article_extract(
        text=text,
        published_on=published_on,
        language="fr",
        actors=ACTORS,
        places=PLACES,
        events=events,
    )


def headlines(text: str, published_on: datetime.date, events=()) -> list[tuple]:
    return [
        (e.title, e.date.isoformat(), e.precision, e.matches)
        for e in extract(text, published_on, events).events
    ]


# The seed articles ------------------------------------------------------------------------

CORPUS = corpus_read(DEFAULT_CORPUS)
SEED_ACTORS = [
    Named(
        a["slug"],
        (a["name"], *a.get("aliases", [])),
        a.get("description", ""),
        a.get("country", ""),
        a.get("kind", ""),
    )
    for a in CORPUS.actors
]
SEED_PLACES = [Named(p["slug"], (p["name"], *p.get("aliases", []))) for p in CORPUS.places]
THU = datetime.date(2019, 4, 25)


def seed(number: str) -> Extraction:
    source = next(s for s in CORPUS.sources if s["file"].startswith(f"articles/{number}_"))
    raw = (DEFAULT_CORPUS.parent / source["file"]).read_text(encoding="utf-8")
    return article_extract(
        text=article_clean(raw).text,
        published_on=source["published_on"],
        language="fr",
        actors=SEED_ACTORS,
        places=SEED_PLACES,
    )


def test_event_candidates_are_happenings_with_a_headline():
    events = [
        (e.title, e.sentence[:25], e.date.isoformat(), e.precision, e.actors, e.place)
        for e in seed("000").events + seed("002").events
    ]
    assert events == [
        (
            "Kim Jong-Un arrive à Vladivostok en Russie",
            "Le dirigeant nord-coréen ",
            "2019-04-24",
            "day",
            ("kim-jong-un", "vladimir-poutine"),
            "vladivostok",
        ),
        # A happening named by a noun, with its day in its clause.
        (
            "Rencontre prévue avec Vladimir Poutine",
            "Sa rencontre prévue jeudi",
            "2019-04-25",
            "day",
            ("vladimir-poutine",),
            None,
        ),
        # « Ce jeudi, … se sont rencontrés » is the same happening: merged into the first.
        (
            "Kim Jong-un et Vladimir Poutine se retrouvent pour leur premier sommet au port",
            "Le président nord-coréen ",
            "2019-04-25",
            "day",
            ("kim-jong-un", "vladimir-poutine"),
            "vladivostok",
        ),
        (
            "Vladimir Poutine rencontre le père de Kim Jong-Un",
            "Le dirigeant russe, Vladi",
            "1999-01-01",
            "approximate",
            ("vladimir-poutine", "kim-jong-il"),
            None,
        ),
    ]


def test_quotations_are_dated_from_the_text_or_marked_as_publication_dates():
    bases = [(q.text[:20], q.said_on_basis) for q in seed("002").quotes]
    assert bases[:3] == [
        ("liens historiques", "text"),
        ("historiques", "context"),
        ("plus stable et solid", "context"),
    ]
    assert bases[3] == ("Je pense que cette r", "publication")


def test_a_quotation_said_during_the_meeting_is_linked_to_it():
    extraction = seed("002")
    quote = next(
        q
        for q in extraction.quotes
        if q.sentence[0] > 0 and "Durant" in extraction.text[q.sentence[0] : q.sentence[1]]
    )
    assert quote.event_candidate == 0
    assert extraction.events[0].date == quote.said_on == THU
    assert quote.said_on_basis == "context"


# What is an event ------------------------------------------------------------------------


def test_a_dated_sentence_with_an_event_verb_is_an_event_with_a_headline():
    text = "Le 12 juin 2018, Donald Trump et Kim Jong-un se sont rencontrés à Singapour."
    assert headlines(text, datetime.date(2018, 6, 13)) == [
        ("Donald Trump et Kim Jong-un se rencontrent à Singapour", "2018-06-12", "day", None)
    ]


def test_headlines_turn_the_past_into_the_present():
    published = datetime.date(2019, 4, 26)
    assert headlines("Mercredi, Kim Jong-un est arrivé à Vladivostok.", published) == [
        ("Kim Jong-un arrive à Vladivostok", "2019-04-24", "day", None)
    ]
    assert headlines("Le traité a été signé le 3 mars 2019 à Vladivostok.", published) == [
        ("Le traité est signé à Vladivostok", "2019-03-03", "day", None)
    ]
    assert headlines("Vladimir Poutine s'est rendu à Vladivostok le 24 avril.", published) == [
        ("Vladimir Poutine se rend à Vladivostok", "2019-04-24", "day", None)
    ]


def test_a_bare_date_a_dateless_verb_and_a_quotation_are_not_events():
    published = datetime.date(2019, 4, 25)
    assert headlines("Le 12 juin 2018.", published) == []
    assert headlines("Donald Trump a rencontré Kim Jong-un à Singapour.", published) == []
    quotation = "« Nous signerons un accord et nous le ferons vite », a dit Donald Trump lundi."
    assert headlines(quotation, published) == []
    assert headlines("Sa rencontre prévue jeudi sera brève.", published) == []


def test_a_dateline_is_not_an_event():
    text = "Le 12 juin 2018\nDonald Trump et Kim Jong-un se sont rencontrés à Singapour."
    dateline = DateMention(0, 15, datetime.date(2018, 6, 12), "day")
    extraction = Extraction(text=text, language="fr", format="article")
    extraction_resolve(
        extraction,
        published_on=None,
        language="fr",
        actors=ACTORS,
        places=PLACES,
        dateline=dateline,
    )
    assert extraction.events == []


@dataclass(frozen=True)
class _Mention:
    """A date mention as ``seeds.dates`` gives it, with the end of a range."""

    start: int
    end: int
    date: datetime.date
    precision: str
    end_date: datetime.date | None = None


def english(text: str, *dates: _Mention, events=()) -> list:
    folded = fold(text)
    sentences = [SentenceDates(start, end, [], []) for start, end in sentence_spans(text)]
    for mention in dates:
        next(s for s in sentences if s.start <= mention.start < s.end).dates.append(mention)
    found, _owner = event_candidates(
        text=text,
        folded=folded,
        sentences=sentences,
        language="en",
        actors=MentionFinder(ACTORS, on=datetime.date(2022, 11, 20)),
        places=MentionFinder(PLACES, people=False),
        events=events,
    )
    return found


def test_english_headlines_and_date_ranges():
    text = "NASA launched the Artemis I mission on November 16, 2022."
    start = text.index("November")
    [event] = english(text, _Mention(start, start + 17, datetime.date(2022, 11, 16), "day"))
    assert event.title == "NASA launches the Artemis I mission"
    text = "The Winter Olympics were held in Pyeongchang from February 9 to 25, 2018."
    start = text.index("February")
    [event] = english(
        text,
        _Mention(start, start + 22, datetime.date(2018, 2, 9), "day", datetime.date(2018, 2, 25)),
    )
    assert event.title == "The Winter Olympics are held in Pyeongchang"
    assert (event.date, event.end_date) == (datetime.date(2018, 2, 9), datetime.date(2018, 2, 25))


def test_headlines_are_at_most_ninety_characters():
    text = (
        "Le 12 juin 2018, Donald Trump a signé à Singapour une très longue déclaration commune "
        "sur la dénucléarisation complète et vérifiable de la péninsule coréenne tout entière."
    )
    [event] = extract(text, datetime.date(2018, 6, 13)).events
    assert len(event.title) <= 90
    assert event.title.startswith("Donald Trump signe à Singapour une très longue déclaration")


# Matching existing events and merging ----------------------------------------------------


def test_a_candidate_of_an_existing_event_is_evidence_for_it():
    text = "Le 12 juin 2018, Donald Trump a rencontré Kim Jong-un sur l'île de Sentosa."
    assert headlines(text, datetime.date(2018, 6, 13), [SUMMIT])[0][3] == "sommet-de-singapour"
    # A place inside the event's place is the same place.
    text = "Le 12 juin 2018, une délégation est arrivée à Sentosa."
    assert headlines(text, datetime.date(2018, 6, 13), [SUMMIT])[0][3] == "sommet-de-singapour"
    # Another day, or nothing in common: not that event.
    text = "Le 14 juin 2018, Donald Trump a rencontré Kim Jong-un."
    assert headlines(text, datetime.date(2018, 6, 15), [SUMMIT])[0][3] is None
    text = "Le 12 juin 2018, Vladimir Poutine est arrivé à Vladivostok."
    assert headlines(text, datetime.date(2018, 6, 13), [SUMMIT])[0][3] is None


def test_a_month_precise_event_takes_the_days_of_its_month():
    month = KnownEvent("juin", datetime.date(2018, 6, 1), "month", actors=("donald-trump",))
    text = "Le 12 juin 2018, Donald Trump est arrivé à Singapour."
    assert headlines(text, datetime.date(2018, 6, 13), [month])[0][3] == "juin"


def test_one_happening_told_twice_is_one_candidate_with_the_most_precise_date():
    text = (
        "En juin 2018, Donald Trump a rencontré Kim Jong-un à Singapour. "
        "Le 12 juin 2018, Donald Trump et Kim Jong-un ont signé une déclaration."
    )
    [event] = extract(text, datetime.date(2018, 7, 1)).events
    assert event.sentence.startswith("En juin 2018")
    assert (event.date, event.precision) == (datetime.date(2018, 6, 12), "day")
    assert event.title == "Donald Trump rencontre Kim Jong-un à Singapour"


# Quotations: dated and linked ------------------------------------------------------------


def quotes(text: str, published_on: datetime.date) -> list[tuple]:
    extraction = extract(text, published_on)
    return [
        (q.text[:12], q.said_on.isoformat(), q.said_on_basis, q.event_candidate)
        for q in extraction.quotes
    ]


def test_a_quotation_is_dated_by_its_sentence_its_paragraph_or_the_publication():
    text = (
        "Mardi, Vladimir Poutine a parlé. « Nous sommes prêts », a-t-il dit.\n"
        "« Rien ne presse », a déclaré Donald Trump le 22 avril.\n"
        "« Tout va bien », a dit Kim Jong-un."
    )
    assert quotes(text, datetime.date(2019, 4, 25)) == [
        ("Nous sommes ", "2019-04-23", "context", None),
        ("Rien ne pres", "2019-04-22", "text", None),
        ("Tout va bien", "2019-04-25", "publication", None),
    ]


SUMMIT_TEXT = (
    "Le 25 avril 2019, Kim Jong-un et Vladimir Poutine se sont rencontrés à Vladivostok "
    "pour un sommet.\n"
    "Lors du sommet, Kim Jong-un a déclaré : « Merci à tous. »\n"
    "La veille du sommet, Vladimir Poutine avait affirmé : « Nous sommes prêts. »"
)


def test_a_quotation_said_at_the_summit_is_linked_to_it_and_dated_by_it():
    assert quotes(SUMMIT_TEXT, datetime.date(2019, 4, 27))[0] == (
        "Merci à tous",
        "2019-04-25",
        "context",
        0,
    )


def test_words_said_the_day_before_are_not_linked_and_dated_the_day_before():
    assert quotes(SUMMIT_TEXT, datetime.date(2019, 4, 27))[1] == (
        "Nous sommes ",
        "2019-04-24",
        "context",
        None,
    )


def test_words_published_before_the_summit_are_never_linked_to_it():
    text = (
        "Jeudi, Kim Jong-un et Vladimir Poutine doivent se rencontrer à Vladivostok.\n"
        "Lors du sommet, le Kremlin a déclaré : « Un format élargi est prévu. »"
    )
    assert quotes(text, datetime.date(2019, 4, 24)) == [
        ("Un format él", "2019-04-24", "publication", None)
    ]


def test_infinitives_participles_and_names_without_a_known_actor():
    published = datetime.date(2020, 1, 1)
    text = (
        "Après une formation à Toulouse, Thomas Pesquet a travaillé avant de devenir, "
        "en 2005, pilote."
    )
    assert headlines(text, published) == [
        ("Thomas Pesquet devient pilote", "2005-01-01", "year", None)
    ]
    text = "Depuis 1975, Maurice a tenté afin d'obtenir le retour des îles."
    assert headlines(text, published) == []
    text = "Une journaliste de Lyon devenue ministre en 2019 a parlé."
    assert headlines(text, published) == []
    text = "Jimmy Wales, co-fondateur de Wikipédia, a dévoilé en 2017 un nouveau projet."
    assert headlines(text, published) == [
        ("Jimmy Wales dévoile un nouveau projet", "2017-01-01", "year", None)
    ]


def test_two_verbs_with_their_own_dates_are_two_happenings_of_one_subject():
    text = "Les qualifications ont commencé en mars 1996 et se sont achevées en novembre 1997."
    assert headlines(text, datetime.date(1998, 1, 1)) == [
        ("Les qualifications commencent", "1996-03-01", "month", None),
        ("Les qualifications s'achèvent", "1997-11-01", "month", None),
    ]
    text = "La France marque en 1970 et remporte une étoile en 1998."
    assert headlines(text, datetime.date(2020, 1, 1)) == [
        ("La France remporte une étoile", "1998-01-01", "year", None)
    ]


def test_in_a_transcript_what_a_speaker_says_happened_on_a_day_is_an_event():
    from seeds.extract import ExtractedQuote
    from seeds.quotes import Speaker

    text = "M. DUPONT : Nos diplomates ont assisté aujourd'hui à l'audience à Moscou. Merci."
    start = text.index("Nos")
    quote = ExtractedQuote(
        text=text[start:],
        start=start,
        end=len(text),
        kind="statement",
        speaker=Speaker(new_name="Jean Dupont"),
        said_on=datetime.date(2022, 7, 27),
        sentence=(0, text.index("Merci") - 1),
    )
    extraction = Extraction(text=text, language="fr", format="transcript", quotes=[quote])
    extraction_resolve(
        extraction,
        published_on=datetime.date(2022, 7, 27),
        language="fr",
        actors=ACTORS,
        places=PLACES,
    )
    assert [(e.title, e.date) for e in extraction.events] == [
        ("Nos diplomates assistent à l'audience à Moscou", datetime.date(2022, 7, 27))
    ]
    # In an article, the same words in quotation marks are someone's, not an event.
    article = Extraction(text=text, language="fr", format="article", quotes=[quote])
    extraction_resolve(
        article,
        published_on=datetime.date(2022, 7, 27),
        language="fr",
        actors=ACTORS,
        places=PLACES,
    )
    assert article.events == []


def test_a_happening_named_by_a_noun_with_its_day_is_an_event():
    text = "Foule immense pour l'arrivée de la navette Discovery le 17 avril 2012."
    assert headlines(text, datetime.date(2012, 4, 18)) == [
        ("Arrivée de la navette Discovery", "2012-04-17", "day", None)
    ]
    # Too few words to say what happened.
    assert headlines("Foule pour la visite de lundi.", datetime.date(2012, 4, 18)) == []


# Dates from context -------------------------------------------------------------------------


def test_a_dateless_happening_takes_the_last_date_of_its_story():
    text = (
        "Le 3 mars 2018, Donald Trump est arrivé à Vladivostok.\n"
        "Il a ensuite rencontré Kim Jong-un à Singapour."
    )
    events = extract(text, datetime.date(2018, 6, 20)).events
    assert [(e.date.isoformat(), e.date_basis) for e in events] == [
        ("2018-03-03", "text"),
        ("2018-03-03", "context"),
    ]
    assert events[1].title.startswith("Il rencontre Kim Jong-un")


def test_the_story_is_the_latest_date_of_the_last_two_dated_paragraphs():
    paragraphs = [
        "Le 3 mars 2018, Donald Trump est arrivé à Singapour.",
        "Le 1er février 2016, tout était calme.",
        "Rien ne bougeait.",
        "Le 5 avril 2017, le pays se préparait.",
        "Kim Jong-un a rencontré Vladimir Poutine.",
    ]
    events = extract("\n\n".join(paragraphs), datetime.date(2018, 6, 20)).events
    assert [(e.date.isoformat(), e.date_basis) for e in events] == [
        ("2018-03-03", "text"),
        ("2017-04-05", "context"),
    ]


def test_a_plan_an_infinitive_or_a_dateline_does_not_take_a_context_date():
    published = datetime.date(2018, 6, 20)
    text = (
        "Le 3 mars 2018, Donald Trump est arrivé à Singapour. "
        "Donald Trump va rencontrer Kim Jong-un. Kim Jong-un veut signer un accord."
    )
    assert [e.date_basis for e in extract(text, published).events] == ["text"]
    english_text = (
        "Donald Trump arrived in Singapore on March 3, 2018. Kim Jong-un will sign a deal. "
        "Kim Jong-un hopes to win. Kim Jong-un signs many deals. Kim Jong-un met NASA."
    )
    day = english_text.index("March")
    found = english(english_text, _Mention(day, day + 14, datetime.date(2018, 3, 3), "day"))
    assert [(e.title, e.date_basis) for e in found] == [
        ("Donald Trump arrives in Singapore", "text"),
        ("Kim Jong-un meets NASA", "context"),
    ]


def test_a_later_date_or_an_approximate_one_sets_no_context():
    published = datetime.date(2018, 6, 20)
    later = "Le rendez-vous du 3 septembre 2018 est attendu. Donald Trump a rencontré Kim Jong-un."
    assert extract(later, published).events == []
    approximate = "Il y a près de vingt ans, rien. Donald Trump a rencontré Kim Jong-un."
    assert extract(approximate, published).events == []
    earlier = "Le rendez-vous du 3 mars 2018 est attendu. Donald Trump a rencontré Kim Jong-un."
    assert [e.date.isoformat() for e in extract(earlier, published).events] == ["2018-03-03"]


def test_a_context_date_needs_someone_or_somewhere_named():
    text = "Le 3 mars 2018, Donald Trump est arrivé à Singapour. Un dispositif a été déployé."
    assert [e.date_basis for e in extract(text, datetime.date(2018, 6, 20)).events] == ["text"]


def test_an_infinitive_without_auxiliary_is_no_happening():
    text = "Le 3 mars 2018, la France est la première équipe à signer cet accord."
    assert extract(text, datetime.date(2018, 6, 20)).events == []


def test_results_awards_and_passives_are_happenings():
    published = datetime.date(2018, 6, 20)
    assert headlines("Le 3 mars 2018, la France s'impose face à la Croatie.", published) == [
        ("France s'impose face à la Croatie", "2018-03-03", "day", None)
    ]
    assert headlines("Le 3 mars 2018, Marie Curie a été sacrée championne.", published)[0][0] == (
        "Marie Curie est sacrée championne"
    )
    text = "A document was found on a street in Ottawa on March 3, 2018."
    day = text.index("March")
    found = english(text, _Mention(day, day + 13, datetime.date(2018, 3, 3), "day"))
    assert [e.title for e in found] == ["A document is found on a street in Ottawa"]
    text = "The Afghan team was awarded a silver medal on March 3, 2018."
    day = text.index("March")
    found = english(text, _Mention(day, day + 13, datetime.date(2018, 3, 3), "day"))
    assert [e.title for e in found] == ["The Afghan team is awarded a silver medal"]


def _dated(text: str, phrase: str, day: datetime.date) -> list:
    position = text.index(phrase)
    return english(text, _Mention(position, position + len(phrase), day, "day"))


def test_a_person_told_by_where_they_come_from_is_the_subject():
    text = "Maria Mutola of Mozambique won the 800 meters on March 3, 2018."
    found = _dated(text, "March 3, 2018", datetime.date(2018, 3, 3))
    assert [e.title for e in found] == ["Maria Mutola wins the 800 meters"]


def test_to_win_after_a_past_verb_is_a_win_but_not_after_a_wish():
    day = datetime.date(2018, 3, 3)
    text = "The games opened on March 3, 2018. Kajsa Bergqvist soared high to win the title."
    found = _dated(text, "March 3, 2018", day)
    assert [(e.title, e.date_basis) for e in found][1:] == [
        ("Kajsa Bergqvist wins the title", "context")
    ]
    text = "The games opened on March 3, 2018. Kajsa Bergqvist hoped to win the title."
    assert len(_dated(text, "March 3, 2018", day)) == 1
    text = "The games opened on March 3, 2018. Kajsa Bergqvist is pleased to win the title."
    assert len(_dated(text, "March 3, 2018", day)) == 1


def test_in_an_encyclopedia_a_weekday_takes_the_story_date_not_the_publication_week():
    text = (
        "Le 10 juillet 1998, Donald Trump arrive à Vladivostok.\n"
        "Dimanche, Kim Jong-un rencontre Vladimir Poutine."
    )

    def resolved(format: str) -> list:
        extraction = Extraction(text=text, language="fr", format=format)
        extraction_resolve(
            extraction,
            published_on=datetime.date(2024, 5, 8),
            language="fr",
            actors=ACTORS,
            places=PLACES,
        )
        return [(e.date.isoformat(), e.date_basis) for e in extraction.events]

    assert resolved("encyclopedia") == [("1998-07-10", "text"), ("1998-07-10", "context")]
    assert resolved("article") == [("1998-07-10", "text"), ("2024-05-05", "text")]


def test_a_participle_opening_an_apposition_is_a_passive_unless_it_lasts():
    published = datetime.date(2018, 6, 21)
    text = "Le Premier ministre Viktor Orbán, élu en avril 2018, a parlé de sécurité."
    assert headlines(text, published) == [("Viktor Orbán est élu", "2018-04-01", "month", None)]
    text = "L'ambassade de France à Damas, fermée depuis 2012, est un symbole."
    assert headlines(text, published) == []
    text = "Jimmy Wales, co-fondateur de Wikipédia, a dévoilé en 2017 un nouveau projet."
    assert headlines(text, published)[0][0] == "Jimmy Wales dévoile un nouveau projet"


def test_etre_before_a_verb_taking_avoir_is_a_passive():
    published = datetime.date(2018, 6, 21)
    text = "Le 3 mars 2018, Marie Curie est nommée ministre."
    assert headlines(text, published)[0][0] == "Marie Curie est nommée ministre"
    text = "Le 3 mars 2018, Marie Curie est arrivée à Vladivostok."
    assert headlines(text, published)[0][0] == "Marie Curie arrive à Vladivostok"


def test_a_statement_takes_no_date_from_its_context():
    text = (
        "Le 3 mars 2018, Donald Trump est arrivé à Vladivostok. "
        "Kim Jong-un a déclaré qu'il viendrait."
    )
    assert [e.date_basis for e in extract(text, datetime.date(2018, 6, 20)).events] == ["text"]


def test_a_plural_pronoun_takes_the_plural_present():
    text = "They attacked the city on March 3, 2018."
    found = _dated(text, "March 3, 2018", datetime.date(2018, 3, 3))
    assert [e.title for e in found] == ["They attack the city"]


def test_a_number_opens_a_subject_like_a_determiner():
    published = datetime.date(2019, 3, 6)
    text = "La grève continue, trois gardiens ont été blessés le 4 mars 2019, selon le syndicat."
    assert headlines(text, published) == [
        ("Trois gardiens sont blessés", "2019-03-04", "day", None)
    ]
    text = "Le 3 mars 2018, deux est un chiffre annoncé."
    assert [title for title, *_rest in headlines(text, published)] == []


def test_a_participle_of_a_happening_tells_it_of_the_noun_before_it():
    published = datetime.date(2004, 12, 20)
    text = (
        "Ils ont parlé du programme d'une conférence ayant lieu le 11 décembre 2004 à Vladivostok."
    )
    assert headlines(text, published) == [
        ("Une conférence a lieu à Vladivostok", "2004-12-11", "day", None)
    ]
    text = "Ils en ont parlé, ayant lieu le 11 décembre 2004 à Vladivostok."
    assert headlines(text, published) == []


def test_a_background_takes_its_own_date_or_none_never_the_story_day():
    published = datetime.date(2018, 6, 21)
    story = "Le 20 juin 2018, Donald Trump est arrivé à Vladivostok. "
    dated = [
        (e.title, e.date.isoformat())
        for e in extract(story + "Il a fondé l'entreprise Trump.", published).events
    ]
    assert dated == [("Donald Trump arrive à Vladivostok", "2018-06-20")]
    dated = [
        (e.title, e.date.isoformat())
        for e in extract(story + "Kim Jong-un avait signé l'accord.", published).events
    ]
    assert dated == [("Donald Trump arrive à Vladivostok", "2018-06-20")]
    dated = [
        (e.title, e.date.isoformat())
        for e in extract(story + "Il a fondé l'entreprise Trump en 1971.", published).events
    ]
    assert dated[-1] == ("Il fonde l'entreprise Trump", "1971-01-01")


# First and second persons in transcripts ------------------------------------------------


def _transcript(text: str, turns: list[tuple[str, str]], language: str = "fr") -> Extraction:
    """A transcript whose named turns are ``(first words, speaker's new name)``; a turn not
    listed is an unnamed questioner's (no quotation)."""
    from seeds.extract import ExtractedQuote
    from seeds.quotes import Speaker

    quotes = []
    for words, name in turns:
        start = text.index(words)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        quotes.append(
            ExtractedQuote(
                text=text[start:end],
                start=start,
                end=end,
                kind="statement",
                speaker=Speaker(new_name=name),
                said_on=None,
                sentence=(start, end),
            )
        )
    extraction = Extraction(text=text, language=language, format="transcript", quotes=quotes)
    extraction_resolve(
        extraction,
        published_on=datetime.date(2025, 1, 8),
        language=language,
        actors=ACTORS,
        places=PLACES,
    )
    return extraction


def test_the_person_spoken_to_and_the_speaker_are_named_in_a_transcript():
    text = (
        "Q - Vous rencontrez aujourd'hui Antony Blinken. Vous y avez rencontré, le 3 janvier, "
        "le nouveau dirigeant du pays.\n"
        "R - Beaucoup d'émotions, parce que lorsque nous avons quitté cette ambassade, en mars "
        "2012, le régime réprimait la révolution.\n"
    )
    extraction = _transcript(text, [("Beaucoup", "Jean Barrot")])
    assert [(e.title, e.date.isoformat(), e.actors) for e in extraction.events] == [
        (
            "Jean Barrot rencontre Antony Blinken",
            "2025-01-08",
            ("new:Jean Barrot", "new:Antony Blinken"),
        ),
        ("Jean Barrot rencontre le nouveau dirigeant du pays", "2025-01-03", ("new:Jean Barrot",)),
        ("Jean Barrot quitte cette ambassade", "2012-03-01", ("new:Jean Barrot",)),
    ]


def test_a_person_nobody_can_name_tells_no_event():
    # The questioner's « nous » is nobody named; in an article « vous » is no one either.
    text = "Q - Nous avons signé le 3 janvier un accord avec Paris.\n"
    assert _transcript(text, []).events == []
    assert (
        headlines("Vous avez rencontré Paul Martin le 3 janvier.", datetime.date(2025, 1, 8)) == []
    )
    # « il nous a reçus »: « nous » is the object, the subject is not a person spoken of.
    text = "Q - Bonjour.\nR - Le président nous a reçus le 3 janvier à Paris.\n"
    titles = [e.title for e in _transcript(text, [("Le président", "Jean Barrot")]).events]
    assert titles
    assert not any("Jean Barrot" in title for title in titles)


def test_in_a_dialogue_you_is_the_other_named_speaker():
    text = (
        "PRESIDENT BIDEN: Welcome, Mr. President.\n"
        "PRESIDENT SANCHEZ: Thank you. You signed the law on March 3, 2023.\n"
    )
    extraction = _transcript(
        text, [("Welcome", "Joe Biden"), ("Thank you", "Pedro Sánchez")], language="en"
    )
    assert [(e.title, e.date.isoformat()) for e in extraction.events] == [
        ("Joe Biden signs the law", "2023-03-03")
    ]


def test_a_date_between_commas_after_its_preposition_is_the_verbs():
    assert headlines(
        "Jean Dupont a rencontré, le 3 janvier, le nouveau dirigeant du pays.",
        datetime.date(2025, 1, 8),
    ) == [("Jean Dupont rencontre le nouveau dirigeant du pays", "2025-01-03", "day", None)]
    # After the object, the commas around a date end it.
    assert headlines(
        "Jean Dupont a quitté Paris, en mars 2012, le pays était en crise.",
        datetime.date(2025, 1, 8),
    ) == [("Jean Dupont quitte Paris", "2012-03-01", "month", None)]


def test_a_date_of_a_relative_clause_is_not_the_verbs_before_it():
    text = "Jimmy Wales a dévoilé un projet nommé Wikitribune dont l'ouverture se fera le 22 mai."
    assert headlines(text, datetime.date(2017, 5, 2)) == [
        ("Ouverture de Wikitribune", "2017-05-22", "day", None)
    ]


def test_a_subject_relative_pronoun_stands_for_the_noun_before_it():
    published = datetime.date(2019, 3, 6)
    text = "Depuis octobre, il y a des gilets pare-lame qui sont distribués dans les prisons."
    assert headlines(text, published) == [
        ("Des gilets pare-lame sont distribués dans les prisons", "2018-10-01", "month", None)
    ]
    # A description of the noun takes no date from the story around it.
    story = (
        "Le 3 mars 2019, Donald Trump est arrivé à Singapour.\n"
        "Il pense à tous les otages qui ont été libérés à Vladivostok."
    )
    assert [title for title, *_ in headlines(story, published)] == [
        "Donald Trump arrive à Singapour"
    ]


def test_english_results_handed_to_a_name_and_persons_in_contractions():
    medal = _Mention(36, 42, datetime.date(2001, 8, 12), "day")
    text = (
        "Eight gold medals were up for grabs Sunday with the first medal of the day going to "
        "Lidia Simon of Romania in the women's marathon."
    )
    assert [e.title for e in english(text, medal)] == [
        "The first medal of the day goes to Lidia Simon of Romania in the women's marathon"
    ]
    # "going to" before a verb is a plan, not a happening.
    plan = "Eight teams were up for grabs Sunday with the coach going to sign the deal."
    assert english(plan, medal) == []


def test_a_headline_closes_the_quotation_marks_it_opens():
    assert (
        headlines(
            "Le 20 juin 2018, le parlement hongrois a adopté la loi « Stop Soros », dit-on.",
            datetime.date(2018, 6, 23),
        )[0][0]
        == "Le parlement hongrois adopte la loi « Stop Soros »"
    )
    # Cut at the length limit inside the quotation, the headline still closes it.
    words = "la loi « Stop Soros " + "contre les associations de toute la région " * 3 + "»"
    title = _title("Le parlement", "adopte", words, "fr")
    assert len(title) <= 90
    assert title.count("«") == title.count("»") == 1
    assert title.endswith(" »")


def test_a_later_verb_takes_no_date_of_an_earlier_clause():
    text = "Le pays a été mis à l'épreuve en 2020, par un virus, mais un pays qui tient."
    assert [title for title, *_ in headlines(text, datetime.date(2022, 1, 19))] == [
        "Le pays est mis à l'épreuve"
    ]


# The people an event names who are no known actor -------------------------------------------


def test_people_named_in_full_in_a_headline_are_new_actors_under_one_key():
    text = (
        "Le 3 mai 2019, Marie Curie a rencontré Donald Trump à Singapour.\n"
        "Le 5 mai 2019, Mme Curie a visité Vladivostok.\n"
        "Le 6 mai 2019, le président Paul Martin a signé la loi « Stop Soros ».\n"
        "Le 7 mai 2019, l'Université Paris Cité a inauguré un bâtiment.\n"
    )
    events = extract(text, datetime.date(2019, 5, 8)).events
    assert [(e.title, e.actors) for e in events] == [
        ("Marie Curie rencontre Donald Trump à Singapour", ("donald-trump", "new:Marie Curie")),
        # A surname after a full mention is the same person.
        ("Mme Curie visite Vladivostok", ("new:Marie Curie",)),
        # A name in quotation marks names no one.
        ("Paul Martin signe la loi « Stop Soros »", ("new:Paul Martin",)),
        # The name of an institution names no one.
        ("L'Université Paris Cité inaugure un bâtiment", ()),
    ]


def test_a_new_speaker_is_the_new_actor_of_the_events_naming_them():
    text = (
        "Q - Bonjour.\n"
        "R - Nous avons signé l'accord le 3 janvier à Paris.\n"
        "Q - Le 4 janvier, M. Barrot a rencontré Antony Blinken.\n"
    )
    extraction = _transcript(text, [("Nous avons", "Jean-Noël Barrot")])
    assert [(e.title, e.actors) for e in extraction.events] == [
        ("Jean-Noël Barrot signe l'accord à Paris", ("new:Jean-Noël Barrot",)),
        (
            "M. Barrot rencontre Antony Blinken",
            ("new:Jean-Noël Barrot", "new:Antony Blinken"),
        ),
    ]


def test_a_contracted_you_in_a_first_turn_is_the_one_who_answers():
    text = (
        "PRESIDENT BIDEN: Welcome. You’re about to take on the presidency on July 1, 2025.\n"
        "PRESIDENT SANCHEZ: Thank you.\n"
    )
    extraction = _transcript(text, [("Welcome", "Joe Biden"), ("Thank you", "Pedro Sánchez")], "en")
    assert [(e.title, e.actors) for e in extraction.events] == [
        ("Pedro Sánchez takes on the presidency", ("new:Pedro Sánchez",))
    ]
