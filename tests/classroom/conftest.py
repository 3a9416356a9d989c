from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory


class Browser:
    """A request from one browser: the same session key from request to request."""

    def __init__(self) -> None:
        self.store = SessionStore()
        self.store.create()

    def request(self) -> object:
        request = RequestFactory().get("/")
        request.session = SessionStore(session_key=self.store.session_key)
        return request
