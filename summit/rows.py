"""Model instances read with plain SQL, for the few queries a busy page makes on every request.

Writing a query takes the ORM much longer than running it takes the database: a question page's
three queries spent four fifths of their time being compiled. Here the SQL is written once, from
the models' own table and column names, and each row becomes the instances the ORM would have
built: values go through the same converters (the backend's, then the field's), instances are
made as ``Model.from_db`` makes them, and a joined row fills the relation's cache as
``select_related`` does. Only what the ORM would do for plain columns is done: no deferred
loading, no annotations.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from django.db import NotSupportedError, connections, router
from django.db.models import Field, Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

Converter = Callable[[Any, Any, Any], Any]


@dataclass(frozen=True)
class Table:
    """A model read under an alias: every concrete field, in the model's order."""

    model: type[Model]
    alias: str

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        return tuple(self.model._meta.concrete_fields)

    @cached_property
    def pk_index(self) -> int:
        return self.fields.index(self.model._meta.pk)

    @cached_property
    def attnames(self) -> tuple[str, ...]:
        return tuple(field.attname for field in self.fields)

    def column(self, name: str, using: str = "default") -> str:
        """``alias."column"`` of the field named ``name``, for a WHERE or ORDER BY clause."""
        quote = connections[using].ops.quote_name
        return f"{self.alias}.{quote(self.model._meta.get_field(name).column)}"

    def columns(self, using: str = "default") -> str:
        quote = connections[using].ops.quote_name
        return ", ".join(f"{self.alias}.{quote(field.column)}" for field in self.fields)

    def source(self, using: str = "default") -> str:
        """``"table" alias``, for a FROM or JOIN clause."""
        return f"{connections[using].ops.quote_name(self.model._meta.db_table)} {self.alias}"

    def prepare(self, name: str, value: Any, using: str = "default") -> Any:
        """``value`` as the database takes it for the field named ``name`` (a UUID, a date)."""
        field = self.model._meta.get_field(name)
        return field.get_db_prep_value(value, connections[using], prepared=False)


# The attributes through which Django reads a plain field and a foreign key's id: setting them
# on a new instance stores the value and nothing else (a foreign key's also clears a cached
# object, which a new instance does not have).
_PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)


@cache
def _plain_fields(model: type[Model]) -> bool:
    return all(
        type(inspect.getattr_static(model, field.attname, None)) in _PLAIN_ATTRIBUTES
        for field in model._meta.concrete_fields
    )


def _plain(model: type[Model]) -> bool:
    """Whether ``Model.__init__`` would only store each field's value in the instance: every
    field behind a plain attribute, and nothing listening to instances being made."""
    return _plain_fields(model) and not (
        pre_init.has_listeners(model) or post_init.has_listeners(model)
    )


def _instance(table: Table, using: str, values: list[Any], plain: bool) -> Model:
    """``table.model.from_db(using, table.attnames, values)``; made directly when ``plain``:
    a fifth of what a busy page's reads cost went to ``Model.__init__``."""
    if not plain:
        return table.model.from_db(using, table.attnames, values)
    instance = table.model.__new__(table.model)
    state = ModelState()
    state.adding = False
    state.db = using
    fields = instance.__dict__
    fields["_state"] = state
    fields.update(zip(table.attnames, values, strict=True))
    return instance


_CONVERTERS: dict[tuple[str, str, type[Model]], list[tuple[Any, list[Converter]]]] = {}


def _converters(table: Table, using: str) -> list[tuple[Any, list[Converter]]]:
    """Each column's converters, as the ORM's compiler finds them; once per model and database."""
    connection = connections[using]
    key = (using, connection.vendor, table.model)
    found = _CONVERTERS.get(key)
    if found is None:
        found = []
        for field in table.fields:
            column = field.get_col(table.alias)
            chain = [
                *connection.ops.get_db_converters(column),
                *column.get_db_converters(connection),
            ]
            found.append((column, chain))
        _CONVERTERS[key] = found
    return found


