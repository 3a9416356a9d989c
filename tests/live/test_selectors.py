from __future__ import annotations

import datetime

import pytest

from classroom.sessions import session_close
from live import selectors
from live.models import LiveState
from live.state import live_advance, live_answer, live_state_get
from tests.live.conftest import choice_at, join, live_session

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def tokens(code: str, now: datetime.datetime) -> tuple[str, str]:
    """The projector's and a phone's tokens, checked against the queryset they are compiled
    from."""
    found = []
    for screen in (True, False):
        compiled = selectors._token(screen=screen, code=code, now=now)
        assert compiled == selectors._token(screen=screen, code=code, now=now, compiled=False)
        found.append(compiled)
    state = LiveState.objects.select_related("session").filter(session__code=code.upper()).first()
    if state is not None:
        # The phones' polls read the state with the participant and derive the token from it.
        assert found[1] == selectors.phone_token_of(
            state, ended=state.session.closed_at is not None
        )
    return found[0], found[1]


def test_the_tokens_follow_every_change_a_screen_shows() -> None:
    """The phone's leaves out the countdown's end and the leaderboard, which its page does not
    show."""
    session = live_session()
    assert tokens(session.code, T0) == ("new", "new")
    state = live_state_get(session)
    assert tokens(session.code, T0) == ("0.0.0.0.0", "0.lobby.0")
    lea = join(session, "Léa")
    assert tokens(session.code.lower(), T0) == ("0.0.1.0.0", "0.lobby.0")
    live_advance(state=state, version=state.version, now=T0)
    live_answer(participant=lea, position=1, choice_id=choice_at(lea, 1, correct=True), now=T0)
    assert tokens(session.code, T0) == ("1.1.1.0.0", "1.question.0")
    over = T0 + datetime.timedelta(seconds=state.seconds)
    assert tokens(session.code, over) == ("1.1.1.1.0", "1.question.0")
    live_advance(state=state, version=state.version, now=over)
    assert tokens(session.code, over) == ("2.1.1.0.0", "1.reveal.0")
    live_advance(state=state, version=state.version, now=over)
    assert tokens(session.code, over) == ("3.1.1.0.0", "1.reveal.0")
    session_close(session=session, now=over)
    assert tokens(session.code, over) == ("3.1.1.0.1", "1.reveal.1")


def test_an_unknown_code_has_no_token() -> None:
    assert selectors.phone_token(code="NOPE42", now=T0) == "new"
