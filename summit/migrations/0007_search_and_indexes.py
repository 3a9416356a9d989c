"""Indexes where the public pages' query plans showed scans, and full-text search through the
database's own engine (see summit/search.py): FTS5 tables kept in step by triggers on SQLite,
``unaccent`` and GIN indexes on PostgreSQL. Other databases get the plain indexes only."""

from django.db import migrations, models

SEARCHED = {
    "summit_event": ("title", "summary", "fact_check_note"),
    "summit_quote": ("text",),
    "summit_actor": ("name", "aliases"),
    "summit_place": ("name", "aliases"),
}
# The "simple" configuration only: words lowercased, no stemming and no stop words, as SQLite's
# FTS5 tokenizer does, so that a search finds the same events on both databases (with "french"
# or "english", « olympiques » would find « olympique » on PostgreSQL alone, and a stop word
# would drop out of a search).
CONFIGURATIONS = ("simple",)


def _sqlite_statements(table, columns):
    fts = f"{table}_fts"
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _postgresql_vector(table):
    columns = " || ' ' || ".join(f"coalesce({column}, '')" for column in SEARCHED[table])
    document = f"summit_unaccent({columns})"
    return " || ".join(
        f"to_tsvector('{config}'::regconfig, {document})" for config in CONFIGURATIONS
    )


def create_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, columns in SEARCHED.items():
            for statement in _sqlite_statements(table, columns):
                schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        # unaccent() is only STABLE (its dictionary could change): an index needs an IMMUTABLE
        # function, with the dictionary named.
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION summit_unaccent(text) RETURNS text AS "
            "$$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$ "
            "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
        )
        for table in SEARCHED:
            schema_editor.execute(
                f"CREATE INDEX {table}_search ON {table} USING GIN (({_postgresql_vector(table)}))"
            )


def drop_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table in SEARCHED:
            for action in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{action}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")
    elif vendor == "postgresql":
        for table in SEARCHED:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search")
        schema_editor.execute("DROP FUNCTION IF EXISTS summit_unaccent(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("summit", "0005_public_source"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["date", "slug"], name="summit_event_date_slug"
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                fields=["speaker", "said_on", "id"], name="summit_quote_speaker_said"
            ),
        ),
        migrations.RunPython(create_search, drop_search),
    ]
