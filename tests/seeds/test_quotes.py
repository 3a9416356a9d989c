from __future__ import annotations

import pytest

from seeds.mentions import MentionFinder, Named
from seeds.quotes import SpeakerResolver, quote_spans
from summit.text import sentence_spans

ACTORS = MentionFinder(
    [
        Named("kim", ("Kim Jong-un", "le dirigeant nord-coréen")),
        Named("putin", ("Vladimir Poutine", "le président russe")),
        Named("kremlin", ("le Kremlin",)),
    ]
)


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quote_spans(text)]


def speakers(text: str) -> list[tuple[str, str | None]]:
    """(quotation, speaker key or new name) for every quotation of ``text``."""
    resolver = SpeakerResolver(text, ACTORS)
    spans = quote_spans(text)
    result = []
    for start, end in sentence_spans(text):
        inside = [q for q in spans if start <= q.mark_start < end]
        for quote, speaker in zip(inside, resolver.sentence(start, end, inside), strict=True):
            result.append((text[quote.start : quote.end], speaker.key or speaker.new_name))
    return result


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
def test_quotation_marks_of_every_kind(text, expected):
    assert quoted(text) == expected


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
    ],
)
def test_speaker_of_a_single_quotation(text, expected):
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


def test_a_pronoun_refers_to_the_last_named_person():
    text = (
        "La ministre, Claire Bonnet, a défendu le texte. « C'est un premier pas », a-t-elle "
        "affirmé. Elle a ajouté : « Nous reviendrons. »"
    )
    assert speakers(text) == [
        ("C'est un premier pas", "Claire Bonnet"),
        ("Nous reviendrons.", "Claire Bonnet"),
    ]


def test_no_speaker_rather_than_a_wrong_one():
    assert speakers("Les ONG parlent d'un accord « décevant ».") == [("décevant", None)]
