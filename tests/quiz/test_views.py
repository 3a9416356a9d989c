from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quiz import views as quiz_views
from quiz.attempts import (
    ALREADY_ANSWERED,
    ATTEMPT_FINISHED,
    NO_PUBLISHED_QUESTION,
    NOT_AN_OPTION,
    NOT_IN_ATTEMPT,
    NOTHING_TO_RETRY,
    PAIR_EVERY_ITEM,
    PAIR_USED_TWICE,
    RANK_EVERY_ITEM,
    RANK_OUT_OF_RANGE,
    RANK_USED_TWICE,
    TICK_AN_OPTION,
    TIME_IS_UP,
    attempt_answer,
)
from quiz.models import Answer, Attempt, Choice, Question, Quiz
from quiz.templatetags.quiz import french_spacing
from quiz.views import ATTEMPT_NOT_FOUND, CHOOSE_AN_OPTION, QUIZ_NOT_FOUND
from summit.versioning import forget_content_version
from tests.factories import (
    EventFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
    TrueFalseQuestionFactory,
    answer_data,
    option_index,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _html(response) -> str:
    return response.content.decode()


def _questions(count: int) -> list[Question]:
    """Questions with their evidence: a quotation's sentence and the event it was said at."""
    event = EventFactory(title="Sommet de Lyon")
    questions = []
    for n in range(count):
        quote = QuoteFactory(text=f"Nous voulons la paix numéro {n}", event=event)
        citation = QuoteCitationFactory(quote=quote)
        questions.append(QuestionFactory(citation=citation, event=event))
    return questions


def _start(client: Client, quiz: Quiz) -> Attempt:
    response = client.post(f"/quizzes/{quiz.slug}/start/")
    assert response.status_code == 302
    return Attempt.objects.select_related("quiz").get(uuid=response.url.split("/")[2])


def _answer(client: Client, attempt: Attempt, position: int, *, correct: bool, **extra):
    index = option_index(attempt, position, correct=correct)
    data = {"item": position + 1, "choice": index}
    return client.post(f"/attempts/{attempt.uuid}/answer/", data, **extra)


@pytest.fixture
def practice() -> Quiz:
    _questions(3)
    return QuizFactory(title="Entraînement sur Lyon", size=3, mode=Quiz.Mode.PRACTICE)


@pytest.fixture
def exam() -> Quiz:
    _questions(3)
    return QuizFactory(title="Examen sur Lyon", size=3, mode=Quiz.Mode.EXAM)


# The list


def test_the_list_shows_each_published_quiz_with_its_facts_and_a_start_form(client):
    QuizFactory(
        title="Le sommet de Vladivostok",
        slug="vladivostok",
        description="Kim Jong-un rencontre Vladimir Poutine.",
        size=8,
        mode=Quiz.Mode.EXAM,
        time_limit=10,
    )
    QuizFactory(title="Brouillon", published=False)

    response = client.get("/quizzes/")

    html = _html(response)
    assert response.status_code == 200
    assert '<h2 id="quiz-vladivostok" lang="fr">Le sommet de Vladivostok</h2>' in html
    assert "Kim Jong-un rencontre Vladimir Poutine." in html
    assert "<li>8 questions</li>" in html
    assert "Examen : la correction à la fin" in html
    assert "<li>10 minutes</li>" in html
    assert '<form class="quiz-start" method="post" action="/quizzes/vladivostok/start/">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label for="display-name-vladivostok">Votre nom (facultatif)</label>' in html
    assert "Brouillon" not in html
    assert '<a href="/quizzes/" aria-current="page">Quiz</a>' in html


def test_the_list_kept_once_rendered_shows_a_teacher_s_edit_and_each_request_s_token(client):
    quiz = QuizFactory(title="Le sommet de Hanoï", size=8)
    first = _html(client.get("/quizzes/"))
    assert "<li>8 questions</li>" in first

    Quiz.objects.filter(pk=quiz.pk).update(size=12, description="Deux jours à Hanoï.")
    QuizFactory(title="Le sommet de Singapour")
    other = Client(enforce_csrf_checks=True)
    edited = _html(other.get("/quizzes/"))

    assert "<li>12 questions</li>" in edited
    assert "Deux jours à Hanoï." in edited
    assert "Le sommet de Singapour" in edited
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', edited))
    # One token for the page (its header and each card's form), not the first visitor's.
    assert len(tokens) == 1
    assert tokens.isdisjoint(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first))
    start = other.post(
        f"/quizzes/{quiz.slug}/start/", {"csrfmiddlewaretoken": tokens.pop(), "display_name": ""}
    )
    assert start.status_code == 302


def test_the_list_sent_back_with_an_error_is_not_the_one_kept(client):
    quiz = QuizFactory(title="Le sommet de Hanoï")
    QuestionFactory()
    client.get("/quizzes/")

    response = client.post(f"/quizzes/{quiz.slug}/start/", {"display_name": "x" * 200})

    assert response.status_code == 400
    assert 'class="form-errors" role="alert"' in _html(response)
    assert 'class="form-errors"' not in _html(client.get("/quizzes/"))


def test_the_list_says_when_no_quiz_is_open(client):
    assert "Aucun quiz n’est ouvert pour le moment." in _html(client.get("/quizzes/"))


def test_the_list_is_the_whole_page_with_htmx_too(client):
    QuizFactory(title="Le sommet de Hanoï")
    html = _html(client.get("/quizzes/", **HTMX))
    assert "<html" in html
    assert "Le sommet de Hanoï" in html


def test_the_list_refuses_post(client):
    assert client.post("/quizzes/").status_code == 405


def test_the_list_runs_the_same_queries_whatever_the_number_of_quizzes(
    client, django_assert_num_queries
):
    QuizFactory()
    with django_assert_num_queries(1):
        client.get("/quizzes/")
    QuizFactory.create_batch(20)
    with django_assert_num_queries(1):
        client.get("/quizzes/")


# Starting


def test_starting_binds_an_attempt_to_this_browser_and_redirects_to_it(client, practice):
    response = client.post(f"/quizzes/{practice.slug}/start/", {"display_name": " Léa "})

    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response.url == f"/attempts/{attempt.uuid}/"
    assert attempt.session_key == client.session.session_key
    assert attempt.display_name == "Léa"
    assert attempt.question_count == 3


def test_starting_with_htmx_redirects_the_whole_page(client, practice):
    response = client.post(f"/quizzes/{practice.slug}/start/", **HTMX)
    attempt = Attempt.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/attempts/{attempt.uuid}/"


