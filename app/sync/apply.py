"""Apply one pulled page to the local store and move the cursor in the same
transaction: a crash in between leaves neither, so nothing is missed or
applied twice.

Rows are written with Core upserts (fast for a first full sync) and with
`APPLYING_REMOTE` set, so no outbox entry is made for them. A record this
laptop cannot store (an unknown table or field, a value of the wrong type,
a required value missing: db.rowcheck) is set aside in `sync_set_aside`
with the reason, and the rest of the page applies. Foreign keys are
not checked while a page is applied: a page holds rows in server order, and a
child may arrive before a parent that changed later.
"""
from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.sync import state
from app.sync.faults import BEFORE_CURSOR, maybe_crash
from app.sync.outbox import pending_fields
from app.sync.pulledrows import MODELS, Unstorable, stored_row, stored_rows
from db.base import Base, Synced, table_of, utcnow
from db.changes import APPLYING_REMOTE
from db.engine import Store, committing
from db.models import SetAsideRow
from db.search_schema import (
    SOURCES,
    drop_trigger_statements,
    index_all_statements,
    reindex_statements,
    trigger_statements,
)

BIG_CACHE = -131072  # KiB (128 MB), while a page is applied; random UUID keys touch every index page
INDEXED = {table for table, _, _ in SOURCES.values()}
BULK_INDEX = 500  # from this many rows of a searchable table, re-index set-wise (db.search_schema)


@contextmanager
def remote_session(store: Store) -> Iterator[Session]:
    """A session on its own connection with foreign key checks off."""
    with store.engine.connect() as conn:
        raw: Any = conn.connection.driver_connection  # sqlcipher3 (untyped)
        raw.execute("PRAGMA foreign_keys = OFF")
        cache = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute(f"PRAGMA cache_size = {BIG_CACHE}")
        session = Session(bind=conn, info={APPLYING_REMOTE: True, "hlc": store.clock})
        try:
            with committing(session):
                yield session
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute(f"PRAGMA cache_size = {int(cache)}")


CLOCK_OFFSET = "clock_offset_ms"  # app.store reads it back when the store opens


Groups = dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]]  # (entity, columns) -> rows
_ENTITY, _ID = itemgetter("entity"), itemgetter("id")


def apply_page(store: Store, page: dict[str, Any], clock_offset: int | None = None) -> int:
    """Write the page's records; returns how many were applied. With
    `clock_offset`, the offset to the server's clock measured with this
    page is kept too (db.hlc: the stamps made from now on use it)."""
    with remote_session(store) as session:
        groups, applied = read_page(session, page)
        _write(session, groups)
        drop_superseded(session, applied)
        maybe_crash(BEFORE_CURSOR)
        put_cursor(session, page, clock_offset)
    if clock_offset is not None:
        store.clock.set_offset(clock_offset)
    return len(applied)


def read_page(session: Session, page: dict[str, Any]) -> tuple[Groups, list[str]]:
    """The page's records as rows to write, grouped by entity and columns
    (one statement each), and the ids of those rows. Unsent local edits of
    its rows are laid over them; what this laptop cannot store is set aside."""
    records = page["records"]
    ids = list(map(_ID, records))
    overlays = pending_fields(session, ids)
    now = utcnow().isoformat()  # one time of applying for the page
    if not overlays:  # a first sync: a table's records a column at a time, the same rows
        read = read_alike(records, now, ids)
        if read is not None:
            return read
    return read_each(session, records, overlays, now)


def read_each(session: Session, records: list[dict[str, Any]], overlays: dict[str, list[dict[str, list[Any]]]],
              now: str) -> tuple[Groups, list[str]]:
    """`read_page`, a record at a time: each set aside with its reason if it cannot be stored."""
    groups: Groups = {}
    applied: list[str] = []
    for record in records:
        row, reason = _row_or_reason(record, overlays.get(record["id"], []), now)
        if row is None:
            set_aside(session, record, reason or "")
            continue
        groups.setdefault((record["entity"], _in_order(tuple(row))), []).append(row)
        applied.append(record["id"])
    return groups, applied


