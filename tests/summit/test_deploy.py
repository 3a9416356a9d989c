"""Production settings: check --deploy is clean, the secure defaults hold, missing values are
reported clearly. Each case runs in a subprocess, since settings are read once at import."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ONE_YEAR = 365 * 24 * 60 * 60

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "summit.example.org",
}

# Prints the settings a test needs as JSON, then answers a plain-HTTP request to /healthz and
# one to / with the production middleware.
PROBE = """
import json
import django
from django.conf import settings
django.setup()
from django.test import Client
names = [
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT", "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF",
]
values = {name: getattr(settings, name) for name in names}
client = Client(HTTP_HOST="summit.example.org")
values["healthz"] = client.get("/healthz").status_code
home = client.get("/")
values["home"] = [home.status_code, home.headers.get("Location", "")]
print(json.dumps(values))
"""


def clean_environment(**env: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return {**base, "DJANGO_SETTINGS_MODULE": "summit.settings", **env}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNINGS" not in result.stderr
    assert "ERRORS" not in result.stderr


def test_check_deploy_does_report_development_settings():
    """The check above can fail: with debug on it has plenty to say."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory) -> dict[str, object]:
    database = tmp_path_factory.mktemp("deploy") / "deploy.db"
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{database}"}
    result = run(["-c", PROBE], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_and_out_of_scripts_reach(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["CSRF_COOKIE_HTTPONLY"] is True


def test_production_enforces_https_for_a_year_with_subdomains(production_settings):
    assert production_settings["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True


def test_production_forbids_framing_and_sniffing(production_settings):
    assert production_settings["X_FRAME_OPTIONS"] == "DENY"
    assert production_settings["SECURE_CONTENT_TYPE_NOSNIFF"] is True


def test_plain_http_is_redirected_except_the_health_check(production_settings):
    status, location = production_settings["home"]
    assert status == 301
    assert location == "https://summit.example.org/"
    # Answered over plain HTTP, not redirected: 503 since the probe's database has no schema.
    assert production_settings["healthz"] == 503


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_SECRET_KEY": ""},
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.",
        ),
        (
            {"DJANGO_ALLOWED_HOSTS": ""},
            "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.",
        ),
        (
            {"DJANGO_SECRET_KEY": "too-short-a-key"},
            "DJANGO_SECRET_KEY must be a random value of at least 50 characters",
        ),
        (
            {"DJANGO_SECRET_KEY": "ab" * 40},
            "DJANGO_SECRET_KEY must be a random value of at least 50 characters",
        ),
        (
            {"DJANGO_SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)},
            "DJANGO_SECRET_KEY must be a random value of at least 50 characters",
        ),
    ],
)
def test_a_missing_or_weak_production_value_is_named_clearly(env, message):
    result = run(["manage.py", "check", "--deploy"], **{**PRODUCTION, **env})
    assert result.returncode != 0
    # The error is Django's ImproperlyConfigured with our message, and nothing else went wrong.
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert message in last_line