def test_an_expired_session_is_replaced_before_an_attempt_is_bound_to_it(client, practice):
    first = _start(client, practice)
    client.session.delete(first.session_key)
    second = _start(client, practice)
    assert second.session_key != first.session_key
    assert client.get(f"/attempts/{second.uuid}/").status_code == 200


def test_starting_twice_gives_two_attempts_in_the_same_session(client, practice):
    first, second = _start(client, practice), _start(client, practice)
    assert first.uuid != second.uuid
    assert first.session_key == second.session_key


def test_a_too_long_display_name_is_refused_with_a_message(client, practice):
    response = client.post(f"/quizzes/{practice.slug}/start/", {"display_name": "x" * 81})
    assert response.status_code == 400
    assert "Assurez-vous que cette valeur comporte au plus 80 caractères" in _html(response)
    assert not Attempt.objects.exists()


def test_starting_a_quiz_without_questions_says_so_on_the_list(client):
    quiz = QuizFactory()
    response = client.post(f"/quizzes/{quiz.slug}/start/", follow=True)
    assert response.redirect_chain == [("/quizzes/", 302)]
    assert str(NO_PUBLISHED_QUESTION) in _html(response)
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("slug", ["inconnu", "brouillon"])
def test_an_unknown_or_closed_quiz_cannot_start(client, slug):
    QuizFactory(slug="brouillon", published=False)
    response = client.post(f"/quizzes/{slug}/start/")
    assert response.status_code == 404
    assert str(QUIZ_NOT_FOUND) in _html(response)
    assert '<a href="/quizzes/">Voir la liste des quiz</a>' in _html(response)


def test_starting_refuses_get(client, practice):
    assert client.get(f"/quizzes/{practice.slug}/start/").status_code == 405


def test_starting_without_the_csrf_token_is_a_readable_403(practice):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/quizzes/{practice.slug}/start/")
    assert response.status_code == 403
    assert "<h1>Formulaire expiré</h1>" in _html(response)
    assert not Attempt.objects.exists()


def test_starting_runs_the_same_queries_whatever_the_size_of_the_bank(
    client, django_assert_num_queries
):
    QuestionFactory.create_batch(5)
    quiz = QuizFactory(size=5)
    _start(client, quiz)
    with django_assert_num_queries(13):
        _start(client, quiz)
    QuestionFactory.create_batch(50)
    with django_assert_num_queries(13):
        _start(client, quiz)


# A question


def test_the_page_shows_the_first_question_as_a_form(client, practice):
    attempt = _start(client, practice)
    item = attempt.items.get(position=0)
    question = Question.objects.get(pk=item.question_id)

    response = client.get(f"/attempts/{attempt.uuid}/")

    html = _html(response)
    assert response.status_code == 200
    assert '<h1 lang="fr">Entraînement sur Lyon</h1>' in html
    action = f"/attempts/{attempt.uuid}/answer/"
    assert f'<form class="quiz-question" method="post" action="{action}"' in html
    assert f'data-hx-post="/attempts/{attempt.uuid}/answer/" data-hx-target="#attempt"' in html
    assert f'<legend lang="fr">{french_spacing(question.stem)}</legend>' in html
    assert html.count('type="radio" name="choice"') == 4
    assert '<input type="hidden" name="item" value="1">' in html
    assert "Question 1 sur 3</h2>" in html
    assert '<progress max="3" value="0" aria-labelledby="question-number">' in html
    assert "Temps restant" not in html
    assert "bonne réponse" not in html.lower()


def test_the_options_come_in_the_order_of_the_attempt(client, practice):
    attempt = _start(client, practice)
    item = attempt.items.get(position=0)
    texts = dict(Choice.objects.filter(question_id=item.question_id).values_list("pk", "text"))

    html = _html(client.get(f"/attempts/{attempt.uuid}/"))

    shown = re.findall(r'name="choice" value="(\d)" required> <span>([^<]+)</span>', html)
    assert shown == [(str(i), texts[pk]) for i, pk in enumerate(item.choice_order)]


def test_the_page_of_a_question_does_not_tell_which_option_is_right(client):
    QuestionFactory.create_batch(1)
    quiz = QuizFactory(size=1)
    positions = Counter()
    for _ in range(24):
        attempt = _start(client, quiz)
        html = _html(client.get(f"/attempts/{attempt.uuid}/"))
        options = re.findall(r'<label class="quiz-option">.*?</label>', html)
        assert len(options) == 4
        # Every option is the same markup but for its number and text.
        skeletons = {re.sub(r'value="\d"|<span>[^<]*</span>', "", option) for option in options}
        assert len(skeletons) == 1
        right = Choice.objects.get(is_correct=True).text
        positions[next(i for i, o in enumerate(options) if f"<span>{right}</span>" in o)] += 1
        assert "is_correct" not in html
        form = html.split('<form class="quiz-question"')[1].split("</form>")[0]
        assert not re.search(r"data-(?!hx-)", form), "only htmx's attributes use data-"
    assert len(positions) > 1, "the right option is not always at the same place"


def test_a_timed_quiz_shows_the_time_left(client):
    QuestionFactory.create_batch(2)
    quiz = QuizFactory(size=2, time_limit=10)
    attempt = _start(client, quiz)
    html = _html(client.get(f"/attempts/{attempt.uuid}/"))
    assert "Temps restant : <time" in html
    assert re.search(r'<time datetime="PT(9M5\dS|10M0S)" data-deadline="[^"]+"', html)
    assert re.search(r">(9 min 5\d s|10 min 00 s)</time>", html)
    # When the page's clock reaches zero, in ISO 8601 and the site's time zone.
    deadline = timezone.localtime(attempt.started_at + datetime.timedelta(minutes=10))
    assert f'data-deadline="{deadline.isoformat()}"' in html


def test_with_htmx_the_page_returns_only_the_attempt_region(client, practice):
    attempt = _start(client, practice)
    response = client.get(f"/attempts/{attempt.uuid}/", **HTMX)
    html = _html(response)
    assert html.lstrip().startswith('<div id="attempt" class="attempt">')
    assert "<html" not in html
    assert "Question 1 sur 3</h2>" in html
    assert " autofocus>" in html
    assert "HX-Request" in response["Vary"]


def test_another_browser_cannot_see_an_attempt(client, practice):
    attempt = _start(client, practice)
    response = Client().get(f"/attempts/{attempt.uuid}/")
    assert response.status_code == 404
    assert str(ATTEMPT_NOT_FOUND) in _html(response)


