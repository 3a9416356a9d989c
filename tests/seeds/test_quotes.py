from __future__ import annotations

import pytest

from seeds.mentions import MentionFinder, Named, fold
from seeds.quotes import How, SpeakerResolver, civil_title_stripped, quote_spans
from summit.text import sentence_spans

ACTORS = MentionFinder(
    [
        Named("kim", ("Kim Jong-un", "le dirigeant nord-coréen")),
        Named("putin", ("Vladimir Poutine", "Vladimir Putin", "Putin", "le président russe")),
        Named("kremlin", ("le Kremlin", "the Kremlin")),
    ]
)


def quoted(text: str, language: str = "fr") -> list[str]:
    return [text[q.start : q.end] for q in quote_spans(text, language=language)]


def attributed(text: str, language: str = "fr") -> list[tuple[str, str | None, str]]:
    """(quotation, speaker key or new name, how) for every quotation of ``text``."""
    resolver = SpeakerResolver(text, fold(text), ACTORS.find(text), language=language)
    spans = quote_spans(text, language=language)
    result = []
    for start, end in sentence_spans(text):
        inside = [q for q in spans if start <= q.mark_start < end]
        for quote, found in zip(inside, resolver.sentence(start, end, inside), strict=True):
            speaker = found.speaker.key or found.speaker.new_name
            result.append((text[quote.start : quote.end], speaker, found.how))
    return result


def speakers(text: str, language: str = "fr") -> list[tuple[str, str | None]]:
    return [(words, speaker) for words, speaker, _how in attributed(text, language)]


# Quotation marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il veut « la paix » et « le calme ».", ["la paix", "le calme"]),
        ('Il a dit “non” puis "oui".', ["non", "oui"]),
        ("« Il m'a dit “jamais” hier », raconte-t-elle.", ["Il m'a dit “jamais” hier"]),
        ("« Nous avons beaucoup à faire« .", ["Nous avons beaucoup à faire"]),
        (
            "« Une phrase jamais fermée.\nAutre paragraphe « ici ».",
            ["Une phrase jamais fermée", "ici"],
        ),
        ("Des guillemets vides « » ou « … » ne sont rien.", []),
        ("«\xa0Espaces insécables\xa0»", ["Espaces insécables"]),
    ],
)
def test_french_quotation_marks_of_every_kind(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” she said.", ["We will win"]),
        ('"We will win," she said.', ["We will win"]),
        (
            "“He told me ‘never again’ that night,” she recalled.",
            ["He told me ‘never again’ that night"],
        ),
        ("It's the workers’ day, he said, “and ours.”", ["and ours."]),
    ],
)
def test_english_quotation_marks_with_single_marks_nested_inside(text, expected):
    assert quoted(text, "en") == expected


def test_a_quotation_of_several_paragraphs_continues_where_the_next_one_opens_with_a_mark():
    text = (
        "“The water is rising every year,” the mayor said. “We have lost two beaches.\n\n"
        "“Next year we may lose the harbour,” she added."
    )
    spans = quote_spans(text, language="en")
    assert [text[q.start : q.end] for q in spans] == [
        "The water is rising every year",
        "We have lost two beaches.\n\n“Next year we may lose the harbour",
    ]


def test_a_quotation_left_open_ends_with_its_paragraph_when_the_next_does_not_open_one():
    text = "“We have lost two beaches.\n\nThe council meets on Friday."
    assert quoted(text, "en") == ["We have lost two beaches"]


def test_a_mark_left_open_in_a_paragraph_ending_on_a_colon_opens_no_quotation():
    text = (
        '"Following are excerpts from remarks given by the director on Tuesday:\n\n'
        '"The station served for thirty years."'
    )
    assert quoted(text, "en") == ["The station served for thirty years."]


