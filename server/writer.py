"""Bulk writes of a pushed batch: PostgreSQL COPY for many new rows (a first
full sync sends tens of thousands), a multi-row INSERT for a few, and
executemany for the rows that changed.

COPY goes in its text format, written here line by line as bytes: psycopg's
`write_row` adapts each of a million values one by one, and the JSON columns
are encoded by orjson (the stdlib encoder cost more than the rest of a row).
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from server.models import ChangeLog, Record

RECORD_COLS = ("id", "entity", "team", "data", "stamps", "version", "deleted", "seq", "author",
               "created_at", "updated_at")
# The change log keeps ids and outcomes (idempotency, ordering), never values.
LOG_COLS = ("team", "seq", "change_id", "entity", "row_id", "op", "outcome", "device_id", "hlc", "at")

# COPY's text format: these four characters are escaped, NULL is \N. Ids,
# names and stamps hardly ever hold one: a line's plain values are searched
# once, and escaped one by one only when one is found.
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_SPECIAL = re.compile(r"[\\\n\r\t]")
NULL = "\\N"


def _texts(*values: str | None) -> tuple[str, ...]:
    """The values as COPY text (None as NULL)."""
    if None in values:
        return tuple(NULL if v is None else _texts(v)[0] for v in values)
    if _SPECIAL.search("".join(values)):  # type: ignore[arg-type]  # no None here
        return tuple(v.translate(_ESCAPES) for v in values)  # type: ignore[union-attr]
    return values  # type: ignore[return-value]


_times: dict[datetime, str] = {}


def _time(value: datetime) -> str:
    """A batch stamps all its rows with one time: formatted once."""
    text = _times.get(value)
    if text is None:
        if len(_times) > 100:
            _times.clear()
        text = _times[value] = value.isoformat(" ")
    return text


def _json(value: Any) -> bytes:
    """JSON for a json column: orjson escapes every control character, so
    only the backslashes of its escapes need COPY's escape. Bytes, as COPY
    takes them: the line is never decoded and encoded again."""
    return orjson.dumps(value).replace(b"\\", b"\\\\")


def _stamps(value: dict[str, Any]) -> bytes:
    """A new row's stamps are one stamp for all fields (digits, dashes and a
    node id: nothing JSON or COPY escapes), written without a call of orjson."""
    if len(value) == 1:
        stamp = value.get("*")
        if type(stamp) is str and stamp.isascii() and stamp.replace("-", "").isalnum():
            return b'{"*":"' + stamp.encode() + b'"}'
    return _json(value)


def _record_line(r: dict[str, Any]) -> bytes:
    row_id, entity, team, author = _texts(r["id"], r["entity"], r["team"], r["author"])
    return b"".join((
        f"{row_id}\t{entity}\t{team}\t".encode(), _json(r["data"]), b"\t", _stamps(r["stamps"]),
        f"\t{int(r['version'])}\t{'t' if r['deleted'] else 'f'}\t{int(r['seq'])}\t{author}\t"
        f"{_time(r['created_at'])}\t{_time(r['updated_at'])}\n".encode()))


def _log_line(r: dict[str, Any]) -> bytes:
    team, change_id, entity, row_id, op, outcome, device, hlc = _texts(
        r["team"], r["change_id"], r["entity"], r["row_id"], r["op"], r["outcome"], r["device_id"], r["hlc"])
    return (f"{team}\t{int(r['seq'])}\t{change_id}\t{entity}\t{row_id}\t{op}\t{outcome}\t{device}\t{hlc}\t"
            f"{_time(r['at'])}\n").encode()


COPY_CHUNK = 2000  # lines per write: PostgreSQL works on one while the next is built


def _copy(session: Session, table: str, cols: tuple[str, ...], lines) -> None:
    raw: Any = session.connection().connection.driver_connection  # psycopg (untyped here)
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
        chunk: list[bytes] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= COPY_CHUNK:
                copy.write(b"".join(chunk))
                chunk.clear()
        if chunk:
            copy.write(b"".join(chunk))


COPY_FROM = 200  # rows; fewer go as one multi-row INSERT (one round trip, while the lock is held)


def _use_copy(session: Session, rows: list[dict[str, Any]]) -> bool:
    return len(rows) >= COPY_FROM and session.get_bind().dialect.name == "postgresql"


def insert_records(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if _use_copy(session, rows):
        _copy(session, "record", RECORD_COLS, map(_record_line, rows))
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
        _copy(session, "change_log", LOG_COLS, map(_log_line, rows))
    else:
        session.execute(insert(ChangeLog.__table__), rows)