def test_an_unknown_attempt_is_a_clear_404(client, practice):
    _start(client, practice)
    response = client.get("/attempts/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    assert str(ATTEMPT_NOT_FOUND) in _html(response)


def test_the_attempt_page_refuses_post(client, practice):
    attempt = _start(client, practice)
    assert client.post(f"/attempts/{attempt.uuid}/").status_code == 405


@pytest.mark.parametrize("htmx", [False, True])
def test_a_question_runs_the_same_queries_whatever_the_size_of_the_quiz(
    client, django_assert_num_queries, htmx
):
    QuestionFactory.create_batch(30)
    small, large = _start(client, QuizFactory(size=2)), _start(client, QuizFactory(size=30))
    extra = HTMX if htmx else {}
    for attempt in (small, large):
        _answer(client, attempt, 0, correct=True)
        # The attempt with its quiz, its current question and that question's options.
        with django_assert_num_queries(1):
            client.get(f"/attempts/{attempt.uuid}/", **extra)


def test_an_answer_reads_the_attempt_once_and_writes_in_one_transaction(client, exam):
    attempt = _start(client, exam)
    data = answer_data(attempt, 0, correct=True)

    with CaptureQueriesContext(connection) as queries:
        response = _post(client, attempt, data, **HTMX)

    assert response.status_code == 200
    statements = [query["sql"].split(None, 1)[0].upper() for query in queries]
    # The attempt with the question answered and the next one, each with its options.
    assert statements.count("SELECT") == 1
    if connection.vendor == "postgresql":
        # Counted and stored by one statement, its UPDATE feeding its INSERT.
        (write,) = [query["sql"] for query in queries if query["sql"].startswith("WITH")]
        assert write.index("UPDATE") < write.index("INSERT")
    else:
        assert statements.count("INSERT") == 1
        assert statements.count("UPDATE") == 1
    # The answer's transaction (here a savepoint in the test's), with none of its own inside.
    assert statements.count("SAVEPOINT") == 1
    assert Answer.objects.get().is_correct


def test_in_an_exam_an_answer_sends_the_next_question_read_with_it(client, exam):
    attempt = _start(client, exam)
    _answer(client, attempt, 0, correct=True, **HTMX)

    response = _answer(client, attempt, 1, correct=False, **HTMX)

    html = _html(response)
    assert "Question 3 sur 3" in html
    third = attempt.items.get(position=2)
    assert french_spacing(third.question.stem) in html


def test_an_answer_recorded_in_between_makes_the_next_question_read_again(
    client, exam, monkeypatch
):
    attempt = _start(client, exam)
    read = quiz_views.attempt_with_item_and_next

    def read_while_another_tab_answers_the_second_question(**kwargs):
        found = read(**kwargs)
        other = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
        second = other.items.get(position=1)
        right = Choice.objects.get(question_id=second.question_id, is_correct=True)
        assert attempt_answer(attempt=other, item=second, choice_id=right.pk).recorded
        return found

    monkeypatch.setattr(
        quiz_views, "attempt_with_item_and_next", read_while_another_tab_answers_the_second_question
    )
    response = _answer(client, attempt, 0, correct=True, **HTMX)

    # Not the second question, read with the answer but answered since: the third.
    assert "Question 3 sur 3" in _html(response)
    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score) == (2, 2)


# Answering in practice mode


def test_in_practice_an_answer_redirects_to_its_feedback(client, practice):
    attempt = _start(client, practice)

    response = _answer(client, attempt, 0, correct=True)

    assert response.status_code == 302
    assert response.url == f"/attempts/{attempt.uuid}/?feedback=1"
    assert Answer.objects.get().is_correct


def test_the_feedback_shows_the_verdict_the_right_answer_and_the_evidence(client, practice):
    attempt = _start(client, practice)
    item = attempt.items.get(position=0)
    question = Question.objects.select_related("citation__source", "event").get(pk=item.question_id)
    _answer(client, attempt, 0, correct=False)

    html = _html(client.get(f"/attempts/{attempt.uuid}/?feedback=1"))

    assert '<span aria-hidden="true">✗</span> Mauvaise réponse</h2>' in html
    assert '<section class="quiz-feedback is-wrong"' in html
    assert re.search(
        r'<li class="is-right">\s*<span class="quiz-icon" aria-hidden="true">✓</span>\s*'
        r'<span class="quiz-option-body"><span class="quiz-option-text" lang="fr">Lyon</span> '
        r'<span class="quiz-tag">bonne réponse',
        html,
    )
    assert '<span class="quiz-tag">votre réponse</span>' in html
    assert (
        '<strong>Explication :</strong> <span lang="fr">Parce que c&#x27;est écrit dans '
        "l&#x27;article.</span>" in html
    )
    quote = question.citation.quote.text
    assert f'<blockquote lang="fr"><p>« <mark>{quote}</mark> », a déclaré' in html
    source = question.citation.source
    assert f'<a href="/sources/{source.slug}/#citation-{question.citation.pk}">' in html
    assert (
        f'<a href="/events/{question.event.slug}/">Voir dans la frise : '
        '<span lang="fr">Sommet de Lyon</span></a>' in html
    )
    assert f'<a class="button" href="/attempts/{attempt.uuid}/" data-hx-get=' in html
    assert "Question suivante</a>" in html
    assert "Question 1 sur 3</p>" in html


def test_a_right_answer_says_so_in_words_and_with_an_icon(client, practice):
    attempt = _start(client, practice)
    _answer(client, attempt, 0, correct=True)
    html = _html(client.get(f"/attempts/{attempt.uuid}/?feedback=1"))
    assert '<span aria-hidden="true">✓</span> Bonne réponse</h2>' in html


