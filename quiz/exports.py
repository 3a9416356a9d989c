"""Question exports for Moodle: GIFT and Moodle XML.

Each question keeps its stem and options (the right one marked); its general feedback carries
the explanation, the timeline event, the source credit and the evidence sentence, so that a
Moodle quiz still shows where the answer comes from.

Each kind becomes the Moodle question type that asks the same thing: one right answer →
multiple choice; several right answers → multiple choice with several answers, each right one
weighted so that they add up to 100 % and each wrong tick costing a whole question (Moodle
never goes below zero); true/false → true/false; matching → matching; ordering → Moodle's
ordering type, which GIFT cannot write: those questions are left out of a GIFT file
(``questions_left_out`` says which).

Texts are exported as plain text (GIFT ``[plain]``) or as escaped HTML (Moodle XML): a stem that
contains ``<`` or ``&`` shows as written, never as markup.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quiz.models import TRUE_FALSE_TEXTS, AnswerForm, Choice, Kind, Question
from summit.dates import format_date, format_short_date

NAME_STEM_CHARS = 60
# Moodle's defaults for a single-answer multiple-choice question.
PENALTY = "0.3333333"
DEFAULT_GRADE = "1"

# Characters XML 1.0 forbids, even escaped; nothing a reader needs.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_GIFT_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
    }
)
# Moodle's GIFT reader takes a wrong option starting with « %50% » as a partial-credit weight.
_GIFT_WEIGHT = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")
# A wrong tick in a several-answer question costs the whole question.
WRONG_TICK_FRACTION = "-100"
# Moodle's ordering type: every item shown, vertically, no numbers (they would hint at an
# order), and right only in the exact order, as Summit grades it.
ORDERING_SETTINGS = (
    ("layouttype", "VERTICAL"),
    ("selecttype", "ALL"),
    ("gradingtype", "ALL_OR_NOTHING"),
    ("showgrading", "SHOW"),
    ("numberingstyle", "none"),
)

GIFT = "gift"
MOODLE_XML = "moodle-xml"
# What each format cannot carry, and why (for the export's report).
KINDS_LEFT_OUT: dict[str, dict[str, str | Promise]] = {
    GIFT: {
        Kind.ORDERING: gettext_lazy(
            "le format GIFT ne sait pas écrire une question de remise en ordre (Moodle XML le peut)"
        )
    },
    MOODLE_XML: {},
}


def questions_for_export(questions: QuerySet[Question]) -> QuerySet[Question]:
    """What the exports read, fetched in a constant number of queries."""
    return questions.select_related("citation__source", "event").prefetch_related("choices")


def questions_left_out(*, questions: Iterable[Question], export_format: str) -> list[Question]:
    """The questions ``export_format`` (``gift`` or ``moodle-xml``) cannot carry: its export
    leaves them out."""
    kinds = KINDS_LEFT_OUT[export_format]
    return [question for question in questions if question.kind in kinds]


def questions_gift(*, questions: Iterable[Question], category: str = "") -> str:
    """The questions as a GIFT file, one block per question, under ``category`` if given.
    Ordering questions are left out (see ``questions_left_out``)."""
    blocks = []
    if category:
        blocks.append(f"$CATEGORY: {_category_path(category)}")
    left_out = KINDS_LEFT_OUT[GIFT]
    blocks.extend(
        _gift_question(question) for question in questions if question.kind not in left_out
    )
    return "\n\n".join(blocks) + "\n" if blocks else ""


def questions_moodle_xml(*, questions: Iterable[Question], category: str = "") -> str:
    """The questions as a Moodle XML file, UTF-8: ``multichoice`` (one or several right
    answers), ``truefalse``, ``matching`` and ``ordering`` questions."""
    root = ET.Element("quiz")
    if category:
        element = ET.SubElement(root, "question", type="category")
        _text_element(element, "category", _category_path(category))
    for question in questions:
        _xml_question(root, question)
    ET.indent(root)
    # Empty texts written out in full (<text></text>), as Moodle writes them.
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def question_name(question: Question) -> str:
    """Stable and readable: kind and id, then the start of the stem."""
    stem = " ".join(_clean(question.stem).split())
    if len(stem) > NAME_STEM_CHARS:
        stem = stem[: NAME_STEM_CHARS - 1].rstrip() + "…"
    return f"{question.kind}-{question.pk} {stem}"


def feedback_lines(question: Question) -> list[tuple[str, str]]:
    """The general feedback, line by line, each with the address it links to (or "")."""
    lines: list[tuple[str, str]] = []
    if question.explanation.strip():
        lines.append((_clean(question.explanation), ""))
    event = question.event
    if event is not None:
        lines.append(
            (
                _("Événement : %(title)s (%(date)s)")
                % {"title": event.title, "date": format_date(event.date, event.precision)},
                "",
            )
        )
    citation = question.citation
    if citation is not None:
        source = citation.source
        parts = [source.outlet or source.title, source.author]
        parts.append(format_short_date(source.published_on))
        credit = _("Source : %(credit)s") % {"credit": ", ".join(part for part in parts if part)}
        lines.append((credit, source.url))
        if source.credit:
            lines.append((_("Crédits : %(credit)s") % {"credit": source.credit}, ""))
        sentence = "".join(citation.sentence_parts()).strip()
        # Generated explanations often quote the evidence already: once is enough.
        if sentence and sentence not in question.explanation:
            lines.append((_("Extrait : « %(sentence)s »") % {"sentence": sentence}, ""))
    return [(_clean(text), url) for text, url in lines]


def _clean(text: str) -> str:
    """One kind of line break, no character XML forbids, no blank ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_FORBIDDEN.sub("", text).strip()


