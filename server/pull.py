"""Pages of a team's records after a cursor, in `seq` order."""
from __future__ import annotations

import time
from typing import Any

from sqlalchemy import JSON, case, literal, select, type_coerce
from sqlalchemy.orm import Session

from server.models import Record, ServerMeta


class Gone(Exception):
    """The client's cursor is from another epoch or out of range: full resync."""


def check_cursor(meta: ServerMeta, epoch: str | None, cursor: int) -> None:
    if epoch and epoch != meta.epoch:
        raise Gone("epoch")
    if cursor > meta.seq or (cursor and cursor < meta.oldest_cursor):
        raise Gone("cursor")


def pull_page(session: Session, team: str, cursor: int, epoch: str | None, limit: int,
              node: str | None = None) -> dict[str, Any]:
    """Records after `cursor`. Rows whose state is exactly the last clean
    change of the asking store (`node`) are skipped: it has them."""
    meta = session.get(ServerMeta, 1)
    check_cursor(meta, epoch, cursor)
    table = Record.__table__
    own = (table.c.author == node) if node else literal(False)
    rows = session.execute(
        select(table.c.id, table.c.entity, type_coerce(case((own, None), else_=table.c.data), JSON).label("data"),
               table.c.version, table.c.deleted, table.c.seq, table.c.created_at, own.label("own"))
        .where(table.c.team == team, table.c.seq > cursor)
        .order_by(table.c.seq).limit(limit)
    ).all()
    records = [{"id": r.id, "entity": r.entity, "data": r.data, "version": r.version,
                "deleted": r.deleted, "seq": r.seq, "created_at": r.created_at.isoformat()}
               for r in rows if not r.own]
    return {
        "epoch": meta.epoch,
        "records": records,
        "cursor": rows[-1].seq if rows else cursor,
        "more": len(rows) == limit,
        "server_ms": int(time.time() * 1000),
    }
