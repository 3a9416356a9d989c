from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_development_needs_no_environment():
    assert run_check().returncode == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "0"}, "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."),
        (
            {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60},
            "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.",
        ),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be a boolean"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL is not a valid database URL"),
    ],
)
def test_production_values_are_required_and_checked(env, message):
    result = run_check(**env)
    assert result.returncode != 0
    assert message in result.stderr
