from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from summit.models import LoginFailure
from summit.throttle import client_address, login_failure_record, login_lock_remaining

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
PASSWORD = "motdepasse-solide"
LOCKED = "Trop de tentatives de connexion ont échoué"
WRONG = "Veuillez compléter correctement les champs"


@pytest.fixture(autouse=True)
def _limits(settings) -> None:
    # A fast hasher: these tests sign in dozens of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_ADDRESS_LIMIT = 50
    settings.LOGIN_FAILURE_USERNAME_LIMIT = 50
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def teacher() -> object:
    return get_user_model().objects.create_superuser("prof", "prof@example.org", PASSWORD)


def client_from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def sign_in(client: Client, username: str, password: str, **extra: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": INDEX}, **extra)


def fail(client: Client, username: str = "prof", times: int = 5) -> None:
    for _ in range(times):
        response = sign_in(client, username, "mauvais")
        assert response.status_code == 200
        assert WRONG in response.content.decode()


def signed_in(response) -> bool:
    return response.status_code == 302 and response.headers["Location"] == INDEX


def test_the_right_password_signs_in(teacher):
    assert signed_in(sign_in(client_from("10.0.0.1"), "prof", PASSWORD))


def test_five_failures_lock_the_username_even_for_the_right_password(teacher):
    fail(client_from("10.0.0.1"))
    response = sign_in(client_from("10.0.0.1"), "prof", PASSWORD)
    assert response.status_code == 200
    page = response.content.decode()
    assert LOCKED in page
    assert "réessayez dans 15 minutes" in page
    assert "_auth_user_id" not in response.wsgi_request.session


def test_four_failures_do_not_lock(teacher):
    fail(client_from("10.0.0.1"), times=4)
    assert signed_in(sign_in(client_from("10.0.0.1"), "prof", PASSWORD))


def test_the_pair_lock_does_not_hold_from_another_address(teacher):
    fail(client_from("10.0.0.1"))
    assert signed_in(sign_in(client_from("10.0.0.2"), "prof", PASSWORD))


def test_a_shared_address_does_not_lock_the_other_teachers(teacher):
    get_user_model().objects.create_superuser("anne", "anne@example.org", PASSWORD)
    classroom = "10.0.0.1"
    fail(client_from(classroom), username="bruno")  # a pupil guessing a teacher's password
    assert LOCKED in sign_in(client_from(classroom), "bruno", PASSWORD).content.decode()
    assert signed_in(sign_in(client_from(classroom), "prof", PASSWORD))
    assert signed_in(sign_in(client_from(classroom), "anne", PASSWORD))


def test_the_username_lock_ignores_case(teacher):
    fail(client_from("10.0.0.1"), username="PROF")
    assert LOCKED in sign_in(client_from("10.0.0.1"), "prof", PASSWORD).content.decode()


def test_failures_from_many_addresses_lock_the_username(teacher, settings):
    settings.LOGIN_FAILURE_USERNAME_LIMIT = 8
    for n in range(8):
        fail(client_from(f"10.0.1.{n}"), times=1)
    assert LOCKED in sign_in(client_from("10.0.0.1"), "prof", PASSWORD).content.decode()


def test_failures_on_many_usernames_lock_the_address(teacher):
    attacker = client_from("10.0.0.9")
    for n in range(49):
        fail(attacker, username=f"eleve-{n}", times=1)
    # 49 failures: the address is not locked yet.
    assert signed_in(sign_in(client_from("10.0.0.9"), "prof", PASSWORD))
    fail(attacker, username="eleve-49", times=1)
    assert LOCKED in sign_in(client_from("10.0.0.9"), "prof", PASSWORD).content.decode()
    # Another address is not locked: the teacher signs in from the classroom.
    assert signed_in(sign_in(client_from("10.0.0.1"), "prof", PASSWORD))


def test_locked_attempts_are_not_counted(teacher):
    client = client_from("10.0.0.1")
    fail(client)
    for _ in range(3):
        sign_in(client, "prof", "mauvais")
    assert LoginFailure.objects.count() == 5


def test_the_lock_ends_when_the_window_has_passed(teacher):
    client = client_from("10.0.0.1")
    fail(client)
    assert LOCKED in sign_in(client, "prof", PASSWORD).content.decode()
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=15, seconds=1))
    assert signed_in(sign_in(client, "prof", PASSWORD))


