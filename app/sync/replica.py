"""This laptop's replica compared with the server's, and what the server
lacks found and queued again.

The checksum is the server's (server/checksum.py): per entity the row count
and the MD5 of the lines `{id}:{version}:{0|1 deleted}` sorted by id. Rows
with a change not yet on the server (unsent, or held) or a pulled row set
aside make their entity differ by right, so such entities are not compared;
nor are rows kept from a team this laptop has left (app/sync/teammove.py).
"""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.sync import state
from app.sync.transport import Transport
from db.changes import (  # one definition of a change and its fields
    _entry,
    _insert_fields,
)
from db.models import MODEL_BY_TABLE, AccessLog, OutboxEntry, SetAsideRow


@dataclass(frozen=True)
class Verdict:
    compared: bool                 # False: the server is ahead of this laptop, or nothing to compare
    apart: list[str] = field(default_factory=list)  # entities that differ
    server_behind: bool = False    # the server's team seq is below this laptop's cursor: restored


def line(row_id: str, version: int, deleted: bool) -> str:
    return f"{row_id}:{int(version)}:{1 if deleted else 0}"


def digest(lines: list[str]) -> str:
    return hashlib.md5("\n".join(lines).encode("utf-8"), usedforsecurity=False).hexdigest()


def _open_entities(session: Session) -> set[str]:
    """Entities that differ from the server's by right: with a change the
    server does not have yet (unsent, or held), or with a pulled row this
    laptop set aside (it could not store it)."""
    outgoing = session.execute(select(OutboxEntry.entity).where(OutboxEntry.sent.is_(False)).distinct())
    incoming = session.execute(select(SetAsideRow.entity).distinct())
    return set(outgoing.scalars()) | set(incoming.scalars())


def _local_rows(session: Session, entity: str, skip: set[str]) -> list[tuple[str, int, bool]]:
    table = MODEL_BY_TABLE[entity].__table__
    rows = session.execute(select(table.c.id, table.c.version, table.c.deleted_at.is_not(None))).all()
    return sorted((r[0], int(r[1]), bool(r[2])) for r in rows if r[0] not in skip)


def _sum_sql(table: str) -> str:
    # The lines are built by SQLite itself, in the order of an index on id
    # (no sort; for visits a covering one, ix_visit_replica): for 130,000
    # rows a fraction of the time of Python rows. The index's BINARY order is
    # byte order, as the server's "C" collation. group_concat keeps the
    # order of the rows of its FROM subquery.
    return ("SELECT count(*), group_concat(line, char(10)) FROM (SELECT id || ':' || version || ':' || "
            f'(deleted_at IS NOT NULL) AS line FROM "{table}" '
            "WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY id)")


def local_sums(session: Session, entities: list[str] | None = None) -> dict[str, dict[str, Any]]:
    skip = json.dumps(sorted(state.leftovers(session)))
    conn = session.connection()
    out = {}
    for entity in list(MODEL_BY_TABLE) if entities is None else entities:
        count, lines = conn.exec_driver_sql(_sum_sql(entity), (skip,)).one()
        if count:
            out[entity] = {"count": int(count), "hash": hashlib.md5(
                lines.encode("utf-8"), usedforsecurity=False).hexdigest()}
    return out


def compare(session: Session, answer: dict[str, Any],
            mine: dict[str, dict[str, Any]] | None = None) -> Verdict:
    """The server's checksum answer against this store, with its cursor.
    `mine`: this store's sums of every entity not open (`_mine`), made in
    this session beforehand; else those wanted are made here."""
    cursor = state.cursor(session)
    if answer["seq"] < cursor:
        return Verdict(True, sorted(MODEL_BY_TABLE), server_behind=True)
    if answer.get("entities") is None:
        return Verdict(False)
    theirs = {name: sums for name, sums in answer["entities"].items() if name in MODEL_BY_TABLE}
    skipped = set(answer.get("skipped") or ()) | _open_entities(session)
    wanted = [name for name in MODEL_BY_TABLE if name not in skipped]
    if mine is None:
        mine = local_sums(session, wanted)
    apart = sorted(name for name in wanted if mine.get(name) != theirs.get(name))
    return Verdict(True, apart)


def _mine(session: Session) -> dict[str, dict[str, Any]]:
    """The sums `compare` may want: of every entity that is not open (the
    server may skip a few more; their sums are then not looked at)."""
    open_now = _open_entities(session)
    return local_sums(session, [name for name in MODEL_BY_TABLE if name not in open_now])


# Per store: the local state and server answer of the last comparison that
# matched. An idle round (nothing pushed or pulled since, the server's
# answer the same) is then equal again without reading every row.
_MATCHED: dict[str, tuple[tuple[Any, ...], str]] = {}


