"""factory-boy factories for every model. Text is French-like but fictional."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import timezone

from quiz.models import (
    TRUE_FALSE_TEXTS,
    Answer,
    Attempt,
    AttemptQuestion,
    Choice,
    Kind,
    Question,
    Quiz,
)
from summit.models import Actor, Citation, Event, Place, Precision, Quote, Source

SOURCE_TEXT = (
    "Le président Jean Dupont est arrivé lundi à Lyon. "
    "« Nous voulons la paix », a déclaré Jean Dupont devant la presse."
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"article-{n}")
    title = factory.Sequence(lambda n: f"Article numéro {n}")
    outlet = "Le Quotidien du Lycée"
    author = "Camille Martin"
    published_on = datetime.date(2019, 4, 25)
    language = "fr"
    text = SOURCE_TEXT


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"acteur-{n}")
    name = factory.Sequence(lambda n: f"Acteur {n}")
    aliases = ""
    description = "Personnage de test"
    country = "France"
    kind = Actor.Kind.PERSON


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"lieu-{n}")
    name = factory.Sequence(lambda n: f"Ville {n}")
    country = "France"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"evenement-{n}")
    title = factory.Sequence(lambda n: f"Événement {n}")
    summary = "Résumé de l'événement."
    date = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n))
    precision = Precision.DAY
    place = factory.SubFactory(PlaceFactory)
    published = True

    @factory.post_generation
    def actors(self, create: bool, extracted: list[Actor] | None, **kwargs: object) -> None:
        if create and extracted:
            self.actors.set(extracted)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text = "Nous voulons la paix"
    speaker = factory.SubFactory(ActorFactory)
    kind = Quote.Kind.STATEMENT
    said_on = datetime.date(2019, 4, 25)
    published = True


class EventCitationFactory(factory.django.DjangoModelFactory):
    """Cites the whole first sentence of the source for an event."""

    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    event = factory.SubFactory(EventFactory)
    quote = None
    start = 0
    end = factory.LazyAttribute(lambda o: o.source.text.index(".") + 1)


class QuoteCitationFactory(factory.django.DjangoModelFactory):
    """Cites the quote's own words; the source text is built around them."""

    class Meta:
        model = Citation

    quote = factory.SubFactory(QuoteFactory)
    source = factory.SubFactory(
        SourceFactory,
        text=factory.LazyAttribute(
            lambda o: (
                f"« {o.factory_parent.quote.text} », a déclaré "
                f"{o.factory_parent.quote.speaker.name}."
            )
        ),
    )
    event = None
    start = 2
    end = factory.LazyAttribute(lambda o: 2 + len(o.quote.text))


