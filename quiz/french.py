"""Small pieces of French grammar for generated stems: « de » elided or contracted before a
name (« d'Euronews », « du Kremlin »), and names as they read inside a sentence."""

from __future__ import annotations

import functools
import unicodedata

from summit.models import Actor, Place, alias_lines

_VOWELS = set("aeiouyh")
# Words in « h » that take no elision (h aspiré); the others (« l'homme ») do.
_ASPIRATED_H = {"hanoi", "hanoï", "haut", "hollande", "hongrie", "honduras", "hamas", "hezbollah"}


def _first_letter(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word[:1])
    return decomposed[:1].casefold()


def elides(word: str) -> bool:
    """Whether a word takes an elided article or preposition (« l'île », « d'Euronews »)."""
    if not word:
        return False
    first = word.split()[0].strip("«»\"'’(").casefold()
    if _first_letter(first) == "h":
        return first not in _ASPIRATED_H and first.rstrip(",.") not in _ASPIRATED_H
    if _first_letter(first) == "y":
        # « d'Yves » but « de Yokohama »: a y before a vowel is a consonant.
        return _first_letter(first[1:2]) not in _VOWELS
    return _first_letter(first) in _VOWELS - {"h"}


def de(phrase: str) -> str:
    """« de » before a noun phrase: « du Kremlin », « des États-Unis », « d'Euronews »,
    « de la Russie », « de l'île Rousski », « de Hanoï » (h aspiré)."""
    lowered = phrase.casefold()
    if lowered.startswith("le "):
        return "du " + phrase[3:]
    if lowered.startswith("les "):
        return "des " + phrase[4:]
    if lowered.startswith(("la ", "l'", "l’")):
        return "de " + phrase
    return ("d'" if elides(phrase) else "de ") + phrase


def prose_name(actor: Actor) -> str:
    """The name as it reads inside a sentence. Institutions take their article (« le Kremlin »),
    found among their aliases; people are named as they are."""
    if actor.kind == Actor.Kind.INSTITUTION:
        name = actor.name.casefold()
        for alias in actor.alias_list:
            lowered = alias.casefold()
            for article in ("le ", "la ", "les ", "l'", "l’"):
                if lowered.startswith(article) and lowered[len(article) :] == name:
                    return alias
    return actor.name


_ARTICLES = ("le ", "la ", "les ", "l'", "l’")


def takes_article(place: Place) -> bool:
    """Whether a place is named with an article (« la Maison-Blanche », « la zone
    démilitarisée », « l'île Rousski »): a building, an area or an island rather than a city.
    Such names read differently after « à » and do not mix with cities among options."""
    if place.name[:1].islower():
        return True
    return _with_article(place) is not None


def _with_article(place: Place) -> str | None:
    return _alias_with_article(place.name, place.aliases)


@functools.lru_cache(maxsize=4096)
def _alias_with_article(name: str, aliases: str) -> str | None:
    """The alias that is the name with an article (remembered: places are asked about again
    and again)."""
    name = name.casefold()
    for alias in alias_lines(aliases):
        lowered = alias.casefold()
        for article in _ARTICLES:
            if lowered.startswith(article) and lowered[len(article) :] == name:
                return alias
    return None


def place_phrase(place: Place) -> str:
    """The place as it reads inside a sentence: with the article its aliases give it
    (« la Maison-Blanche »); islands keep their bare name (« sur l'île Rousski »)."""
    if place.name.casefold().startswith(("île ", "ile ")):
        return place.name
    return _with_article(place) or place.name


_AREAS = tuple(
    f"{article}{noun} "
    for article in ("la ", "le ")
    for noun in ("zone", "région", "province", "péninsule", "vallée", "forêt", "désert", "golfe")
)


def at(place: str) -> str:
    """« à » before a place: « à Hanoï », « sur l'île Rousski », « au Viêt Nam » is not guessed:
    places are cities and islands here."""
    lowered = place.casefold()
    if lowered.startswith(("île ", "ile ")):
        return "sur l’" + place
    # An area is where one is in: « dans la zone démilitarisée », « dans la région de … ».
    if lowered.startswith(_AREAS):
        return "dans " + place
    if lowered.startswith(("l'", "l’")):
        return "à " + place
    if lowered.startswith("le "):
        return "au " + place[3:]
    if lowered.startswith("les "):
        return "aux " + place[4:]
    return "à " + place


def on_date(text: str, precision: str) -> str:
    """A date as it follows a verb: « le 12 juin 2018 », « du 27 au 28 février 2019 »,
    « en février 2018 », « en 2018 »."""
    if text.startswith(("du ", "vers ")):
        return text
    if precision == "day":
        return "le " + text
    return "en " + text


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