def test_in_practice_with_htmx_the_feedback_replaces_the_question(client, practice):
    attempt = _start(client, practice)

    response = _answer(client, attempt, 0, correct=True, **HTMX)

    html = _html(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="attempt" class="attempt">')
    assert "Bonne réponse</h2>" in html
    assert 'id="feedback-title" class="quiz-verdict" tabindex="-1" autofocus' in html
    assert response["HX-Push-Url"] == f"/attempts/{attempt.uuid}/?feedback=1"


def test_the_next_question_comes_after_the_feedback(client, practice):
    attempt = _start(client, practice)
    _answer(client, attempt, 0, correct=True)
    html = _html(client.get(f"/attempts/{attempt.uuid}/"))
    assert "Question 2 sur 3</h2>" in html
    assert '<input type="hidden" name="item" value="2">' in html


def test_the_feedback_on_the_last_question_leads_to_the_results(client, practice):
    attempt = _start(client, practice)
    for position in range(3):
        _answer(client, attempt, position, correct=True)
    html = _html(client.get(f"/attempts/{attempt.uuid}/?feedback=3"))
    assert "Bonne réponse</h2>" in html
    assert f'<a class="button" href="/attempts/{attempt.uuid}/">Voir mes résultats</a>' in html


def test_the_feedback_of_a_question_not_answered_yet_is_the_question(client, practice):
    attempt = _start(client, practice)
    html = _html(client.get(f"/attempts/{attempt.uuid}/?feedback=2"))
    assert "Question 1 sur 3</h2>" in html
    assert "Mauvaise réponse" not in html


# Answering in exam mode


def test_in_an_exam_an_answer_leads_to_the_next_question_without_feedback(client, exam):
    attempt = _start(client, exam)

    response = _answer(client, attempt, 0, correct=False, follow=True)

    html = _html(response)
    assert response.redirect_chain == [(f"/attempts/{attempt.uuid}/", 302)]
    assert "Question 2 sur 3</h2>" in html
    assert "Mauvaise réponse" not in html
    assert "bonne réponse" not in html


def test_in_an_exam_with_htmx_the_next_question_replaces_the_answered_one(client, exam):
    attempt = _start(client, exam)
    response = _answer(client, attempt, 0, correct=False, **HTMX)
    html = _html(response)
    assert html.lstrip().startswith('<div id="attempt" class="attempt">')
    assert "Question 2 sur 3</h2>" in html
    assert "HX-Push-Url" not in response


BODY_TOKEN = re.compile(r"""<body data-hx-headers='\{"X-CSRFToken": "([^"]+)"\}'>""")
FIELD_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_question_swapped_in_by_htmx_posts_with_the_page_s_header_token(exam):
    client = Client(enforce_csrf_checks=True)
    token = FIELD_TOKEN.search(_html(client.get("/quizzes/"))).group(1)
    response = client.post(f"/quizzes/{exam.slug}/start/", {"csrfmiddlewaretoken": token})
    attempt = Attempt.objects.get(uuid=response.url.split("/")[2])
    page = _html(client.get(response.url))
    # Without JavaScript, the form carries the token.
    assert FIELD_TOKEN.search(page.split('<form class="quiz-question"')[1])
    header = {"HTTP_X_CSRFTOKEN": BODY_TOKEN.search(page).group(1), **HTMX}
    url = f"/attempts/{attempt.uuid}/answer/"

    for position in (0, 1):
        index = option_index(attempt, position, correct=True)
        response = client.post(url, {"item": position + 1, "choice": index}, **header)
        html = _html(response)
        assert response.status_code == 200
        assert f"Question {position + 2} sur 3</h2>" in html
        # Sent by htmx, the next answer carries the header: no field, no cookie renewed.
        assert "csrfmiddlewaretoken" not in html
        assert "csrftoken" not in response.cookies

    index = option_index(attempt, 2, correct=True)
    refused = client.post(url, {"item": 3, "choice": index}, **HTMX)
    assert refused.status_code == 403
    assert Attempt.objects.get(pk=attempt.pk).answered_count == 2


def test_in_an_exam_the_feedback_parameter_reveals_nothing(client, exam):
    attempt = _start(client, exam)
    _answer(client, attempt, 0, correct=False)
    html = _html(client.get(f"/attempts/{attempt.uuid}/?feedback=1"))
    assert "Question 2 sur 3</h2>" in html
    assert "Mauvaise réponse" not in html


def test_in_an_exam_with_htmx_the_last_answer_brings_the_results(client, exam):
    attempt = _start(client, exam)
    _answer(client, attempt, 0, correct=True)
    _answer(client, attempt, 1, correct=False)
    html = _html(_answer(client, attempt, 2, correct=True, **HTMX))
    assert 'id="results-title" tabindex="-1" autofocus>Résultats' in html
    assert "<strong>2 / 3</strong> <span>(67 %)</span>" in html


# What cannot be answered


def test_answering_twice_changes_nothing_and_says_so(client, practice):
    attempt = _start(client, practice)
    _answer(client, attempt, 0, correct=False)

    response = _answer(client, attempt, 0, correct=True, follow=True)

    assert response.status_code == 200
    assert str(ALREADY_ANSWERED) in _html(response)
    assert "Mauvaise réponse</h2>" in _html(response)
    assert Answer.objects.get().is_correct is False
    attempt.refresh_from_db()
    assert (attempt.answered_count, attempt.score) == (1, 0)


def test_answering_twice_with_htmx_says_so_in_place(client, practice):
    attempt = _start(client, practice)
    _answer(client, attempt, 0, correct=False)
    response = _answer(client, attempt, 0, correct=True, **HTMX)
    assert response.status_code == 200
    assert str(ALREADY_ANSWERED) in _html(response)
    assert Answer.objects.count() == 1


def test_an_option_number_out_of_range_is_a_400(client, practice):
    attempt = _start(client, practice)
    response = client.post(f"/attempts/{attempt.uuid}/answer/", {"item": 1, "choice": 4})
    assert response.status_code == 400
    assert str(NOT_AN_OPTION) in _html(response)
    assert not Answer.objects.exists()


def test_a_choice_id_of_another_question_is_a_400(client, practice):
    attempt = _start(client, practice)
    other = max(attempt.items.get(position=1).choice_order)  # never an option number (0–3)
    response = client.post(f"/attempts/{attempt.uuid}/answer/", {"item": 1, "choice": other})
    assert response.status_code == 400
    assert str(NOT_AN_OPTION) in _html(response)
    assert not Answer.objects.exists()


@pytest.mark.parametrize("item", ["4", "0", "", "un"])
def test_a_question_not_in_the_attempt_is_a_400(client, practice, item):
    attempt = _start(client, practice)
    response = client.post(f"/attempts/{attempt.uuid}/answer/", {"item": item, "choice": 0})
    assert response.status_code == 400
    assert str(NOT_IN_ATTEMPT) in _html(response)
    assert not Answer.objects.exists()


def test_no_option_chosen_is_a_400_that_asks_for_one(client, practice):
    attempt = _start(client, practice)
    response = client.post(f"/attempts/{attempt.uuid}/answer/", {"item": 1})
    html = _html(response)
    assert response.status_code == 400
    assert f'<div class="form-errors" role="alert" id="answer-error"><p>{CHOOSE_AN_OPTION}' in html
    assert '<fieldset aria-describedby="answer-error">' in html


def test_with_htmx_a_400_shows_the_question_again_with_the_error(client, practice):
    attempt = _start(client, practice)
    response = client.post(f"/attempts/{attempt.uuid}/answer/", {"item": 1}, **HTMX)
    html = _html(response)
    assert response.status_code == 400
    assert html.lstrip().startswith('<div id="attempt"')
    assert str(CHOOSE_AN_OPTION) in html


def test_another_browser_cannot_answer(client, practice):
    attempt = _start(client, practice)
    intruder = Client()
    intruder.post(f"/quizzes/{practice.slug}/start/")
    response = _answer(intruder, attempt, 0, correct=True)
    assert response.status_code == 404
    assert str(ATTEMPT_NOT_FOUND) in _html(response)
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_an_answer_to_another_attempt_of_the_same_browser_goes_to_that_attempt_only(
    client, practice
):
    first, second = _start(client, practice), _start(client, practice)
    index = option_index(second, 0, correct=True)
    client.post(f"/attempts/{first.uuid}/answer/", {"item": 1, "choice": index})
    assert not Answer.objects.filter(attempt=second).exists()


def test_an_answer_after_the_time_limit_changes_nothing_and_says_so(client):
    QuestionFactory.create_batch(2)
    attempt = _start(client, QuizFactory(size=2, time_limit=5))
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=6)
    )

    response = _answer(client, attempt, 0, correct=True, follow=True)

    html = _html(response)
    assert str(TIME_IS_UP) in html
    assert "Résultats" in html
    assert "Pas de réponse : le temps était écoulé." in html
    assert not Answer.objects.exists()


