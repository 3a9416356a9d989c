"""Fixtures of the browser tests that audit pages with axe-core."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.axe import AXE, ROOT


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from node_modules. Required under CI; skipped elsewhere if absent."""
    if not AXE.is_file():
        message = f"{AXE.relative_to(ROOT)} is missing: run make test, which runs npm ci."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@pytest.fixture
def audit_context(browser: object, axe_script: Path) -> Iterator[object]:
    """A browser context whose pages can take axe-core.

    ``add_script_tag`` injects axe as an inline script, which the site's Content-Security-Policy
    (script-src 'self') rightly refuses. Only this audit context ignores the policy, so that axe can
    run; every other browser test keeps it in force (tests/e2e/test_csp.py).
    """
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", bypass_csp=True
    )
    yield context
    context.close()
