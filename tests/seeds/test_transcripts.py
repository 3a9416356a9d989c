"""Transcripts: speaker labels in their usual forms, turns as quotations, stage directions out."""

from __future__ import annotations

import datetime

import pytest

from seeds.extract import article_extract
from seeds.mentions import Named
from seeds.transcripts import display_name, is_unnamed, transcript_labels, transcript_read
from summit.models import Quote, Source

ACTORS = [
    Named("trump", ("Donald Trump", "Trump")),
    Named("macron", ("Emmanuel Macron",)),
]
DAY = datetime.date(2024, 3, 5)


def turns(text: str, language: str = "en") -> list[tuple[str | None, str]]:
    """(speaker key or new name, words) of each quotation of a transcript."""
    extraction = article_extract(
        text=text, published_on=DAY, language=language, actors=ACTORS, places=[]
    )
    assert extraction.format == Source.Format.TRANSCRIPT
    for quote in extraction.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind == Quote.Kind.STATEMENT
    return [(q.speaker.key or q.speaker.new_name, q.text) for q in extraction.quotes]


@pytest.mark.parametrize(
    ("label", "language", "name"),
    [
        ("PRÉSIDENT TRUMP : ", "fr", "PRÉSIDENT TRUMP"),
        ("M. Dupont : ", "fr", "M. Dupont"),
        ("LE PRÉSIDENT : ", "fr", "LE PRÉSIDENT"),
        ("President Trump: ", "en", "President Trump"),
        ("THE PRESIDENT:  ", "en", "THE PRESIDENT"),
        ("MR. SMITH: ", "en", "MR. SMITH"),
        ("Chairman Kim. ", "en", "Chairman Kim"),
        ("Q: ", "en", "Q"),
        ("Q. ", "en", "Q"),
        ("Q    ", "en", "Q"),
        ("QUESTION : ", "fr", "QUESTION"),
        ("Journaliste : ", "fr", "Journaliste"),
        ("REPORTER: ", "en", "REPORTER"),
    ],
)
def test_each_label_form_opens_a_turn(label, language, name):
    text = f"{label}The harbour will reopen in May.\n\nANNA BERG: Thank you for coming here today."
    labels = transcript_labels(text, language=language)
    assert [found.name for found in labels] == [name, "ANNA BERG"]
    assert text[labels[0].end :].startswith("The harbour")


def test_a_name_alone_on_its_line_opens_the_turn_of_the_next_paragraphs():
    text = (
        "Interview with the mayor\n\n"
        "Anna Berg\nWelcome. Today we talk about the new tram line.\n\n"
        "Tom Rivers\nThe tram will open next spring.\n\nIt will cost less than the bus.\n\n"
        "Anna Berg\nSome residents say it is too noisy.\n\n"
        "Tom Rivers\nWe have measured the noise."
    )
    assert turns(text) == [
        ("Anna Berg", "Welcome. Today we talk about the new tram line."),
        ("Tom Rivers", "The tram will open next spring.\n\nIt will cost less than the bus."),
        ("Anna Berg", "Some residents say it is too noisy."),
        ("Tom Rivers", "We have measured the noise."),
    ]


def test_names_alone_that_do_not_recur_are_headings_not_labels():
    text = "Tram Line Opens\nThe tram opened today.\n\nSecond Section\nIt was late."
    assert transcript_read(text, language="en") is None


def test_turns_of_unnamed_people_are_never_given_a_name_nor_kept():
    text = (
        "PRESIDENT TRUMP: We had a very good meeting this morning.\n\n"
        "Q: Will you meet him again, Mr. President?\n\n"
        "REPORTER: And the sanctions?\n\n"
        "PRESIDENT TRUMP: We will see about the sanctions."
    )
    assert turns(text) == [
        ("trump", "We had a very good meeting this morning."),
        ("trump", "We will see about the sanctions."),
    ]


def test_french_labels_with_titles_and_unnamed_journalists():
    text = (
        "QUESTION : Monsieur le Président, allez-vous retirer le texte ?\n\n"
        "M. Jean Dupont : Le texte restera tel quel, nous l'avons dit.\n\n"
        "Journaliste : Et les syndicats ?\n\n"
        "M. Jean Dupont : Ils seront reçus la semaine prochaine."
    )
    assert turns(text, "fr") == [
        ("Jean Dupont", "Le texte restera tel quel, nous l'avons dit."),
        ("Jean Dupont", "Ils seront reçus la semaine prochaine."),
    ]


def test_the_president_is_whom_the_header_names_as_president():
    text = (
        "Remarks by President Trump Before a Working Lunch\n\n"
        "THE PRESIDENT: It is a great honor to be here.\n\n"
        "Q: Are you ready to sign?\n\n"
        "THE PRESIDENT: We are not in a rush."
    )
    assert [speaker for speaker, _words in turns(text)] == ["trump", "trump"]


def test_the_president_is_a_new_name_as_written_when_the_header_names_nobody():
    text = (
        "Press conference\n\n"
        "THE PRESIDENT: It is a great honor to be here.\n\n"
        "Q: Are you ready to sign?\n\n"
        "THE PRESIDENT: We are not in a rush."
    )
    assert [speaker for speaker, _words in turns(text)] == ["The President", "The President"]


