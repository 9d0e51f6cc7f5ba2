"""Pages of a team's records after a cursor, in `seq` order.

A page is written out as JSON text directly: each record's `data` is taken
from the database as the JSON text it is stored as (on PostgreSQL the whole
record's JSON is written by the database), so a page of thousands of rows is
neither parsed nor encoded again on its way through.
"""
from __future__ import annotations

import json
import re
import time

from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.orm import Session

from server.database import server_meta
from server.models import Record, ServerMeta, TeamSeq

_PLAIN = re.compile(r"[0-9A-Za-z_-]*")  # ids and entity names as the protocol admits them


class Gone(Exception):
    """The client's cursor is from another epoch or out of range: full resync."""


def team_seq(session: Session, team: str) -> int:
    """The team's counter as committed (0 before its first push)."""
    return session.execute(select(TeamSeq.seq).where(TeamSeq.team == team)).scalar_one_or_none() or 0


def check_cursor(meta: ServerMeta, epoch: str | None, cursor: int, seq: int) -> None:
    """`seq`: the asking team's counter; a cursor beyond it came from
    another database (or another team) and cannot be trusted."""
    if epoch and epoch != meta.epoch:
        raise Gone("epoch")
    if cursor > seq or (cursor and cursor < meta.oldest_cursor):
        raise Gone("cursor")


def _string(value: str) -> str:
    return f'"{value}"' if _PLAIN.fullmatch(value) else json.dumps(value, ensure_ascii=False)


def _record(r) -> str:
    return (f'{{"id": {_string(r.id)}, "entity": {_string(r.entity)}, "data": {r.data}, '
            f'"version": {int(r.version)}, "deleted": {"true" if r.deleted else "false"}, '
            f'"seq": {int(r.seq)}, "created_at": "{r.created_at.isoformat()}"}}')


# Windows of `limit` rows one request may pass over when the asking store
# wrote all their rows itself: after a first full push its pull would
# otherwise be one round trip per window, each bringing nothing.
SKIP_WINDOWS = 20


def pull_page_json(session: Session, team: str, cursor: int, epoch: str | None, limit: int,
                   node: str | None = None, only_own_log_of: str | None = None) -> str:
    """Records after `cursor`, as the JSON text of a PullAnswer. Rows whose
    state is exactly the last clean change of the asking store (`node`) are
    skipped: it has them. The page is the next `limit` rows by seq; only its
    bounds are read first, then only the rows to send (after a first push,
    a laptop's pull skips everything it sent; a window with nothing to send
    is passed over for the next, up to SKIP_WINDOWS). With `only_own_log_of`
    (a user who is not a team leader) other users' access-log entries are left out."""
    meta = server_meta(session)
    check_cursor(meta, epoch, cursor, team_seq(session, team) if cursor else 0)
    rows: list[str] = []
    more = False
    for _ in range(SKIP_WINDOWS):
        count, last = _window(session, team, cursor, limit)
        if not count:
            more = False
            break
        rows = _rows(session, team, cursor, last, node, only_own_log_of)
        cursor, more = last, count == limit
        if rows or not more or not node:
            break
    records = ", ".join(rows)
    head = json.dumps({"epoch": meta.epoch, "team": team, "cursor": cursor, "more": more,
                       "server_ms": int(time.time() * 1000)})
    return head[:-1] + ', "records": [' + records + "]}"


def _window(session: Session, team: str, cursor: int, limit: int) -> tuple[int, int]:
    """How many of the next `limit` rows after `cursor` there are, and the last one's seq."""
    table = Record.__table__
    window = (select(table.c.seq).where(table.c.team == team, table.c.seq > cursor)
              .order_by(table.c.seq).limit(limit).subquery())
    count, last = session.execute(select(func.count(), func.max(window.c.seq))).one()
    return int(count), int(last or 0)


def _rows(session: Session, team: str, cursor: int, last: int, node: str | None,
          only_own_log_of: str | None) -> list[str]:
    """The records to send, as JSON texts, in seq order."""
    table = Record.__table__
    wanted = [table.c.team == team, table.c.seq > cursor, table.c.seq <= last]
    if node:
        wanted.append(or_(table.c.author.is_(None), table.c.author != node))
    if only_own_log_of is not None:  # not a team leader: the access log of others stays on the server
        wanted.append(or_(table.c.entity != "access_log",
                          table.c.data["user"].as_string() == only_own_log_of))
    if session.get_bind().dialect.name == "postgresql":
        # PostgreSQL writes each record's JSON itself (C, the data embedded as
        # stored): half the time of building it here, a first pull's 130,000.
        built = func.json_build_object("id", table.c.id, "entity", table.c.entity, "data", table.c.data,
                                       "version", table.c.version, "deleted", table.c.deleted, "seq", table.c.seq,
                                       "created_at", table.c.created_at)
        return list(session.execute(select(cast(built, Text)).where(*wanted).order_by(table.c.seq)).scalars())
    rows = session.execute(
        select(table.c.id, table.c.entity, cast(table.c.data, Text).label("data"), table.c.version,
               table.c.deleted, table.c.seq, table.c.created_at)
        .where(*wanted).order_by(table.c.seq)
    ).all()
    return [_record(r) for r in rows]
