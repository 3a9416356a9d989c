"""GIFT and Moodle XML exports, read back the way Moodle reads them and compared with the bank."""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pytest
from django.utils import translation

from quiz.exports import (
    question_name,
    questions_for_export,
    questions_gift,
    questions_left_out,
    questions_moodle_xml,
)
from quiz.models import Kind, Question
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuestionFactory,
    QuoteCitationFactory,
    SourceFactory,
    TrueFalseQuestionFactory,
)

pytestmark = pytest.mark.django_db

NASTY_STEM = (
    "Qui a dit : « 2 ~ 3 = 5 # {x} » \\ & <b>gras</b> ]]> ?\n"
    "Deuxième ligne :: avec \\n littéral et #### dièses"
)
NASTY_OPTIONS = [
    "=Lyon & <Nantes> ~ {tilde}",
    "Lille ]]> {a} : b",
    "%50% Rennes #1",
    "[html]Brest \\ fin",
]
NASTY_EXPLANATION = "Parce que « a = b » ~ {c} # d : e\n& <i>f</i> ]]> \\"
NASTY_TITLE = "Sommet : Kim/Poutine ~ {2019} = #1 & <Vladivostok>"


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


# --- A GIFT reader that follows Moodle's (question/format/gift/format.php) -------------------

_ESCAPES = {":": "&&058;", "#": "&&035;", "=": "&&061;", "{": "&&123;", "}": "&&125;"}
_ESCAPES |= {"~": "&&126;", "n": "&&010"}
_PLACEHOLDERS = {placeholder: char for char, placeholder in _ESCAPES.items()} | {"&&010": "\n"}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
_FORMATS = {"moodle", "html", "plain", "markdown"}


@dataclass
class ReadQuestion:
    name: str
    stem: str
    options: list[tuple[str, bool]]
    feedback: str
    stem_format: str = "moodle"
    qtype: str = "multichoice"
    fractions: list[float] = field(default_factory=list)
    """Each option's share of the grade, in percent."""
    single: bool = True
    pairs: list[tuple[str, str]] = field(default_factory=list)
    truth: bool | None = None


