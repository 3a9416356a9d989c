from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quiz.gates import NOT_ONE_CORRECT, OPTION_COUNT
from quiz.models import (
    ALL_RIGHT_NEEDED,
    MATCHING_PAIR_MISSING,
    MATCHING_PAIRS_NOT_DISTINCT,
    MULTIPLE_COUNT,
    MULTIPLE_NO_WRONG,
    MULTIPLE_TOO_FEW_RIGHT,
    ORDERING_COUNT,
    ORDERING_RANKS,
    TRUE_FALSE_OPTIONS,
    Attempt,
    Kind,
    Question,
    Quiz,
)
from summit.models import Job
from tests.factories import (
    EventCitationFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuestionFactory,
    QuizFactory,
    Response,
    attempt_with,
    options,
)

pytestmark = pytest.mark.django_db


def url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:quiz_{model._meta.model_name}_{view}", args=args)


def queries(client, path: str) -> int:
    client.get(path)  # warm the per-process caches (content types, session)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def make_rows(count: int) -> None:
    """``count`` questions with evidence, a quiz, and attempts that answered them."""
    quiz = QuizFactory()
    questions = []
    for _ in range(count):
        citation = EventCitationFactory()
        question = QuestionFactory(event=citation.event, citation=citation)
        question.actors.set(citation.event.actors.all())
        questions.append(question)
    for index, question in enumerate(questions):
        other = questions[(index + 1) % count]
        attempt_with(
            quiz,
            [(question, question.choices.all()[index % 4]), (other, None)],
            display_name=f"Élève {index}",
        )


@pytest.mark.parametrize("model", [Question, Quiz, Attempt], ids=lambda m: m.__name__)
def test_changelists_run_a_constant_number_of_queries(admin_client, model):
    make_rows(3)
    few = queries(admin_client, url(model, "changelist"))
    make_rows(20)
    assert queries(admin_client, url(model, "changelist")) == few


@pytest.mark.parametrize("model", [Question, Quiz, Attempt], ids=lambda m: m.__name__)
def test_change_forms_run_a_constant_number_of_queries(admin_client, model):
    make_rows(3)
    first = model.objects.order_by("pk").first()
    few = queries(admin_client, url(model, "change", first.pk))
    make_rows(20)
    assert queries(admin_client, url(model, "change", first.pk)) == few
    assert few <= 25


@pytest.mark.parametrize("model", [Question, Quiz], ids=lambda m: m.__name__)
def test_add_forms_render(admin_client, model):
    assert queries(admin_client, url(model, "add")) <= 10


def test_the_question_list_shows_checks_answers_and_facility(admin_client):
    quiz = QuizFactory()
    passing = QuestionFactory(stem="Où a eu lieu le sommet ?")
    for choice in ("Lyon", "Lyon", "Nantes", "Lille"):
        attempt_with(quiz, [(passing, options(passing)[choice])])
    QuestionFactory(
        stem="Question mal faite ?",
        status=Question.Status.DRAFT,
        gate_failures="Raison A\nRaison B",
    )

    html = admin_client.get(url(Question, "changelist")).content.decode()

    assert "✓ passe" in html
    assert "✗ Raison A<br>Raison B" in html
    assert "50 %" in html
    assert '<td class="field-answer_count">4</td>' in html


def test_the_question_form_shows_statistics_and_evidence(admin_client):
    citation = EventCitationFactory()
    question = QuestionFactory(event=citation.event, citation=citation)
    quiz = QuizFactory()
    for choice in ("Lyon", "Nantes", "Nantes", "Rennes"):
        attempt_with(quiz, [(question, options(question)[choice])])

    html = admin_client.get(url(Question, "change", question.pk)).content.decode()

    assert f"<mark>{citation.excerpt}</mark>" in html
    assert reverse("event_detail", kwargs={"slug": citation.event.slug}) in html
    assert "<td>Lyon (bonne réponse)</td><td>1</td><td>25 %</td>" in html
    assert "<td>Nantes</td><td>2</td><td>50 %</td>" in html
    assert "<td>Lille</td><td>0</td><td>0 %</td>" in html
    assert "trop peu de tentatives" in html


