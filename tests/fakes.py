"""An extraction as the agreed interface describes it (INTERFACE.md), for tests of what the
import service does with each field whatever the real extraction finds today."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from tests.factories import ActorFactory, EventFactory

ARTICLE = (
    "Sommet à Singapour\n\n"
    "Le 12 juin 2018, Donald Trump a rencontré Kim Jong-un à Singapour. "
    "« Nous avons fait du bon travail », a déclaré le président Trump. "
    "Le lendemain, Mark Rutte a salué « un pas en avant ». "
    "Le 13 juin, les deux délégations ont publié un communiqué."
)
SAID = datetime.date(2018, 6, 12)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def singapore_cast() -> SimpleNamespace:
    trump = ActorFactory(slug="donald-trump", name="Donald Trump", aliases="Trump")
    kim = ActorFactory(slug="kim-jong-un", name="Kim Jong-un")
    summit = EventFactory(
        slug="sommet-de-singapour", title="Sommet de Singapour", date=SAID, actors=[trump, kim]
    )
    return SimpleNamespace(trump=trump, kim=kim, summit=summit)


def fake_extractor(calls: list[dict]):
    """An ``article_extract`` that records its options and gives every field of the interface."""

    def fake_extract(*, text, published_on, actors, places, **options):
        calls.append({"published_on": published_on, **options})
        meeting = span(text, "Le 12 juin 2018, Donald Trump a rencontré Kim Jong-un à Singapour.")
        communique = span(text, "Le 13 juin, les deux délégations ont publié un communiqué.")
        work = span(text, "Nous avons fait du bon travail")
        step = span(text, "un pas en avant")
        return SimpleNamespace(
            text=text,
            language="fr",
            format="transcript",
            quotes=[
                SimpleNamespace(
                    text=text[work[0] : work[1]],
                    start=work[0],
                    end=work[1],
                    kind="statement",
                    speaker=SimpleNamespace(key="donald-trump", new_name=None, reason=""),
                    said_on=SAID,
                    said_on_basis="context",
                    sentence=(work[0] - 2, work[1] + 30),
                    event="sommet-de-singapour",
                    event_candidate=None,
                ),
                SimpleNamespace(
                    text=text[step[0] : step[1]],
                    start=step[0],
                    end=step[1],
                    kind="fragment",
                    speaker=SimpleNamespace(
                        key=None,
                        new_name="Mark Rutte",
                        reason="Aucun acteur connu ne s'appelle Mark Rutte.",
                    ),
                    said_on=datetime.date(2018, 6, 13),
                    said_on_basis="text",
                    sentence=(step[0] - 40, step[1] + 3),
                    event=None,
                    event_candidate=1,
                ),
            ],
            events=[
                SimpleNamespace(
                    date=SAID,
                    precision="day",
                    end_date=None,
                    title="Donald Trump rencontre Kim Jong-un à Singapour",
                    sentence=text[meeting[0] : meeting[1]],
                    start=meeting[0],
                    end=meeting[1],
                    actors=("donald-trump", "kim-jong-un"),
                    place=None,
                    matches="sommet-de-singapour",
                ),
                SimpleNamespace(
                    date=datetime.date(2018, 6, 13),
                    precision="day",
                    end_date=None,
                    title="Les délégations publient un communiqué",
                    sentence=text[communique[0] : communique[1]],
                    start=communique[0],
                    end=communique[1],
                    actors=(),
                    place=None,
                    matches=None,
                ),
            ],
            actors=["donald-trump", "kim-jong-un"],
            places=[],
            dateline=None,
            notes=[],
        )

    return fake_extract