def _escaped_to_placeholders(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for char, placeholder in _ESCAPES.items():
        text = text.replace("\\" + char, placeholder)
    return text.replace("&&092;", "\\")


def _placeholders_to_chars(text: str) -> str:
    for placeholder, char in _PLACEHOLDERS.items():
        text = text.replace(placeholder, char)
    return text


def _text_with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    text_format = default
    if text.startswith("[") and "]" in text and text[1 : text.index("]")] in _FORMATS:
        text_format = text[1 : text.index("]")]
        text = text[text.index("]") + 1 :]
    return _placeholders_to_chars(text).strip(), text_format


def gift_parse(content: str) -> tuple[str | None, list[ReadQuestion]]:
    """The category and the multiple-choice questions of a GIFT file, as Moodle reads them."""
    category = None
    questions = []
    for block in re.split(r"\n[ \t]*\n", content.strip()):
        lines = [" " if line.strip().startswith("//") else line for line in block.split("\n")]
        text = _escaped_to_placeholders("\n".join(lines).strip())
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:") :].strip()
            continue
        assert text.startswith("::")
        text = text[2:]
        name = _placeholders_to_chars(text[: text.index("::")]).strip()
        text = text[text.index("::") + 2 :].strip()
        start, finish = text.index("{"), text.index("}")
        assert finish == len(text) - 1, "the options close the question"
        answers = text[start + 1 : finish].strip()
        feedback = ""
        if "####" in answers:
            feedback = answers[answers.rindex("####") + 4 :]
            answers = answers[: answers.rindex("####")].strip()
        stem, stem_format = _text_with_format(text[:start])
        read = ReadQuestion(
            name=name,
            stem=stem,
            options=[],
            feedback=_text_with_format(feedback, stem_format)[0],
            stem_format=stem_format,
        )
        # Moodle's order: a ~ makes a multiple choice; = with -> a matching; T or F a true/false.
        if "~" not in answers and "=" in answers and "->" in answers:
            read.qtype = "match"
            for part in answers.split("=")[1:]:
                left, right = part.split("->", 1)
                read.pairs.append(
                    (
                        _text_with_format(left.strip(), stem_format)[0],
                        _placeholders_to_chars(right).strip(),
                    )
                )
            questions.append(read)
            continue
        if "~" not in answers:
            assert answers.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"), answers
            read.qtype = "truefalse"
            read.truth = answers.startswith("T")
            questions.append(read)
            continue
        parts = answers.replace("=", "~=").split("~")
        assert parts[0].strip() == ""
        for part in parts[1:]:
            part = part.strip()
            correct = part.startswith("=")
            fraction = 100.0 if correct else 0.0
            if correct:
                part = part[1:]
            elif weight := _WEIGHT.match(part):
                fraction = float(weight.group(0).strip("%"))
                correct = fraction > 0
                part = part[weight.end() :]
            option_text = part.split("#", 1)[0]
            read.options.append((_text_with_format(option_text.strip(), stem_format)[0], correct))
            read.fractions.append(fraction)
        # Moodle: several answers when no option alone is worth the whole grade.
        read.single = max(read.fractions) == 100
        questions.append(read)
    return category, questions


# --- Moodle XML, read back --------------------------------------------------------------------


def html_text(value: str) -> str:
    """The plain text of one exported HTML paragraph (or several, one per line)."""
    paragraphs = value.split("\n<p>")
    texts = []
    for paragraph in paragraphs:
        paragraph = paragraph.removeprefix("<p>")
        assert paragraph.endswith("</p>")
        inner = paragraph.removesuffix("</p>").replace("<br>\n", "\n")
        inner = re.sub(r'<a href="[^"]*">([^<]*)</a>', r"\1", inner)
        assert "<" not in inner, "only the markup the export adds"
        texts.append(html.unescape(inner))
    return "\n".join(texts)


def xml_parse(content: str) -> tuple[str | None, list[ReadQuestion]]:
    root = ET.fromstring(content.encode("utf-8"))
    assert root.tag == "quiz"
    category = None
    questions = []
    for element in root.findall("question"):
        if element.get("type") == "category":
            category = element.findtext("category/text")
            continue
        qtype = element.get("type")
        assert qtype in ("multichoice", "truefalse", "matching", "ordering")
        assert element.find("questiontext").get("format") == "html"
        feedback = element.findtext("generalfeedback/text") or ""
        read = ReadQuestion(
            name=element.findtext("name/text"),
            stem=html_text(element.findtext("questiontext/text")),
            options=[],
            feedback=html_text(feedback) if feedback else "",
            qtype=qtype,
        )
        answers = element.findall("answer")
        if qtype == "truefalse":
            texts = {answer.findtext("text"): answer.get("fraction") for answer in answers}
            assert sorted(texts) == ["false", "true"]
            assert sorted(texts.values()) == ["0", "100"]
            read.truth = texts["true"] == "100"
        elif qtype == "matching":
            read.pairs = [
                (html_text(sub.findtext("text")), sub.findtext("answer/text"))
                for sub in element.findall("subquestion")
            ]
        elif qtype == "ordering":
            # The file lists the items in the right order.
            read.options = [(html_text(answer.findtext("text")), True) for answer in answers]
            read.fractions = [float(answer.get("fraction")) for answer in answers]
        else:
            read.single = element.findtext("single") == "true"
            read.fractions = [float(answer.get("fraction")) for answer in answers]
            read.options = [
                (html_text(answer.findtext("text")), fraction > 0)
                for answer, fraction in zip(answers, read.fractions, strict=True)
            ]
        questions.append(read)
    return category, questions


def in_the_bank(questions: list[Question]) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    return [
        (
            question_name(question),
            question.stem,
            [(choice.text, choice.is_correct) for choice in question.choices.all()],
        )
        for question in questions
    ]


def as_read(questions: list[ReadQuestion]) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    return [(question.name, question.stem, question.options) for question in questions]


@pytest.fixture
def bank() -> list[Question]:
    """Questions whose every text holds GIFT's, HTML's and CDATA's special characters."""
    citation = EventCitationFactory(
        source=SourceFactory(
            outlet="Le Monde : {édition} ~ #1",
            author="Anne = Dupont",
            published_on=datetime.date(2019, 4, 26),
            url="https://example.org/a?b=1&c={2}",
            credit="© Le Monde & <AFP>",
        ),
        event=EventFactory(title="Sommet : Kim ~ Poutine", date=datetime.date(2019, 4, 25)),
    )
    QuestionFactory(
        stem=NASTY_STEM,
        choices=NASTY_OPTIONS,
        explanation=NASTY_EXPLANATION,
        citation=citation,
        event=citation.event,
        kind=Kind.DATE,
    )
    QuestionFactory(
        stem="Où ? // pas un commentaire {\n\n} ligne vide au milieu",
        choices=["// Vladivostok", "Hanoï\r\nfin", "~Singapour", "Pékin #"],
        explanation="",
    )
    QuestionFactory(citation=QuoteCitationFactory(), kind=Kind.SPEAKER)
    return list(questions_for_export(Question.objects.all()))


def test_gift_read_back_gives_every_stem_option_and_key_of_the_bank(bank):
    category, questions = gift_parse(questions_gift(questions=bank))
    assert category is None
    expected = in_the_bank(bank)
    # A carriage return is the one change: Moodle's lines end with \n.
    expected[1][2][1] = ("Hanoï\nfin", False)
    assert as_read(questions) == expected
    assert all(question.stem_format == "plain" for question in questions)


def test_moodle_xml_read_back_gives_every_stem_option_and_key_of_the_bank(bank):
    category, questions = xml_parse(questions_moodle_xml(questions=bank))
    assert category is None
    expected = in_the_bank(bank)
    expected[1][2][1] = ("Hanoï\nfin", False)
    assert as_read(questions) == expected


def test_gift_escapes_every_special_character_with_a_backslash(bank):
    content = questions_gift(questions=bank[:1])
    question_line = content.splitlines()[0]
    assert question_line.startswith("::date-")
    escaped_stem = "Qui a dit \\: « 2 \\~ 3 \\= 5 \\# \\{x\\} » \\\\ & <b>gras</b> ]]> ?\\n"
    assert escaped_stem in question_line
    assert "\\\\n littéral" in question_line
    assert "\t=\\=Lyon & <Nantes> \\~ \\{tilde\\}" in content
    assert "\t~Lille ]]> \\{a\\} \\: b" in content


def test_gift_guards_texts_moodle_would_read_as_a_weight_or_a_format(bank):
    content = questions_gift(questions=bank[:1])
    assert "\t~%0%%50% Rennes \\#1" in content
    assert "\t~[plain][html]Brest \\\\ fin" in content


def test_gift_separates_questions_by_one_blank_line_and_keeps_each_in_one_block(bank):
    content = questions_gift(questions=bank)
    blocks = content.strip().split("\n\n")
    assert len(blocks) == len(bank)
    assert all(block.startswith("::") and block.endswith("}") for block in blocks)


def test_gift_category_is_the_quiz_title_with_its_slashes_doubled(bank):
    content = questions_gift(questions=bank, category=NASTY_TITLE)
    assert content.startswith("$CATEGORY: Sommet : Kim//Poutine ~ {2019} = #1 & <Vladivostok>\n\n")
    category, questions = gift_parse(content)
    assert category.replace("//", "/") == NASTY_TITLE
    assert len(questions) == len(bank)


def test_moodle_xml_category_is_the_quiz_title(bank):
    category, questions = xml_parse(questions_moodle_xml(questions=bank, category=NASTY_TITLE))
    assert category.replace("//", "/") == NASTY_TITLE
    assert len(questions) == len(bank)


def test_feedback_has_the_explanation_the_event_the_source_credit_and_the_evidence(bank):
    expected = (
        "Parce que « a = b » ~ {c} # d : e\n"
        "& <i>f</i> ]]> \\\n"
        "Événement : Sommet : Kim ~ Poutine (jeudi 25 avril 2019)\n"
        "Source : Le Monde : {édition} ~ #1, Anne = Dupont, 26 avril 2019 — "
        "https://example.org/a?b=1&c={2}\n"
        "Crédits : © Le Monde & <AFP>\n"
        "Extrait : « Le président Jean Dupont est arrivé lundi à Lyon. »"
    )
    _, from_gift = gift_parse(questions_gift(questions=bank[:1]))
    _, from_xml = xml_parse(questions_moodle_xml(questions=bank[:1]))
    assert from_gift[0].feedback == expected
    assert from_xml[0].feedback == expected


def test_moodle_xml_feedback_links_to_the_source():
    source = SourceFactory(url="https://example.org/a?b=1&c=2", outlet="")
    QuestionFactory(citation=EventCitationFactory(source=source))
    content = questions_moodle_xml(questions=questions_for_export(Question.objects.all()))
    feedback = ET.fromstring(content.encode()).findtext("question/generalfeedback/text")
    assert '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>' in (
        feedback
    )
    assert f"Source : {source.title}, Camille Martin, 25 avril 2019" in feedback


def test_a_question_without_citation_or_explanation_has_no_feedback():
    QuestionFactory(explanation="")
    questions = list(questions_for_export(Question.objects.all()))
    assert "####" not in questions_gift(questions=questions)
    _, read = xml_parse(questions_moodle_xml(questions=questions))
    assert read[0].feedback == ""


def test_moodle_xml_is_utf8_with_a_declaration_and_moodle_settings(bank):
    content = questions_moodle_xml(questions=bank)
    assert content.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    assert "]]>" not in content.replace("]]&gt;", "")
    element = ET.fromstring(content.encode("utf-8")).find("question")
    settings = {
        tag: element.findtext(tag)
        for tag in (
            "defaultgrade",
            "penalty",
            "hidden",
            "single",
            "shuffleanswers",
            "answernumbering",
        )
    }
    assert settings == {
        "defaultgrade": "1",
        "penalty": "0.3333333",
        "hidden": "0",
        "single": "true",
        "shuffleanswers": "true",
        "answernumbering": "abc",
    }
    answers = element.findall("answer")
    assert [answer.get("fraction") for answer in answers] == ["100", "0", "0", "0"]
    assert all(answer.get("format") == "html" for answer in answers)
    assert all(answer.find("feedback/text") is not None for answer in answers)


def test_characters_xml_forbids_are_dropped_so_the_file_stays_well_formed():
    # Not NUL: no database stores it in text (forms refuse it before).
    QuestionFactory(stem="Bip\x07 ou\x01 pas\x1b ?", choices=["a\x0b", "b", "c"])
    questions = list(questions_for_export(Question.objects.all()))
    _, read = xml_parse(questions_moodle_xml(questions=questions))
    assert read[0].stem == "Bip ou pas ?"
    assert read[0].options[0] == ("a", True)


def test_question_names_are_stable_readable_and_unique(bank):
    names = [question_name(question) for question in bank]
    assert len(set(names)) == len(names)
    start = "Qui a dit : « 2 ~ 3 = 5 # {x} » \\ & <b>gras</b> ]]> ? Deuxi…"
    assert names[0] == f"date-{bank[0].pk} {start}"
    assert names == [question_name(question) for question in bank]


def test_only_the_questions_passed_are_exported(bank):
    _, questions = gift_parse(questions_gift(questions=bank[1:]))
    assert [question.name for question in questions] == [
        question_name(question) for question in bank[1:]
    ]


def test_nothing_to_export_gives_an_empty_gift_and_an_empty_quiz():
    assert questions_gift(questions=[]) == ""
    assert ET.fromstring(questions_moodle_xml(questions=[]).encode()).findall("question") == []


def test_the_evidence_is_not_repeated_when_the_explanation_already_quotes_it():
    citation = EventCitationFactory()
    sentence = "Le président Jean Dupont est arrivé lundi à Lyon."
    QuestionFactory(citation=citation, explanation=f"D'après l'article : « {sentence} »")
    _, read = gift_parse(questions_gift(questions=questions_for_export(Question.objects.all())))
    assert read[0].feedback.count(sentence) == 1
    assert "Extrait" not in read[0].feedback


# --- The kinds that are not one right option among several ------------------------------------


@pytest.fixture
def kinds() -> dict[str, Question]:
    """One question of each kind, their texts holding GIFT's and XML's special characters."""
    citation = EventCitationFactory()
    return {
        "multiple": MultipleQuestionFactory(
            stem="Qui était à {Hanoï} ?",
            choices=[
                ("Kim ~ Jong-un", True),
                ("Trump = #45", True),
                ("Moon", True),
                ("Poutine", False),
                ("Xi", False),
            ],
            citation=citation,
        ),
        "true": TrueFalseQuestionFactory(stem="Le sommet : à Hanoï.", citation=citation),
        "false": TrueFalseQuestionFactory(stem="Le sommet : à Pékin.", choices=False),
        "matching": MatchingQuestionFactory(
            choices=[
                ("Hanoï -> Viêt Nam", "27 & 28 février 2019"),
                ("<Singapour>", "12 juin {2018}"),
                ("Vladivostok", "25 avril 2019 -> 26"),
            ],
        ),
        "ordering": OrderingQuestionFactory(
            choices=["Singapour", "Hanoï & Panmunjeom", "<Vladivostok>"]
        ),
    }


def _export(kinds: dict[str, Question]) -> list[Question]:
    return list(
        questions_for_export(
            Question.objects.filter(pk__in=[q.pk for q in kinds.values()]).order_by("pk")
        )
    )


def test_gift_writes_several_answers_with_weights_adding_up_to_100_and_wrong_ticks_costing(kinds):
    _, read = gift_parse(questions_gift(questions=_export(kinds)))
    multiple = read[0]
    assert multiple.qtype == "multichoice"
    assert multiple.single is False
    assert multiple.options == [
        ("Kim ~ Jong-un", True),
        ("Trump = #45", True),
        ("Moon", True),
        ("Poutine", False),
        ("Xi", False),
    ]
    assert multiple.fractions == [33.33333, 33.33333, 33.33333, -100, -100]
    assert round(sum(f for f in multiple.fractions if f > 0), 2) == 100
    assert "\t~%33.33333%Kim \\~ Jong-un" in questions_gift(questions=_export(kinds))


def test_gift_writes_true_false_as_t_or_f_with_the_feedback(kinds):
    content = questions_gift(questions=_export(kinds))
    _, read = gift_parse(content)
    assert [(q.qtype, q.truth) for q in read[1:3]] == [("truefalse", True), ("truefalse", False)]
    assert read[1].stem == "Le sommet : à Hanoï."
    assert read[1].feedback.startswith("L'article situe le sommet à Lyon.\n")
    assert "Extrait : « Le président Jean Dupont est arrivé lundi à Lyon. »" in read[1].feedback
    assert "[plain]Le sommet \\: à Pékin. {\n\tF\n\t####" in content


def test_gift_writes_matching_pairs_with_arrows_moodle_cannot_misread(kinds):
    content = questions_gift(questions=_export(kinds))
    _, read = gift_parse(content)
    matching = read[3]
    assert matching.qtype == "match"
    assert matching.pairs == [
        ("Hanoï → Viêt Nam", "27 & 28 février 2019"),
        ("<Singapour>", "12 juin {2018}"),
        ("Vladivostok", "25 avril 2019 -> 26"),
    ]
    assert "\t=<Singapour> -> 12 juin \\{2018\\}" in content


def test_gift_leaves_ordering_out_and_says_which(kinds):
    questions = _export(kinds)
    _, read = gift_parse(questions_gift(questions=questions))
    assert len(read) == 4
    assert "ordering" not in questions_gift(questions=questions)
    assert questions_left_out(questions=questions, export_format="gift") == [kinds["ordering"]]
    assert questions_left_out(questions=questions, export_format="moodle-xml") == []


def test_moodle_xml_writes_every_kind_as_its_moodle_type(kinds):
    content = questions_moodle_xml(questions=_export(kinds))
    _, read = xml_parse(content)
    assert [q.qtype for q in read] == [
        "multichoice",
        "truefalse",
        "truefalse",
        "matching",
        "ordering",
    ]
    multiple = read[0]
    assert multiple.single is False
    assert multiple.fractions == [33.33333, 33.33333, 33.33333, -100, -100]
    assert round(sum(f for f in multiple.fractions if f > 0), 2) == 100
    assert [q.truth for q in read[1:3]] == [True, False]
    assert read[3].pairs == [
        ("Hanoï -> Viêt Nam", "27 & 28 février 2019"),
        ("<Singapour>", "12 juin {2018}"),
        ("Vladivostok", "25 avril 2019 -> 26"),
    ]
    assert read[4].options == [
        ("Singapour", True),
        ("Hanoï & Panmunjeom", True),
        ("<Vladivostok>", True),
    ]
    assert read[4].fractions == [1, 2, 3]
    assert "&amp;lt;Vladivostok&amp;gt;" in content  # escaped as HTML, then as XML
    assert "Extrait : « Le président Jean Dupont est arrivé lundi à Lyon. »" in read[0].feedback


def test_moodle_xml_ordering_and_matching_carry_moodle_s_settings(kinds):
    root = ET.fromstring(questions_moodle_xml(questions=_export(kinds)).encode())
    ordering = root.find("question[@type='ordering']")
    settings = {
        tag: ordering.findtext(tag)
        for tag in ("layouttype", "selecttype", "selectcount", "gradingtype", "numberingstyle")
    }
    assert settings == {
        "layouttype": "VERTICAL",
        "selecttype": "ALL",
        "selectcount": "3",
        "gradingtype": "ALL_OR_NOTHING",
        "numberingstyle": "none",
    }
    assert root.find("question[@type='matching']").findtext("shuffleanswers") == "true"
    assert root.find("question[@type='truefalse']/answer").get("format") == "moodle_auto_format"


@pytest.mark.parametrize(("right", "fraction"), [(2, 50), (3, 33.33333), (4, 25)])
def test_several_answer_weights_add_up_to_100_to_two_decimals(right, fraction):
    rows = [(f"option {n}", n < right) for n in range(5)]
    MultipleQuestionFactory(choices=rows)
    _, read = xml_parse(
        questions_moodle_xml(questions=questions_for_export(Question.objects.all()))
    )
    positive = [f for f in read[0].fractions if f > 0]
    assert positive == [fraction] * right
    assert round(sum(positive), 2) == 100