def action(client, name: str, questions: list[Question]):
    return client.post(
        url(Question, "changelist"),
        {"action": name, "_selected_action": [q.pk for q in questions]},
        follow=True,
    )


def test_publish_publishes_questions_that_pass_and_refuses_others_with_their_reasons(
    admin_client,
):
    good = QuestionFactory(status=Question.Status.DRAFT)
    bad = QuestionFactory(
        stem="Trop peu d'options ?", status=Question.Status.DRAFT, choices=["Oui", "Non"]
    )

    html = action(admin_client, "publish", [good, bad]).content.decode()

    assert "1 question publiée." in html
    assert f"« Trop peu d&#x27;options ? » n&#x27;est pas publiée : {OPTION_COUNT}" in html
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.status == Question.Status.PUBLISHED
    assert bad.status == Question.Status.DRAFT
    assert bad.gate_failure_list == [str(OPTION_COUNT)]


def test_publish_keeps_what_the_generator_found_against_the_facts(admin_client):
    reason = "L'option « Nantes » est vraie elle aussi d'après les faits enregistrés."
    question = QuestionFactory(
        status=Question.Status.DRAFT, fingerprint="abc", gate_failures=reason
    )
    action(admin_client, "publish", [question])
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFT
    assert question.gate_failure_list == [reason]


def test_retire_and_reopen(admin_client):
    questions = [QuestionFactory(), QuestionFactory()]
    html = action(admin_client, "retire", questions).content.decode()
    assert "2 questions retirées." in html
    for question in questions:
        question.refresh_from_db()
        assert question.status == Question.Status.RETIRED
        assert question.retired_at is not None

    action(admin_client, "reopen", questions[:1])
    questions[0].refresh_from_db()
    assert questions[0].status == Question.Status.DRAFT
    assert questions[0].retired_at is None


