"""The app's settings plus one bench-only page, ``/bench/minimal/`` (bench/urls_minimal.py).

bench/load.py serves it from the same gunicorn processes, behind the same middleware, as the
app's pages: the gap between the two is what the app's own work costs.
"""

from __future__ import annotations

import os

from summit.settings import *  # noqa: F403
from summit.settings import STATIC_ROOT

ROOT_URLCONF = "bench.urls_minimal"
# collectstatic writes to a scratch folder, not to the checkout.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)
