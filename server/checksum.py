"""A checksum of one team's records, for the laptops to compare their
replica with (issue 12: replicas are compared after each sync).

Per entity (conflicts left out: the laptop keeps no version for them):
`count`, and `hash`, the MD5 hex digest of the UTF-8 lines
`{id}:{version}:{0|1 deleted}` sorted by id in byte order and joined by
"\\n". The laptop computes the same from its tables (app/sync/replica.py).
`seq` is the team's highest record seq: a laptop whose cursor is behind it
has not seen everything yet, one whose cursor is beyond it talks to a server
restored from an older copy. All of it is read by one statement, so it is one
consistent snapshot.
"""
from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from server.models import Record, ServerMeta
from server.schema import CONFLICT_ENTITY


class EntitySum(BaseModel):
    count: int
    hash: str


class ChecksumAnswer(BaseModel):
    team: str
    epoch: str
    seq: int
    entities: dict[str, EntitySum] | None  # None: not computed, the asker's cursor is not `seq`
    skipped: list[str] = []  # entities not compared for this caller (its pull may not carry all of them)


# A coach who is not a team leader is not sent the other coaches' access-log
# entries (issue 13), so that table cannot be compared for them.
LEADER_ONLY = ("access_log",)


class RowsAnswer(BaseModel):
    seq: int
    rows: list[tuple[str, int, bool]]  # (id, version, deleted), sorted by id


class DataAnswer(BaseModel):
    rows: dict[str, dict[str, Any]]  # id -> the record's data, for the ids asked that the team has


class Identity(BaseModel):
    team: str
    username: str
    leader: bool
    device_id: str
    epoch: str


_PG_SUMS = text(
    "SELECT entity, count(*) AS n, max(seq) AS top, md5(string_agg(id || ':' || version || ':' "
    "|| CASE WHEN deleted THEN '1' ELSE '0' END, E'\\n' ORDER BY id COLLATE \"C\")) AS digest "
    "FROM record WHERE team = :team GROUP BY entity")


def line(row_id: str, version: int, deleted: bool) -> str:
    return f"{row_id}:{int(version)}:{1 if deleted else 0}"


def digest(lines: list[str]) -> str:
    """The hash of lines already sorted by id."""
    return hashlib.md5("\n".join(lines).encode("utf-8"), usedforsecurity=False).hexdigest()


def _team_top(session: Session, team: str) -> int:
    """The team's highest seq (one step down the (team, seq) index)."""
    table = Record.__table__
    return int(session.execute(select(func.max(table.c.seq)).where(table.c.team == team)).scalar() or 0)


def _table_identity(session: Session) -> int | None:
    """The record table's file on PostgreSQL: a restore (pg_restore --clean,
    or psql into a new database) makes a new one, so nothing remembered from
    before a restore is taken for the restored database's state."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.execute(text("SELECT pg_relation_filenode('record')")).scalar()


def _sums(session: Session, team: str) -> tuple[dict[str, EntitySum], int]:
    """The sums and the highest seq they include (one statement, one snapshot)."""
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(_PG_SUMS, {"team": team}).all()
        top = max((int(r.top) for r in rows), default=0)
        return {r.entity: EntitySum(count=r.n, hash=r.digest) for r in rows if r.entity != CONFLICT_ENTITY}, top
    table = Record.__table__
    by_entity: dict[str, list[str]] = {}
    top = 0
    for r in session.execute(select(table.c.entity, table.c.id, table.c.version, table.c.deleted, table.c.seq)
                             .where(table.c.team == team).order_by(table.c.id)):
        top = max(top, int(r.seq))
        if r.entity != CONFLICT_ENTITY:
            by_entity.setdefault(r.entity, []).append(line(r.id, r.version, r.deleted))
    return {name: EntitySum(count=len(lines), hash=digest(lines)) for name, lines in by_entity.items()}, top


_MEMORY: dict[tuple[Any, ...], dict[str, EntitySum]] = {}  # per process; teams x recent states
_MEMORY_SIZE = 256


def checksum(session: Session, team: str, cursor: int | None, leader: bool = True) -> ChecksumAnswer:
    """The team's sums, computed only when `cursor` (the asker's) is the
    team's highest seq: otherwise the replicas cannot be equal yet, or the
    server is behind, and `seq` alone tells which. An unchanged team (same
    table, epoch and highest seq: every change to a record raises its seq)
    is answered from memory: idle laptops ask after every round."""
    meta = session.get_one(ServerMeta, 1)
    top = _team_top(session, team)
    entities = None
    if cursor is None or cursor == top:
        identity = _table_identity(session)
        key = (session.get_bind().engine.url.render_as_string(), identity, team, meta.epoch, top)
        entities = _MEMORY.get(key) if identity is not None else None
        if entities is None:
            entities, seen = _sums(session, team)
            if seen != top:  # a push came in between: not comparable with `top`
                entities = None
            elif identity is not None:
                _remember(key, entities)
    skipped = [] if leader else list(LEADER_ONLY)
    if entities is not None and skipped:
        entities = {name: sums for name, sums in entities.items() if name not in skipped}
    return ChecksumAnswer(team=team, epoch=meta.epoch, seq=top, entities=entities, skipped=skipped)


def _remember(key: tuple[Any, ...], entities: dict[str, EntitySum]) -> None:
    if len(_MEMORY) >= _MEMORY_SIZE:
        _MEMORY.pop(next(iter(_MEMORY)))
    _MEMORY[key] = entities


def rows(session: Session, team: str, entity: str) -> RowsAnswer:
    """Every (id, version, deleted) of one entity of the team, sorted by id
    in byte order: what a laptop needs to find the rows the server lacks."""
    table = Record.__table__
    top = _team_top(session, team)
    order = table.c.id.collate("C") if session.get_bind().dialect.name == "postgresql" else table.c.id
    found = session.execute(select(table.c.id, table.c.version, table.c.deleted)
                            .where(table.c.team == team, table.c.entity == entity).order_by(order)).all()
    return RowsAnswer(seq=top, rows=[(r.id, int(r.version), bool(r.deleted)) for r in found])


def data(session: Session, team: str, entity: str, ids: list[str]) -> DataAnswer:
    """The current data of some records of the team: the old values a
    laptop's repair of a row the server has in an older version is based on."""
    table = Record.__table__
    found = session.execute(select(table.c.id, table.c.data).where(
        table.c.team == team, table.c.entity == entity, table.c.id.in_(ids))).all()
    return DataAnswer(rows={r.id: r.data for r in found})
