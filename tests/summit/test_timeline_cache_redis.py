"""The timeline cache through Django's RedisCache (DJANGO_CACHE_URL), against a throwaway
redis-server. `make test` installs Debian's redis-server; without it these tests are skipped,
except under CI, where they are required."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

REDIS_SERVER = shutil.which("redis-server")


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    if REDIS_SERVER is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is required under CI (make test installs it).")
        pytest.skip("redis-server is not installed (not needed: the local cache is the default).")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                folder,
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        try:
            for _ in range(50):
                with socket.socket() as client:
                    if client.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            server.terminate()
            server.wait(10)


@pytest.fixture
def redis_cache(settings, redis_url: str) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"test-{time.time()}",
        },
    }


def test_the_timeline_is_served_from_redis_and_follows_changes(client, redis_cache):
    event = EventFactory(title="Sommet de Singapour", published=True)
    client.get("/")
    with CaptureQueriesContext(connection) as context:
        html = client.get("/").content.decode()
    assert "Sommet de Singapour" in html
    assert len(context.captured_queries) == 0
    event.title = "Sommet de Singapour, juin 2018"
    event.save()
    assert "Sommet de Singapour, juin 2018" in client.get("/").content.decode()
