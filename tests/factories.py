"""factory-boy factories for every model. Text is French-like but fictional."""

from __future__ import annotations

import datetime

import factory

from summit.models import Actor, Citation, Event, Place, Precision, Quote, Source


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
    text = (
        "Le président Jean Dupont est arrivé lundi à Lyon. "
        "« Nous voulons la paix », a déclaré Jean Dupont devant la presse."
    )


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