def select(
    tables: Sequence[Table],
    sql: str,
    params: Sequence[Any],
    *,
    using: str = "default",
    related: Sequence[tuple[int, str, int]] = (),
) -> list[tuple[Model | None, ...]]:
    """Run ``sql``, whose columns are ``tables[0].columns()``, then ``tables[1].columns()``…,
    and make each row one instance per table; None for a table whose primary key is NULL (a
    LEFT JOIN that found nothing). ``related`` lists ``(owner, field, target)``: the instance at
    ``target`` is cached as the ``field`` relation of the one at ``owner``."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    plans = [(table, _converters(table, using), _plain(table.model)) for table in tables]
    results = []
    for row in rows:
        instances = []
        start = 0
        for table, converters, plain in plans:
            end = start + len(converters)
            if row[start + table.pk_index] is None:
                instances.append(None)
                start = end
                continue
            values = list(row[start:end])
            start = end
            for index, (column, chain) in enumerate(converters):
                if chain:
                    value = values[index]
                    for convert in chain:
                        value = convert(value, column, connection)
                    values[index] = value
            instances.append(_instance(table, using, values, plain))
        for owner, name, target in related:
            if instances[owner] is not None:
                field = instances[owner]._meta.get_field(name)
                field.set_cached_value(instances[owner], instances[target])
        results.append(tuple(instances))
    return results


def _inserted_fields(model: type[Model]) -> list[Field]:
    """The fields an insert of ``model`` writes: an automatic key is left to the database."""
    return [field for field in model._meta.local_concrete_fields if not field.db_returning]


def insert_values(instance: Model, *, using: str = "default") -> tuple[str, list[Any]]:
    """The quoted columns ``save()`` would insert for ``instance`` and their values, each field's
    ``pre_save`` applied (``auto_now_add`` included) and prepared for the database; an automatic
    key is left to the database."""
    connection = connections[using]
    fields = _inserted_fields(type(instance))
    quote = connection.ops.quote_name
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    return ", ".join(quote(field.column) for field in fields), values


def inserted(instance: Model, pk: Any, *, using: str = "default") -> None:
    """Mark ``instance`` as saved under ``pk``, as ``save()`` does after its insert."""
    instance.pk = pk
    instance._state.adding = False
    instance._state.db = using


def insert_all(instances: Sequence[Model], *, using: str = "default") -> None:
    """Insert new ``instances`` of one model as ``bulk_create`` would (``insert_values``, their
    relations' ids set beforehand) with ``rows_insert``, and set their primary keys; no signal
    is sent. ``bulk_create`` prepares every value through its query compiler: inserting an
    attempt's questions took a fifth of its start."""
    if not instances:
        return
    model = type(instances[0])
    names = [field.name for field in _inserted_fields(model)]
    rows = [insert_values(instance, using=using)[1] for instance in instances]
    keys = rows_insert(model=model, fields=names, rows=rows, returning=True, using=using)
    for instance, pk in zip(instances, keys, strict=True):
        inserted(instance, pk, using=using)


def insert_new(instance: Model, *, using: str = "default") -> bool:
    """Insert ``instance`` as ``save()`` would (``insert_values``), unless the row would break a
    unique constraint: then nothing is written, and no error is raised. True if inserted, the
    primary key then set. One statement, without the savepoint that catching the ORM's
    IntegrityError inside a transaction needs; no ``pre_save``/``post_save`` signal is sent."""
    connection = connections[using]
    meta = instance._meta
    if not (
        connection.features.supports_ignore_conflicts
        and connection.features.can_return_columns_from_insert
    ):
        raise NotSupportedError(
            f"{connection.display_name} cannot insert a row unless present and return its key"
        )
    columns, values = insert_values(instance, using=using)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(values))}) "
        f"ON CONFLICT DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    inserted(instance, row[0], using=using)
    return True


# The parameters one statement may carry: PostgreSQL's protocol counts them on 16 bits.
MAX_PARAMETERS = 65_535


def rows_insert(
    *,
    model: type[Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    returning: bool = False,
    using: str | None = None,
) -> list[int]:
    """A plain ``INSERT`` of rows whose values are already what the database stores (numbers,
    strings, booleans, nulls), one value for each of ``fields`` in that order, on ``using`` (by
    default the database the router gives for writing): the questions, options and actors of a
    large bank are hundreds of thousands of rows, and building a model instance for each, then
    compiling it, was most of the time spent storing them.

    What ``bulk_create`` gives is kept: the fields left out take their default, or the time
    now for ``auto_now`` and ``auto_now_add``, prepared by the field itself (one value for
    every row: a field whose default is a callable must be given), and a ``db_default`` is left
    to the database. With ``returning``, the new primary keys come back in the rows' order."""
    meta = model._meta
    connection = connections[using or router.db_for_write(model)]
    given = [meta.get_field(name) for name in fields]
    blank = model()
    defaults: dict[Field, object] = {}
    for left_out in meta.concrete_fields:
        if left_out in given or left_out is meta.auto_field:
            continue
        if left_out.has_default() and callable(left_out.default):
            raise ValueError(f"{meta.label}.{left_out.name}: a default for each row, to be given.")
        value = left_out.pre_save(blank, add=True)
        if not hasattr(value, "resolve_expression"):
            defaults[left_out] = left_out.get_db_prep_save(value, connection)
    columns = [*given, *defaults]
    constants = tuple(defaults.values())
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({})".format(
        quote(meta.db_table), ", ".join(quote(field.column) for field in columns)
    )
    placeholder = "({})".format(", ".join(["%s"] * len(columns)))
    complete = [(*row, *constants) for row in rows]
    if not complete:
        return []
    if returning and not connection.features.can_return_rows_from_bulk_insert:
        raise NotSupportedError(f"{connection.display_name} returns no ids from an INSERT.")
    returned = connection.ops.return_insert_columns([meta.pk])[0] if returning else ""
    # Many rows per statement, as many as the database takes parameters (SQLite binds a row
    # of executemany() at a time: twice as slow).
    size = max(
        min(connection.ops.bulk_batch_size(columns, complete), MAX_PARAMETERS // len(columns)), 1
    )
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(complete), size):
            batch = complete[start : start + size]
            cursor.execute(
                f"{head} VALUES {', '.join([placeholder] * len(batch))} {returned}".rstrip(),
                [value for row in batch for value in row],
            )
            if returning:
                ids.extend(pk for (pk,) in connection.ops.fetch_returned_insert_rows(cursor))
    return ids