def test_an_answer_after_the_end_changes_nothing_and_says_so(client, exam):
    attempt = _start(client, exam)
    for position in range(3):
        _answer(client, attempt, position, correct=False)
    Answer.objects.filter(attempt=attempt, question=attempt.items.get(position=2).question).delete()

    response = _answer(client, attempt, 2, correct=True, follow=True)

    assert str(ATTEMPT_FINISHED) in _html(response)
    assert not Answer.objects.filter(is_correct=True).exists()


def test_answering_refuses_get(client, practice):
    attempt = _start(client, practice)
    assert client.get(f"/attempts/{attempt.uuid}/answer/").status_code == 405


def test_answering_without_the_csrf_token_is_a_readable_403(practice):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/quizzes/")  # a session and a CSRF cookie, but no token posted
    attempt = _start(Client(), practice)
    response = client.post(f"/attempts/{attempt.uuid}/answer/", {"item": 1, "choice": 0})
    assert response.status_code == 403
    assert "Formulaire expiré" in _html(response)
    assert not Answer.objects.exists()


def _answer_queries() -> int:
    """An answer's statements in a test, with htmx or without: the attempt read (with htmx, the
    next question with it); the write in a savepoint of the test's transaction (one statement
    on PostgreSQL, an UPDATE and an INSERT elsewhere)."""
    writes = 1 if connection.vendor == "postgresql" else 2
    return 1 + 2 + writes


@pytest.mark.parametrize("htmx", [False, True])
def test_answering_runs_the_same_queries_whatever_the_size_of_the_quiz(
    client, django_assert_num_queries, htmx
):
    QuestionFactory.create_batch(30)
    quiz = QuizFactory(size=2, mode=Quiz.Mode.EXAM)
    small, large = _start(client, quiz), _start(client, QuizFactory(size=30, mode=quiz.mode))
    extra = HTMX if htmx else {}
    for attempt in (small, large):
        index = option_index(attempt, 0, correct=True)
        with django_assert_num_queries(_answer_queries()):
            client.post(f"/attempts/{attempt.uuid}/answer/", {"item": 1, "choice": index}, **extra)


# Results


def test_the_results_show_the_score_the_time_and_every_question_corrected(client, exam):
    attempt = _start(client, exam)
    _answer(client, attempt, 0, correct=True)
    _answer(client, attempt, 1, correct=False)
    _answer(client, attempt, 2, correct=True)

    html = _html(client.get(f"/attempts/{attempt.uuid}/"))

    assert 'tabindex="-1">Résultats</h2>' in html
    assert "<strong>2 / 3</strong> <span>(67 %)</span>" in html
    assert re.search(r'Temps : <time datetime="PT0M\d+S">\d+ s</time>', html)
    assert html.count("<mark>Nous voulons la paix numéro") == 3
    assert html.count('Voir dans la frise : <span lang="fr">Sommet de Lyon</span>') == 3
    assert html.count('<span class="quiz-tag">votre réponse</span>') == 3
    assert html.count('<span class="quiz-tag">bonne réponse</span>') == 3
    assert html.count("</span> Juste</span> Question") == 2
    assert html.count("</span> Faux</span> Question") == 1
    assert f'<form method="post" action="/attempts/{attempt.uuid}/retry/">' in html
    assert "Refaire mes erreurs (1 question)</button>" in html
    assert '<a href="/quizzes/">Retour à la liste des quiz</a>' in html


def test_the_results_offer_no_retry_without_mistakes(client, exam):
    attempt = _start(client, exam)
    for position in range(3):
        _answer(client, attempt, position, correct=True)
    html = _html(client.get(f"/attempts/{attempt.uuid}/"))
    assert "<strong>3 / 3</strong> <span>(100 %)</span>" in html
    assert "Refaire mes erreurs" not in html


def test_the_results_after_the_time_ran_out_count_the_unanswered_questions(client):
    QuestionFactory.create_batch(3)
    attempt = _start(client, QuizFactory(size=3, time_limit=1, mode=Quiz.Mode.EXAM))
    _answer(client, attempt, 0, correct=True)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    html = _html(client.get(f"/attempts/{attempt.uuid}/"))
    assert "<strong>1 / 3</strong> <span>(33 %)</span>" in html
    assert 'Temps : <time datetime="PT1M0S">1 min 00 s</time> · temps écoulé' in html
    assert html.count("Sans réponse</span> Question") == 2
    assert "Refaire mes erreurs (2 questions)</button>" in html


@pytest.mark.parametrize("htmx", [False, True])
def test_the_results_run_the_same_queries_whatever_the_number_of_questions(
    client, django_assert_num_queries, settings, htmx
):
    # The content version kept between reads for the whole test, whatever the clock.
    settings.SUMMIT_CONTENT_VERSION_SECONDS = 3600
    _questions(25)
    for count in (2, 25):
        quiz = QuizFactory(size=count, mode=Quiz.Mode.EXAM)
        attempt = _start(client, quiz)
        for position in range(count):
            _answer(client, attempt, position, correct=position % 2 == 0)
        # Nothing kept yet: the attempt; its questions with their answers; their options; the
        # content version; the citations with their sources, and the events, of the corrections.
        cache.clear()
        forget_content_version()
        with django_assert_num_queries(6):
            client.get(f"/attempts/{attempt.uuid}/", **(HTMX if htmx else {}))
        # Then the corrections' evidence is kept, and the version for a while.
        with django_assert_num_queries(3):
            client.get(f"/attempts/{attempt.uuid}/", **(HTMX if htmx else {}))