def _local_key(session: Session) -> tuple[Any, ...]:
    """Changes whenever a synced row here may have changed: every local
    write makes an outbox entry, every pulled page moves the cursor."""
    # Index-only reads: the outbox may hold a hundred thousand sent entries.
    outbox = (session.execute(select(func.max(OutboxEntry.seq))).scalar(),
              session.execute(select(func.count()).select_from(OutboxEntry)
                              .where(OutboxEntry.sent.is_(False))).scalar())
    aside = session.execute(select(func.max(SetAsideRow.id), func.count()).select_from(SetAsideRow)).one()
    return (state.cursor(session), tuple(outbox), tuple(aside), state.waiting(session),
            state.get(session, state.NODE), state.get(session, state.LEFTOVERS), state.get(session, state.FULL_PULL))


def check(ctx, transport: Transport) -> Verdict:
    """Ask the server for the team's checksum and compare (reads only: a
    write during it, an autosave, does not wait for it). This store's sums
    are made while the server makes its own (they depend on this store
    alone), from the snapshot whose cursor is asked with; not on an idle
    round, which the last match answers."""
    store = str(ctx.store.path)
    with ctx.store.reading() as session, ThreadPoolExecutor(1, thread_name_prefix="sync-checksum") as ask:
        asked = ask.submit(transport.checksum, state.cursor(session))
        local = _local_key(session)
        matched = _MATCHED.get(store)
        mine = _mine(session) if matched is None or matched[0] != local else None
        answer = asked.result()
        if answer is None:
            return Verdict(False)
        memo = (local, json.dumps(answer, sort_keys=True))
        if matched == memo:
            return Verdict(True)
        verdict = compare(session, answer, mine)
    if verdict.compared and not verdict.apart:
        _MATCHED[store] = memo
    else:
        _MATCHED.pop(store, None)
    return verdict


DATA_IDS = 100  # ids per /checksum/data request


def queue_missing(ctx, transport: Transport, entities: list[str], older_too: bool = True) -> int:
    """Queue, as outbox entries, every local row the server lacks or has
    in an older version (a server restored from an older copy, whose sent
    entries this laptop may have pruned since). An insert carries the whole
    row; an update carries the fields where this row differs from the
    server's, based on the server's version and values, so it applies
    cleanly. Returns how many were queued.

    Rows the server has "older" are sent only when the server is known to
    be behind (`older_too`: a 410, its sequence behind this laptop's
    cursor). Otherwise a version number cannot say which side is newer (the
    laptop counts its own edits), and such an update would overwrite the
    server's value without a conflict: then the server's state is pulled."""
    queued = 0
    for entity in entities:
        server = {r[0]: (int(r[1]), bool(r[2])) for r in transport.checksum_rows(entity)["rows"]}
        with ctx.uow() as session:
            missing, older = _wanted(session, entity, server, ctx.username)
        older = older if older_too else []
        theirs: dict[str, dict[str, Any]] = {}
        for i in range(0, len(older), DATA_IDS):
            theirs.update(transport.checksum_data(entity, older[i:i + DATA_IDS]))
        with ctx.uow() as session:
            queued += _queue(session, entity, missing, {k: (server[k][0], theirs.get(k, {})) for k in older})
    return queued


def _wanted(session: Session, entity: str, server: dict[str, tuple[int, bool]],
            user: str) -> tuple[list[str], list[str]]:
    """Ids of local rows the server lacks, and of those it has older."""
    skip = state.leftovers(session) | set(session.execute(select(OutboxEntry.row_id).where(
        OutboxEntry.sent.is_(False), OutboxEntry.entity == entity)).scalars())
    if entity == AccessLog.__tablename__:  # an entry is sent by its own user only (the server insists)
        skip |= set(session.execute(select(AccessLog.id).where(AccessLog.user != user)).scalars())
    missing, older = [], []
    for row_id, version, _deleted in _local_rows(session, entity, skip):
        if row_id not in server:
            missing.append(row_id)
        elif version > server[row_id][0]:
            older.append(row_id)
    return missing, older


def _queue(session: Session, entity: str, missing: list[str], older: dict[str, tuple[int, dict[str, Any]]]) -> int:
    model: Any = MODEL_BY_TABLE[entity]
    wanted = missing + list(older)
    entries = []
    for i in range(0, len(wanted), 500):
        for obj in session.execute(select(model).where(model.id.in_(wanted[i:i + 500]))).scalars():
            entry = _repair_entry(session, entity, obj, older.get(obj.id))
            if entry is not None:
                entries.append(entry)
    session.add_all(OutboxEntry(**values) for values in entries)
    return len(entries)


def _repair_entry(session: Session, entity: str, obj: Any,
                  theirs: tuple[int, dict[str, Any]] | None) -> dict[str, Any] | None:
    fields = _insert_fields(obj)
    if theirs is None:
        return _entry(session, entity, obj.id, "insert", fields, 0)
    version, data = theirs
    changed = {name: [data.get(name), pair[1]] for name, pair in fields.items() if data.get(name) != pair[1]}
    if not changed:
        return None
    op = "delete" if changed.get("deleted_at", [None, None])[1] is not None else "update"
    return _entry(session, entity, obj.id, op, changed, version)


