"""Live-session benchmark: a class of students on their phones and the projector, under gunicorn.

For SQLite, then PostgreSQL (a throwaway cluster, started and removed by ``bench/load.py``'s
code; or ``DATABASE_URL`` naming a disposable database), the app is migrated and seeded, a
teacher and a live session of QUESTIONS questions drawn from the seeded bank are created, and
gunicorn serves it on the loopback with WORKERS sync workers and production settings. Then:

- STUDENTS students join through the join page, each in a thread of its own with its own
  cookies, and poll their phone page every PHONE_POLL seconds, as the page does;
- the teacher signs in through the admin, opens the projector and polls it every SCREEN_POLL
  seconds;
- for each question the teacher moves on; every student answers once, after a think time of
  up to THINK seconds (whatever the kind of question: one option, several, pairs, ranks);
  once the projector counts every answer (or the countdown is over) the teacher shows the
  correction, then the leaderboard, then the next question; at the end, the final results.

Prints the p50 and p95 latency of the students' requests (joining, polling, answering) and of
the projector's (polling, the teacher's moves), the errors, the answers sent, recorded and found
in the database, and how long after its response each answer showed in the projector's count.
Exits non-zero on any error, any lost answer (taken, then not in the database), a correction
whose count is not the answers taken, an answer shown later than VISIBLE_WITHIN seconds, or a
run longer than BENCH_TIME_LIMIT seconds. BENCH_LIVE_STUDENTS, BENCH_LIVE_QUESTIONS and
BENCH_PORT change the defaults.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from common import report
from load import (
    PYTHON,
    ROOT,
    RunError,
    each_database,
    free_port,
    manage,
    percentile,
    server_env,
    start_gunicorn,
    stop_server,
    wait_until_up,
)

STUDENTS = int(os.environ.get("BENCH_LIVE_STUDENTS", 200))
QUESTIONS = int(os.environ.get("BENCH_LIVE_QUESTIONS", 10))
WORKERS = 4
# As the pages poll (live/views.py).
SCREEN_POLL = 1.0
PHONE_POLL = 2.0
THINK = 4.0
VISIBLE_WITHIN = 2.0
TIME_LIMIT = float(os.environ.get("BENCH_TIME_LIMIT", 900))
REQUEST_TIMEOUT = 30
# Students join a few at a time, as a class does.
JOINING_AT_ONCE = 20
TEACHER = "bench-teacher"
PASSWORD = secrets.token_urlsafe(16)

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SINCE = re.compile(r'data-hx-get="[^"?]+\?since=([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
POSITION = re.compile(r'name="position" value="(\d+)"')
CHOICE = re.compile(r'name="choice" value="(\d+)"')
LIST = re.compile(r'<select name="((?:pair|rank)-\d+)"')
ANSWERED = re.compile(r'class="live-answered"><strong>(\d+)</strong>')
PROGRESS = re.compile(r'class="live-progress">Question (\d+) sur')
RIGHT = re.compile(r'class="live-right">\d+ bonnes? réponses? sur (\d+)')
SENT = 'class="live-sent"'
NOTICE = 'class="live-notice"'
FINISHED = "live-phase-finished"

# Creates the teacher and the session; prints the session's code.
SETUP = f"""
import random
from django.contrib.auth.models import User
from classroom.sessions import session_create
from classroom.teachers import teachers_group_ensure
from quiz.models import Quiz
teacher = User.objects.create_user({TEACHER!r}, password={PASSWORD!r}, is_staff=True)
teacher.groups.add(teachers_group_ensure())
quiz = Quiz.objects.create(
    title="Quiz en direct (banc d'essai)", slug="bench-live", size={QUESTIONS}, published=True
)
session = session_create(
    quiz=quiz, teacher=teacher, mode="live", rng=random.Random(2019), title="Banc d'essai"
)
assert session.questions.count() == {QUESTIONS}, session.questions.count()
print(session.code)
"""
COUNT_ANSWERS = """
from quiz.models import Answer
print(Answer.objects.filter(attempt__participant__session__code={code!r}).count())
"""


@dataclass
class Stats:
    """Latencies per kind of request, and the errors, shared by every thread."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