# Retrying the mistakes


def _finish(client: Client, quiz: Quiz, rights: list[bool]) -> Attempt:
    attempt = _start(client, quiz)
    for position, right in enumerate(rights):
        _answer(client, attempt, position, correct=right)
    return attempt


def test_retrying_starts_an_attempt_with_the_missed_questions_only(client, exam):
    attempt = _finish(client, exam, [True, False, False])

    response = client.post(f"/attempts/{attempt.uuid}/retry/")

    retry = Attempt.objects.get(retry_of=attempt)
    assert response.status_code == 302
    assert response.url == f"/attempts/{retry.uuid}/"
    assert retry.session_key == attempt.session_key
    missed = {item.question_id for item in attempt.items.filter(position__in=[1, 2])}
    assert {item.question_id for item in retry.items.all()} == missed


def test_retrying_with_htmx_redirects_the_whole_page(client, exam):
    attempt = _finish(client, exam, [True, False, True])
    response = client.post(f"/attempts/{attempt.uuid}/retry/", **HTMX)
    retry = Attempt.objects.get(retry_of=attempt)
    assert response["HX-Redirect"] == f"/attempts/{retry.uuid}/"


def test_retrying_without_mistakes_says_so(client, exam):
    attempt = _finish(client, exam, [True, True, True])
    response = client.post(f"/attempts/{attempt.uuid}/retry/", follow=True)
    assert response.redirect_chain == [(f"/attempts/{attempt.uuid}/", 302)]
    assert str(NOTHING_TO_RETRY) in _html(response)
    assert not Attempt.objects.filter(retry_of=attempt).exists()


def test_another_browser_cannot_retry(client, exam):
    attempt = _finish(client, exam, [False, False, False])
    response = Client().post(f"/attempts/{attempt.uuid}/retry/")
    assert response.status_code == 404
    assert not Attempt.objects.filter(retry_of=attempt).exists()


def test_retrying_refuses_get(client, exam):
    attempt = _finish(client, exam, [False, False, False])
    assert client.get(f"/attempts/{attempt.uuid}/retry/").status_code == 405


def test_retrying_runs_the_same_queries_whatever_the_number_of_mistakes(
    client, django_assert_num_queries
):
    QuestionFactory.create_batch(20)
    small = _finish(client, QuizFactory(size=2, mode=Quiz.Mode.EXAM), [False, False])
    large = _finish(client, QuizFactory(size=20, mode=Quiz.Mode.EXAM), [False] * 20)
    for attempt in (small, large):
        with django_assert_num_queries(7):
            client.post(f"/attempts/{attempt.uuid}/retry/")


# The kinds answered otherwise than by one option


def _kind_quiz(factory, mode: str = Quiz.Mode.PRACTICE, **kwargs) -> Quiz:
    event = EventFactory(title="Sommet de Lyon")
    quote = QuoteFactory(text="Nous voulons la paix à Lyon", event=event)
    factory(citation=QuoteCitationFactory(quote=quote), event=event, **kwargs)
    return QuizFactory(title="Les sommets", size=1, mode=mode)


def _post(client: Client, attempt: Attempt, data: dict, **extra):
    return client.post(f"/attempts/{attempt.uuid}/answer/", data, **extra)


def _form(html: str) -> str:
    return html.split('<form class="quiz-question"')[1].split("</form>")[0]


def test_a_several_answer_question_is_a_group_of_checkboxes_with_a_hint(client):
    attempt = _start(client, _kind_quiz(MultipleQuestionFactory))
    html = _html(client.get(f"/attempts/{attempt.uuid}/"))
    form = _form(html)
    assert '<fieldset aria-describedby="answer-hint">' in form
    assert (
        '<p class="quiz-hint" id="answer-hint">Cochez toutes les bonnes réponses '
        "(il y en a plusieurs).</p>" in form
    )
    assert form.count('<input type="checkbox" name="choice" value="') == 4
    assert "required" not in form
    assert "bonne réponse" not in html.lower()


def test_a_true_false_question_offers_vrai_then_faux(client):
    attempt = _start(client, _kind_quiz(TrueFalseQuestionFactory, stem="Le sommet a eu lieu."))
    form = _form(_html(client.get(f"/attempts/{attempt.uuid}/")))
    assert '<legend lang="fr">Le sommet a eu lieu.</legend>' in form
    assert "Cette affirmation est-elle vraie ou fausse" in form
    labels = re.findall(
        r'type="radio" name="choice" value="(\d)" required> <span>(\w+)</span>', form
    )
    assert labels == [("0", "Vrai"), ("1", "Faux")]


def test_a_matching_question_has_a_labelled_select_per_option_with_every_item(client):
    attempt = _start(client, _kind_quiz(MatchingQuestionFactory))
    item = attempt.items.get()
    choices = {choice.pk: choice for choice in Choice.objects.all()}
    form = _form(_html(client.get(f"/attempts/{attempt.uuid}/")))
    for index, pk in enumerate(item.choice_order):
        assert (
            f'<label for="pair-{index}" lang="fr">{choices[pk].text}</label>\n'
            f'        <select name="pair-{index}" id="pair-{index}" required lang="fr">' in form
        )
    items = re.findall(r'<option value="(\d)">([^<]+)</option>', form)
    assert items[:3] == [(str(i), choices[pk].pair) for i, pk in enumerate(item.pair_order)]
    assert len(items) == 9
    assert form.count('<option value="">— choisir —</option>') == 3


def test_an_ordering_question_has_a_rank_select_per_item(client):
    attempt = _start(client, _kind_quiz(OrderingQuestionFactory))
    form = _form(_html(client.get(f"/attempts/{attempt.uuid}/")))
    assert "Donnez à chaque élément sa place dans l’ordre : 1 pour le premier." in form
    assert form.count('<select name="rank-') == 4
    assert form.count('<option value="4">4</option>') == 4
    assert "data-rank" not in form


@pytest.mark.parametrize(
    "factory",
    [
        MultipleQuestionFactory,
        TrueFalseQuestionFactory,
        MatchingQuestionFactory,
        OrderingQuestionFactory,
    ],
)
def test_the_page_of_each_kind_does_not_tell_the_right_answer(client, factory):
    attempt = _start(client, _kind_quiz(factory))
    item = attempt.items.get()
    html = _html(client.get(f"/attempts/{attempt.uuid}/"))
    form = _form(html)
    assert "bonne réponse" not in html.lower()
    assert "is-right" not in html
    if factory is OrderingQuestionFactory:
        # The items are listed, but not in the right order.
        ranks = dict(Choice.objects.values_list("pk", "rank"))
        assert item.choice_order != sorted(ranks, key=ranks.get)
    if factory is MatchingQuestionFactory:
        assert item.pair_order != item.choice_order
    assert not re.search(r"data-(?!hx-)", form)


