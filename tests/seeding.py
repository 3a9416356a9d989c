"""The seeded corpus of the tests: ``manage.py seed``'s load, recorded once and then copied row for
row into each test that asks for it.

Loading the corpus parses its articles and resolves their quotes, about a second each time; copying
the rows it wrote takes a few milliseconds. A copy is only made where the load would write the same
rows: the database must hold exactly what it held when the load was recorded (an actor a test
wrote first, a tombstone, a flush that took the data migrations' rows: each leads to a load of its
own, recorded in turn; users and the like aside), and the recorded load must have only added
rows. What the load takes from the
clock or from chance is taken afresh: the times it wrote are moved as if it had just ended (in the
same order), the content version's tokens are drawn again.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

# Tables the loads neither read nor write (the latter checked when a load is recorded), left out
# of the state compared: those post_migrate fills again after each flush under new ids (the
# content types, the permissions, the teachers' group: classroom/apps.py), and the users, their
# sessions and admin log that a test may create first (salted passwords, new ids on PostgreSQL).
_UNREAD = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "auth.group_permissions",
    "auth.user",
    "auth.user_groups",
    "auth.user_user_permissions",
    "sessions.session",
    "admin.logentry",
}
# Values the app draws at random when it writes them: drawn again in each copy.
_DRAWN: dict[str, dict[str, Callable[[], object]]] = {
    "summit.contentversion": {"token": lambda: uuid.uuid4().hex},
}

Row = dict[str, Any]


def _tables() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _key(row: Row) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _dump() -> dict[str, dict[str, Row]]:
    """Every row of every table, each keyed by its whole content."""
    dump = {}
    for model in _tables():
        names = [field.attname for field in model._meta.local_concrete_fields]
        rows = model._base_manager.order_by("pk").values(*names)
        dump[_label(model)] = {_key(row): row for row in rows}
    return dump


def _fingerprint(dump: dict[str, dict[str, Row]]) -> str:
    """The state a load starts from, but for the times written in it and the values drawn at
    random: two copies of the same rows, made at two moments, are the same state."""
    state = {}
    for label, rows in dump.items():
        if label in _UNREAD:
            continue
        drawn = _DRAWN.get(label, {})
        state[label] = sorted(
            _key(
                {
                    name: None if name in drawn or isinstance(value, datetime.datetime) else value
                    for name, value in row.items()
                }
            )
            for row in rows.values()
        )
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


@dataclass
class _Recording:
    rows: dict[str, list[Row]]
    report: object
    started: datetime.datetime
    ended: datetime.datetime

    def _moved(self, value: object, shift: datetime.timedelta) -> object:
        """A time the load took from the clock, moved as if the load had just ended."""
        if isinstance(value, datetime.datetime):
            if self.started <= value <= self.ended:
                return value + shift
        elif isinstance(value, datetime.date):
            first, last = timezone.localdate(self.started), timezone.localdate(self.ended)
            if first <= value <= last:
                return value + datetime.timedelta(days=(timezone.localdate() - first).days)
        return value

    def copy(self) -> object:
        shift = timezone.now() - self.ended
        written = []
        with transaction.atomic():
            for label, rows in self.rows.items():
                model = apps.get_model(label)
                fields = list(model._meta.local_concrete_fields)
                drawn = _DRAWN.get(label, {})
                objects = []
                for row in rows:
                    values = {name: self._moved(value, shift) for name, value in row.items()}
                    values.update({name: draw() for name, draw in drawn.items()})
                    objects.append(model(**values))
                size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
                for start in range(0, len(objects), size):
                    # raw: the values as recorded, without the fields' pre_save (auto_now).
                    model._base_manager._insert(objects[start : start + size], fields, raw=True)
                written.append(model)
            # Sequences do not follow explicit ids on PostgreSQL (SQLite's AUTOINCREMENT does).
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), written):
                    cursor.execute(statement)
        return copy.deepcopy(self.report)


# Per load (by name) and starting state; None for a load that cannot be copied from that state.
_recordings: dict[tuple[str, str], _Recording | None] = {}


def seeded_load(load: Callable[[], object], *, name: str) -> object:
    """What ``load()`` returns, with the rows it writes: run and recorded the first time from a
    given database state, copied afterwards. ``load`` must write the same rows each time it starts
    from the same state, whatever the times and tokens in it (it may draw the content version's
    tokens and write the time, nothing else from chance or the clock), and read none of the
    tables in ``_UNREAD``."""
    before = _dump()
    fingerprint = (name, _fingerprint(before))
    recording = _recordings.get(fingerprint)
    if recording is not None:
        return recording.copy()
    started = timezone.now()
    report = load()
    ended = timezone.now()
    if fingerprint not in _recordings:
        _recordings[fingerprint] = _record(before, _dump(), report, started, ended)
    return report


def _record(
    before: dict[str, dict[str, Row]],
    after: dict[str, dict[str, Row]],
    report: object,
    started: datetime.datetime,
    ended: datetime.datetime,
) -> _Recording | None:
    """The rows the load added, or None if it changed or removed any (then it always runs)."""
    added: dict[str, list[Row]] = {}
    for label, rows in after.items():
        kept = before.get(label, {})
        if not kept.keys() <= rows.keys():
            return None
        new = [rows[key] for key in rows.keys() - kept.keys()]
        if not new:
            continue
        if label in _UNREAD:
            return None
        model = apps.get_model(label)
        targets = {
            _label(field.related_model)
            for field in model._meta.local_concrete_fields
            if field.is_relation and field.related_model is not None
        }
        if targets & _UNREAD:
            return None
        added[label] = sorted(new, key=lambda row: row[model._meta.pk.attname])
    return _Recording(rows=added, report=copy.deepcopy(report), started=started, ended=ended)