# Attribution in French ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Inverted attribution after the quotation, with or without « de son côté ».
        ("« Je suis venu en paix », a déclaré Kim Jong-un à la presse.", "kim"),
        (
            "Moscou et Pyongyang ont « beaucoup à faire » pour leurs relations, a déclaré de son "
            "côté Vladimir Poutine.",
            "putin",
        ),
        # A verb before the quotation: its subject is the clause's first name or role phrase.
        ("Le président russe a également déclaré vouloir « soutenir les tendances ».", "putin"),
        ('Le dirigeant nord-coréen espère un sommet "couronné de succès".', "kim"),
        # « selon ».
        ('Selon le Kremlin, la rencontre prendra "un format élargi".', "kremlin"),
        # Names the database does not know become new names, never a wrong actor.
        ("« Nous voulons des repas bio », a déclaré Marie Dubois, adjointe.", "Marie Dubois"),
        ("Marie Dubois, adjointe au maire, a estimé qu'il fallait « agir ».", "Marie Dubois"),
        ("Le texte a été jugé « décevant » par Greenpeace.", "Greenpeace"),
        # Other tenses and forms of the verbs.
        ("Marc Lenoir déclarait alors : « Rien n'est joué. »", "Marc Lenoir"),
        ("« Rien n'est joué », affirma Marc Lenoir.", "Marc Lenoir"),
        ("Pour Marc Lenoir, le plan reste « insuffisant ».", "Marc Lenoir"),
        # A passive verb's agent before the quotation.
        (
            "La réunion, décrite par Rebecca Lenoir dans son blog, prévoyait des « ateliers "
            "libres et ouverts ».",
            "Rebecca Lenoir",
        ),
        # « précise » is a verb right after a quotation, an adjective elsewhere.
        ("« Le calcul est juste », précise Marc Lenoir.", "Marc Lenoir"),
        # A civil title is not part of the name.
        ("« Rien n'est joué », a assuré M. Marc Lenoir.", "Marc Lenoir"),
    ],
)
def test_french_speaker_of_a_single_quotation(text, expected):
    assert speakers(text)[0][1] == expected


def test_participles_carry_the_speaker_of_the_previous_quotation():
    text = (
        "« Cette rencontre sera utile », a déclaré Kim Jong-un, ajoutant s'attendre à « un "
        "dialogue significatif », et félicitant le président russe de « construire une Russie "
        "forte »."
    )
    assert speakers(text) == [
        ("Cette rencontre sera utile", "kim"),
        ("un dialogue significatif", "kim"),
        ("construire une Russie forte", "kim"),
    ]


def test_a_quotation_standing_alone_belongs_to_the_previous_speaker():
    text = (
        "Le président russe souhaite trouver des « solutions ».\n\n"
        "« Je suis sûr que votre visite nous aidera. Nous avons beaucoup à faire« ."
    )
    assert [speaker for _quote, speaker in speakers(text)] == ["putin", "putin"]


def test_french_pronouns_and_inverted_pronouns_refer_to_the_last_named_person():
    text = (
        "La ministre, Claire Bonnet, a défendu le texte. « C'est un premier pas », a-t-elle "
        "affirmé. Elle a ajouté : « Nous reviendrons. » « Le calendrier tiendra », estime-t-elle. "
        "Selon elle, « personne n'a été oublié »."
    )
    assert speakers(text) == [
        ("C'est un premier pas", "Claire Bonnet"),
        ("Nous reviendrons.", "Claire Bonnet"),
        ("Le calendrier tiendra", "Claire Bonnet"),
        ("personne n'a été oublié", "Claire Bonnet"),
    ]


def test_ce_dernier_is_the_person_just_named_not_the_last_name_before_the_verb():
    text = (
        "Le chef du gouvernement, Marc Lenoir, a été réélu en avril. Ce dernier, accusant ses "
        "rivaux de chercher des soutiens en Europe, a affirmé vouloir protéger la « culture "
        "locale »."
    )
    assert speakers(text) == [("culture locale", "Marc Lenoir")]


def test_a_role_is_the_person_the_text_named_with_that_role():
    text = (
        "La présidente de région, Claire Bonnet, a présenté le plan. Marc Lenoir l'a critiqué. "
        "La présidente a répondu que « chaque euro est budgété »."
    )
    assert speakers(text) == [("chaque euro est budgété", "Claire Bonnet")]