def _category_path(title: str) -> str:
    # Moodle splits category paths on « / » and reads « // » as a slash in a name.
    return " ".join(_clean(title).split()).replace("/", "//")


def _gift_escape(text: str) -> str:
    return _clean(text).translate(_GIFT_SPECIAL)


def _gift_option_text(text: str) -> str:
    escaped = _gift_escape(text)
    # Moodle reads a leading « [html] » (or moodle, plain, markdown) as the text's format.
    return f"[plain]{escaped}" if escaped.startswith("[") else escaped


def right_fraction(choices: Sequence[Choice]) -> str:
    """Each right option's share of the grade in a several-answer question, as Moodle writes
    it: "50", "33.33333" (Moodle checks that the shares add up to 100 to two decimals)."""
    right = sum(1 for choice in choices if choice.is_correct) or 1
    return f"{100 / right:.5f}".rstrip("0").rstrip(".")


def _gift_left(text: str) -> str:
    # Moodle cuts a matching line at its first « -> »: the left-hand text may not hold one.
    return _gift_option_text(text.replace("->", "→"))


def _gift_answers(question: Question) -> list[str]:
    choices = list(question.choices.all())
    form = question.answer_form
    if question.kind == Kind.TRUE_FALSE:
        right = next((choice for choice in choices if choice.is_correct), None)
        return ["\tT" if right is not None and right.text.strip() == TRUE_FALSE_TEXTS[0] else "\tF"]
    if form == AnswerForm.MATCHING:
        return [
            f"\t={_gift_left(choice.text)} -> {_gift_escape(choice.pair)}" for choice in choices
        ]
    lines = []
    weight = right_fraction(choices)
    for choice in choices:
        text = _gift_option_text(choice.text)
        if form == AnswerForm.MULTIPLE:
            fraction = weight if choice.is_correct else WRONG_TICK_FRACTION
            lines.append(f"\t~%{fraction}%{text}")
        elif choice.is_correct:
            lines.append(f"\t={text}")
        elif _GIFT_WEIGHT.match(text):
            lines.append(f"\t~%0%{text}")
        else:
            lines.append(f"\t~{text}")
    return lines