class Client:
    """One browser: its cookies, a new connection per request (sync workers close them)."""

    def __init__(self, port: int, stats: Stats) -> None:
        self.port = port
        self.stats = stats
        self.cookies = SimpleCookie()

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        form: dict[str, object] | None = None,
        htmx: bool = False,
        expect: tuple[int, ...] = (200,),
    ) -> tuple[http.client.HTTPResponse, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        if htmx:
            headers["HX-Request"] = "true"
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        began = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException) as error:
            raise RunError(f"{method} {path}: {error!r}") from None
        finally:
            connection.close()
        self.stats.add(kind, time.perf_counter() - began, response.status)
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        if response.status not in expect:
            raise RunError(f"{method} {path}: {response.status}, expected {expect}")
        return response, text


def _csrf(html: str, where: str) -> str:
    token = CSRF_FIELD.search(html)
    if token is None:
        raise RunError(f"{where}: no CSRF token")
    return unescape(token.group(1))


def _since(html: str, where: str) -> str:
    token = SINCE.search(html)
    if token is None:
        raise RunError(f"{where}: no poll address")
    return unescape(token.group(1))


@dataclass
class Board:
    """What the threads share: the answers' times, what the projector showed and when."""

    answered: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    shown: dict[int, list[tuple[float, int]]] = field(default_factory=lambda: defaultdict(list))
    refused: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def count(self, position: int) -> int:
        with self.lock:
            rows = self.shown.get(position)
            return rows[-1][1] if rows else 0


def student(index: int, code: str, port: int, stats: Stats, board: Board, gate) -> None:
    """Join, then follow the phone page: answer each question once, until the end."""
    client = Client(port, stats)
    rng = random.Random(index)
    try:
        with gate:
            _, html = client.request("join", "GET", f"/join/{code}/")
            response, _ = client.request(
                "join",
                "POST",
                f"/join/{code}/",
                form={"csrfmiddlewaretoken": _csrf(html, "join"), "display_name": f"Élève {index}"},
                expect=(302,),
            )
            # The session's page hands a live session over to the phone page.
            where = urlsplit(response.headers["Location"]).path
            response, _ = client.request("join", "GET", where, expect=(302,))
            phone = urlsplit(response.headers["Location"]).path
            _, html = client.request("join", "GET", phone)
        token = _since(html, phone)
        answered: set[int] = set()
        time.sleep(rng.random() * PHONE_POLL)
        while not board.stop.is_set():
            time.sleep(PHONE_POLL)
            response, html = client.request(
                "phone poll", "GET", f"{phone}?since={token}", htmx=True, expect=(200, 204)
            )
            if response.status == 204:
                continue
            if FINISHED in html:
                return
            token = _since(html, phone)
            position = POSITION.search(html)
            if position is None or int(position.group(1)) in answered:
                continue
            number = int(position.group(1))
            time.sleep(rng.random() * THINK)
            form: dict[str, object] = {
                "csrfmiddlewaretoken": _csrf(html, phone),
                "position": number,
            }
            choices = CHOICE.findall(html)
            lists = LIST.findall(html)
            if 'type="checkbox"' in html:
                form["choice"] = rng.sample(choices, rng.randint(1, len(choices)))
            elif choices:
                form["choice"] = rng.choice(choices)
            first = 1 if lists and lists[0].startswith("rank-") else 0
            values = rng.sample(range(first, first + len(lists)), len(lists))
            form.update((name, str(value)) for name, value in zip(lists, values, strict=True))
            _, html = client.request("answer", "POST", f"{phone}answer/", form=form, htmx=True)
            done = time.monotonic()
            answered.add(number)
            if SENT in html:
                with board.lock:
                    board.answered[number].append(done)
            elif NOTICE in html:
                # Seen too late (the countdown was over): refused, as it should be.
                with board.lock:
                    board.refused[number] += 1
            else:
                raise RunError(f"student {index}, question {number}: no answer to the answer")
            token = _since(html, phone)
    except Exception as error:  # every failure is reported, none stops the others
        stats.error(f"student {index}: {error}")


