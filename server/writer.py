"""Bulk writes of a pushed batch: PostgreSQL COPY for many new rows (a first
full sync sends tens of thousands), a multi-row INSERT for a few, and
executemany for the rows that changed. On PostgreSQL a small batch's new
rows, its log, the team's counter and the stored answer go in one statement
(`insert_and_end`).

COPY goes in its text format, written here line by line as bytes: psycopg's
`write_row` adapts each of a million values one by one, and the JSON columns
are encoded by orjson (the stdlib encoder cost more than the rest of a row).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import chain, repeat
from typing import Any

import orjson
from sqlalchemy import BigInteger, DateTime, String, Text, bindparam, insert, text, update
from sqlalchemy.orm import Session

from server.models import Batch, ChangeLog, Record, TeamSeq

RECORD_COLS = ("id", "entity", "team", "data", "stamps", "version", "deleted", "seq", "author",
               "created_at", "updated_at")
# The change log keeps ids and outcomes (idempotency, ordering), never values.
LOG_COLS = ("team", "seq", "change_id", "entity", "row_id", "op", "outcome", "device_id", "hlc", "at")

# COPY's text format: these four characters are escaped, NULL is \N. Ids,
# names and stamps hardly ever hold one: a line's plain values are searched
# once, and escaped one by one only when one is found.
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
NULL = "\\N"


def _special(text: str) -> bool:
    """Holds one of the four (four scans for one character each: several
    times quicker than one scan for a character class)."""
    return "\\" in text or "\n" in text or "\r" in text or "\t" in text


def _texts(*values: str | None) -> tuple[str, ...]:
    """The values as COPY text (None as NULL)."""
    if None in values:
        return tuple(NULL if v is None else _texts(v)[0] for v in values)
    if _special("".join(values)):  # type: ignore[arg-type]  # no None here
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


RecordLine = tuple[bytes, str]  # a new row's COPY line but its seq and times: up to the seq, between seq and times


def record_line(row_id: str, entity: str, team: str, data: dict[str, Any], stamps: dict[str, Any],
                version: int, deleted: bool, author: str | None) -> RecordLine:
    """A row's COPY line but its seq and times: a new row's is made before
    the team's lock is taken (server.prepare), its JSON the costly part."""
    row_id, entity, team, author_text = _texts(row_id, entity, team, author)
    head = b"".join((f"{row_id}\t{entity}\t{team}\t".encode(), _json(data), b"\t", _stamps(stamps),
                     f"\t{int(version)}\t{'t' if deleted else 'f'}\t".encode()))
    return head, f"\t{author_text}\t"


def new_record_line(row_id: str, entity: str, team_text: str, data: dict[str, Any], stamp: str,
                    deleted: bool, author: str) -> RecordLine:
    """`record_line` of a row as its insert leaves it (version 1, one stamp
    for all fields), when its id, entity, stamp and author hold nothing COPY
    escapes (server.prepare makes sure); `team_text` is the team escaped."""
    head = b"".join((f"{row_id}\t{entity}\t{team_text}\t".encode(), _json(data), b'\t{"*":"', stamp.encode(),
                     b'"}\t1\tt\t' if deleted else b'"}\t1\tf\t'))
    return head, f"\t{author}\t"


def team_text(team: str) -> str:
    """The team as COPY text."""
    return _texts(team)[0]


def _record_line(r: dict[str, Any], made: RecordLine | None = None) -> bytes:
    """The row's COPY line; `made`: its `record_line`, made before from the values the row holds."""
    if made is None:
        made = record_line(r["id"], r["entity"], r["team"], r["data"], r["stamps"], r["version"], r["deleted"],
                           r["author"])
    head, middle = made
    return head + f"{int(r['seq'])}{middle}{_time(r['created_at'])}\t{_time(r['updated_at'])}\n".encode()


def numbered_record_line(made: RecordLine) -> bytes:
    """A new row's COPY line to be numbered under the lock (`Numbered`)."""
    head, middle = made
    return head.replace(b"%", b"%%") + b"%d" + middle.encode().replace(b"%", b"%%") + b"%b\n"


def numbered_log_line(team: str, change_id: str, entity: str, row_id: str, op: str, outcome: str,
                      device_id: str, hlc: str) -> bytes:
    """`_log_line` to be numbered under the lock (`Numbered`)."""
    texts = _texts(team, change_id, entity, row_id, op, outcome, device_id, hlc)
    team_text, rest = texts[0], "\t".join(texts[1:])
    return (f"{team_text}\t".encode().replace(b"%", b"%%") + b"%d\t" + f"{rest}\t".encode().replace(b"%", b"%%")
            + b"%b\n")


@dataclass(frozen=True, slots=True)
class Numbered:
    """COPY lines made before the team's lock with their seq and time left as
    placeholders (%d, %b; every other % doubled), in chunks of COPY_CHUNK:
    under the lock one bytes % per chunk numbers them, and no Python runs
    per row while the lock is held."""
    chunks: tuple[tuple[bytes, int], ...]  # (the chunk's lines, how many)

    @staticmethod
    def of(lines: list[bytes]) -> Numbered:
        return Numbered(tuple((b"".join(lines[i:i + COPY_CHUNK]), len(lines[i:i + COPY_CHUNK]))
                              for i in range(0, len(lines), COPY_CHUNK)))


def copy_numbered(session: Session, table: str, cols: tuple[str, ...], lines: Numbered, first_seq: int,
                  tail: bytes) -> None:
    """COPY `lines`, the first numbered `first_seq`, the next ones on; each
    line's time part is `tail`."""
    raw: Any = session.connection().connection.driver_connection  # psycopg (untyped here)
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
        seq = first_seq
        for chunk, count in lines.chunks:
            copy.write(chunk % tuple(chain.from_iterable(zip(range(seq, seq + count), repeat(tail)))))
            seq += count
    _analyze_once(raw, table)


