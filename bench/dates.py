"""Date reading at growing text sizes: the time of asking sentence by sentence (the text folded
once), of the same without the folded text, of one call on the whole text, and of language
detection. Each should grow with the text's length, not its square.

    .venv/bin/python bench/dates.py
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from common import ROOT, setup_django

PUBLISHED = datetime.date(2019, 4, 24)
# One paragraph per language, each naming dates of most kinds.
PARAGRAPHS = {
    "fr": (
        "Le dirigeant est arrivé mercredi à Vladivostok, a-t-on appris. Il repartira jeudi. "
        "En février dernier, il était à Hanoï; l'an dernier, en 2018, à Singapour, les 12 et "
        "13 juin. Il y a près de vingt ans, le 1er mars 1999, son père était venu. « Demain », "
        "dit-il, 2000 soldats défileront du 9 au 25 mai, dans les années 2020 peut-être.\n\n"
    ),
    "en": (
        "The leader arrived on Wednesday in Vladivostok, officials said. He will leave on "
        "Thursday. Last February he was in Hanoi; last year, in 2018, in Singapore on June "
        '12–13. Nearly 20 years ago, on March 1, 1999, his father came. "Tomorrow," he said, '
        "2,000 troops may march from 9 to 25 May, in the 2020s perhaps.\n\n"
    ),
}
SIZES = (20_000, 100_000, 500_000)


def _timed(function: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _row(language: str, text: str) -> str:
    from seeds.dates import date_mentions
    from seeds.lang import language_detect
    from seeds.mentions import fold
    from summit.text import sentence_spans

    spans = sentence_spans(text)

    def per_sentence(folded: str | None) -> int:
        return sum(
            len(date_mentions(text, PUBLISHED, language=language, start=s, end=e, folded=folded))
            for s, e in spans
        )

    folded, found = _timed(lambda: per_sentence(fold(text)))
    unfolded, _ = _timed(lambda: per_sentence(None))
    whole, _ = _timed(lambda: len(date_mentions(text, PUBLISHED, language=language)))
    detect, _ = _timed(lambda: len(language_detect(text)))
    return (
        f"{language:4} {len(text):>8} {len(spans):>9} {folded:>7.2f}s {unfolded:>7.2f}s "
        f"{whole:>7.2f}s {detect:>7.2f}s {found:>6}"
    )


def main() -> None:
    setup_django()
    print(
        f"{'lang':4} {'size':>8} {'sentences':>9} {'folded':>8} {'unfolded':>8} {'whole':>8} "
        f"{'detect':>8} {'dates':>6}"
    )
    for language, paragraph in PARAGRAPHS.items():
        for size in SIZES:
            print(_row(language, paragraph * (size // len(paragraph) + 1)))
    print(f"(texts built from one paragraph per language, in {ROOT.name})")


if __name__ == "__main__":
    main()
