"""``manage.py export_questions`` (contract in DESIGN §6)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from quiz.exports import question_name
from quiz.models import Kind, Question
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    TrueFalseQuestionFactory,
)
from tests.quiz.test_exports import gift_parse, xml_parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


def export_questions(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("export_questions", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def error_of(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        export_questions(*args)
    return str(caught.value)


@pytest.fixture
def bank() -> dict[str, Question]:
    return {
        "date": QuestionFactory(
            kind=Kind.DATE,
            stem="Quand : {le} sommet ~ de = #Hanoï ?",
            choices=["27 février 2019", "25 avril 2019", "12 juin 2018"],
            citation=EventCitationFactory(),
        ),
        "speaker": QuestionFactory(kind=Kind.SPEAKER, citation=QuoteCitationFactory()),
        "manual": QuestionFactory(explanation="Voir la frise."),
        "draft": QuestionFactory(status=Question.Status.DRAFT),
        "retired": QuestionFactory(status=Question.Status.RETIRED),
    }


def names(questions: list[Question]) -> list[str]:
    return [question_name(question) for question in questions]


def test_it_writes_every_published_question_as_gift_on_stdout(bank):
    out, err = export_questions("--format", "gift")
    category, questions = gift_parse(out)
    assert category is None
    published = [bank["date"], bank["manual"], bank["speaker"]]
    assert [question.name for question in questions] == names(published)
    assert questions[0].stem == "Quand : {le} sommet ~ de = #Hanoï ?"
    assert questions[0].options == [
        ("27 février 2019", True),
        ("25 avril 2019", False),
        ("12 juin 2018", False),
    ]
    assert err == "3 questions exportées au format GIFT.\n"


def test_it_writes_moodle_xml_on_stdout(bank):
    out, err = export_questions("--format", "moodle-xml")
    _, questions = xml_parse(out)
    assert [question.name for question in questions] == names(
        [bank["date"], bank["manual"], bank["speaker"]]
    )
    assert questions[1].feedback == "Voir la frise."
    assert err == "3 questions exportées au format Moodle XML.\n"


def test_the_summary_is_singular_for_one_question():
    QuestionFactory()
    _, err = export_questions("--format", "moodle-xml")
    assert err == "1 question exportée au format Moodle XML.\n"


def test_output_writes_the_file_in_utf8_and_says_so_on_stdout(bank, tmp_path):
    target = tmp_path / "banque.gift.txt"
    out, err = export_questions("--format", "gift", "--output", target)
    assert out == f"3 questions exportées au format GIFT dans {target}.\n"
    assert err == ""
    written = target.read_bytes().decode("utf-8")
    assert written == export_questions("--format", "gift")[0]
    assert "Hanoï" in written
    assert list(tmp_path.iterdir()) == [target], "no temporary file left behind"


def test_output_replaces_an_existing_file_whole(bank, tmp_path):
    target = tmp_path / "banque.xml"
    target.write_text("x" * 100_000, encoding="utf-8")
    export_questions("--format", "moodle-xml", "--output", target)
    _, questions = xml_parse(target.read_text(encoding="utf-8"))
    assert len(questions) == 3
    assert list(tmp_path.iterdir()) == [target]


def test_quiz_exports_its_scope_under_a_category_named_after_it(bank):
    quiz = QuizFactory(slug="dates", title="Les dates : 2018/2019", kinds=[Kind.DATE])
    out, err = export_questions("--quiz", quiz.slug, "--format", "gift")
    category, questions = gift_parse(out)
    assert category == "Les dates : 2018//2019"
    assert [question.name for question in questions] == names([bank["date"]])
    assert err == "1 question exportée au format GIFT.\n"


def test_quiz_exports_only_published_questions_of_its_period():
    inside = QuestionFactory(event=EventFactory(date=datetime.date(2019, 4, 25)))
    QuestionFactory(event=EventFactory(date=datetime.date(2018, 6, 12)))
    QuestionFactory(
        event=EventFactory(date=datetime.date(2019, 4, 26)), status=Question.Status.DRAFT
    )
    quiz = QuizFactory(date_from=datetime.date(2019, 1, 1))
    out, _ = export_questions("--quiz", quiz.slug, "--format", "moodle-xml")
    category, questions = xml_parse(out)
    assert category == quiz.title
    assert [question.name for question in questions] == names([inside])


def test_an_unknown_quiz_is_a_clear_error(bank):
    assert error_of("--quiz", "nulle-part", "--format", "gift") == (
        "Aucun quiz n'a l'identifiant « nulle-part »."
    )


def test_no_published_question_is_a_clear_error():
    QuestionFactory(status=Question.Status.DRAFT)
    assert error_of("--format", "gift") == "Aucune question publiée à exporter."


def test_a_quiz_whose_scope_is_empty_is_a_clear_error(bank):
    quiz = QuizFactory(slug="lieux", kinds=[Kind.PLACE])
    assert error_of("--quiz", quiz.slug, "--format", "moodle-xml") == (
        "Aucune question publiée dans la portée du quiz « lieux »."
    )


def test_a_missing_directory_is_a_clear_error_and_nothing_is_written(bank, tmp_path):
    target = tmp_path / "absent" / "banque.txt"
    assert error_of("--format", "gift", "--output", target) == (
        f"Le dossier {tmp_path / 'absent'} n'existe pas : rien n'a été écrit."
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_output_is_a_clear_error_and_leaves_no_temporary_file(bank, tmp_path):
    target = tmp_path / "un-dossier"
    target.mkdir()
    assert error_of("--format", "gift", "--output", target) == (
        f"Impossible d'écrire {target} : Is a directory. Rien n'a été écrit."
    )
    assert list(tmp_path.iterdir()) == [target]
    assert list(target.iterdir()) == []


def test_the_format_is_required_and_one_of_gift_or_moodle_xml(bank):
    assert "--format" in error_of()
    assert "invalid choice: 'csv'" in error_of("--format", "csv")


def _bank_of(size: int) -> None:
    for index in range(size):
        QuestionFactory(
            kind=Kind.DATE,
            citation=EventCitationFactory(),
            event=EventFactory(date=datetime.date(2019, 1, 1) + datetime.timedelta(days=index)),
        )


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("output_format", ["gift", "moodle-xml"])
def test_queries_do_not_depend_on_the_number_of_questions(
    django_assert_num_queries, size, output_format
):
    _bank_of(size)
    # Questions, then their options.
    with django_assert_num_queries(2):
        out, _ = export_questions("--format", output_format)
    assert out.count("Source") == size


@pytest.mark.parametrize("size", [2, 12])
def test_queries_for_a_quiz_do_not_depend_on_the_number_of_questions(
    django_assert_num_queries, size
):
    _bank_of(size)
    quiz = QuizFactory(kinds=[Kind.DATE])
    # The quiz, its actors and sources in one query (its scope), the questions, their options.
    with django_assert_num_queries(4):
        _, err = export_questions("--quiz", quiz.slug, "--format", "gift")
    assert err == f"{size} questions exportées au format GIFT.\n"


def test_gift_leaves_ordering_questions_out_and_says_how_many_and_why(bank):
    OrderingQuestionFactory.create_batch(2)
    MatchingQuestionFactory()
    out, err = export_questions("--format", "gift")
    _, questions = gift_parse(out)
    assert len(questions) == 4
    assert err == (
        "4 questions exportées au format GIFT.\n"
        "2 questions (remise en ordre) laissées de côté : le format GIFT ne sait pas écrire une "
        "question de remise en ordre (Moodle XML le peut).\n"
    )


def test_gift_into_a_file_reports_the_question_left_out_on_stdout(tmp_path):
    OrderingQuestionFactory()
    MultipleQuestionFactory()
    target = tmp_path / "banque.gift.txt"
    out, _ = export_questions("--format", "gift", "--output", target)
    assert out.splitlines() == [
        f"1 question exportée au format GIFT dans {target}.",
        "1 question (remise en ordre) laissée de côté : le format GIFT ne sait pas écrire une "
        "question de remise en ordre (Moodle XML le peut).",
    ]


def test_moodle_xml_leaves_nothing_out():
    OrderingQuestionFactory()
    TrueFalseQuestionFactory()
    out, err = export_questions("--format", "moodle-xml")
    _, questions = xml_parse(out)
    assert sorted(question.qtype for question in questions) == ["ordering", "truefalse"]
    assert err == "2 questions exportées au format Moodle XML.\n"


def test_a_gift_export_of_ordering_questions_only_is_a_clear_error(tmp_path):
    OrderingQuestionFactory()
    target = tmp_path / "vide.gift.txt"
    message = error_of("--format", "gift", "--output", target)
    assert message.startswith(
        "Aucune question publiée ne peut s'écrire au format GIFT : rien n'a été écrit. "
        "1 question (remise en ordre) laissée de côté"
    )
    assert not target.exists()