def test_le_president_in_a_french_header():
    text = (
        "Conférence de presse du président de la République Emmanuel Macron\n\n"
        "LE PRÉSIDENT : Nous avons engagé une réforme nécessaire.\n\n"
        "QUESTION : Allez-vous retirer le texte ?\n\n"
        "LE PRÉSIDENT : Non, nous irons jusqu'au bout."
    )
    assert [speaker for speaker, _words in turns(text, "fr")] == ["macron", "macron"]


def test_stage_directions_split_a_turn_and_spans_stay_exact():
    text = (
        "PRESIDENT TRUMP: We had a very good dinner. (Applause.) We will talk about many "
        "things.\n\n"
        "CHAIRMAN KIM: (As interpreted.) I believe we will produce good results. [Laughter]\n\n"
        "PRESIDENT TRUMP: (Inaudible.) Thank you. The talks start now (retranslated)."
    )
    # (Names compared without case: the resolution stage keeps the spelling the text uses.)
    assert [(speaker.casefold(), words) for speaker, words in turns(text)] == [
        ("trump", "We had a very good dinner."),
        ("trump", "We will talk about many things."),
        ("chairman kim", "I believe we will produce good results."),
        ("trump", "Thank you. The talks start now"),
    ]


def test_french_stage_directions():
    text = (
        "LE PRÉSIDENT : Nous devons avancer. (Applaudissements.) Et nous avancerons.\n\n"
        "M. Kim : (à travers l'interprète) Nous sommes prêts à discuter.\n\n"
        "LE PRÉSIDENT : Merci."
    )
    assert turns(text, "fr") == [
        ("Le Président", "Nous devons avancer."),
        ("Le Président", "Et nous avancerons."),
        ("Kim", "Nous sommes prêts à discuter."),
    ]


def test_trivial_turns_are_left_out():
    text = (
        "ANNA BERG: Thank you.\n\n"
        "TOM RIVERS: Okay.\n\n"
        "ANNA BERG: Thank you very much. [Applause]\n\n"
        "TOM RIVERS: The tram opens in May."
    )
    assert turns(text) == [("Tom Rivers", "The tram opens in May.")]


def test_a_quotation_inside_a_turn_is_part_of_it_not_a_second_speaker():
    text = (
        "ANNA BERG: Your rival called the plan “a disaster”.\n\n"
        "TOM RIVERS: He said “a disaster”, but he voted for it."
    )
    assert turns(text) == [
        ("Anna Berg", "Your rival called the plan “a disaster”."),
        ("Tom Rivers", "He said “a disaster”, but he voted for it."),
    ]


def test_the_end_line_closes_the_last_turn():
    text = (
        "THE PRESIDENT: We are not in a rush.\n\n"
        "Q: Thank you, sir. Will you go back?\n\n"
        "THE PRESIDENT: Maybe next year.\n\n"
        "END 1:10 P.M. ICT"
    )
    assert turns(text)[-1] == ("The President", "Maybe next year.")


def test_a_prose_article_with_one_colon_is_not_a_transcript():
    text = (
        "The council met on Monday.\n\nSource: city hall.\n\n"
        "“We will build the tram,” said Anna Berg."
    )
    assert transcript_read(text, language="en") is None


@pytest.mark.parametrize(
    ("label", "unnamed"),
    [("Q", True), ("QUESTION", True), ("Journaliste", True), ("PARTICIPANT 2", True)],
)
def test_labels_of_unnamed_people(label, unnamed):
    assert is_unnamed(label, language="fr") == unnamed or is_unnamed(label, language="en")


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("MR. JOHN SMITH", "John Smith"),
        ("M. Dupont", "Dupont"),
        ("PRÉSIDENT TRUMP", "Président Trump"),
    ],
)
def test_display_names_drop_civil_titles_and_shouting(label, name):
    assert display_name(label, language="fr" if "É" in label or "M." in label else "en") == name


def test_the_headline_set_aside_by_the_cleaning_names_the_president():
    text = (
        "South Lawn\n\nTHE PRESIDENT: It is a great honor to be here.\n\n"
        "Q: Are you ready to sign?\n\nTHE PRESIDENT: We are not in a rush."
    )
    extraction = article_extract(
        text=text,
        published_on=DAY,
        language="en",
        actors=ACTORS,
        places=[],
        title="Remarks by President Trump Before Marine One Departure",
    )
    assert [quote.speaker.key for quote in extraction.quotes] == ["trump", "trump"]


def test_an_interview_answer_is_given_to_the_person_interviewed():
    text = (
        "Q - Bonjour, merci d'être avec nous ce matin.\n\nR - Bonjour.\n\n"
        "Q - Le texte sera-t-il voté ?\n\nR - Il le sera, nous avons une majorité."
    )
    extraction = article_extract(
        text=text,
        published_on=DAY,
        language="fr",
        actors=ACTORS,
        places=[],
        title="Entretien de Jean Dupont, ministre, avec France Inter",
    )
    assert [(q.speaker.new_name, q.text) for q in extraction.quotes] == [
        ("Jean Dupont", "Il le sera, nous avons une majorité.")
    ]


def test_a_label_misspelt_once_is_the_same_speaker():
    text = (
        "THE PRESIDENT: We are ready.\n\nQ: Really?\n\nTHE PRESDEINT: It is a good deal.\n\n"
        "THE PRESIDENT: We will see."
    )
    assert [speaker for speaker, _words in turns(text)] == ["The President"] * 3
