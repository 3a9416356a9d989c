"""The editorial module is the only part of ``summit`` that reaches into ``seeds`` and ``quiz``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SUMMIT = Path(__file__).resolve().parents[2] / "summit"
OTHER_APPS = ("seeds", "quiz")
ALLOWED = {"editorial.py"}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (functions included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def reaches_other_apps(path: Path) -> list[str]:
    return sorted(module for module in imported_modules(path) if module.split(".")[0] in OTHER_APPS)


MODULES = sorted(
    path
    for path in SUMMIT.rglob("*.py")
    if "migrations" not in path.parts and path.name not in ALLOWED
)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(SUMMIT)))
def test_no_summit_module_but_the_editorial_one_imports_seeds_or_quiz(path):
    assert reaches_other_apps(path) == []


def test_the_rule_sees_every_kind_of_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import quiz.bank\n"
        "from seeds import importer\n"
        "def later():\n"
        "    from quiz.models import Question\n"
        "from summit.models import Actor\n",
        encoding="utf-8",
    )
    assert reaches_other_apps(module) == [
        "quiz.bank",
        "quiz.models",
        "quiz.models.Question",
        "seeds",
        "seeds.importer",
    ]


def test_the_editorial_module_is_where_the_apps_meet():
    modules = imported_modules(SUMMIT / "editorial.py")
    assert {"quiz.bank", "seeds.importer"} <= modules
    assert len(MODULES) > 10