def projector(client: Client, code: str, token: str, board: Board) -> None:
    """Poll the projector as its page does; note each count of answers and when it came."""
    screen = f"/live/{code}/screen/"
    while not board.stop.is_set():
        time.sleep(SCREEN_POLL)
        try:
            response, html = client.request(
                "screen poll", "GET", f"{screen}?since={token}", htmx=True, expect=(200, 204)
            )
        except RunError as error:
            client.stats.error(f"projector: {error}")
            continue
        if response.status == 204:
            continue
        arrived = time.monotonic()
        token = _since(html, screen) if FINISHED not in html else token
        count, number = ANSWERED.search(html), PROGRESS.search(html)
        if count and number:
            with board.lock:
                board.shown[int(number.group(1))].append((arrived, int(count.group(1))))


def teacher_move(client: Client, code: str, html: str) -> str:
    """Press the projector's « next » button (its form, as the page sends it)."""
    version = VERSION.search(html)
    if version is None:
        raise RunError("the projector shows no « next » button")
    _, html = client.request(
        "teacher move",
        "POST",
        f"/live/{code}/control/",
        form={
            "csrfmiddlewaretoken": _csrf(html, "projector"),
            "move": "next",
            "version": version.group(1),
        },
        htmx=True,
    )
    return html


def run_session(port: int, code: str, stats: Stats, *, deadline: float) -> dict[str, object]:
    board = Board()
    teacher = Client(port, stats)
    screen = f"/live/{code}/screen/"
    _, html = teacher.request("teacher", "GET", f"/admin/login/?next={screen}")
    teacher.request(
        "teacher",
        "POST",
        "/admin/login/",
        form={
            "csrfmiddlewaretoken": _csrf(html, "login"),
            "username": TEACHER,
            "password": PASSWORD,
            "next": screen,
        },
        expect=(302,),
    )
    _, html = teacher.request("teacher", "GET", screen)
    gate = threading.BoundedSemaphore(JOINING_AT_ONCE)
    threads = [
        threading.Thread(target=student, args=(i, code, port, stats, board, gate), daemon=True)
        for i in range(1, STUDENTS + 1)
    ]
    for thread in threads:
        thread.start()
    # The projector is the teacher's browser: the same cookies.
    screen_client = Client(port, stats)
    screen_client.cookies = teacher.cookies
    watcher = threading.Thread(
        target=projector, args=(screen_client, code, _since(html, screen), board), daemon=True
    )
    watcher.start()
    figures: dict[str, object] = {"reveal_counts": []}
    try:
        while time.monotonic() < deadline:
            _, html = teacher.request("teacher", "GET", screen)
            if f"{STUDENTS} élèves" in html:
                break
            time.sleep(SCREEN_POLL)
        else:
            raise RunError("not every student could join in time")
        for number in range(1, QUESTIONS + 1):
            html = teacher_move(client=teacher, code=code, html=html)  # the question
            if f"Question {number} sur" not in html:
                raise RunError(f"question {number} is not on the projector")
            opened = time.monotonic()
            # Until the projector counts every answer, or the countdown (30 s) and a margin.
            while board.count(number) < STUDENTS and time.monotonic() < opened + 35:
                if time.monotonic() > deadline or stats.errors:
                    raise RunError("stopped: time is up or errors came")
                time.sleep(0.2)
            html = teacher_move(client=teacher, code=code, html=html)  # the correction
            right = RIGHT.search(html)
            figures["reveal_counts"].append(int(right.group(1)) if right else -1)
            time.sleep(SCREEN_POLL)
            html = teacher_move(client=teacher, code=code, html=html)  # the leaderboard
            time.sleep(SCREEN_POLL)
        html = teacher_move(client=teacher, code=code, html=html)  # the final results
        if "Session terminée" not in html:
            raise RunError("the session did not end")
        for thread in threads:
            thread.join(timeout=max(deadline - time.monotonic(), 0) + PHONE_POLL * 3)
    finally:
        board.stop.set()
        watcher.join(timeout=REQUEST_TIMEOUT)
    figures["board"] = board
    return figures


def visibility(board: Board) -> list[float]:
    """For each answer, the seconds from its response to the first projector poll that counted
    it (the k-th answer of a question is counted once the count reaches k); 0 if a poll already
    showed it when the response came."""
    delays = []
    for number, done in board.answered.items():
        shown = sorted(board.shown.get(number, []))
        for rank, moment in enumerate(sorted(done), start=1):
            seen = next((at for at, count in shown if count >= rank), None)
            delays.append(float("inf") if seen is None else max(seen - moment, 0.0))
    return delays