def read_alike(records: list[dict[str, Any]], now: str,
               ids: list[str] | None = None) -> tuple[Groups, list[str]] | None:
    """`read_each`'s answer for records with no local edits to lay over,
    made a table's records at a time (pulledrows.stored_rows), when every
    record is stored; None otherwise (the page is then read a record at a
    time, which says why). `ids`: the records' ids, if known.
    Pure: nothing is written, so giving up half way costs only time."""
    try:
        tables: dict[str, list[dict[str, Any]]] = {}
        for entity, run in groupby(records, _ENTITY):  # a table's records mostly come together
            tables.setdefault(entity, []).extend(run)
        groups: Groups = {}
        firsts: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}  # each group's first record
        for entity, found in tables.items():
            model = MODELS.get(entity)
            rows = stored_rows(model, tuple(found[0]["data"]), found, now) if model is not None else None
            if rows is not None:  # one group: its rows in page order
                key = (entity, _in_order(tuple(rows[0])))
                groups[key], firsts[key] = rows, found[0]
            elif model is None or not _by_keys(model, entity, found, now, groups, firsts):
                return None
        if len(groups) > len(tables):  # groups in the order of their first record, as read_each makes them
            at = {id(record): i for i, record in enumerate(records)}
            groups = dict(sorted(groups.items(), key=lambda group: at[id(firsts[group[0]])]))
        return groups, list(map(_ID, records)) if ids is None else ids
    except Exception:  # a record that is not even a dict: read one by one, which says why
        return None


def _by_keys(model: type, entity: str, records: list[dict[str, Any]], now: str, groups: Groups,
             firsts: dict[tuple[str, tuple[str, ...]], dict[str, Any]]) -> bool:
    """A table's records whose data have different keys: stored_rows of
    those with the same keys, then each row put in its group in page order
    (two sets of keys may make rows of the same columns: one group);
    False when one is not stored."""
    parts: dict[frozenset[str], list[dict[str, Any]]] = {}
    for record in records:
        parts.setdefault(frozenset(record["data"]), []).append(record)
    if len(parts) == 1:  # the same keys: a record is not stored
        return False
    made: dict[int, dict[str, Any]] = {}
    for part in parts.values():
        rows = stored_rows(model, tuple(part[0]["data"]), part, now)
        if rows is None:
            return False
        made.update(zip(map(id, part), rows))
    for record in records:
        row = made[id(record)]
        key = (entity, _in_order(tuple(row)))
        if key not in groups:
            groups[key], firsts[key] = [], record
        groups[key].append(row)
    return True


@lru_cache(maxsize=256)
def _in_order(columns: tuple[str, ...]) -> tuple[str, ...]:
    """A row's columns sorted (one statement per entity and set of columns);
    the rows of a table come with their columns in the same order."""
    return tuple(sorted(columns))


def put_cursor(session: Session, page: dict[str, Any], clock_offset: int | None) -> None:
    """The position after `page` (and the clock offset measured with it)."""
    state.put(session, state.CURSOR, str(page["cursor"]))
    state.put(session, state.EPOCH, page["epoch"])
    if clock_offset is not None:
        state.put(session, CLOCK_OFFSET, str(clock_offset))


def _row_or_reason(record: dict[str, Any], overlays: list[dict[str, list[Any]]],
                   now: str) -> tuple[dict[str, Any] | None, str | None]:
    """(the record as a row to write, None), or (None, why it cannot be stored)."""
    try:
        model = MODELS.get(record["entity"])
        if model is None:
            return None, "tabellen kendes ikke af denne version af Jobcoach"
        return stored_row(model, record, overlays, now), None
    except Unstorable as exc:
        return None, str(exc)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return None, f"posten kunne ikke læses ({type(exc).__name__})"


def apply_again(store: Store, set_aside_id: int) -> bool:
    """Store a set-aside record again (after an update of the program, say);
    False when it is set aside again, with the reason of now."""
    with remote_session(store) as session:
        held = session.get(SetAsideRow, set_aside_id)
        if held is None:
            return True
        record = json.loads(held.record)
        session.delete(held)
        session.flush()
        row, reason = _row_or_reason(record, pending_fields(session, [record["id"]]).get(record["id"], []),
                                     utcnow().isoformat())
        if row is None:
            set_aside(session, record, reason or "")
            return False
        _write(session, {(record["entity"], tuple(sorted(row))): [row]})
        return True


def set_aside(session: Session, record: dict[str, Any], reason: str) -> None:
    session.add(SetAsideRow(entity=str(record.get("entity", ""))[:50], row_id=str(record.get("id", ""))[:36],
                            record=json.dumps(record, ensure_ascii=False), reason=reason, at=utcnow()))
    session.flush()


