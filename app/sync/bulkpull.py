"""A pull from cursor 0 (a first sync, or a resync from zero) applied in
bulk: many pages in one local transaction, the search index rebuilt once
for all of them.

Each page is read as app.sync.apply reads it (checked, converted, unsent
local edits laid over, what cannot be stored set aside), but a transaction
takes pages until it holds a number of rows: the pages that a hundred
thousand random keys touch in each index are written out once, not once a
page, the search index triggers are off and the set-wise re-index runs once
per transaction, and the indexes of tables that were empty are built after
the rows are in. The cursor moves with each commit, so a crash loses at
most one transaction's pages, which are pulled again.

The number of rows also bounds how long the write lock is held, which a
write in the window (an autosave) waits for under the busy timeout: a first
sync (the store has never finished a round: little work in it yet) takes
FIRST_SYNC_ROWS, enough for the whole large data set; a resync from zero of a
store in use RESYNC_ROWS, about two pages. Either way a transaction takes no
further page after MAX_SECONDS, far inside the busy timeout (db.engine), so a
slow laptop or a much bigger team never makes an autosave fail.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from app.sync.apply import (
    INDEXED,
    MODELS,
    drop_superseded,
    put_cursor,
    read_page,
    remote_session,
    unindexed,
    upsert,
)
from app.sync.faults import BEFORE_CURSOR, maybe_crash
from db.engine import Store

FIRST_SYNC_ROWS = 200_000
RESYNC_ROWS = 20_000
MAX_SECONDS = 8.0  # a writer waits at most this (plus one page) for the lock; busy timeout 30 s
Pulled = tuple[dict[str, Any], int | None]  # a pulled page, and the clock offset measured with it


def apply_pages(store: Store, pages: Iterable[Pulled], progress: Callable[[int, bool], None] | None = None,
                bulk_rows: int = RESYNC_ROWS, max_seconds: float = MAX_SECONDS) -> int:
    """Apply every page `pages` yields, in transactions of about
    `bulk_rows` rows; returns how many rows were applied. `progress(rows
    applied so far, more to come)` is called after each page."""
    pulled = 0
    stream = iter(pages)
    more = True
    while more:
        offset: int | None = None
        with remote_session(store) as session:
            empty = _empty_tables(session)
            with unindexed(session, INDEXED, empty) as reindex, _indexes_built_after(session, empty):
                rows, last, offset = _transaction(session, stream, reindex, (bulk_rows, max_seconds),
                                                  progress, pulled)
            if last is None:
                return pulled
            pulled += rows
            maybe_crash(BEFORE_CURSOR)
            put_cursor(session, last, offset)
        if offset is not None:
            store.clock.set_offset(offset)
        more = bool(last["more"])
    return pulled


def _transaction(session: Any, stream: Iterator[Pulled],
                 reindex: dict[str, list[str]], bounds: tuple[int, float],
                 progress: Callable[[int, bool], None] | None,
                 before: int) -> tuple[int, dict[str, Any] | None, int | None]:
    """Pages into one transaction until it holds `bounds` (rows, seconds)
    or the last page is in. Returns (rows applied, the last page, its clock offset)."""
    (bulk_rows, max_seconds), started = bounds, time.monotonic()
    rows, last, offset = 0, None, None
    for page, measured in stream:
        offset = measured
        groups, applied = read_page(session, page)
        for (entity, keys), found in groups.items():
            upsert(session, MODELS[entity], keys, found)
            if entity in reindex:
                reindex[entity].extend(r["id"] for r in found)
        drop_superseded(session, applied)
        rows, last = rows + len(applied), page
        if progress is not None:
            progress(before + rows, bool(page["more"]))
        if not page["more"] or rows >= bulk_rows or time.monotonic() - started > max_seconds:
            break
    return rows, last, offset


def _empty_tables(session: Session) -> set[str]:
    """The synced tables without a row as this transaction begins (it holds
    the write lock: none is written by another connection until it ends)."""
    conn: Any = session.connection().connection.driver_connection  # sqlcipher3 (untyped)
    return {table for table in MODELS if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is None}


@contextmanager
def _indexes_built_after(session: Session, empty: set[str]) -> Iterator[None]:
    """The secondary indexes of the tables that are `empty` now (a first sync)
    dropped, and built again from the written rows at the end, in this
    same transaction: sorting a table's keys once costs a fraction of
    putting a hundred thousand rows one by one into eight indexes. Unique
    indexes stay (they check what is written); no other connection ever
    sees a table without its indexes, and a rollback puts them back."""
    conn: Any = session.connection().connection.driver_connection  # sqlcipher3 (untyped)
    tables = sorted(empty)
    marks = ", ".join("?" for _ in tables)
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) "
        "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name", tables).fetchall() if tables else []
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in found:
        conn.execute(sql)