def figures_line(values: list[float]) -> str:
    if len(values) < 2:
        return "too few requests"
    p50 = statistics.median(values) * 1000
    return f"p50 {p50:6.1f} ms, p95 {percentile(values, 0.95) * 1000:6.1f} ms ({len(values)})"


def run(scratch: Path, database: str, url: str, *, deadline: float) -> int:
    scratch.mkdir(parents=True, exist_ok=True)
    env = server_env(scratch, url)
    stats = Stats()
    server = None
    log = scratch / "gunicorn.log"
    began = time.monotonic()
    try:
        manage(env, "migrate", "--noinput", "-v", "0", deadline=deadline)
        manage(env, "seed", deadline=deadline)
        manage(env, "collectstatic", "--noinput", "-v", "0", deadline=deadline)
        code = shell(env, SETUP, deadline=deadline)
        port = free_port()
        server = start_gunicorn(env, port, log, "--workers", str(WORKERS))
        wait_until_up(port, server, deadline=min(deadline, time.monotonic() + 60))
        started = time.monotonic()
        figures = run_session(port, code, stats, deadline=deadline)
        session_seconds = time.monotonic() - started
    except RunError as error:
        stats.error(str(error))
        figures, session_seconds, code = {}, 0.0, locals().get("code", "")
    finally:
        if server is not None:
            stop_server(server)
    board: Board | None = figures.get("board")  # type: ignore[assignment]
    sent = sum(len(done) for done in board.answered.values()) if board else 0
    stored = int(shell(env, COUNT_ANSWERS.format(code=code), deadline=deadline)) if code else 0
    delays = visibility(board) if board else []
    late = [delay for delay in delays if delay > VISIBLE_WITHIN]
    reveal_counts = figures.get("reveal_counts", [])
    taken = [len(board.answered.get(n, [])) for n in range(1, QUESTIONS + 1)] if board else []
    refused = sum(board.refused.values()) if board else 0
    expected = STUDENTS * QUESTIONS
    polls = stats.statuses["phone poll"]
    rows = [
        (
            "setup",
            f"{database}, gunicorn {WORKERS} sync workers, {STUDENTS} students, "
            f"{QUESTIONS} questions, polls every {PHONE_POLL:g} s (phones) and "
            f"{SCREEN_POLL:g} s (projector)",
        ),
        ("students: joining", figures_line(stats.latencies["join"])),
        (
            "students: polling",
            f"{figures_line(stats.latencies['phone poll'])}, {polls.get(204, 0)} × 204",
        ),
        ("students: answering", figures_line(stats.latencies["answer"])),
        ("projector: polling", figures_line(stats.latencies["screen poll"])),
        ("projector: teacher's moves", figures_line(stats.latencies["teacher move"])),
        (
            "answers",
            f"{expected} asked for, {sent} taken, {refused} refused (seen after the "
            f"countdown), {stored} in the database, {sent - stored} lost",
        ),
        ("counted at each correction", ", ".join(map(str, reveal_counts)) or "-"),
        (
            "shown on the projector's count",
            f"max {max(delays, default=0):.2f} s, p95 {percentile(delays, 0.95):.2f} s after the "
            f"answer's response, {len(late)} later than {VISIBLE_WITHIN:g} s"
            if len(delays) >= 2
            else "-",
        ),
        ("errors", str(len(stats.errors))),
        (
            "time",
            f"{session_seconds:.0f} s for the session, {time.monotonic() - began:.0f} s "
            "with the set-up",
        ),
    ]
    report(f"Live session on {database}", rows)
    failed = bool(stats.errors or late or stored != sent or reveal_counts != taken)
    if stats.errors:
        print(f"\n{len(stats.errors)} errors, the first ones:", *stats.errors[:5], sep="\n  ")
        print("\ngunicorn's log, last lines:", *log.read_text().splitlines()[-20:], sep="\n  ")
    return 1 if failed else 0


def shell(env: dict[str, str], code: str, *, deadline: float) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=max(deadline - time.monotonic(), 1),
    )
    return done.stdout.strip().splitlines()[-1]


def main() -> int:
    return each_database("summit-live-", run, time_limit=TIME_LIMIT)


if __name__ == "__main__":
    sys.exit(main())
