"""Random codes from the unambiguous alphabet."""

from __future__ import annotations

import secrets

from classroom.models import CODE_ALPHABET


def code_generate(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
