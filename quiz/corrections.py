"""What a corrected question shows whatever the student answered, rendered once and kept.

The explanation, the sentence of the source that proves the answer and the link to the event
(``quiz/_evidence.html``), and each option's line of the correction in every state the answers
can give it (partials of ``quiz/_correction.html``): chosen (or ticked) or not; for matching, each
item that can be given for it, or none; for ordering, each rank, or none. They are kept in the
cache for each question under the content version (summit.versioning), the language, and what
the question and its options read now say: a teacher's edit of the question or of an option
changes the key at once; an edit of the source, the citation or the event changes the content
version. A results page then renders only what depends on the answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from quiz.models import AnswerForm, Choice, Question
from summit.models import Citation, Event
from summit.templatetags.summit import content_language
from summit.versioning import content_version

EVIDENCE_TEMPLATE = "quiz/_evidence.html"
OPTION_TEMPLATE = "quiz/_correction.html#review-option"
PAIR_TEMPLATE = "quiz/_correction.html#review-pair"
RANK_TEMPLATE = "quiz/_correction.html#review-rank"
# The forms whose options are corrected one line per option, marked when chosen or ticked.
LINE_FORMS = (AnswerForm.SINGLE, AnswerForm.MULTIPLE)
# A safety net only: a change to what the parts show changes their key.
CORRECTION_CACHE_SECONDS = 60 * 60

# An option's line in each state, by option id: marked or not (True, False); for matching, the
# item given for it (None when none was); for ordering, the rank given (None when none was).
State = bool | str | int | None
OptionLines = dict[int, dict[State, str]]


@dataclass(frozen=True)
class PairRow:
    """Matching, corrected: an option, the item that goes with it, the one the student gave."""

    choice: Choice
    given: str | None

    @property
    def is_right(self) -> bool:
        return self.given == self.choice.pair


@dataclass(frozen=True)
class RankRow:
    """Ordering, corrected: an option at its right place, and the rank the student gave it."""

    choice: Choice
    given: int | None

    @property
    def is_right(self) -> bool:
        return self.given == self.choice.rank


def correction_cache_key(question: Question, options: Sequence[Choice], *, version: str) -> str:
    """The key of a question's rendered parts: the content version, the language, the URL
    prefix, and what the question and its options contribute."""
    own = (
        get_script_prefix(),
        question.kind,
        question.explanation,
        question.citation_id,
        question.event_id,
        sorted(
            (option.pk, option.text, option.is_correct, option.pair, option.rank)
            for option in options
        ),
    )
    digest = hashlib.blake2b(repr(own).encode(), digest_size=16).hexdigest()
    return f"quiz-correction:{version}:{get_language()}:{question.pk}:{digest}"


def evidence_render(question: Question) -> SafeString:
    """The explanation, source sentence and event link, from the question with its citation
    (and the citation's source) and its event read. Without the template's last line break:
    the including template has its own."""
    html = render_to_string(EVIDENCE_TEMPLATE, {"question": question})
    return mark_safe(html.removesuffix("\n"))


def option_lines_render(question: Question, options: Sequence[Choice]) -> OptionLines:
    """Each option's line of the correction in every state the answers can give it (see
    ``OptionLines``)."""
    language = content_language(question)
    form = question.answer_form
    if form in LINE_FORMS:
        context = {"form": form, "language": language}
        return {
            option.pk: {
                marked: render_to_string(
                    OPTION_TEMPLATE, {**context, "option": option, "marked": marked}
                )
                for marked in (False, True)
            }
            for option in options
        }
    if form == AnswerForm.MATCHING:
        given = [None, *dict.fromkeys(option.pair for option in options)]
        return {
            option.pk: {pair: pair_line_render(option, pair, language=language) for pair in given}
            for option in options
        }
    if form == AnswerForm.ORDERING:
        ranks = [None, *range(1, len(options) + 1)]
        return {
            option.pk: {rank: rank_line_render(option, rank, language=language) for rank in ranks}
            for option in options
        }
    return {}


def pair_line_render(option: Choice, given: str | None, *, language: str) -> str:
    """Matching: the line of ``option``, the item ``given`` for it (None: no answer)."""
    pair = PairRow(choice=option, given=given)
    return render_to_string(PAIR_TEMPLATE, {"pair": pair, "language": language})


def rank_line_render(option: Choice, given: int | None, *, language: str) -> str:
    """Ordering: the line of ``option``, the rank ``given`` to it (None: no answer)."""
    rank = RankRow(choice=option, given=given)
    return render_to_string(RANK_TEMPLATE, {"rank": rank, "language": language})


def _read_relations(questions: Sequence[Question]) -> None:
    """Each question's citation with its source, and its event: two queries at most."""
    citation_ids = {q.citation_id for q in questions if q.citation_id is not None}
    event_ids = {q.event_id for q in questions if q.event_id is not None}
    citations = (
        Citation.objects.select_related("source").in_bulk(citation_ids) if citation_ids else {}
    )
    events = Event.objects.in_bulk(event_ids) if event_ids else {}
    citation_field = Question._meta.get_field("citation")
    event_field = Question._meta.get_field("event")
    for question in questions:
        citation_field.set_cached_value(question, citations.get(question.citation_id))
        event_field.set_cached_value(question, events.get(question.event_id))


def correction_parts(
    questions: Sequence[tuple[Question, Sequence[Choice]]],
) -> dict[int, tuple[SafeString, OptionLines]]:
    """Each question's evidence and option lines (see the module's docstring), by question id,
    for questions given with their options: from the cache, else rendered (the citations and
    events of those not cached read in two queries at most) and kept.

    While the content has no version yet, nothing is kept: no change would make a key stale."""
    # Read first: what is read next is at least as new as this version.
    version = content_version()
    keys = (
        {correction_cache_key(q, options, version=version): q for q, options in questions}
        if version
        else {}
    )
    found = cache.get_many(list(keys)) if keys else {}
    parts = {keys[key].pk: (mark_safe(evidence), lines) for key, (evidence, lines) in found.items()}
    missing = [(q, options) for q, options in questions if q.pk not in parts]
    if not missing:
        return parts
    _read_relations([q for q, _ in missing])
    kept = {}
    for question, options in missing:
        evidence, lines = evidence_render(question), option_lines_render(question, options)
        parts[question.pk] = (evidence, lines)
        if version:
            kept[correction_cache_key(question, options, version=version)] = (str(evidence), lines)
    if kept:
        cache.set_many(kept, CORRECTION_CACHE_SECONDS)
    return parts