@pytest.mark.parametrize("htmx", [False, True])
def test_a_matching_answer_shows_the_pairs_and_the_partial_credit(client, htmx):
    attempt = _start(client, _kind_quiz(MatchingQuestionFactory))
    data = answer_data(attempt, 0, correct=False)

    response = _post(client, attempt, data, **(HTMX if htmx else {}))

    if htmx:
        assert response.status_code == 200
        html = _html(response)
        assert html.lstrip().startswith('<div id="attempt" class="attempt">')
    else:
        assert response.status_code == 302
        html = _html(client.get(response.url))
    assert "Mauvaise réponse</h2>" in html
    assert '<p class="quiz-partial">1 association juste sur 3</p>' in html
    assert html.count('<span class="quiz-tag">juste</span>') == 1
    assert html.count('<span class="quiz-given">votre réponse :') == 2
    # Every option shown with the item that goes with it.
    for choice in Choice.objects.all():
        assert (
            f'{choice.text} <span class="quiz-arrow" aria-hidden="true">→</span>'
            f'<span class="visually-hidden">va avec</span> <strong>{choice.pair}</strong>' in html
        )
    assert "<mark>Nous voulons la paix à Lyon</mark>" in html
    assert "Lyon en 2018, Nantes en 2019, Lille en 2020." in html


def test_a_right_matching_answer_says_every_pair_is_right(client):
    attempt = _start(client, _kind_quiz(MatchingQuestionFactory))
    response = _post(client, attempt, answer_data(attempt, 0, correct=True), follow=True)
    html = _html(response)
    assert "Bonne réponse</h2>" in html
    assert '<p class="quiz-partial">3 associations justes sur 3</p>' in html
    assert Answer.objects.get().is_correct


def test_an_ordering_answer_shows_the_right_order_and_the_ranks_given(client):
    attempt = _start(client, _kind_quiz(OrderingQuestionFactory))
    response = _post(client, attempt, answer_data(attempt, 0, correct=False), follow=True)
    html = _html(response)
    assert "Mauvaise réponse</h2>" in html
    assert '<p class="quiz-partial">2 éléments à leur place sur 4</p>' in html
    order = re.findall(
        r'<span class="quiz-rank">(\d)\.</span> <span class="quiz-option-text" '
        r'lang="fr">([^<]+)</span>',
        html,
    )
    assert order == [
        ("1", "Sommet de Lyon"),
        ("2", "Sommet de Nantes"),
        ("3", "Sommet de Lille"),
        ("4", "Sommet de Rennes"),
    ]
    assert html.count('<span class="quiz-tag">à sa place</span>') == 2
    assert len(re.findall(r'<span class="quiz-given">votre rang : \d</span>', html)) == 2


def test_a_several_answer_feedback_marks_the_right_set_and_the_ticks(client):
    attempt = _start(client, _kind_quiz(MultipleQuestionFactory))
    data = answer_data(attempt, 0, correct=True)
    wrong = next(
        i
        for i, pk in enumerate(attempt.items.get().choice_order)
        if not Choice.objects.get(pk=pk).is_correct
    )
    data["choice"] = [*data["choice"], wrong]

    html = _html(_post(client, attempt, data, follow=True))

    assert "Mauvaise réponse</h2>" in html
    assert "Vous avez coché 2 des 2 bonnes réponses. 1 option cochée est fausse." in html
    assert html.count('<span class="quiz-tag">cochée</span>') == 3
    assert html.count('<span class="quiz-tag">bonne réponse</span>') == 2
    assert html.count('<li class="is-wrong">') == 1


def test_a_true_false_feedback_shows_the_right_option(client):
    attempt = _start(client, _kind_quiz(TrueFalseQuestionFactory, choices=False))
    html = _html(_post(client, attempt, {"item": 1, "choice": 0}, follow=True))
    assert "Mauvaise réponse</h2>" in html
    assert re.search(
        r'<li class="is-right">\s*<span class="quiz-icon" aria-hidden="true">✓</span>\s*'
        r'<span class="quiz-option-body"><span class="quiz-option-text" lang="fr">Faux</span> '
        r'<span class="quiz-tag">bonne réponse',
        html,
    )