def _gift_question(question: Question) -> str:
    lines = [f"::{_gift_escape(question_name(question))}::[plain]{_gift_escape(question.stem)} {{"]
    lines.extend(_gift_answers(question))
    feedback = "\n".join(
        f"{text} — {url}" if url else text for text, url in feedback_lines(question)
    )
    if feedback:
        lines.append(f"\t####{_gift_option_text(feedback)}")
    lines.append("}")
    return "\n".join(lines)


def _html(text: str) -> str:
    """Plain text as an HTML paragraph: escaped, its line breaks kept."""
    return "<p>" + html.escape(_clean(text), quote=False).replace("\n", "<br>\n") + "</p>"


def _feedback_html(question: Question) -> str:
    paragraphs = []
    for text, url in feedback_lines(question):
        paragraph = _html(text)
        if url:
            link = f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>'
            paragraph = f"{paragraph[: -len('</p>')]} — {link}</p>"
        paragraphs.append(paragraph)
    return "\n".join(paragraphs)


def _text_element(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, **attributes)
    ET.SubElement(element, "text").text = text
    return element


def _settings(element: ET.Element, settings: Iterable[tuple[str, str]]) -> None:
    for tag, value in settings:
        ET.SubElement(element, tag).text = value


def _xml_question(root: ET.Element, question: Question) -> None:
    form = question.answer_form
    if question.kind == Kind.TRUE_FALSE:
        question_type = "truefalse"
    elif form in (AnswerForm.MATCHING, AnswerForm.ORDERING):
        question_type = str(form)
    else:
        question_type = "multichoice"
    element = ET.SubElement(root, "question", type=question_type)
    _text_element(element, "name", question_name(question))
    _text_element(element, "questiontext", _html(question.stem), format="html")
    _text_element(element, "generalfeedback", _feedback_html(question), format="html")
    _settings(element, [("defaultgrade", DEFAULT_GRADE), ("penalty", PENALTY), ("hidden", "0")])
    choices = list(question.choices.all())
    if question_type == "truefalse":
        right = next((choice for choice in choices if choice.is_correct), None)
        true = right is not None and right.text.strip() == TRUE_FALSE_TEXTS[0]
        for value, is_right in (("true", true), ("false", not true)):
            answer = _text_element(
                element,
                "answer",
                value,
                fraction="100" if is_right else "0",
                format="moodle_auto_format",
            )
            _text_element(answer, "feedback", "", format="html")
    elif form == AnswerForm.MATCHING:
        _settings(element, [("shuffleanswers", "true")])
        for choice in choices:
            subquestion = _text_element(element, "subquestion", _html(choice.text), format="html")
            # Moodle shows the right-hand items as plain text in a list.
            _text_element(subquestion, "answer", _clean(choice.pair))
    elif form == AnswerForm.ORDERING:
        _settings(
            element,
            [*ORDERING_SETTINGS[:2], ("selectcount", str(len(choices))), *ORDERING_SETTINGS[2:]],
        )
        # The items in the right order: Moodle reads the order from the file.
        for choice in sorted(choices, key=lambda choice: (choice.rank or 0, choice.pk)):
            answer = _text_element(
                element, "answer", _html(choice.text), fraction=str(choice.rank or 0), format="html"
            )
            _text_element(answer, "feedback", "", format="html")
    else:
        multiple = form == AnswerForm.MULTIPLE
        _settings(
            element,
            [
                ("single", "false" if multiple else "true"),
                ("shuffleanswers", "true"),
                ("answernumbering", "abc"),
            ],
        )
        weight = right_fraction(choices)
        for choice in choices:
            if choice.is_correct:
                fraction = weight if multiple else "100"
            else:
                fraction = WRONG_TICK_FRACTION if multiple else "0"
            answer = _text_element(
                element, "answer", _html(choice.text), fraction=fraction, format="html"
            )
            _text_element(answer, "feedback", "", format="html")
