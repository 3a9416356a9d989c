from __future__ import annotations

import datetime

import pytest

from seeds.mentions import MentionFinder, Named, fold, named_actor, named_place, speakers_resolve
from seeds.quotes import Speaker
from summit.models import Actor, Place

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


# Titles, roles, surnames and spellings ------------------------------------------------------

PEOPLE = [
    Named(
        "kim-jong-un",
        ("Kim Jong-un",),
        "Dirigeant de la Corée du Nord depuis 2011.",
        "Corée du Nord",
        "person",
    ),
    Named(
        "kim-jong-il",
        ("Kim Jong-il",),
        "Dirigeant de la Corée du Nord de 1994 à 2011.",
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
]
IN_2019 = MentionFinder(PEOPLE, on=datetime.date(2019, 4, 25))


def keys(text: str, finder: MentionFinder = IN_2019) -> list[tuple[str, str]]:
    return [(m.key, text[m.start : m.end]) for m in finder.find(text)]


def test_a_title_or_an_honorific_before_a_surname_names_the_known_person():
    assert keys("a déclaré le président Trump") == [("donald-trump", "le président Trump")]
    assert keys("President Trump said") == [("donald-trump", "President Trump")]
    assert keys("M. Poutine a dit") == [("vladimir-poutine", "M. Poutine")]
    assert keys("Mr. Putin said") == [("vladimir-poutine", "Mr. Putin")]


def test_a_title_before_a_shared_surname_names_whoever_held_a_role_at_the_time():
    assert keys("Chairman Kim said") == [("kim-jong-un", "Chairman Kim")]
    in_2005 = MentionFinder(PEOPLE, on=datetime.date(2005, 1, 1))
    assert keys("Chairman Kim said", in_2005) == [("kim-jong-il", "Chairman Kim")]
    assert keys("Chairman Kim said", MentionFinder(PEOPLE)) == []


def test_role_phrases_name_the_one_person_holding_the_role_in_that_country():
    assert keys("le dirigeant nord-coréen") == [("kim-jong-un", "le dirigeant nord-coréen")]
    assert keys("the North Korean leader") == [("kim-jong-un", "the North Korean leader")]
    assert keys("the Russian leader") == [("vladimir-poutine", "the Russian leader")]
    assert keys("le chef du Kremlin") == [("vladimir-poutine", "le chef du Kremlin")]
    in_2005 = MentionFinder(PEOPLE, on=datetime.date(2005, 1, 1))
    assert keys("the North Korean leader", in_2005) == [("kim-jong-il", "the North Korean leader")]
    # Trump was not president in 2022: nobody is « le président américain » then.
    in_2022 = MentionFinder(PEOPLE, on=datetime.date(2022, 1, 1))
    assert keys("le président américain", in_2022) == []


def test_a_surname_alone_names_the_one_person_bearing_it_never_someone_else():
    assert keys("Trump a répondu.") == [("donald-trump", "Trump")]
    assert keys("Kim a répondu.") == []
    assert keys("Il a vu Ivanka Trump.") == []
    assert keys("la Trump Tower") == []
    assert keys("un trump") == []


def test_names_spelt_the_other_languages_way():
    assert keys("Putin told reporters") == [("vladimir-poutine", "Putin")]
    assert keys("Vladimir Putin and Kim Jong Un") == [
        ("vladimir-poutine", "Vladimir Putin"),
        ("kim-jong-un", "Kim Jong Un"),
    ]


def test_places_go_by_their_names_only():
    places = MentionFinder([Named("new-york", ("New York",))], people=False)
    assert [m.key for m in places.find("New York et York")] == ["new-york"]
    assert [m.key for m in places.find("Le président York")] == []


def resolve(*names: str, text: str = "") -> list[tuple[str | None, str | None, str]]:
    speakers = [Speaker(new_name=name) for name in names]
    return [
        (s.key, s.new_name, s.reason) for s in speakers_resolve(speakers, text=text, finder=IN_2019)
    ]


def test_new_names_resolve_to_known_actors_where_a_title_or_spelling_fits():
    assert resolve("Trump", "President Trump", "M. Poutine", "Putin", "Chairman Kim") == [
        ("donald-trump", None, ""),
        ("donald-trump", None, ""),
        ("vladimir-poutine", None, ""),
        ("vladimir-poutine", None, ""),
        ("kim-jong-un", None, ""),
    ]


def test_an_ambiguous_name_stays_new_with_the_reason():
    [(key, name, reason)] = resolve("Kim")
    assert (key, name) == (None, "Kim")
    assert (
        reason == "plusieurs acteurs connus s'appellent Kim (Kim Jong-il, Kim Jong-un) : à vérifier"
    )
    [(key, name, reason)] = resolve("Ivanka Trump")
    assert (key, name) == (None, "Ivanka Trump")
    assert "Donald Trump" in reason
    [(key, name, reason)] = resolve("Mme Trump")
    assert key is None


def test_the_short_forms_of_one_new_name_are_one_new_person():
    text = "Mark Rutte est arrivé. « Bonjour », a dit Rutte. Michel Barnier aussi."
    assert resolve("Mark Rutte", "Rutte", "M. Rutte", "M. Barnier", text=text) == [
        (None, "Mark Rutte", "aucun acteur connu ne porte ce nom"),
        (None, "Mark Rutte", "aucun acteur connu ne porte ce nom"),
        (None, "Mark Rutte", "aucun acteur connu ne porte ce nom"),
        (None, "Michel Barnier", "aucun acteur connu ne porte ce nom"),
    ]


def test_finding_sentence_by_sentence_gives_what_finding_once_gives():
    """Searching each sentence of a long text with the text folded once: the same mentions
    as one search of the whole text (the work grows with the text, not its square)."""
    sentence = "Le président Trump a rencontré Kim Jong-un et Vladimir Putin à Hanoï. "
    text = sentence * 3000
    folded = fold(text)
    step = len(sentence)
    by_sentence = [
        mention
        for start in range(0, len(text), step)
        for mention in IN_2019.find(text, start, start + step, folded=folded)
    ]
    assert by_sentence == IN_2019.find(text)
    assert len(by_sentence) == 3 * 3000


def test_a_title_read_as_a_name_is_the_name_it_stands_before():
    text = "Le Premier ministre mauricien Pravind Jugnauth a salué le vote."
    speakers = speakers_resolve([Speaker(new_name="Premier")], text=text, finder=IN_2019)
    assert [(s.key, s.new_name) for s in speakers] == [(None, "Pravind Jugnauth")]


def test_an_acronym_is_the_name_the_text_spells_out():
    text = "The National Security Council issued a report. The NSC said it was unacceptable."
    speakers = speakers_resolve([Speaker(new_name="The NSC")], text=text, finder=IN_2019)
    assert [(s.key, s.new_name) for s in speakers] == [(None, "National Security Council")]


def test_a_title_before_a_headline_in_title_case_gives_the_name_only():
    text = "Remarks by President Biden Before Marine One Departure\nTHE PRESIDENT: Hello."
    speakers = speakers_resolve([Speaker(new_name="The President")], text=text, finder=IN_2019)
    assert [(s.key, s.new_name) for s in speakers] == [(None, "Biden")]


@pytest.mark.django_db
def test_named_records_carry_role_and_containing_place():
    actor = Actor.objects.create(
        slug="ada",
        name="Ada Lovelace",
        aliases="Lady Lovelace",
        description="Mathématicienne",
        country="Royaume-Uni",
        kind=Actor.Kind.PERSON,
    )
    city = Place.objects.create(slug="london", name="Londres")
    street = Place.objects.create(slug="strand", name="Strand", part_of=city)
    named = named_actor(actor)
    assert named.names == ("Ada Lovelace", "Lady Lovelace")
    assert (named.description, named.country, named.kind) == (
        "Mathématicienne",
        "Royaume-Uni",
        "person",
    )
    assert named_place(street).part_of == "london"
    assert named_place(city).part_of is None
