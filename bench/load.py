"""Load benchmark: the seeded app under gunicorn, driven by concurrent keep-alive clients.

A scratch SQLite database (or ``DATABASE_URL`` when set) is migrated and seeded, the static files
are collected to a scratch folder, and gunicorn serves the app on 127.0.0.1 with production
settings (debug off) plus one bench-only page, ``/bench/minimal/`` (bench/settings_minimal.py).
Then CLIENTS clients load each target in turn for SECONDS seconds:

- ``/``, the timeline;
- a question page (each client starts an attempt and reloads its current question);
- answering: each client answers the exam quiz's questions one after the other as the page does
  with JavaScript (htmx), one POST per answer whose response is the next question, and starts a
  new attempt when one is over; only the answers' POSTs are counted, but the server's CPU time
  counts everything, starting the attempts included;
- ``/bench/minimal/``, a view that does nothing, under the same middleware.

Prints requests per second, p50 and p95 latency, the server's CPU time per request (gunicorn's
workers, read from /proc) and errors per target, and each target's throughput as a share of the
minimal view's in the same round; then the same share computed from the server's CPU time per
request, which other work on the machine does not move as much as it moves requests per second.
Exits non-zero on any error or if the whole run takes longer than TIME_LIMIT seconds. Run it with
``make bench`` (or ``.venv/bin/python bench/load.py``); BENCH_CLIENTS, BENCH_SECONDS,
BENCH_ROUNDS, BENCH_TIME_LIMIT and BENCH_PORT change the defaults. A ``DATABASE_URL`` must name
an existing, disposable database: it is migrated and seeded.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from common import report

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 8))
SECONDS = float(os.environ.get("BENCH_SECONDS", 3))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
WARMUP = 1.0
# Past this, the run stops and fails, whatever it was doing.
TIME_LIMIT = float(os.environ.get("BENCH_TIME_LIMIT", 420))
WORKERS = 2
THREADS = 2
REQUEST_TIMEOUT = 30
QUIZ = "le-sommet-de-vladivostok"
# Answered in exam mode: each answer's response is the next question (the correction comes at
# the end), as a student answers one question after the other.
EXAM_QUIZ = "la-sequence-trump-kim-poutine"

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The token a page gives htmx, which sends it in a header with each of its requests (base.html).
HTMX_CSRF = re.compile(r"""<body[^>]* data-hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""")
ITEM_FIELD = re.compile(r'name="item" value="(\d+)"')
CHOICE_FIELD = re.compile(r'name="choice" value="(\d+)"')
# Matching and ordering: a list per item, of the other side's items or of the ranks.
LIST_FIELD = re.compile(r'<select name="((?:pair|rank)-\d+)"')


class RunError(Exception):
    """A response the app should not have given."""


class Browser:
    """One client: a keep-alive connection and its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        self.cookies = SimpleCookie()
        # What htmx sends in its CSRF header, from the last page read whole.
        self.htmx_token: str | None = None

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        expect: int = 200,
        htmx: bool = False,
    ) -> tuple[http.client.HTTPResponse, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Connection": "keep-alive"}
        if htmx:
            headers["HX-Request"] = "true"
            if self.htmx_token:
                headers["X-CSRFToken"] = self.htmx_token
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            # The server may close a kept-alive connection between requests: one retry on a
            # fresh one, then the failure counts.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        if response.status != expect:
            raise RunError(f"{method} {path}: {response.status}, expected {expect}")
        if not htmx and (token := HTMX_CSRF.search(text)):
            self.htmx_token = unescape(token.group(1))
        return response, text

    def start_attempt(self, quiz: str = QUIZ) -> str:
        """The path of a new attempt at ``quiz``, started through the quiz list's form."""
        _, html = self.request("GET", "/quizzes/")
        token = CSRF_FIELD.search(html)
        if token is None:
            raise RunError("GET /quizzes/: no CSRF token in the page")
        response, _ = self.request(
            "POST",
            f"/quizzes/{quiz}/start/",
            form={"csrfmiddlewaretoken": unescape(token.group(1)), "display_name": ""},
            expect=302,
        )
        location = urlsplit(response.headers["Location"]).path
        if not location.startswith("/attempts/"):
            raise RunError(f"starting an attempt led to {location}")
        return location

    def close(self) -> None:
        self.connection.close()


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # CPU seconds the server's processes spent in the timed window (None where /proc is not).
    cpu: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


# A target prepares a client and returns the step it repeats. A step returns the time of the
# request it counts, when it also makes requests that are not counted; else it is timed whole.
Step = Callable[[], float | None]


def timeline(browser: Browser) -> Step:
    def step() -> None:
        browser.request("GET", "/")

    return step


def minimal(browser: Browser) -> Step:
    def step() -> None:
        browser.request("GET", "/bench/minimal/")

    return step


def question_page(browser: Browser) -> Step:
    attempt = browser.start_attempt()

    def step() -> None:
        _, html = browser.request("GET", attempt)
        if ITEM_FIELD.search(html) is None:
            raise RunError(f"GET {attempt}: no question on the page")

    return step


def answer_form(html: str, where: str) -> dict[str, str] | None:
    """A response to the question in ``html`` (a random option, or a random order), or None
    when there is no question (the results). A question swapped in by htmx has no CSRF field:
    htmx sends the page's token in a header."""
    item = ITEM_FIELD.search(html)
    if item is None:
        return None
    token = CSRF_FIELD.search(html)
    choices = CHOICE_FIELD.findall(html)
    lists = LIST_FIELD.findall(html)
    if not (choices or lists):
        raise RunError(f"{where}: no answer form")
    form = {"item": item.group(1)}
    if token is not None:
        form["csrfmiddlewaretoken"] = unescape(token.group(1))
    if choices:
        form["choice"] = secrets.choice(choices)
    # Each list gets a different item or rank, as the server requires.
    first = 1 if lists and lists[0].startswith("rank-") else 0
    values = random.SystemRandom().sample(range(first, first + len(lists)), len(lists))
    form.update((name, str(value)) for name, value in zip(lists, values, strict=True))
    return form


def answering(browser: Browser) -> Step:
    """Answer the exam quiz's questions in turn, as the page does with JavaScript: each answer's
    response (htmx) holds the next question. A new attempt when one is over (its page read to
    find the first question); only the answers' POSTs are counted."""
    state: dict[str, object] = {}

    def begin() -> None:
        attempt = browser.start_attempt(EXAM_QUIZ)
        _, html = browser.request("GET", attempt)
        form = answer_form(html, f"GET {attempt}")
        if form is None:
            raise RunError(f"GET {attempt}: no question on a new attempt")
        state.update(attempt=attempt, form=form)

    begin()

    def step() -> float:
        if state["form"] is None:
            begin()
        began = time.perf_counter()
        _, html = browser.request(
            "POST", f"{state['attempt']}answer/", form=state["form"], htmx=True
        )
        counted = time.perf_counter() - began
        state["form"] = answer_form(html, f"POST {state['attempt']}answer/")
        return counted

    return step


def run_target(
    name: str,
    prepare: Callable[[Browser], Step],
    port: int,
    *,
    deadline: float,
    cpu: Callable[[], float | None] = lambda: None,
) -> Result:
    """CLIENTS clients repeat the target's step together: WARMUP seconds, then SECONDS timed."""
    result = Result()
    barrier = threading.Barrier(CLIENTS + 1)
    timing = threading.Event()
    stop = threading.Event()

    def client() -> None:
        browser = Browser(port)
        try:
            step = prepare(browser)
        except Exception as error:
            with result.lock:
                result.errors.append(f"{name}: {error}")
            barrier.abort()
            return
        try:
            barrier.wait()
            while not stop.is_set() and time.monotonic() < deadline:
                began = time.perf_counter()
                try:
                    counted = step()
                except Exception as error:
                    with result.lock:
                        result.errors.append(f"{name}: {error!r}")
                    continue
                elapsed = time.perf_counter() - began if counted is None else counted
                if timing.is_set():
                    with result.lock:
                        result.latencies.append(elapsed)
        except threading.BrokenBarrierError:
            pass
        finally:
            browser.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=max(deadline - time.monotonic(), 0.1))
    except threading.BrokenBarrierError:
        stop.set()
    if not stop.wait(WARMUP):
        timing.set()
    began, cpu_began = time.monotonic(), cpu()
    stop.wait(max(min(SECONDS, deadline - began), 0))
    stop.set()
    result.seconds = time.monotonic() - began
    cpu_ended = cpu()
    if cpu_began is not None and cpu_ended is not None:
        result.cpu = cpu_ended - cpu_began
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0) + REQUEST_TIMEOUT)
    return result


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def server_cpu(arbiter: int) -> float | None:
    """CPU seconds (user and system) used so far by gunicorn's workers, read from /proc: unlike
    requests per second, it does not drop when other work on the machine takes the cores."""
    proc = Path("/proc")
    if not (proc / str(arbiter)).exists():
        return None
    total = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            # After the command's closing parenthesis: state, ppid, ..., utime (12th), stime.
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # a process that ended meanwhile
        if int(fields[1]) == arbiter:
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def free_port() -> int:
    wanted = int(os.environ.get("BENCH_PORT", 0))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", wanted))
        return probe.getsockname()[1]


