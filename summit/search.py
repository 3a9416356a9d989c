"""Full-text search of the timeline through the database's own engine, so that a search costs
an index lookup however many events there are.

- SQLite: FTS5 tables (``summit_<model>_fts``) mirror the searched columns of events, quotations,
  actors and places; triggers keep them in step with every write, bulk ones included. Their
  ``unicode61 remove_diacritics 2`` tokenizer ignores case and accents.
- PostgreSQL: GIN indexes on each table's text search vector, in the ``simple`` configuration
  over the text without accents (``unaccent``).

Both are created by the migration ``0007_search_and_indexes``; the expressions below must stay
the same as there, or PostgreSQL would no longer use its indexes.

A search word matches the start of a word of the text (« sing » finds « Singapour »), whatever
the case and accents (« poutine » finds « Poutine », « pyeongchang » finds « Pyeongchang »); an
event matches when every word of the search is found in its title, summary, fact-check note,
place (name or aliases), actors (names or aliases) or published quotations.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from summit.models import Event, Quote

# The searched columns of each table.
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
_TOKEN = re.compile(r"[^\W_]+")


def postgresql_document(table: str) -> str:
    """A table's searched columns as one text without accents (PostgreSQL)."""
    columns = " || ' ' || ".join(f"coalesce({column}, '')" for column in SEARCHED[table])
    return f"summit_unaccent({columns})"


def postgresql_vector(table: str) -> str:
    """The indexed search vector of a table (PostgreSQL)."""
    document = postgresql_document(table)
    return " || ".join(
        f"to_tsvector('{config}'::regconfig, {document})" for config in CONFIGURATIONS
    )


def _postgresql_query() -> str:
    """A word as a prefix query in each configuration; %s is the word, three times."""
    return " || ".join(
        f"to_tsquery('{config}'::regconfig, quote_literal(summit_unaccent(%s)) || ':*')"
        for config in CONFIGURATIONS
    )


def _matching(table: str, word: str) -> RawSQL:
    """The ids of a table's rows whose text has a word starting with ``word``."""
    # The word's letters and digits only: "Jong-un" is "jong" followed by a word starting "un".
    tokens = _TOKEN.findall(word)
    if connection.vendor == "postgresql":
        query = " <-> ".join(f"'{token}'" for token in tokens) + ":*"
        sql = f"SELECT id FROM {table} WHERE {postgresql_vector(table)} @@ ({_postgresql_query()})"
        return RawSQL(sql, [query] * len(CONFIGURATIONS))
    # FTS5: a quoted string is a phrase of the words it holds, "*" makes its last one a prefix.
    phrase = '"' + " ".join(tokens) + '"*'
    return RawSQL(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [phrase])


def searchable(word: str) -> bool:
    """Whether a search word holds anything to search for (punctuation alone does not)."""
    return bool(_TOKEN.search(word))


def event_search(word: str) -> Q:
    """Events where ``word`` starts a word of the event, its place, an actor or a published
    quotation."""
    # Sets of event ids rather than correlated subqueries: the database reads each index once
    # instead of probing it for every event.
    quotes = Quote.objects.published().filter(pk__in=_matching("summit_quote", word))
    actors = Event.actors.through.objects.filter(actor_id__in=_matching("summit_actor", word))
    return (
        Q(pk__in=_matching("summit_event", word))
        | Q(place_id__in=_matching("summit_place", word))
        | Q(pk__in=quotes.values("event_id"))
        | Q(pk__in=actors.values("event_id"))
    )