def record_times(at: datetime) -> bytes:
    """The time part of a new row's line numbered by copy_numbered (created, updated)."""
    return f"{_time(at)}\t{_time(at)}".encode()


def log_time(at: datetime) -> bytes:
    """The time part of a log line numbered by copy_numbered."""
    return _time(at).encode()


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
    _analyze_once(raw, table)


def _analyze_once(raw: Any, table: str) -> None:
    """A table never analyzed is analyzed after its first bulk load, as
    PostgreSQL's manual advises (autovacuum comes a minute later, or never
    where it is off). psycopg prepares a statement run five times on a
    connection, and PostgreSQL keeps one generic plan for it, made for the
    table's size then, until the table is next analyzed: a device's id
    look-ups prepared while `record` was nearly empty stayed sequential
    scans as it grew (auto_explain: 5-9 ms a look-up at 9,000 rows; a first
    full sync brings 134,000). The ANALYZE gives the planner the table's
    statistics and makes every connection plan its statements again. Once per table, some 30 ms after
    the first COPY of 5000 rows; in the push's transaction, which it does
    not block (its lock only keeps other ANALYZE, VACUUM and DDL out)."""
    with raw.cursor() as cur:
        cur.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", (table,))
        found = cur.fetchone()
        if found is not None and found[0] <= 0:
            cur.execute(f"ANALYZE {table}")


COPY_FROM = 200  # rows; fewer go as one multi-row INSERT (one round trip, while the lock is held)


def _use_copy(session: Session, rows: list[dict[str, Any]]) -> bool:
    return len(rows) >= COPY_FROM and session.get_bind().dialect.name == "postgresql"


def insert_records(session: Session, rows: list[dict[str, Any]],
                   made: dict[str, RecordLine] | None = None) -> None:
    """`made`: by row id, lines made before (server.prepare) from the values the rows hold."""
    if not rows:
        return
    if _use_copy(session, rows):
        found = made or {}
        _copy(session, "record", RECORD_COLS, (_record_line(r, found.get(r["id"])) for r in rows))
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


@dataclass(frozen=True)
class Ending:
    """What ends a pushed batch: the team's counter set to `seq`, and the
    answer stored under the device's idempotency key."""
    team: str
    seq: int
    device_id: str
    key: str
    response: str
    at: datetime


_team = TeamSeq.__table__.c
_SET_SEQ = (update(TeamSeq.__table__).where(_team.team == bindparam("b_team", type_=String()))
            .values(seq=bindparam("b_seq", type_=BigInteger())))


def end_batch(session: Session, ending: Ending) -> None:
    session.execute(_SET_SEQ, {"b_team": ending.team, "b_seq": ending.seq})
    session.execute(insert(Batch.__table__), {"device_id": ending.device_id, "key": ending.key,
                                              "response": ending.response, "at": ending.at})


def _typed(cols: tuple[str, ...], types: dict[str, str]) -> str:
    return ", ".join(f"{c} {types.get(c, 'varchar')}" for c in cols)


# Each write of a small batch was a round trip of its own (new rows, log,
# counter, answer), each while the team's lock is held and each a wait for
# the GIL again in a busy server. The rows travel as one JSON text per table.
_RECORD_TYPES = {"data": "json", "stamps": "json", "version": "integer", "deleted": "boolean", "seq": "bigint",
                 "created_at": "timestamp", "updated_at": "timestamp"}
_LOG_TYPES = {"seq": "bigint", "at": "timestamp"}
_IN_ONE = text(
    f"WITH r AS (INSERT INTO record ({', '.join(RECORD_COLS)}) SELECT {', '.join(RECORD_COLS)} "
    f"FROM json_to_recordset(CAST(:records AS json)) AS x({_typed(RECORD_COLS, _RECORD_TYPES)})), "
    f"l AS (INSERT INTO change_log ({', '.join(LOG_COLS)}) SELECT {', '.join(LOG_COLS)} "
    f"FROM json_to_recordset(CAST(:log AS json)) AS x({_typed(LOG_COLS, _LOG_TYPES)})), "
    "s AS (UPDATE team_seq SET seq = :seq WHERE team = :team) "
    "INSERT INTO batch (device_id, key, response, at) VALUES (:device_id, :key, :response, :at)"
).bindparams(bindparam("records", type_=Text()), bindparam("log", type_=Text()),
             bindparam("seq", type_=BigInteger()), bindparam("team", type_=String()),
             bindparam("device_id", type_=String()), bindparam("key", type_=String()),
             bindparam("response", type_=Text()), bindparam("at", type_=DateTime()))


def insert_and_end(session: Session, rows: list[dict[str, Any]], log: list[dict[str, Any]],
                   ending: Ending) -> bool:
    """New rows, log and ending in one statement, on PostgreSQL and for a
    batch COPY is not used for; False (nothing written) otherwise, or when a
    value is beyond what orjson writes (an integer over 64 bits)."""
    if session.get_bind().dialect.name != "postgresql" or _use_copy(session, rows) or _use_copy(session, log):
        return False
    try:
        records = orjson.dumps([{c: r[c] for c in RECORD_COLS} for r in rows]).decode()
        entries = orjson.dumps([{c: r[c] for c in LOG_COLS} for r in log]).decode()
    except TypeError:  # orjson.JSONEncodeError
        return False
    session.execute(_IN_ONE, {"records": records, "log": entries, "seq": ending.seq, "team": ending.team,
                              "device_id": ending.device_id, "key": ending.key, "response": ending.response,
                              "at": ending.at})
    return True
