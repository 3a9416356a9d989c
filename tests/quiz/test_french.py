from __future__ import annotations

import pytest

from quiz.french import at, de, elides, prose_name
from summit.models import Actor


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Vladimir Poutine", "de Vladimir Poutine"),
        ("Euronews", "d'Euronews"),
        ("Emmanuel Macron", "d'Emmanuel Macron"),
        ("Élysée", "d'Élysée"),
        ("Hanoï", "de Hanoï"),
        ("Hollande", "de Hollande"),
        ("Hugo Chávez", "d'Hugo Chávez"),
        ("le Kremlin", "du Kremlin"),
        ("les États-Unis", "des États-Unis"),
        ("la Maison-Blanche", "de la Maison-Blanche"),
        ("l'ONU", "de l'ONU"),
        ("Yokohama", "de Yokohama"),
        ("Yves Le Drian", "d'Yves Le Drian"),
    ],
)
def test_de_elides_and_contracts(phrase: str, expected: str) -> None:
    assert de(phrase) == expected


def test_a_word_in_h_aspire_takes_no_elision() -> None:
    assert elides("homme")
    assert not elides("Hanoï")
    assert not elides("")


def test_an_institution_reads_with_its_article_and_a_person_by_name() -> None:
    kremlin = Actor(name="Kremlin", aliases="le Kremlin\nla présidence russe", kind="institution")
    assert prose_name(kremlin) == "le Kremlin"
    assert de(prose_name(kremlin)) == "du Kremlin"
    onu = Actor(name="ONU", aliases="", kind="institution")
    assert prose_name(onu) == "ONU"
    person = Actor(name="Kim Jong-un", aliases="le dirigeant nord-coréen", kind="person")
    assert prose_name(person) == "Kim Jong-un"


def test_an_area_reads_dans_after_a_verb():
    assert at("la zone démilitarisée") == "dans la zone démilitarisée"
    assert at("la Maison-Blanche") == "à la Maison-Blanche"
    assert at("Hanoï") == "à Hanoï"
