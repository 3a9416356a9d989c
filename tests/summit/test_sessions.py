from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from summit.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_app_keeps_its_sessions_in_this_store():
    assert settings.SESSION_ENGINE == "summit.sessions"


def test_exists_says_what_django_s_store_says():
    stored = SessionStore()
    stored.create()
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    for key in (stored.session_key, expired.session_key, "x" * 32, ""):
        assert SessionStore().exists(key) == DjangoSessionStore().exists(key), key
    assert SessionStore().exists(stored.session_key)
    assert not SessionStore().exists("x" * 32)


def test_exists_is_one_query_and_a_deleted_session_no_longer_exists():
    session = SessionStore()
    session.create()
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore().exists(session.session_key)
    assert len(queries) == 1
    session.delete()
    assert not SessionStore().exists(session.session_key)


def test_a_new_session_gets_a_key_not_taken_and_keeps_its_data():
    first = SessionStore()
    first["name"] = "Élève"
    first.create()
    first.save()
    second = SessionStore()
    second.create()
    assert second.session_key != first.session_key
    assert SessionStore(session_key=first.session_key)["name"] == "Élève"