def manage(env: dict[str, str], *args: str, deadline: float) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=max(deadline - time.monotonic(), 1),
    )


def start_gunicorn(env: dict[str, str], port: int, log: Path, *options: str) -> subprocess.Popen:
    """gunicorn serving the app on 127.0.0.1:``port`` with ``options`` (workers…), in a process
    group of its own (for ``stop_server``), its output in ``log``."""
    with log.open("wb") as output:
        return subprocess.Popen(
            [
                GUNICORN,
                "--bind",
                f"127.0.0.1:{port}",
                *options,
                "--log-level",
                "warning",
                "summit.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_up(port: int, server: subprocess.Popen, *, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RunError(f"gunicorn exited with status {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": f"127.0.0.1:{port}"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RunError("gunicorn did not answer /healthz in time")


def stop_server(server: subprocess.Popen) -> None:
    """TERM to gunicorn's process group (the arbiter and its workers), KILL if it lingers."""
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        pass


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def main() -> int:
    return each_database("summit-load-", run, time_limit=TIME_LIMIT)


def each_database(prefix: str, run_one, *, time_limit: float) -> int:
    """``run_one(scratch, database, url, deadline=)`` on SQLite then PostgreSQL, in a scratch
    folder removed afterwards, within ``time_limit`` seconds: the exit status (1 on any failure)."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    deadline = time.monotonic() + time_limit
    failed = False
    try:
        for database, url in databases(scratch, deadline=deadline):
            if url is None:
                print(f"\n{database}: skipped ({SKIPPED})")
                continue
            failed |= run_one(scratch / database, database, url, deadline=deadline) != 0
    except RunError as error:
        print(f"\n{error}")
        failed = True
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if time.monotonic() > deadline:
        print(f"\nThe run took longer than {time_limit:g} s.")
        failed = True
    return 1 if failed else 0


SKIPPED = "PostgreSQL's initdb was not found; set DATABASE_URL to a disposable database instead"


def databases(scratch: Path, *, deadline: float) -> Iterator[tuple[str, str | None]]:
    """SQLite, then PostgreSQL: DATABASE_URL when it names one (disposable: it is migrated and
    seeded), else a throwaway cluster started here (as tests/with_postgres.sh does) and removed."""
    yield "SQLite", f"sqlite:///{scratch / 'load.sqlite3'}"
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        yield "PostgreSQL", given
        return
    with postgres_cluster(scratch, deadline=deadline) as url:
        yield "PostgreSQL", url


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: p.parts)
    return str(candidates[-1]) if candidates else None


@contextlib.contextmanager
def postgres_cluster(scratch: Path, *, deadline: float) -> Iterator[str | None]:
    """A PostgreSQL cluster on a free loopback port, owned by the postgres user when we are root
    (PostgreSQL refuses to run as root); None if PostgreSQL is not installed."""
    initdb = _postgres_bin("initdb")
    if initdb is None:
        yield None
        return
    pg_ctl = str(Path(initdb).with_name("pg_ctl"))
    if not Path(pg_ctl).exists():
        pg_ctl = _postgres_bin("pg_ctl") or pg_ctl
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    cluster = Path(tempfile.mkdtemp(prefix="summit-load-pg-"))
    cluster.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(cluster, user="postgres")
    port = free_port()
    data = cluster / "data"

    def owner(*command: str) -> None:
        done = subprocess.run(
            [*as_owner, *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=max(deadline - time.monotonic(), 1),
            check=False,
        )
        if done.returncode != 0:
            raise RunError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-500:]}")

    try:
        owner(
            initdb,
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = f"-h 127.0.0.1 -p {port} -k {cluster} -c fsync=off -c max_connections=100"
        owner(
            pg_ctl, "-D", str(data), "-l", str(cluster / "server.log"), "-w", "-o", options, "start"
        )
        # The cluster is thrown away: its default database will do.
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_owner, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(cluster, ignore_errors=True)


def server_env(scratch: Path, url: str) -> dict[str, str]:
    """The environment of the app's commands and its gunicorn: production settings (no debug, a
    fresh secret key) on the database at ``url``, static files in ``scratch``."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings_minimal",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "BENCH_STATIC_ROOT": str(scratch / "static"),
        "PYTHONPATH": str(ROOT),
    }


def run(scratch: Path, database: str, url: str, *, deadline: float) -> int:
    """Set up, load every target ROUNDS times, stop gunicorn, print the figures; 1 on failure."""
    scratch.mkdir(parents=True, exist_ok=True)
    env = server_env(scratch, url)
    server = None
    log = scratch / "gunicorn.log"
    results: dict[str, list[Result]] = {name: [] for name in TARGETS}
    try:
        manage(env, "migrate", "--noinput", "-v", "0", deadline=deadline)
        manage(env, "seed", deadline=deadline)
        manage(env, "collectstatic", "--noinput", "-v", "0", deadline=deadline)
        port = free_port()
        server = start_gunicorn(
            env,
            port,
            log,
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--worker-class",
            "gthread",
        )
        wait_until_up(port, server, deadline=min(deadline, time.monotonic() + 60))
        # Rounds of every target in turn, so that a slow moment of the machine touches all.
        for _ in range(ROUNDS):
            for name, prepare in TARGETS.items():
                results[name].append(
                    run_target(
                        name,
                        prepare,
                        port,
                        deadline=deadline,
                        cpu=lambda: server_cpu(server.pid),
                    )
                )
    finally:
        if server is not None:
            stop_server(server)
    errors = [error for rounds in results.values() for result in rounds for error in result.errors]
    rows = [
        (
            "setup",
            f"{database}, gunicorn {WORKERS} workers x {THREADS} threads (gthread), "
            f"{CLIENTS} clients, {ROUNDS} rounds of {SECONDS:g} s per target",
        )
    ]
    throughput = {
        name: [len(r.latencies) / r.seconds if r.seconds else 0.0 for r in rounds]
        for name, rounds in results.items()
    }
    cost: dict[str, float | None] = {}
    for name, rounds in results.items():
        latencies = [latency for result in rounds for latency in result.latencies]
        if len(latencies) >= 2:
            p50 = statistics.median(latencies) * 1000
            p95 = percentile(latencies, 0.95) * 1000
            figures = f"p50 {p50:6.1f} ms, p95 {p95:6.1f} ms"
        else:
            figures = "too few requests"
        rates = throughput[name]
        counted = sum(len(r.latencies) for r in rounds)
        spent = [r.cpu for r in rounds if r.cpu is not None]
        cost[name] = sum(spent) / counted if counted and len(spent) == len(rounds) else None
        server = f", server CPU {cost[name] * 1000:.2f} ms/req" if cost[name] else ""
        rows.append(
            (
                name,
                f"{spread(rates, '{:.0f}')} req/s, {figures}{server}, "
                f"{sum(len(r.errors) for r in rounds)} errors",
            )
        )
    for name, target in TARGET_RATIOS.items():
        ratios = [
            rate / base if base else 0.0
            for rate, base in zip(throughput[name], throughput[MINIMAL], strict=True)
        ]
        by_cpu = ""
        if cost[name] and cost[MINIMAL]:
            by_cpu = f"; by server CPU {cost[MINIMAL] / cost[name]:.2f}"
        rows.append(
            (f"{name} / minimal", f"{spread(ratios, '{:.2f}')}{by_cpu} (target >= {target})")
        )
    report(f"Load benchmark on {database} (gunicorn, seeded corpus)", rows)
    if errors:
        print(f"\n{len(errors)} errors, the first ones:", *errors[:5], sep="\n  ")
        print("\ngunicorn's log, last lines:", *log.read_text().splitlines()[-20:], sep="\n  ")
        return 1
    return 0


def spread(values: list[float], form: str) -> str:
    """The lowest and highest of the rounds' figures (one figure if they agree)."""
    low, high = form.format(min(values)), form.format(max(values))
    return low if low == high else f"{low}-{high}"


MINIMAL = "/bench/minimal/"
TARGETS: dict[str, Callable[[Browser], Step]] = {
    MINIMAL: minimal,
    "/ (timeline, cached)": timeline,
    "question page": question_page,
    "answering (POST)": answering,
}
TARGET_RATIOS = {"/ (timeline, cached)": 0.8, "question page": 0.3, "answering (POST)": 0.15}


if __name__ == "__main__":
    sys.exit(main())
