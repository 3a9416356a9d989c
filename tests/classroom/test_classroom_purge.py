from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from classroom.models import Participant
from classroom.participants import participant_join
from tests.factories import Browser, session_with

pytestmark = pytest.mark.django_db


def test_it_removes_participants_older_than_the_setting(settings, capsys) -> None:
    settings.CLASSROOM_RETENTION_DAYS = 10
    session = session_with(1)
    old = timezone.now() - datetime.timedelta(days=11)
    participant_join(session, "Ancien", Browser().request(), now=old)
    kept = participant_join(session, "Récent", Browser().request())
    call_command("classroom_purge")
    assert list(Participant.objects.all()) == [kept]
    assert "1 participant arrivé il y a plus de 10 jours supprimé." in capsys.readouterr().out


def test_days_on_the_command_line_win(settings) -> None:
    settings.CLASSROOM_RETENTION_DAYS = 365
    session = session_with(1)
    participant_join(
        session, "Ancien", Browser().request(), now=timezone.now() - datetime.timedelta(days=3)
    )
    call_command("classroom_purge", "--days", "2")
    assert not Participant.objects.exists()


@pytest.mark.parametrize("days", ["0", "-4"])
def test_it_refuses_a_retention_that_is_not_positive(days: str) -> None:
    with pytest.raises(CommandError, match="positif"):
        call_command("classroom_purge", "--days", days)