def drop_superseded(session: Session, applied: list[str]) -> None:
    """A row set aside earlier and now pulled in a form that could be stored
    is no longer waiting for anyone."""
    if not applied or session.execute(select(SetAsideRow.id).limit(1)).first() is None:
        return
    for i in range(0, len(applied), 900):
        session.execute(delete(SetAsideRow).where(SetAsideRow.row_id.in_(applied[i:i + 900])))


def _write(session: Session, groups: Groups) -> None:
    ids: dict[str, list[str]] = {}
    for (entity, _keys), rows in groups.items():
        if entity in INDEXED:
            ids.setdefault(entity, []).extend(r["id"] for r in rows)
    with unindexed(session, {table for table, found in ids.items() if len(found) >= BULK_INDEX}) as reindex:
        for (entity, keys), rows in groups.items():
            upsert(session, MODELS[entity], keys, rows)
            if entity in reindex:
                reindex[entity].extend(r["id"] for r in rows)


@contextmanager
def unindexed(session: Session, tables: set[str],
              empty: Collection[str] = ()) -> Iterator[dict[str, list[str]]]:
    """The search index triggers of `tables` off while rows are written:
    the ids put into the yielded lists are re-indexed set-wise at the end
    and the triggers put back, in this same transaction (db.search_schema).
    A table in `empty` held no rows when the transaction began: every row
    it has then was written here, and it is indexed whole (the same index
    rows, without the list of ids). On an error the transaction is rolled
    back, triggers and all."""
    conn = session.connection()
    for table in tables:
        for sql in drop_trigger_statements(table):
            conn.exec_driver_sql(sql)
    written: dict[str, list[str]] = {table: [] for table in sorted(tables)}  # one order: the same index file every run
    yield written
    for table, ids in written.items():
        if ids and table in empty:
            for sql in index_all_statements(table):
                conn.exec_driver_sql(sql)
        elif ids:
            param = (json.dumps(ids),)
            for sql in reindex_statements(table):
                conn.exec_driver_sql(sql, param)
        for sql in trigger_statements(table):
            conn.exec_driver_sql(sql)


ROW_VALUES = 999  # values bound per multi-row statement (SQLite's oldest limit of parameters)


def upsert(session: Session, model: type[Base] | type[Synced], keys: tuple[str, ...],
            rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE on the driver connection: a first
    full sync writes a hundred thousand rows, and this skips the per-row
    work of SQLAlchemy's statement layer (the values are already converted
    by `column_converters`, as SQLAlchemy would store them). Rows go many
    to a statement (VALUES (...), (...), ...): the driver's work per
    executed statement, about a fifth of a row's writing, is paid once per
    ROW_VALUES values. The rows are inserted in the same order, each as its
    own upsert, so the stored rows are those of one statement per row."""
    raw: Any = session.connection().connection.driver_connection  # sqlcipher3 (untyped)
    getter = itemgetter(*keys) if len(keys) > 1 else (lambda r: (r[keys[0]],))
    per = max(1, ROW_VALUES // len(keys))
    whole = len(rows) - len(rows) % per
    entity = table_of(model).name
    if whole:
        sql = upsert_sql(entity, keys, per)
        for start in range(0, whole, per):
            raw.execute(sql, list(chain.from_iterable(map(getter, rows[start:start + per]))))
    if whole < len(rows):
        raw.executemany(upsert_sql(entity, keys, 1), map(getter, rows[whole:]))


@lru_cache(maxsize=512)
def upsert_sql(entity: str, keys: tuple[str, ...], count: int) -> str:
    """The upsert of `count` rows of the columns `keys` (in that order) of the table `entity`."""
    table = table_of(MODELS[entity])
    cols = [table.c[k] for k in keys]
    names = ", ".join(f'"{c.name}"' for c in cols)
    marks = "(" + ", ".join("?" for _ in cols) + ")"
    sets = ", ".join(f'"{c.name}" = excluded."{c.name}"' for c in cols if c.name not in ("id", "created_at"))
    return (f'INSERT INTO "{table.name}" ({names}) VALUES {", ".join([marks] * count)} ON CONFLICT (id) DO '
            + (f"UPDATE SET {sets}" if sets else "NOTHING"))