def test_a_role_nobody_in_the_text_holds_is_nobody_rather_than_the_last_speaker():
    text = (
        "« Le plan est prêt », a déclaré Claire Bonnet. "
        "Le ministre de l'Éducation a salué « un effort remarquable »."
    )
    assert speakers(text) == [
        ("Le plan est prêt", "Claire Bonnet"),
        ("un effort remarquable", None),
    ]


def test_no_speaker_rather_than_a_wrong_one():
    assert speakers("Les ONG parlent d'un accord « décevant ».") == [("décevant", None)]


# Attribution in English --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will not give up,” said Helen Marsh.", "Helen Marsh"),
        ("“We will not give up,” Helen Marsh said.", "Helen Marsh"),
        ('"We will not give up," Helen Marsh said on Monday.', "Helen Marsh"),
        ("“We will not give up,” Putin told reporters.", "putin"),
        ("Helen Marsh said: “We will not give up.”", "Helen Marsh"),
        ("Helen Marsh told the BBC that “nobody will give up”.", "Helen Marsh"),
        ("Helen Marsh said the plan was “a first step”.", "Helen Marsh"),
        ("“We will not give up,” according to Helen Marsh.", "Helen Marsh"),
        ("The plan was called “reckless” by the Green Alliance.", "Green Alliance"),
        ("“We will not give up,” said Dr. Helen Marsh.", "Helen Marsh"),
        ("“We will not give up,” Mr. Okafor said.", "Okafor"),
        ("According to the Kremlin, the talks were “useful”.", "kremlin"),
        ("“It was useful,” Kremlin spokesman Dmitry Peskov told reporters.", "Dmitry Peskov"),
    ],
)
def test_english_speaker_of_a_single_quotation(text, expected):
    assert speakers(text, "en")[0][1] == expected


def test_english_pronouns_and_participles_follow_the_named_speaker():
    text = (
        "Helen Marsh, the environment minister, opened the talks. “The rivers cannot wait,” she "
        "said, adding that “every country upstream is part of the problem.” They also heard Paul "
        "Okafor. “It is a good day,” he said."
    )
    assert speakers(text, "en") == [
        ("The rivers cannot wait", "Helen Marsh"),
        ("every country upstream is part of the problem.", "Helen Marsh"),
        ("It is a good day", "Paul Okafor"),
    ]


def test_the_minister_is_the_person_named_minister_earlier():
    text = (
        "Foreign Minister Jane Doe arrived on Tuesday. Officials met Paul Okafor later. "
        "“We are close to a deal,” the minister said."
    )
    assert speakers(text, "en") == [("We are close to a deal", "Jane Doe")]


def test_a_role_of_two_words_is_remembered_whole():
    text = (
        "Prime Minister Jane Doe arrived on Tuesday. "
        "“We will win,” the prime minister told parliament."
    )
    assert speakers(text, "en") == [("We will win", "Jane Doe")]


def test_an_acronym_is_written_as_the_text_spelt_it_out():
    text = (
        "The National Security Council issued a report on Tuesday. "
        "The NSC said the attack was “a clear breach of the convention”."
    )
    assert speakers(text, "en") == [
        ("a clear breach of the convention", "National Security Council")
    ]


def test_the_minister_is_nobody_when_no_minister_was_named():
    text = "Paul Okafor spoke first. “We are close to a deal,” the minister said."
    assert attributed(text, "en") == [("We are close to a deal", None, How.AFTER)]


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("M. Jean Dupont", "fr", "Jean Dupont"),
        ("Mme Dupont", "fr", "Dupont"),
        ("MR. SMITH", "en", "SMITH"),
        ("Dr. Helen Marsh", "en", "Helen Marsh"),
        ("Mr.", "en", "Mr."),
    ],
)
def test_civil_titles_are_left_out_of_names(name, language, expected):
    assert civil_title_stripped(name, language) == expected
