"""Template helpers for the quiz pages."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

if TYPE_CHECKING:
    from quiz.views import OptionField

register = template.Library()


NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_FRENCH_SPACES = [
    (" ?", NARROW_NBSP + "?"),
    (" !", NARROW_NBSP + "!"),
    (" ;", NARROW_NBSP + ";"),
    (" :", NBSP + ":"),
    ("« ", "«" + NBSP),
    (" »", NBSP + "»"),
]


@register.filter
def french_spacing(text: str) -> str:
    """No line break before « ? », « : », « » » or after « « »: a question mark never ends up
    alone on the last line of a question."""
    for plain, joined in _FRENCH_SPACES:
        text = text.replace(plain, joined)
    return text


@register.filter
def duration(value: datetime.timedelta | None) -> str:
    """« 45 s », « 4 min 05 s », « 1 h 02 min »."""
    if value is None:
        return ""
    seconds = max(int(value.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return gettext("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    if minutes:
        return gettext("%(m)d min %(s)02d s") % {"m": minutes, "s": seconds}
    return gettext("%(s)d s") % {"s": seconds}


@register.filter
def iso_duration(value: datetime.timedelta | None) -> str:
    """The machine-readable value for <time datetime>: « PT4M5S »."""
    if value is None:
        return ""
    seconds = max(int(value.total_seconds()), 0)
    minutes, seconds = divmod(seconds, 60)
    return f"PT{minutes}M{seconds}S"


OPTION_LABEL_TEMPLATE = "quiz/_question.html#option-label"
# Stands for the option's number in a kept label. Inserted unescaped, so no escaped text can
# hold it (a text's "<" is written "&lt;").
_INDEX_STAND_IN = mark_safe("<index>")


@lru_cache(maxsize=4096)
def _option_label(form: str, text: str) -> tuple[str, str]:
    """An option's label for the answer form ``form``, not ticked then ticked, its number left
    as a stand-in: what it shows depends on nothing else."""
    return tuple(
        render_to_string(
            OPTION_LABEL_TEMPLATE,
            {"form": form, "text": text, "index": _INDEX_STAND_IN, "sent": sent},
        )
        for sent in (False, True)
    )


@register.simple_tag
def option_labels(fields: Sequence[OptionField], form: str) -> SafeString:
    """The options' labels of a question with one right answer or several, in the order of
    ``fields``: each label is rendered once for its text and kept, so a question page renders
    none of them."""
    labels = []
    for field in fields:
        label = _option_label(form, field.choice.text)[bool(field.sent)]
        labels.append(label.replace(_INDEX_STAND_IN, str(field.index)))
    # Rendered from the template, its values escaped there; the number is an int.
    return mark_safe("".join(labels))


# The lists of options of the selects that pair items (matching) or rank them (ordering).
SELECT_OPTIONS = {
    "pair": "quiz/_pairs.html#pair-options",
    "rank": "quiz/_ranks.html#rank-options",
}


@lru_cache(maxsize=1024)
def _select_options(name: str, items: tuple, sent: str) -> str:
    return render_to_string(SELECT_OPTIONS[name], {"items": items, "sent": sent})


@register.simple_tag
def select_options(name: str, items: Sequence, sent: str) -> SafeString:
    """The options of one of a question's selects (``name``: "pair", the associated items as
    (value, text); "rank", the ranks), the one sent marked: the same for each item of the
    question, so rendered once for each list and choice and kept."""
    # Rendered from the template, its values escaped there.
    return mark_safe(_select_options(name, tuple(items), sent))