@pytest.mark.parametrize(
    ("factory", "data", "message"),
    [
        (MultipleQuestionFactory, {}, TICK_AN_OPTION),
        (MultipleQuestionFactory, {"choice": ["0", "7"]}, NOT_AN_OPTION),
        (MultipleQuestionFactory, {"choice": ["x"]}, NOT_AN_OPTION),
        (MatchingQuestionFactory, {"pair-0": "0", "pair-1": "1"}, PAIR_EVERY_ITEM),
        (MatchingQuestionFactory, {"pair-0": "0", "pair-1": "0", "pair-2": "1"}, PAIR_USED_TWICE),
        (MatchingQuestionFactory, {"pair-0": "0", "pair-1": "1", "pair-2": "3"}, NOT_AN_OPTION),
        (MatchingQuestionFactory, {"pair-0": "0", "pair-1": "1", "pair-2": "²"}, NOT_AN_OPTION),
        (MatchingQuestionFactory, {"choice": "0"}, PAIR_EVERY_ITEM),
        (OrderingQuestionFactory, {"rank-0": "1", "rank-1": "2", "rank-2": "3"}, RANK_EVERY_ITEM),
        (
            OrderingQuestionFactory,
            {"rank-0": "1", "rank-1": "1", "rank-2": "3", "rank-3": "4"},
            RANK_USED_TWICE,
        ),
        (
            OrderingQuestionFactory,
            {"rank-0": "1", "rank-1": "2", "rank-2": "3", "rank-3": "5"},
            RANK_OUT_OF_RANGE,
        ),
        (
            OrderingQuestionFactory,
            {"rank-0": "1", "rank-1": "2", "rank-2": "3", "rank-3": "-4"},
            RANK_OUT_OF_RANGE,
        ),
        (
            OrderingQuestionFactory,
            {"rank-0": "1", "rank-1": "2", "rank-2": "3", "rank-3": "9" * 5000},
            RANK_OUT_OF_RANGE,
        ),
        (TrueFalseQuestionFactory, {"choice": "2"}, NOT_AN_OPTION),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_bad_answer_of_each_kind_is_a_400_with_a_message(client, factory, data, message, htmx):
    attempt = _start(client, _kind_quiz(factory))

    response = _post(client, attempt, {"item": 1, **data}, **(HTMX if htmx else {}))

    html = _html(response)
    assert response.status_code == 400
    assert f'<div class="form-errors" role="alert" id="answer-error"><p>{message}</p>' in html
    assert "answer-error" in html.split("<fieldset")[1].split(">")[0]
    assert not Answer.objects.exists()


def test_a_refused_ordering_keeps_the_ranks_given(client):
    attempt = _start(client, _kind_quiz(OrderingQuestionFactory))
    data = {"item": 1, "rank-0": "2", "rank-1": "2", "rank-2": "1", "rank-3": "4"}
    form = _form(_html(_post(client, attempt, data)))
    assert '<fieldset aria-describedby="answer-hint answer-error">' in form
    selected = re.findall(r'<select name="rank-(\d)".*?<option value="(\d)" selected>', form, re.S)
    assert selected == [("0", "2"), ("1", "2"), ("2", "1"), ("3", "4")]


def test_a_refused_matching_keeps_the_items_given(client):
    attempt = _start(client, _kind_quiz(MatchingQuestionFactory))
    form = _form(_html(_post(client, attempt, {"item": 1, "pair-0": "2", "pair-2": "1"})))
    assert form.count(" selected>") == 2
    assert re.search(r'name="pair-0".*?<option value="2" selected>', form, re.S)


def test_a_refused_several_answer_keeps_the_ticks(client):
    attempt = _start(client, _kind_quiz(MultipleQuestionFactory))
    form = _form(_html(_post(client, attempt, {"item": 1, "choice": ["1", "9"]})))
    assert form.count(" checked>") == 1
    assert '<input type="checkbox" name="choice" value="1" checked>' in form


@pytest.fixture
def every_kind() -> Quiz:
    event = EventFactory(title="Sommet de Lyon")
    for factory in (
        MultipleQuestionFactory,
        TrueFalseQuestionFactory,
        MatchingQuestionFactory,
        OrderingQuestionFactory,
    ):
        quote = QuoteFactory(text=f"Nous voulons la paix {factory.__name__}", event=event)
        factory(citation=QuoteCitationFactory(quote=quote), event=event)
    return QuizFactory(title="Tous les types", size=4, mode=Quiz.Mode.EXAM)


def test_exam_results_correct_every_kind_and_retry_brings_the_mistakes_back(client, every_kind):
    attempt = _start(client, every_kind)
    kinds = {}
    for position in range(4):
        item = attempt.items.select_related("question").get(position=position)
        right = item.question.kind in ("multiple", "true_false")
        kinds[item.question.kind] = right
        assert (
            _post(client, attempt, answer_data(attempt, position, correct=right)).status_code == 302
        )

    html = _html(client.get(f"/attempts/{attempt.uuid}/"))

    assert "<strong>2 / 4</strong> <span>(50 %)</span>" in html
    assert "1 association juste sur 3" in html
    assert "2 éléments à leur place sur 4" in html
    assert "Vous avez coché 2 des 2 bonnes réponses." in html
    assert html.count("<mark>Nous voulons la paix") == 4
    assert "Refaire mes erreurs (2 questions)</button>" in html

    response = client.post(f"/attempts/{attempt.uuid}/retry/")
    retry = Attempt.objects.get(retry_of=attempt)
    assert {item.question.kind for item in retry.items.select_related("question")} == {
        "matching",
        "ordering",
    }
    assert response.url == f"/attempts/{retry.uuid}/"


def test_results_without_answers_show_the_right_pairs_and_order(client, every_kind):
    Quiz.objects.filter(pk=every_kind.pk).update(time_limit=1)
    attempt = _start(client, every_kind)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    html = _html(client.get(f"/attempts/{attempt.uuid}/"))
    assert html.count("Pas de réponse : le temps était écoulé.") == 4
    assert "<strong>12 juin 2018</strong>" in html
    assert '<span class="quiz-rank">4.</span>' in html
    assert "quiz-partial" not in html


@pytest.mark.parametrize("htmx", [False, True])
def test_answering_each_kind_runs_as_many_queries_as_one_option(
    client, django_assert_num_queries, htmx
):
    event = EventFactory()
    for factory in (MultipleQuestionFactory, MatchingQuestionFactory, OrderingQuestionFactory):
        factory.create_batch(2, event=event)
    for kind in ("multiple", "matching", "ordering"):
        quiz = QuizFactory(size=2, kinds=[kind], mode=Quiz.Mode.EXAM)
        attempt = _start(client, quiz)
        data = answer_data(attempt, 0, correct=True)
        with django_assert_num_queries(_answer_queries()):
            _post(client, attempt, data, **(HTMX if htmx else {}))


@pytest.mark.parametrize("htmx", [False, True])
def test_the_results_of_every_kind_run_the_same_queries(
    client, django_assert_num_queries, settings, every_kind, htmx
):
    settings.SUMMIT_CONTENT_VERSION_SECONDS = 3600
    attempt = _start(client, every_kind)
    for position in range(4):
        _post(client, attempt, answer_data(attempt, position, correct=False))
    with django_assert_num_queries(6):
        client.get(f"/attempts/{attempt.uuid}/", **(HTMX if htmx else {}))
    with django_assert_num_queries(3):
        client.get(f"/attempts/{attempt.uuid}/", **(HTMX if htmx else {}))


def test_a_question_that_became_a_matching_one_after_the_attempt_started_can_be_answered(
    client,
):
    attempt = _start(client, _kind_quiz(MultipleQuestionFactory))
    question = Question.objects.get()
    question.kind = "matching"
    question.save()
    for n, choice in enumerate(question.choices.all()):
        Choice.objects.filter(pk=choice.pk).update(pair=f"élément {n}", is_correct=True)

    form = _form(_html(client.get(f"/attempts/{attempt.uuid}/")))

    assert form.count('<select name="pair-') == 4
    response = _post(client, attempt, answer_data(attempt, 0, correct=True), follow=True)
    assert "Bonne réponse</h2>" in _html(response)


@pytest.mark.parametrize(
    "factory",
    [
        MultipleQuestionFactory,
        TrueFalseQuestionFactory,
        MatchingQuestionFactory,
        OrderingQuestionFactory,
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_question_of_each_kind_runs_as_many_queries_as_one_option(
    client, django_assert_num_queries, factory, htmx
):
    factory.create_batch(2)
    attempt = _start(client, QuizFactory(size=2))
    _post(client, attempt, answer_data(attempt, 0, correct=True))
    with django_assert_num_queries(1):
        client.get(f"/attempts/{attempt.uuid}/", **(HTMX if htmx else {}))
