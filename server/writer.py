"""Bulk writes of a pushed batch: PostgreSQL COPY for many new rows (a first
full sync sends tens of thousands), a multi-row INSERT for a few, and
executemany for the rows that changed."""
from __future__ import annotations

import json
from operator import itemgetter
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from server.models import ChangeLog, Record

RECORD_COLS = ("id", "entity", "team", "data", "stamps", "version", "deleted", "seq", "author",
               "created_at", "updated_at")
# The change log keeps ids and outcomes (idempotency, ordering), never values.
LOG_COLS = ("team", "seq", "change_id", "entity", "row_id", "op", "outcome", "device_id", "hlc", "at")
JSON_COLS = {"data", "stamps"}


_encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per value


def _copy(session: Session, table: str, cols: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    raw: Any = session.connection().connection.driver_connection  # psycopg (untyped here)
    take = itemgetter(*cols)  # every row holds every column (see push._Applier)
    json_at = [i for i, c in enumerate(cols) if c in JSON_COLS]
    with raw.cursor() as cur:
        with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            write = copy.write_row
            for row in rows:
                values = list(take(row))
                for i in json_at:
                    values[i] = _encode(values[i])
                write(values)


COPY_FROM = 200  # rows; fewer go as one multi-row INSERT (one round trip, while the lock is held)


def _use_copy(session: Session, rows: list[dict[str, Any]]) -> bool:
    return len(rows) >= COPY_FROM and session.get_bind().dialect.name == "postgresql"


def insert_records(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if _use_copy(session, rows):
        _copy(session, "record", RECORD_COLS, rows)
    else:
        session.execute(insert(Record.__table__), rows)


def update_records(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = Record.__table__
    stmt = update(table).where(table.c.id == bindparam("b_id")).values(
        data=bindparam("b_data"), stamps=bindparam("b_stamps"), version=bindparam("b_version"),
        deleted=bindparam("b_deleted"), seq=bindparam("b_seq"), updated_at=bindparam("b_at"),
        author=bindparam("b_author"))
    session.execute(stmt, [{"b_id": r["id"], "b_data": r["data"], "b_stamps": r["stamps"],
                            "b_version": r["version"], "b_deleted": r["deleted"], "b_seq": r["seq"],
                            "b_at": r["updated_at"], "b_author": r["author"]} for r in rows])


def insert_log(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if _use_copy(session, rows):
        _copy(session, "change_log", LOG_COLS, rows)
    else:
        session.execute(insert(ChangeLog.__table__), rows)
