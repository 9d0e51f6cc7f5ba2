"""The full-text index: SQLite FTS5 with the unicode61 tokenizer (folds the
case of æøå, keeps å distinct from a), kept current by triggers so that every
write path — ORM, Core bulk insert, rows applied from the server — indexes.

`search_doc` maps a row (kind, row id) to the FTS rowid; the FTS table holds
the text. Deleted (tombstoned) rows leave the index.
"""
from __future__ import annotations

SEARCH_TABLES = ("search_doc", "search_fts")

# kind -> (table, text expression over NEW, citizen id expression over NEW)
SOURCES = {
    "citizen": ("citizen", "NEW.name || ' ' || coalesce(NEW.city, '')", "NEW.id"),
    "company": ("company", "NEW.name || ' ' || NEW.cvr || ' ' || coalesce(NEW.city, '')", "NULL"),
    "visit": ("visit", "NEW.notes", "NEW.citizen_id"),
}


def _source(table: str) -> tuple[str, str, str]:
    """(kind, text expression, citizen id expression) of a source table."""
    kind = next(k for k, (t, _, _) in SOURCES.items() if t == table)
    _, body, citizen = SOURCES[kind]
    return kind, body, citizen


def is_search_object(name: str | None) -> bool:
    return name is not None and (name in SEARCH_TABLES or name.startswith("search_fts_"))


def _index_sql(kind: str, body: str, citizen: str) -> str:
    return (
        f"INSERT INTO search_doc(kind, row_id, citizen_id) VALUES ('{kind}', NEW.id, {citizen}); "
        f"INSERT INTO search_fts(rowid, body) VALUES (last_insert_rowid(), {body});"
    )


def _unindex_sql() -> str:
    return (
        "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE row_id = OLD.id); "
        "DELETE FROM search_doc WHERE row_id = OLD.id;"
    )


def create_statements() -> list[str]:
    stmts = [
        "CREATE TABLE search_doc (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
        "row_id TEXT NOT NULL UNIQUE, citizen_id TEXT)",
        "CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
    ]
    for table in (t for t, _, _ in SOURCES.values()):
        stmts.extend(trigger_statements(table))
    return stmts


def trigger_statements(table: str) -> list[str]:
    """The CREATE TRIGGER statements that keep one source table indexed."""
    kind, body, citizen = _source(table)
    return [
        f"CREATE TRIGGER search_{table}_ins AFTER INSERT ON {table} WHEN NEW.deleted_at IS NULL "
        f"BEGIN {_index_sql(kind, body, citizen)} END",
        f"CREATE TRIGGER search_{table}_upd AFTER UPDATE ON {table} "
        f"BEGIN {_unindex_sql()} "
        f"INSERT INTO search_doc(kind, row_id, citizen_id) SELECT '{kind}', NEW.id, {citizen} "
        f"WHERE NEW.deleted_at IS NULL; "
        f"INSERT INTO search_fts(rowid, body) SELECT last_insert_rowid(), {body} "
        f"WHERE NEW.deleted_at IS NULL; END",
    ]


# Bulk writes (a first full sync applies 60,000 visits): the triggers index
# row by row, which costs more than the write itself. A bulk writer may,
# INSIDE ITS OWN TRANSACTION, drop a table's triggers, write, re-index the
# written rows set-wise with `reindex_statements`, and put the triggers back
# with `trigger_statements` before it commits. SQLite's DDL is transactional:
# no other connection ever sees the table without its triggers, and a
# rollback or crash leaves them as they were.
def drop_trigger_statements(table: str) -> list[str]:
    return [f"DROP TRIGGER search_{table}_{s}" for s in ("ins", "upd")]


def reindex_statements(table: str) -> list[str]:
    """Re-index the rows whose ids are given as ONE parameter, a JSON array
    of ids: the same result as the triggers firing for each of them (rows
    that are tombstoned leave the index)."""
    kind, body, citizen = _source(table)
    ids = "(SELECT value FROM json_each(?))"
    return [
        f"DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE row_id IN {ids})",
        f"DELETE FROM search_doc WHERE row_id IN {ids}",
        # The source table is aliased NEW so the trigger's expressions apply as they are.
        f"INSERT INTO search_doc(kind, row_id, citizen_id) SELECT '{kind}', NEW.id, {citizen} "
        f"FROM {table} AS NEW WHERE NEW.id IN {ids} AND NEW.deleted_at IS NULL ORDER BY NEW.rowid",
        f"INSERT INTO search_fts(rowid, body) SELECT d.id, {body} FROM search_doc AS d "
        f"JOIN {table} AS NEW ON NEW.id = d.row_id WHERE d.row_id IN {ids}",
    ]


def index_all_statements(table: str) -> list[str]:
    """Index every row of a table that had no rows (so no index rows) when
    the transaction began: what `reindex_statements` does with the ids of
    all its rows, without the id list to parse and look up, and nothing to
    delete first. The full-text rows go in ascending rowid order (FTS5
    flushes its pending terms whenever a rowid goes down)."""
    kind, body, citizen = _source(table)
    return [
        f"INSERT INTO search_doc(kind, row_id, citizen_id) SELECT '{kind}', NEW.id, {citizen} "
        f"FROM {table} AS NEW WHERE NEW.deleted_at IS NULL ORDER BY NEW.rowid",
        f"INSERT INTO search_fts(rowid, body) SELECT d.id, {body} FROM search_doc AS d "
        f"JOIN {table} AS NEW ON NEW.id = d.row_id WHERE d.kind = '{kind}' ORDER BY d.id",
    ]


def drop_statements() -> list[str]:
    stmts = [f"DROP TRIGGER IF EXISTS search_{t}_{s}" for t, _, _ in SOURCES.values() for s in ("ins", "upd")]
    return stmts + ["DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_doc"]
