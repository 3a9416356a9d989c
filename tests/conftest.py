from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _jobs_run_at_once(monkeypatch) -> None:
    """The task queue runs each job inside the request that queues it (django-q2's sync mode),
    once the request's transaction commits; tests that need a worker start one."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """The system Chromium driven by Playwright. Required under CI; skipped elsewhere if absent."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required for the browser tests under CI.")
        pytest.skip("Chromium is not installed (make test installs it when run as root).")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: object) -> Iterator[object]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def seeded(db) -> object:
    """The database as ``manage.py seed`` leaves it (loaded once, then copied: tests/seeding.py)."""
    from seeds.loader import corpus_load
    from tests.seeding import seeded_load

    return seeded_load(corpus_load, name="corpus")


@pytest.fixture
def seeded_bank(seeded: object) -> object:
    """The database as ``manage.py seed`` leaves it: the corpus and the question bank built from
    it (built once, then copied: tests/seeding.py). The bank's build report."""
    from django.conf import settings

    from quiz.bank import question_bank_build
    from tests.seeding import seeded_load

    return seeded_load(
        lambda: question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED)), name="bank"
    )


# Property-based tests ---------------------------------------------------------------------
# Under CI, hypothesis draws the same examples on every run (derived from each test), so a
# run cannot fail on an example the previous one never tried; locally, it explores afresh.
def _hypothesis_profiles() -> None:
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
    if os.environ.get("CI") == "true":
        settings.load_profile("ci")


_hypothesis_profiles()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts without the pages another test rendered, nor the content version it
    read (its database is gone)."""
    from django.core.cache import cache

    from summit.versioning import forget_content_version

    cache.clear()
    forget_content_version()


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts in the site's language: a request in English leaves its thread in
    English (the locale middleware activates a language and nothing deactivates it)."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()


# Tests run once --------------------------------------------------------------------------
# `make test` runs the suite on SQLite, then on PostgreSQL without the tests marked `once`:
# those that never touch the database (the same code gives the same answer on both) and the
# browser tests, whose pages the client tests already render on both databases.
_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        if item.get_closest_marker("e2e") is not None or not uses_database:
            item.add_marker(pytest.mark.once)
    # The tests of PostgreSQL's own backend run in the PostgreSQL run, and are left out (not
    # skipped) of the SQLite one.
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "summit.backends.postgresql":
        elsewhere = [item for item in items if item.get_closest_marker("postgresql")]
        if elsewhere:
            config.hook.pytest_deselected(items=elsewhere)
            items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
