"""The editorial functions: editing or publishing a published fact rebuilds the questions that use
it, in the same transaction, through the admin's change forms and actions alike; past attempts
stay as they were."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quiz.models import Answer, Question
from summit import editorial
from summit.models import Actor, Event, Job, Place, Quote
from tests.factories import QuizFactory, attempt_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(seeded_bank) -> None:
    """The seeded corpus and its question bank (tests/conftest.py)."""


def published(kind: str, **facts: object) -> Question:
    return Question.objects.published().filter(kind=kind, **facts).order_by("pk").first()


def answered(question: Question) -> Answer:
    """A past attempt that answered ``question`` (rightly)."""
    right = question.choices.get(is_correct=True)
    attempt = attempt_with(QuizFactory(), [(question, right)])
    return Answer.objects.get(attempt=attempt)


def assert_kept(answer: Answer) -> None:
    """The past answer still points at the same question and option, graded as it was."""
    again = Answer.objects.select_related("question", "choice").get(pk=answer.pk)
    assert (again.question_id, again.choice_id, again.is_correct) == (
        answer.question_id,
        answer.choice_id,
        answer.is_correct,
    )
    assert again.choice.text == answer.choice.text
    assert again.attempt.items.filter(question_id=answer.question_id).exists()


def event_form(event: Event, **changes: object) -> dict[str, object]:
    citations = list(event.citations.all())
    data: dict[str, object] = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "date": event.date.isoformat(),
        "precision": event.precision,
        "end_date": event.end_date.isoformat() if event.end_date else "",
        "place": event.place_id or "",
        "actors": [actor.pk for actor in event.actors.all()],
        "fact_check_note": event.fact_check_note,
        "citations-TOTAL_FORMS": len(citations),
        "citations-INITIAL_FORMS": len(citations),
        "citations-MIN_NUM_FORMS": 0,
        "citations-MAX_NUM_FORMS": 1000,
        "_save": "Enregistrer",
    }
    for number, citation in enumerate(citations):
        data |= {
            f"citations-{number}-id": citation.pk,
            f"citations-{number}-event": event.pk,
            f"citations-{number}-source": citation.source_id,
            f"citations-{number}-start": citation.start,
            f"citations-{number}-end": citation.end,
        }
    if event.published:
        data["published"] = "on"
    return data | changes


def quote_form(quote: Quote, **changes: object) -> dict[str, object]:
    citations = list(quote.citations.all())
    data: dict[str, object] = {
        "text": quote.text,
        "speaker": quote.speaker_id,
        "kind": quote.kind,
        "said_on": quote.said_on.isoformat() if quote.said_on else "",
        "said_on_basis": quote.said_on_basis,
        "event": quote.event_id or "",
        "citations-TOTAL_FORMS": len(citations),
        "citations-INITIAL_FORMS": len(citations),
        "citations-MIN_NUM_FORMS": 0,
        "citations-MAX_NUM_FORMS": 1000,
        "_save": "Enregistrer",
    }
    for number, citation in enumerate(citations):
        data |= {
            f"citations-{number}-id": citation.pk,
            f"citations-{number}-quote": quote.pk,
            f"citations-{number}-source": citation.source_id,
            f"citations-{number}-start": citation.start,
            f"citations-{number}-end": citation.end,
        }
    if quote.published:
        data["published"] = "on"
    return data | changes


def save(client, url: str, data: dict[str, object]) -> list[str]:
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert not response.context.get("errors"), response.context.get("errors")
    return [str(message) for message in response.context["messages"]]


def test_editing_a_published_events_date_replaces_its_date_question(admin_client, bank):
    question = published("date", event__isnull=False)
    event = question.event
    answer = answered(question)
    old_key = question.choices.get(is_correct=True).text
    new_date = event.date.replace(year=event.date.year - 3)
    url = reverse("admin:summit_event_change", args=[event.pk])

    messages = save(admin_client, url, event_form(event, date=new_date.isoformat()))

    assert any(message.startswith("Banque de questions") for message in messages)
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    # The old date is nowhere the right answer any more; a new question, if the gates let one
    # through, has the new one.
    date_questions = Question.objects.published().filter(kind="date", event=event)
    assert not date_questions.filter(choices__is_correct=True, choices__text=old_key).exists()
    for replacement in date_questions:
        assert str(new_date.year) in replacement.choices.get(is_correct=True).text
    assert_kept(answer)


def test_editing_a_published_events_place_replaces_its_place_question(admin_client, bank):
    question = published("place", event__isnull=False)
    event = question.event
    answer = answered(question)
    other = Place.objects.exclude(pk=event.place_id).exclude(events__isnull=False).first()
    other = other or Place.objects.create(slug="geneve", name="Genève", country="Suisse")
    url = reverse("admin:summit_event_change", args=[event.pk])

    save(admin_client, url, event_form(event, place=other.pk))

    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    assert (
        not Question.objects.published()
        .filter(kind="place", event=event)
        .exclude(choices__is_correct=True, choices__text__icontains=other.name)
        .exists()
    )
    assert_kept(answer)


def test_editing_a_published_events_actors_rebuilds_the_questions_that_use_them(admin_client, bank):
    event = Event.objects.published().filter(questions__status="published").distinct().first()
    before = set(Question.objects.published().filter(event=event).values_list("pk", flat=True))
    newcomer = Actor.objects.create(slug="ban-ki-moon", name="Ban Ki-moon", country="Corée")
    actors = [*event.actors.values_list("pk", flat=True), newcomer.pk]
    url = reverse("admin:summit_event_change", args=[event.pk])

    messages = save(admin_client, url, event_form(event, actors=actors))

    assert any(message.startswith("Banque de questions") for message in messages)
    assert list(event.actors.order_by("slug").values_list("slug", flat=True)).count("ban-ki-moon")
    after = set(Question.objects.published().filter(event=event).values_list("pk", flat=True))
    # Questions that read the event's actors were replaced; none is left on the old actors only.
    assert Question.objects.filter(pk__in=before - after, status="retired").count() == len(
        before - after
    )


def test_changing_a_published_quotes_speaker_replaces_its_speaker_question(admin_client, bank):
    question = published("speaker", quote__isnull=False)
    quote = question.quote
    answer = answered(question)
    other = (
        Actor.objects.filter(is_draft=False, quotes__published=True)
        .exclude(pk=quote.speaker_id)
        .distinct()
        .first()
    )
    url = reverse("admin:summit_quote_change", args=[quote.pk])

    save(admin_client, url, quote_form(quote, speaker=other.pk))

    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    replacement = published("speaker", quote=quote)
    if replacement is not None:
        assert replacement.choices.get(is_correct=True).text == other.name
    assert_kept(answer)


def test_a_teachers_date_is_marked_as_checked(admin_client, bank):
    quote = Quote.objects.published().exclude(said_on=None).first()
    url = reverse("admin:summit_quote_change", args=[quote.pk])
    new_date = quote.said_on.replace(day=1)
    save(admin_client, url, quote_form(quote, said_on=new_date.isoformat()))
    quote.refresh_from_db()
    assert quote.said_on == new_date
    assert quote.said_on_basis == Quote.DateBasis.EDITOR


def test_renaming_a_reviewed_actor_rebuilds_the_bank(admin_client, bank):
    actor = Actor.objects.filter(is_draft=False, quotes__published=True).distinct().first()
    url = reverse("admin:summit_actor_change", args=[actor.pk])
    data = {
        "name": actor.name + " (renommé)",
        "slug": actor.slug,
        "kind": actor.kind,
        "country": actor.country,
        "description": actor.description,
        "aliases": actor.aliases,
        "_save": "Enregistrer",
    }
    messages = save(admin_client, url, data)
    assert any(message.startswith("Banque de questions") for message in messages)
    actor.refresh_from_db()
    assert actor.name.endswith("(renommé)")


def test_unpublishing_through_the_action_retires_and_keeps_past_attempts(admin_client, bank):
    question = published("date", event__isnull=False)
    answer = answered(question)
    response = admin_client.post(
        reverse("admin:summit_event_changelist"),
        {"action": "unpublish", "_selected_action": [question.event_id]},
        follow=True,
    )
    assert "1 élément dépublié." in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    assert_kept(answer)


# The functions themselves


def test_publishing_what_is_already_published_changes_nothing(bank):
    events = Event.objects.published()
    result = editorial.content_publish(events=events, published=True)
    assert (result.changed, result.bank) == (0, None)


def test_the_bank_and_the_publication_change_together_or_not_at_all(bank, monkeypatch):
    event = Event.objects.published().first()

    def failing(**kwargs: object) -> None:
        raise RuntimeError("bank build failed")

    monkeypatch.setattr(editorial, "question_bank_build", failing)
    with pytest.raises(RuntimeError):
        editorial.content_publish(events=[event], published=False)
    event.refresh_from_db()
    assert event.published


def test_marking_actors_reviewed_and_back(bank):
    actor = Actor.objects.create(slug="brouillon", name="Brouillon", is_draft=True)
    assert editorial.content_publish(actors=[actor], published=True).changed == 1
    actor.refresh_from_db()
    assert not actor.is_draft
    assert editorial.content_publish(actors=[actor], published=False).changed == 1
    actor.refresh_from_db()
    assert actor.is_draft


def test_a_draft_actors_edit_or_an_unpublished_facts_edit_does_not_rebuild(bank):
    draft = Actor.objects.create(slug="brouillon", name="Brouillon", is_draft=True)
    assert editorial.fact_saved(fact=draft, changed={"name"}) is None
    event = Event.objects.published().first()
    event.published = False
    assert editorial.fact_saved(fact=event, changed={"date"}) is None
    assert editorial.fact_saved(fact=event, changed={"published"}) is not None
    event.published = True
    assert editorial.fact_saved(fact=event, changed={"slug"}) is None
    assert editorial.fact_saved(fact=event, changed={"date"}) is not None


def test_deleting_a_published_event_in_the_admin_retires_its_questions(admin_client, bank):
    question = published("date", event__isnull=False)
    event = question.event
    answer = answered(question)
    url = reverse("admin:summit_event_delete", args=[event.pk])
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert not Event.objects.filter(pk=event.pk).exists()
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    assert_kept(answer)


def test_marking_draft_actors_reviewed_from_the_list_rebuilds_the_bank(
    admin_client, bank, django_capture_on_commit_callbacks
):
    draft = Actor.objects.create(slug="brouillon", name="Brouillon", is_draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:summit_actor_changelist"),
            {"action": "mark_reviewed", "_selected_action": [draft.pk]},
        )
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    page = admin_client.get(response["Location"])
    messages = [str(message) for message in page.context["messages"]]
    assert "1 acteur vérifié." in messages
    assert job.kind == "bank_rebuild"
    assert '<p class="job-summary">Banque de questions' in page.content.decode()
    draft.refresh_from_db()
    assert not draft.is_draft


# The admin's actions: the bank rebuilt by the worker


def test_a_later_rebuild_withdraws_the_unpublished_questions_at_once(
    bank, django_capture_on_commit_callbacks
):
    question = published("date", event__isnull=False)
    event = question.event
    with django_capture_on_commit_callbacks(execute=False) as queued:
        result = editorial.content_publish(events=[event], published=False, rebuild_later=True)
    assert result.changed == 1
    assert result.bank is None
    assert result.job is not None
    assert result.job.state == Job.State.QUEUED
    assert len(queued) == 1
    # Gone from the quizzes before the worker ran, retired as the build retires.
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    assert question.retired_by_bank
    assert result.withdrawn == Question.objects.filter(event=event, retired_by_bank=True).count()
    queued[0]()  # the worker runs the rebuild
    result.job.refresh_from_db()
    assert result.job.state == Job.State.DONE
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    # Published again, the rebuild brings the same question back.
    with django_capture_on_commit_callbacks(execute=True):
        again = editorial.content_publish(events=[event], published=True, rebuild_later=True)
    assert again.withdrawn == 0
    again.job.refresh_from_db()
    assert again.job.state == Job.State.DONE
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED


def test_a_later_rebuild_leaves_questions_edited_by_hand(bank):
    question = published("date", event__isnull=False)
    Question.objects.filter(pk=question.pk).update(edited=True)
    editorial.content_publish(events=[question.event], published=False, rebuild_later=True)
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED


def test_an_action_sends_the_teacher_to_the_rebuild_s_page_without_rebuilding(
    admin_client, bank, django_capture_on_commit_callbacks, monkeypatch
):
    event = Event.objects.published().first()

    def in_the_request(**kwargs: object) -> None:
        raise AssertionError("the bank is rebuilt by the worker, not in the request")

    monkeypatch.setattr(editorial, "question_bank_build", in_the_request)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = admin_client.post(
            reverse("admin:summit_event_changelist"),
            {"action": "unpublish", "_selected_action": [event.pk]},
        )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert len(queued) == 1
    page = admin_client.get(response["Location"]).content.decode()
    assert "En attente" in page
    assert 'id="job-progress"' in page
    event.refresh_from_db()
    assert not event.published


def test_an_action_that_changes_nothing_queues_nothing(admin_client, bank):
    event = Event.objects.published().first()
    response = admin_client.post(
        reverse("admin:summit_event_changelist"),
        {"action": "publish", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "0 éléments publiés." in response.content.decode()
    assert not Job.objects.exists()