def bulk_corpus(
    *, events: int, quotes_per_event: int = 2, actors: int = 20, start_year: int = 1990
):
    """A large published corpus built fast: factory-built rows saved with bulk_create.

    Each event has two actors, a place, a citation into its own source and ``quotes_per_event``
    quotations with their citations. Dates spread over the years from ``start_year``.
    """
    actor_rows = Actor.objects.bulk_create(ActorFactory.build_batch(actors))
    places = Place.objects.bulk_create(PlaceFactory.build_batch(max(1, actors // 2)))
    sources = Source.objects.bulk_create(SourceFactory.build_batch(max(1, events // 100)))
    built = []
    for index in range(events):
        event = EventFactory.build(
            place=places[index % len(places)],
            date=datetime.date(start_year, 1, 1) + datetime.timedelta(days=index * 3),
        )
        built.append(event)
    event_rows = Event.objects.bulk_create(built)
    through = Event.actors.through
    through.objects.bulk_create(
        through(event_id=event.pk, actor_id=actor_rows[(i + k) % len(actor_rows)].pk)
        for i, event in enumerate(event_rows)
        for k in (0, 1)
    )
    quote_rows = Quote.objects.bulk_create(
        QuoteFactory.build(speaker=actor_rows[i % len(actor_rows)], event=event)
        for i, event in enumerate(event_rows)
        for _ in range(quotes_per_event)
    )
    quote_start = SOURCE_TEXT.index("Nous voulons la paix")
    quote_end = quote_start + len("Nous voulons la paix")
    sentence_end = SOURCE_TEXT.index(".") + 1
    Citation.objects.bulk_create(
        [
            Citation(source=sources[i % len(sources)], event=event, start=0, end=sentence_end)
            for i, event in enumerate(event_rows)
        ]
        + [
            Citation(
                source=sources[i % len(sources)], quote=quote, start=quote_start, end=quote_end
            )
            for i, quote in enumerate(quote_rows)
        ]
    )
    return event_rows


class QuestionFactory(factory.django.DjangoModelFactory):
    """A published hand-written question with four options, the first one right."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    kind = Kind.MANUAL
    stem = factory.Sequence(lambda n: f"Question numéro {n} : quelle ville ?")
    explanation = "Parce que c'est écrit dans l'article."
    status = Question.Status.PUBLISHED

    @factory.post_generation
    def choices(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        """``choices=[...]``: option texts, the first one correct (default: four cities)."""
        if not create:
            return
        texts = extracted or ["Lyon", "Nantes", "Lille", "Rennes"]
        Choice.objects.bulk_create(
            Choice(question=self, text=text, is_correct=index == 0, position=index)
            for index, text in enumerate(texts)
        )


class MultipleQuestionFactory(QuestionFactory):
    """Several right answers: two of four options right."""

    kind = Kind.MULTIPLE
    stem = factory.Sequence(lambda n: f"Quels dirigeants ont participé au sommet numéro {n} ?")
    explanation = "Jean Dupont et Marie Curie y étaient ; Paul Martin et Louise Michel non."

    @factory.post_generation
    def choices(
        self, create: bool, extracted: list[tuple[str, bool]] | None, **kwargs: object
    ) -> None:
        """``choices=[(text, is_correct), ...]``."""
        if not create:
            return
        rows = extracted or [
            ("Jean Dupont", True),
            ("Marie Curie", True),
            ("Paul Martin", False),
            ("Louise Michel", False),
        ]
        Choice.objects.bulk_create(
            Choice(question=self, text=text, is_correct=right, position=index)
            for index, (text, right) in enumerate(rows)
        )


class TrueFalseQuestionFactory(QuestionFactory):
    """A statement, « Vrai » and « Faux »; ``choices=False`` makes the statement false."""

    kind = Kind.TRUE_FALSE
    stem = factory.Sequence(lambda n: f"Le sommet numéro {n} a eu lieu à Lyon.")
    explanation = "L'article situe le sommet à Lyon."

    @factory.post_generation
    def choices(self, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        true = True if extracted is None else bool(extracted)
        Choice.objects.bulk_create(
            Choice(question=self, text=text, is_correct=(index == 0) == true, position=index)
            for index, text in enumerate(TRUE_FALSE_TEXTS)
        )


class MatchingQuestionFactory(QuestionFactory):
    """Three options, each with the item that goes with it."""

    kind = Kind.MATCHING
    stem = factory.Sequence(lambda n: f"Associez chaque sommet numéro {n} à sa date.")
    explanation = "Lyon en 2018, Nantes en 2019, Lille en 2020."

    @factory.post_generation
    def choices(
        self, create: bool, extracted: list[tuple[str, str]] | None, **kwargs: object
    ) -> None:
        """``choices=[(text, pair), ...]``."""
        if not create:
            return
        rows = extracted or [
            ("Sommet de Lyon", "12 juin 2018"),
            ("Sommet de Nantes", "27 février 2019"),
            ("Sommet de Lille", "25 avril 2020"),
        ]
        Choice.objects.bulk_create(
            Choice(question=self, text=text, pair=pair, is_correct=True, position=index)
            for index, (text, pair) in enumerate(rows)
        )


class OrderingQuestionFactory(QuestionFactory):
    """Four events to put in order; ``choices`` lists them in the right order."""

    kind = Kind.ORDERING
    stem = factory.Sequence(lambda n: f"Remettez ces événements numéro {n} dans l'ordre.")
    explanation = "Lyon, puis Nantes, puis Lille, puis Rennes."

    @factory.post_generation
    def choices(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create:
            return
        texts = extracted or [
            "Sommet de Lyon",
            "Sommet de Nantes",
            "Sommet de Lille",
            "Sommet de Rennes",
        ]
        # Stored out of order, so that the position does not give the rank away.
        order = list(reversed(range(len(texts))))
        Choice.objects.bulk_create(
            Choice(question=self, text=texts[rank], rank=rank + 1, is_correct=True, position=n)
            for n, rank in enumerate(order)
        )


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Quiz {n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    description = "Un quiz de test."
    size = 5
    mode = Quiz.Mode.PRACTICE
    published = True


@dataclass(frozen=True)
class Response:
    """A stored response (several right answers, matching, ordering) for ``attempt_with``."""

    value: object
    is_correct: bool


def attempt_with(
    quiz: Quiz,
    answers: list[tuple[Question, Choice | Response | None]],
    *,
    score: int | None = None,
    question_count: int | None = None,
    finished: bool = True,
    display_name: str = "",
) -> Attempt:
    """An attempt that drew the given questions and chose the given options or gave the given
    responses (None: skipped).

    ``score`` defaults to the right answers; it may be set apart to rank the attempt."""
    right = sum(1 for _, choice in answers if choice is not None and choice.is_correct)
    attempt = Attempt.objects.create(
        quiz=quiz,
        session_key="s1",
        display_name=display_name,
        question_count=question_count or len(answers),
        answered_count=sum(1 for _, choice in answers if choice is not None),
        score=right if score is None else score,
        finished_at=timezone.now() if finished else None,
    )
    for position, (question, choice) in enumerate(answers):
        AttemptQuestion.objects.create(
            attempt=attempt,
            question=question,
            position=position,
            choice_order=[c.pk for c in question.choices.all()],
        )
        if isinstance(choice, Response):
            Answer.objects.create(
                attempt=attempt,
                question=question,
                response=choice.value,
                is_correct=choice.is_correct,
            )
        elif choice is not None:
            Answer.objects.create(
                attempt=attempt, question=question, choice=choice, is_correct=choice.is_correct
            )
    return attempt


def options(question: Question) -> dict[str, Choice]:
    return {choice.text: choice for choice in question.choices.all()}


def option_index(attempt: Attempt, position: int, *, correct: bool) -> int:
    """The option number a student posts for a right (or wrong) answer at ``position``."""
    item = attempt.items.get(position=position)
    right = Choice.objects.get(question_id=item.question_id, is_correct=True).pk
    if correct:
        return item.choice_order.index(right)
    return next(i for i, pk in enumerate(item.choice_order) if pk != right)


def answer_data(attempt: Attempt, position: int, *, correct: bool) -> dict[str, object]:
    """What the form posts for a right (or wrong) answer at ``position``, whatever the kind."""
    item = attempt.items.select_related("question").get(position=position)
    choices = {choice.pk: choice for choice in item.question.choices.all()}
    data: dict[str, object] = {"item": position + 1}
    order = item.choice_order
    kind = item.question.kind
    if kind == Kind.MULTIPLE:
        right = [i for i, pk in enumerate(order) if choices[pk].is_correct]
        data["choice"] = right if correct else right[:1]
    elif kind == Kind.MATCHING:
        given = [item.pair_ids.index(pk) for pk in order]
        if not correct:
            given[0], given[1] = given[1], given[0]
        data |= {f"pair-{i}": value for i, value in enumerate(given)}
    elif kind == Kind.ORDERING:
        ranks = [choices[pk].rank for pk in order]
        if not correct:
            ranks[0], ranks[1] = ranks[1], ranks[0]
        data |= {f"rank-{i}": rank for i, rank in enumerate(ranks)}
    else:
        data["choice"] = option_index(attempt, position, correct=correct)
    return data


# Classroom ---------------------------------------------------------------------------------


class TeacherFactory(factory.django.DjangoModelFactory):
    """A staff user in the « Enseignants » group."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"enseignant{n}")
    is_staff = True

    @factory.post_generation
    def in_teachers_group(self, create: bool, extracted: object, **kwargs: object) -> None:
        from classroom.teachers import teachers_group_ensure

        if create:
            self.groups.add(teachers_group_ensure())


class ClassroomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "classroom.Classroom"

    name = factory.Sequence(lambda n: f"Seconde {n}")
    teacher = factory.SubFactory(TeacherFactory)


def session_with(
    questions: int = 3,
    *,
    teacher: object | None = None,
    mode: str = "self_paced",
    deadline: datetime.datetime | None = None,
    quiz: Quiz | None = None,
    seed: int = 1,
) -> object:
    """A session (``classroom.Session``) on a quiz of ``questions`` single-answer questions."""
    import random

    from classroom.sessions import session_create

    if quiz is None:
        quiz = QuizFactory(size=questions)
        QuestionFactory.create_batch(questions)
    return session_create(
        quiz=quiz,
        teacher=teacher or TeacherFactory(),
        mode=mode,
        rng=random.Random(seed),
        deadline=deadline,
    )


class Browser:
    """One student's browser, for the classroom services: each ``request()`` carries the same
    Django session key, as a browser's requests do."""

    def __init__(self) -> None:
        self.store = SessionStore()
        self.store.create()

    def request(self) -> object:
        request = RequestFactory().get("/")
        request.session = SessionStore(session_key=self.store.session_key)
        return request
