"""Any input on the quiz endpoints: a page, a redirect or a clear 4xx, never a 500.

The seeded corpus and its question bank are built once per test; every example that writes
(starting an attempt, answering, retrying) runs in a savepoint rolled back at its end, so that the
examples do not depend on each other. The client is built with ``raise_request_exception=False``,
so that a crash comes back as a 500 response instead of an exception.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quiz.models import Attempt, Quiz

pytestmark = pytest.mark.django_db

ALLOWED = {200, 204, 301, 302, 400, 403, 404, 405}
HTMX = {"HTTP_HX_REQUEST": "true"}
PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Numbers as a form field can carry them: digits of every script, signs, huge, not numbers.
NUMBERS = st.one_of(
    st.integers(min_value=-5, max_value=15).map(str),
    st.integers().map(str),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            " 1",
            "1 ",
            "01",
            "+1",
            "-0",
            "1.0",
            "1e3",
            "²",
            "¹",
            "٣",
            "１",
            "9" * 30,
            "9" * 5000,
            "\x00",
            "1\x00",
        ]
    ),
)
FIELDS = st.sampled_from(["item", "choice", "display_name", "csrfmiddlewaretoken", "x"])
# A form's fields, any of them missing or repeated.
PAYLOADS = st.lists(st.tuples(FIELDS, NUMBERS), max_size=5).map(
    lambda pairs: {name: [value for key, value in pairs if key == name] for name, _ in pairs}
)


@pytest.fixture
def quizzes(seeded_bank) -> list[str]:
    """The slugs of the seeded quizzes, with the question bank they draw from."""
    slugs = list(Quiz.objects.filter(published=True).values_list("slug", flat=True))
    assert slugs
    return slugs


def _client() -> Client:
    return Client(raise_request_exception=False)


def _start(client: Client, slug: str) -> Attempt:
    response = client.post(f"/quizzes/{slug}/start/")
    assert response.status_code == 302, response.status_code
    return Attempt.objects.get(uuid=response.url.split("/")[2])


class _Rollback(Exception):
    pass


def _rolled_back(run) -> None:
    """Run ``run()`` in a savepoint, then undo whatever it wrote."""
    try:
        with transaction.atomic():
            run()
            raise _Rollback
    except _Rollback:
        pass


@PROPERTY_SETTINGS
@given(
    slug=st.one_of(
        st.text(min_size=1, max_size=80), st.from_regex(r"[-a-z0-9_]{1,80}", fullmatch=True)
    ),
    payload=PAYLOADS,
    htmx=st.booleans(),
)
@example(slug="le-sommet-de-vladivostok", payload={"display_name": ["\x00"]}, htmx=False)
@example(slug="le-sommet-de-vladivostok", payload={"display_name": ["x" * 500]}, htmx=True)
def test_starting_any_quiz_never_fails(quizzes, slug, payload, htmx):
    def run() -> None:
        client = _client()
        path = f"/quizzes/{quote(slug, safe='')}/start/"
        response = client.post(path, payload, **(HTMX if htmx else {}))
        assert response.status_code in ALLOWED, response.status_code
        assert client.get(path).status_code in (404, 405)

    _rolled_back(run)


@PROPERTY_SETTINGS
@given(
    identifier=st.one_of(
        st.uuids().map(str),
        st.uuids().map(lambda value: str(value).upper()),
        st.uuids().map(lambda value: value.hex),
        st.text(min_size=1, max_size=60),
    ),
    action=st.sampled_from(["", "answer/", "retry/"]),
    post=st.booleans(),
    htmx=st.booleans(),
)
@example(identifier=str(uuid.UUID(int=0)), action="", post=False, htmx=False)
def test_any_attempt_address_gives_a_clear_answer(quizzes, identifier, action, post, htmx):
    client = _client()
    path = f"/attempts/{quote(identifier, safe='')}/{action}"
    headers = HTMX if htmx else {}
    response = client.post(path, **headers) if post else client.get(path, **headers)
    assert response.status_code in (404, 405), response.status_code


@settings(PROPERTY_SETTINGS, max_examples=30)
@given(
    quiz_index=st.integers(min_value=0, max_value=5),
    answers=st.lists(st.tuples(PAYLOADS, st.booleans()), min_size=1, max_size=4),
    feedback=st.one_of(st.none(), NUMBERS),
    retry=st.booleans(),
)
@example(
    quiz_index=0, answers=[({"item": ["²"], "choice": ["0"]}, False)], feedback=None, retry=False
)
@example(
    quiz_index=0, answers=[({"item": ["1"], "choice": ["²"]}, True)], feedback=None, retry=False
)
@example(
    quiz_index=0,
    answers=[({"item": ["9" * 5000], "choice": ["0"]}, False)],
    feedback=None,
    retry=False,
)
@example(
    quiz_index=0,
    answers=[({"item": ["1"], "choice": ["9" * 5000]}, False)],
    feedback=None,
    retry=False,
)
@example(
    quiz_index=0,
    answers=[({"item": ["9" * 30], "choice": ["0"]}, False)],
    feedback="9" * 30,
    retry=False,
)
@example(
    quiz_index=0, answers=[({"item": ["1"], "choice": ["0"]}, False)], feedback="¹", retry=True
)
def test_any_answer_to_a_real_attempt_never_fails(quizzes, quiz_index, answers, feedback, retry):
    def run() -> None:
        client = _client()
        attempt = _start(client, quizzes[quiz_index % len(quizzes)])
        base = f"/attempts/{attempt.uuid}/"
        for payload, htmx in answers:
            response = client.post(f"{base}answer/", payload, **(HTMX if htmx else {}))
            assert response.status_code in ALLOWED, response.status_code
        query = {"feedback": feedback} if feedback is not None else {}
        assert client.get(base, query).status_code == 200
        assert client.get(base, query, **HTMX).status_code == 200
        if retry:
            assert client.post(f"{base}retry/").status_code in ALLOWED
        # Another browser gets nothing of this attempt.
        assert _client().post(f"{base}answer/", payload).status_code == 404

    _rolled_back(run)


@settings(PROPERTY_SETTINGS, max_examples=5)
@given(picks=st.lists(st.integers(min_value=0, max_value=3), min_size=12, max_size=12))
def test_finishing_then_retrying_any_way_never_fails(quizzes, picks):
    """Whatever the answers, the results page and « Refaire mes erreurs » work."""

    def run() -> None:
        client = _client()
        attempt = _start(client, quizzes[0])
        base = f"/attempts/{attempt.uuid}/"
        for position in range(attempt.items.count()):
            data = {"item": position + 1, "choice": picks[position % len(picks)]}
            assert client.post(f"{base}answer/", data).status_code in (302, 400)
        assert client.get(base).status_code == 200
        response = client.post(f"{base}retry/")
        assert response.status_code == 302
        assert client.get(response.url).status_code == 200

    _rolled_back(run)


# Fields of every answer form: options ticked, items paired, ranks given.
KIND_FIELDS = st.sampled_from(
    ["choice", "pair-0", "pair-1", "pair-2", "pair-3", "rank-0", "rank-1", "rank-2", "rank-3"]
)
SMALL_NUMBERS = st.one_of(st.integers(min_value=-1, max_value=5).map(str), NUMBERS)
KIND_PAYLOADS = st.lists(st.tuples(KIND_FIELDS, SMALL_NUMBERS), max_size=10).map(
    lambda pairs: {name: [value for key, value in pairs if key == name] for name, _ in pairs}
)


@pytest.fixture
def every_kind(db) -> str:
    """A practice quiz of one question of each kind answered otherwise than by one option."""
    from quiz.models import Kind
    from tests.factories import (
        MatchingQuestionFactory,
        MultipleQuestionFactory,
        OrderingQuestionFactory,
        QuizFactory,
        TrueFalseQuestionFactory,
    )

    for factory in (
        MultipleQuestionFactory,
        TrueFalseQuestionFactory,
        MatchingQuestionFactory,
        OrderingQuestionFactory,
    ):
        factory()
    kinds = [Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.MATCHING, Kind.ORDERING]
    return QuizFactory(slug="types", size=4, kinds=kinds, mode=Quiz.Mode.PRACTICE).slug


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(
    answers=st.lists(
        st.tuples(st.integers(min_value=0, max_value=5), KIND_PAYLOADS, st.booleans()),
        min_size=1,
        max_size=6,
    ),
    retry=st.booleans(),
)
@example(answers=[(1, {"choice": ["0", "0", "1"]}, False)], retry=True)
@example(answers=[(2, {"pair-0": ["0"], "pair-1": ["0"], "pair-2": ["0"]}, True)], retry=False)
@example(answers=[(3, {"rank-0": ["1", "2"], "rank-1": ["²"]}, False)], retry=False)
def test_any_answer_to_any_kind_never_fails(every_kind, answers, retry):
    def run() -> None:
        client = _client()
        attempt = _start(client, every_kind)
        base = f"/attempts/{attempt.uuid}/"
        for item, payload, htmx in answers:
            data = {"item": [str(item)], **payload}
            response = client.post(f"{base}answer/", data, **(HTMX if htmx else {}))
            assert response.status_code in ALLOWED, response.status_code
            assert client.get(base, {"feedback": str(item)}).status_code == 200
        assert client.get(base, **HTMX).status_code == 200
        if retry:
            assert client.post(f"{base}retry/").status_code in ALLOWED

    _rolled_back(run)