def test_the_lock_lasts_until_the_fifth_latest_failure_leaves_the_window(teacher):
    client = client_from("10.0.0.1")
    fail(client)
    # The failures were 14 minutes ago: one minute is left.
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=14))
    page = sign_in(client, "prof", PASSWORD).content.decode()
    assert "réessayez dans 1 minute." in page


def test_a_success_clears_the_username_failures(teacher):
    client = client_from("10.0.0.1")
    fail(client, times=4)
    assert signed_in(sign_in(client, "prof", PASSWORD))
    client.logout()
    fail(client, times=4)
    assert signed_in(sign_in(client, "prof", PASSWORD))
    assert not LoginFailure.objects.filter(username="prof").exists()


def test_old_failures_are_deleted_when_a_failure_is_recorded(teacher):
    now = timezone.now()
    login_failure_record(username="prof", address="10.0.0.1", now=now - timedelta(hours=1))
    login_failure_record(username="prof", address="10.0.0.1", now=now - timedelta(minutes=5))
    login_failure_record(username="anne", address="10.0.0.2", now=now)
    assert sorted(LoginFailure.objects.values_list("username", flat=True)) == ["anne", "prof"]


def test_the_lock_is_computed_for_a_given_time():
    start = timezone.now()
    for minute in range(5):
        login_failure_record(
            username="prof", address="10.0.0.1", now=start + timedelta(minutes=minute)
        )
    later = start + timedelta(minutes=5)
    remaining = login_lock_remaining(username="prof", address="10.0.0.1", now=later)
    assert remaining == timedelta(minutes=10)
    assert login_lock_remaining(username="Prof", address="10.0.0.1", now=later) == remaining
    assert login_lock_remaining(username="prof", address="10.0.0.2", now=later) is None
    assert login_lock_remaining(username="anne", address="10.0.0.1", now=later) is None
    # Once the first failure leaves the window, four remain: unlocked.
    assert (
        login_lock_remaining(username="prof", address="10.0.0.1", now=start + timedelta(minutes=15))
        is None
    )


def test_an_empty_or_odd_form_is_refused_without_error(teacher):
    client = client_from("10.0.0.1")
    for data in (
        {},
        {"username": "x" * 500, "password": "y"},
        {"username": "\x00", "password": "y"},
        {"username": "prof\x00", "password": "y"},
    ):
        response = client.post(LOGIN, data)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # A username as long as the field allows, with a non-ASCII letter, is counted like any other.
    fail(client_from("10.0.0.2"), username="x" * 149 + "é")
    assert LOCKED in sign_in(client_from("10.0.0.2"), "x" * 149 + "É", "y").content.decode()


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted(teacher):
    # Spoofed headers do not give a locked address a fresh count.
    attacker = client_from("10.0.0.9")
    for index in range(5):
        sign_in(attacker, "prof", "mauvais", HTTP_X_FORWARDED_FOR=f"192.0.2.{index}")
    response = sign_in(attacker, "prof", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert LOCKED in response.content.decode()


def test_the_client_address_behind_trusted_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_address(request) == "10.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: the header is not trusted
    assert client_address(request) == "10.1.1.1"


def test_a_refused_next_lands_on_the_admin_index(teacher):
    response = client_from("10.0.0.1").post(
        LOGIN, {"username": "prof", "password": PASSWORD, "next": "https://ailleurs.example/"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == INDEX


# Enough attempts, all let go at once, for a check-then-record throttle to let several through.
ATTEMPTS = 24
TIMEOUT = 120


@pytest.mark.django_db(transaction=True)
def test_simultaneous_wrong_passwords_get_at_most_the_limit_checked(teacher):
    barrier = threading.Barrier(ATTEMPTS)
    pages: list[object] = [None] * ATTEMPTS

    def attempt(n: int) -> None:
        client = client_from("10.0.0.9")
        try:
            barrier.wait(TIMEOUT)
            pages[n] = sign_in(client, "prof", "mauvais").content.decode()
        except BaseException as error:  # reported by the test, not lost in the thread
            pages[n] = error
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)

    assert not any(thread.is_alive() for thread in threads)
    assert all(isinstance(page, str) for page in pages), pages
    checked = [page for page in pages if WRONG in page]
    locked = [page for page in pages if LOCKED in page]
    assert len(checked) <= 5
    assert len(checked) + len(locked) == ATTEMPTS
    assert LoginFailure.objects.count() == len(checked)