def question_data(question: Question | None = None, **changes: object) -> dict[str, object]:
    """The question form as the admin would post it, with the inline options."""
    data: dict[str, object] = {
        "kind": Kind.MANUAL,
        "stem": "",
        "explanation": "",
        "status": Question.Status.DRAFT,
        "event": "",
        "quote": "",
        "citation": "",
        "choices-TOTAL_FORMS": 4,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    if question is not None:
        data.update(
            kind=question.kind,
            stem=question.stem,
            explanation=question.explanation,
            status=question.status,
        )
        if question.edited:
            data["edited"] = "on"
        choices = list(question.choices.all())
        data["choices-TOTAL_FORMS"] = data["choices-INITIAL_FORMS"] = len(choices)
        for index, choice in enumerate(choices):
            data[f"choices-{index}-id"] = choice.pk
            data[f"choices-{index}-question"] = question.pk
            data[f"choices-{index}-text"] = choice.text
            data[f"choices-{index}-position"] = choice.position
            if choice.is_correct:
                data[f"choices-{index}-is_correct"] = "on"
    data.update(changes)
    return data


def new_question_data(stem: str, texts: list[str], correct: set[int]) -> dict[str, object]:
    data = question_data(stem=stem, explanation="Voir l'article.")
    data["status"] = Question.Status.PUBLISHED
    for index, text in enumerate(texts):
        data[f"choices-{index}-text"] = text
        data[f"choices-{index}-position"] = index
        if index in correct:
            data[f"choices-{index}-is_correct"] = "on"
    return data


def test_a_hand_written_question_with_two_right_options_is_not_published(admin_client):
    data = new_question_data("Quelle ville ?", ["Lyon", "Nantes", "Lille", "Rennes"], {0, 1})

    response = admin_client.post(url(Question, "add"), data, follow=True)

    question = Question.objects.get()
    assert question.status == Question.Status.DRAFT
    assert question.gate_failure_list == [str(NOT_ONE_CORRECT)]
    # Back on the form, with the reason in the message and in the checks.
    assert response.redirect_chain[-1][0] == url(Question, "change", question.pk)
    html = response.content.decode()
    assert "ne passe pas les contrôles : elle reste à relire" in html
    assert html.count(str(NOT_ONE_CORRECT)) == 2


def test_a_hand_written_question_that_passes_is_published(admin_client):
    data = new_question_data("Quelle ville ?", ["Lyon", "Nantes", "Lille", "Rennes"], {0})
    response = admin_client.post(url(Question, "add"), data)
    assert response.status_code == 302
    assert response["Location"] == url(Question, "changelist")
    question = Question.objects.get()
    assert question.status == Question.Status.PUBLISHED
    assert question.gate_failures == ""
    assert question.choices.count() == 4
    assert not question.edited


def test_editing_a_generated_question_marks_it_edited(admin_client):
    question = QuestionFactory(kind=Kind.PLACE, fingerprint="f" * 64)

    admin_client.post(url(Question, "change", question.pk), question_data(question))
    question.refresh_from_db()
    assert not question.edited  # saved unchanged

    data = question_data(question, **{"choices-1-text": "Marseille"})
    response = admin_client.post(url(Question, "change", question.pk), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.edited
    assert question.status == Question.Status.PUBLISHED
    assert "Marseille" in [choice.text for choice in question.choices.all()]


def test_editing_the_stem_of_a_generated_question_marks_it_edited(admin_client):
    question = QuestionFactory(kind=Kind.PLACE, fingerprint="f" * 64)
    data = question_data(question, stem="Dans quelle ville le sommet s'est-il tenu ?")
    admin_client.post(url(Question, "change", question.pk), data)
    question.refresh_from_db()
    assert question.edited


def test_a_published_question_edited_into_a_failing_one_falls_back_to_draft(admin_client):
    question = QuestionFactory()
    data = question_data(question, **{"choices-1-text": "lyon"})
    response = admin_client.post(url(Question, "change", question.pk), data, follow=True)
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFT
    assert "Deux options sont identiques" in question.gate_failures
    assert "elle reste à relire" in response.content.decode()


def test_a_question_with_answers_cannot_be_deleted(admin_client):
    question = QuestionFactory()
    attempt_with(QuizFactory(), [(question, options(question)["Lyon"])])

    response = admin_client.get(url(Question, "delete", question.pk))
    assert response.status_code == 200
    assert "objets liés et protégés" in response.content.decode()
    response = admin_client.post(url(Question, "delete", question.pk), {"post": "yes"})
    assert response.status_code == 200
    assert Question.objects.filter(pk=question.pk).exists()

    html = admin_client.get(url(Question, "changelist")).content.decode()
    assert "delete_selected" not in html


def test_an_answered_option_cannot_be_deleted_from_the_form(admin_client):
    question = QuestionFactory()
    attempt_with(QuizFactory(), [(question, options(question)["Nantes"])])
    data = question_data(question, **{"choices-1-DELETE": "on"})
    response = admin_client.post(url(Question, "change", question.pk), data)
    assert response.status_code == 200
    assert "objets liés et protégés" in response.content.decode()
    assert question.choices.count() == 4


def test_quiz_kinds_are_checkboxes_saved_as_a_list(admin_client):
    QuestionFactory(kind=Kind.DATE)
    QuestionFactory(kind=Kind.PLACE)
    data = {
        "title": "Les dates",
        "slug": "les-dates",
        "description": "",
        "size": 5,
        "kinds": [Kind.DATE, Kind.CHRONOLOGY],
        "mode": Quiz.Mode.EXAM,
        "time_limit": "",
        "published": "on",
    }
    response = admin_client.post(url(Quiz, "add"), data)
    assert response.status_code == 302
    quiz = Quiz.objects.get(slug="les-dates")
    assert quiz.kinds == [Kind.DATE, Kind.CHRONOLOGY]

    html = admin_client.get(url(Quiz, "change", quiz.pk)).content.decode()
    assert 'type="checkbox" name="kinds" value="date"' in html
    assert "1 question publiée dans cette portée." in html
    assert "élargissez la portée" in html


def test_attempts_cannot_be_added_or_edited(admin_client):
    attempt = attempt_with(QuizFactory(), [(q := QuestionFactory(), options(q)["Lyon"])])
    assert admin_client.get(url(Attempt, "add")).status_code == 403
    html = admin_client.get(url(Attempt, "change", attempt.pk)).content.decode()
    assert 'name="display_name"' not in html
    assert "Lyon" in html


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="tentatives-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_export_selected_attempts_as_csv(admin_client):
    quiz = QuizFactory(title="Vladivostok")
    first, second = QuestionFactory(), QuestionFactory()
    kept = attempt_with(
        quiz, [(first, options(first)["Lyon"]), (second, None)], display_name="Alice"
    )
    attempt_with(quiz, [(first, options(first)["Lille"])], display_name="Bob")

    response = admin_client.post(
        url(Attempt, "changelist"), {"action": "export_csv", "_selected_action": [kept.pk]}
    )

    rows = read_csv(response)
    assert rows[0][2] == "nom affiché"
    assert [(row[2], row[7], row[10], row[11]) for row in rows[1:]] == [
        ("Alice", str(first.pk), "Lyon", "oui"),
        ("Alice", str(second.pk), "", "non"),
    ]
    assert {row[0] for row in rows[1:]} == {"Vladivostok"}
    assert {row[1] for row in rows[1:]} == {str(kept.uuid)}


def test_export_the_filtered_attempts_from_the_list(admin_client):
    quiz, other = QuizFactory(), QuizFactory()
    question = QuestionFactory()
    attempt_with(quiz, [(question, options(question)["Lyon"])], display_name="Alice")
    attempt_with(other, [(question, options(question)["Lyon"])], display_name="Bob")
    attempt_with(quiz, [(question, None)], display_name="Chloé", finished=False)

    html = admin_client.get(url(Attempt, "changelist"), {"quiz__id__exact": quiz.pk}).content
    assert f"{url(Attempt, 'export')}?quiz__id__exact={quiz.pk}" in html.decode()

    response = admin_client.get(url(Attempt, "export"), {"quiz__id__exact": quiz.pk})
    assert sorted(row[2] for row in read_csv(response)[1:]) == ["Alice", "Chloé"]
    response = admin_client.get(
        url(Attempt, "export"), {"quiz__id__exact": quiz.pk, "finished": "yes"}
    )
    assert [row[2] for row in read_csv(response)[1:]] == ["Alice"]


def test_the_export_is_for_staff_only(client):
    response = client.get(url(Attempt, "export"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_rebuild_button_posts_to_the_rebuild_view(admin_client):
    html = admin_client.get(url(Question, "changelist")).content.decode()
    assert f'<form method="post" action="{url(Question, "rebuild")}">' in html
    assert "Reconstruire la banque de questions" in html


def test_rebuild_rejects_get(admin_client):
    assert admin_client.get(url(Question, "rebuild")).status_code == 405


def test_rebuild_is_for_staff_only(client):
    response = client.post(url(Question, "rebuild"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_rebuild_needs_the_change_permission(client):
    user = User.objects.create_user("prof", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(user)
    assert client.get(url(Question, "changelist")).status_code == 200
    assert "Reconstruire" not in client.get(url(Question, "changelist")).content.decode()
    assert client.post(url(Question, "rebuild")).status_code == 403


def test_rebuild_builds_the_bank_and_reports(
    admin_client, seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url(Question, "rebuild"))
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=(job.pk,))
    html = admin_client.get(response["Location"]).content.decode()
    assert "Banque de questions :" in html
    assert f'href="{url(Question, "changelist")}"' in html
    generated = Question.objects.exclude(fingerprint="").order_by("pk").first()
    assert generated is not None
    assert admin_client.get(url(Question, "change", generated.pk)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url(Question, "rebuild"))
    again = admin_client.get(response["Location"]).content.decode()
    assert "0 créée(s)" in again


# The kinds with several right answers, two options, pairs or ranks


def kind_data(kind: str, rows: list[dict[str, object]], **changes: object) -> dict[str, object]:
    """A new question of ``kind`` as the add form posts it; each row an option's fields."""
    data = question_data(kind=kind, stem="Une question sur les sommets ?", explanation="Voir.")
    data["status"] = Question.Status.PUBLISHED
    data["choices-TOTAL_FORMS"] = len(rows)
    for index, row in enumerate(rows):
        data[f"choices-{index}-text"] = row["text"]
        data[f"choices-{index}-position"] = index
        for name in ("pair", "rank"):
            if name in row:
                data[f"choices-{index}-{name}"] = row[name]
        if row.get("is_correct"):
            data[f"choices-{index}-is_correct"] = "on"
    data.update(changes)
    return data


def _headers(html: str) -> list[str]:
    inline = html.split('id="choices-group"')[1].split("</thead>")[0]
    return re.findall(r'<th class="column-(\w+)', inline)


def test_the_options_show_pairs_for_matching_and_ranks_for_ordering_only(admin_client):
    matching, ordering = MatchingQuestionFactory(), OrderingQuestionFactory()
    multiple = MultipleQuestionFactory()
    html = {
        name: admin_client.get(url(Question, "change", question.pk)).content.decode()
        for name, question in [
            ("matching", matching),
            ("ordering", ordering),
            ("multiple", multiple),
        ]
    }
    assert _headers(html["matching"]) == ["text", "pair", "is_correct", "position"]
    assert _headers(html["ordering"]) == ["text", "rank", "is_correct", "position"]
    assert _headers(html["multiple"]) == ["text", "is_correct", "position"]
    assert 'value="12 juin 2018"' in html["matching"]
    assert "chacune avec son élément associé" in html["matching"]
    assert "chacune avec son rang dans le bon ordre" in html["ordering"]
    assert "au moins deux bonnes réponses et une fausse" in html["multiple"]
    new = admin_client.get(url(Question, "add")).content.decode()
    assert _headers(new) == ["text", "pair", "rank", "is_correct", "position"]


@pytest.mark.parametrize(
    ("kind", "rows", "message"),
    [
        (
            Kind.MULTIPLE,
            [{"text": t, "is_correct": t == "a"} for t in "abcd"],
            MULTIPLE_TOO_FEW_RIGHT,
        ),
        (Kind.MULTIPLE, [{"text": t, "is_correct": True} for t in "abcd"], MULTIPLE_NO_WRONG),
        (Kind.MULTIPLE, [{"text": t, "is_correct": t < "c"} for t in "abc"], MULTIPLE_COUNT),
        (
            Kind.TRUE_FALSE,
            [{"text": "Oui", "is_correct": True}, {"text": "Non"}],
            TRUE_FALSE_OPTIONS,
        ),
        (
            Kind.TRUE_FALSE,
            [{"text": "Vrai", "is_correct": True}, {"text": "Faux", "is_correct": True}],
            TRUE_FALSE_OPTIONS,
        ),
        (
            Kind.MATCHING,
            [{"text": t, "pair": "" if t == "b" else t * 2, "is_correct": True} for t in "abc"],
            MATCHING_PAIR_MISSING,
        ),
        (
            Kind.MATCHING,
            [{"text": t, "pair": "Même", "is_correct": True} for t in "abc"],
            MATCHING_PAIRS_NOT_DISTINCT,
        ),
        (
            Kind.MATCHING,
            [{"text": t, "pair": t * 2, "is_correct": t != "c"} for t in "abc"],
            ALL_RIGHT_NEEDED,
        ),
        (
            Kind.ORDERING,
            [
                {"text": t, "rank": r, "is_correct": True}
                for t, r in zip("abc", [1, 2, 4], strict=True)
            ],
            ORDERING_RANKS,
        ),
        (
            Kind.ORDERING,
            [
                {"text": t, "rank": r, "is_correct": True}
                for t, r in zip("abc", [1, 1, 2], strict=True)
            ],
            ORDERING_RANKS,
        ),
        (Kind.ORDERING, [{"text": t, "is_correct": True} for t in "abc"], ORDERING_RANKS),
        (
            Kind.ORDERING,
            [{"text": t, "rank": r, "is_correct": True} for t, r in zip("ab", [1, 2], strict=True)],
            ORDERING_COUNT,
        ),
    ],
)
def test_options_that_break_their_kind_s_conventions_are_refused_with_a_message(
    admin_client, kind, rows, message
):
    response = admin_client.post(url(Question, "add"), kind_data(kind, rows))
    assert response.status_code == 200
    assert f'<ul class="errorlist nonform"><li>{message}</li>' in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("kind", "rows"),
    [
        (Kind.MULTIPLE, [{"text": t, "is_correct": t in "ab"} for t in "abcd"]),
        (Kind.TRUE_FALSE, [{"text": "Vrai"}, {"text": "Faux", "is_correct": True}]),
        (Kind.MATCHING, [{"text": t, "pair": t * 2, "is_correct": True} for t in "abc"]),
        (
            Kind.ORDERING,
            [
                {"text": t, "rank": r, "is_correct": True}
                for t, r in zip("abcd", [3, 1, 4, 2], strict=True)
            ],
        ),
    ],
)
def test_a_hand_written_question_of_each_kind_is_published(admin_client, kind, rows):
    response = admin_client.post(url(Question, "add"), kind_data(kind, rows))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == Question.Status.PUBLISHED, question.gate_failures
    assert question.choices.count() == len(rows)


def test_a_question_changed_to_another_kind_is_checked_as_that_kind_and_loses_its_pairs(
    admin_client,
):
    question = MatchingQuestionFactory()
    data = question_data(question, kind=Kind.ORDERING)
    response = admin_client.post(url(Question, "change", question.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert str(ORDERING_RANKS) in html
    assert _headers(html) == ["text", "rank", "is_correct", "position"]

    data |= {f"choices-{i}-rank": i + 1 for i in range(3)}
    response = admin_client.post(url(Question, "change", question.pk), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.kind == Kind.ORDERING
    assert sorted(question.choices.values_list("rank", flat=True)) == [1, 2, 3]
    assert set(question.choices.values_list("pair", flat=True)) == {""}


def test_the_statistics_of_a_several_answer_question_count_the_ticks(admin_client):
    question = MultipleQuestionFactory()
    dupont, curie, martin, _ = options(question).values()
    quiz = QuizFactory()
    attempt_with(quiz, [(question, Response([dupont.pk, curie.pk], True))])
    attempt_with(quiz, [(question, Response([dupont.pk, martin.pk], False))])
    html = admin_client.get(url(Question, "change", question.pk)).content.decode()
    assert "<th>Cochée</th>" in html
    assert "<th>Facilité (réponses entièrement justes)</th><td>50 %</td>" in html
    assert "<td>Jean Dupont (bonne réponse)</td><td>2</td><td>100 %</td>" in html
    assert "<td>Paul Martin</td><td>1</td><td>50 %</td>" in html


def test_the_statistics_of_matching_and_ordering_say_what_they_count(admin_client):
    matching, ordering = MatchingQuestionFactory(), OrderingQuestionFactory()
    matching_html = admin_client.get(url(Question, "change", matching.pk)).content.decode()
    assert "Pas encore de réponse" in matching_html
    a, b, c = options(matching).values()
    attempt_with(
        QuizFactory(),
        [
            (matching, Response({str(a.pk): a.pk, str(b.pk): c.pk, str(c.pk): b.pk}, False)),
            (ordering, Response([], False)),
        ],
    )
    assert (
        "<th>Bien associée</th>"
        in admin_client.get(url(Question, "change", matching.pk)).content.decode()
    )
    assert (
        "<th>À sa place</th>"
        in admin_client.get(url(Question, "change", ordering.pk)).content.decode()
    )


def test_an_attempt_shows_each_answer_in_words_whatever_the_kind(admin_client):
    single, ordering = QuestionFactory(), OrderingQuestionFactory()
    by_rank = sorted(ordering.choices.all(), key=lambda choice: choice.rank)
    attempt = attempt_with(
        QuizFactory(),
        [
            (single, options(single)["Nantes"]),
            (ordering, Response([choice.pk for choice in by_rank], True)),
        ],
    )
    html = admin_client.get(url(Attempt, "change", attempt.pk)).content.decode()
    assert "Nantes" in html
    assert (
        "1. Sommet de Lyon | 2. Sommet de Nantes | 3. Sommet de Lille | 4. Sommet de Rennes" in html
    )


def test_the_question_list_filters_the_new_questions_to_review(admin_client):
    waiting = QuestionFactory(
        stem="Nouvelle question générée ?", status=Question.Status.DRAFT, fingerprint="a" * 64
    )
    QuestionFactory(stem="Question publiée ?", fingerprint="b" * 64)
    QuestionFactory(
        stem="Question refusée ?",
        status=Question.Status.DRAFT,
        fingerprint="c" * 64,
        gate_failures="Il faut 3 ou 4 options.",
    )
    response = admin_client.get(url(Question, "changelist") + "?new=1")
    html = response.content.decode()
    assert "nouvelles questions à relire" in html
    assert waiting.stem in html
    assert "Question publiée ?" not in html
    assert "Question refusée ?" not in html
