from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quiz.bank import question_bank_build
from quiz.models import Question


def report(*args: str) -> str:
    out = StringIO()
    call_command("bank_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def bank(seeded):
    question_bank_build(rng=random.Random(2019))


def test_it_prints_every_published_question_with_options_key_explanation_and_gates(bank):
    text = report()
    for question in Question.objects.published():
        assert f"#{question.pk} [{question.kind}]" in text
        assert question.stem in text
        assert question.explanation in text
    assert "Clé : 25 avril 2019" in text
    assert "    [x] 25 avril 2019" in text
    assert "Contrôles : tous passés" in text
    assert "Contrôles : ÉCHEC" not in text


def test_it_prints_pairs_and_ranks_for_matching_and_ordering(bank):
    text = report("--kind", "ordering")
    assert "    1. " in text
    assert "[matching]" not in text
    assert "  →  " in report("--kind", "matching")


def test_it_counts_questions_per_kind(bank):
    text = report()
    total = Question.objects.published().count()
    assert f"  total        {total} publiée" in text
    date = Question.objects.published().filter(kind="date").count()
    assert f"  date         {date} publiée" in text


def test_drafts_and_their_failed_gates_appear_with_all_only(bank):
    draft = Question.objects.published().filter(kind="date").first()
    draft.status = Question.Status.DRAFT
    draft.gate_failures = "Il faut exactement une bonne réponse."
    draft.save()
    assert f"#{draft.pk} " not in report()
    text = report("--all")
    assert f"#{draft.pk} [date] (à relire)" in text
    assert "    ! Il faut exactement une bonne réponse." in text


def test_an_unknown_kind_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Type de question inconnu : « quoi »"):
        report("--kind", "quoi")
