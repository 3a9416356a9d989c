"""Question bank, quizzes and attempts."""

from __future__ import annotations
