"""Apply one pushed batch in one transaction, under the sequence lock.

The lock on the counter row is taken first and held until commit, so the
`seq` numbers this batch allocates become visible in the order they were
given: a reader that has passed seq N never misses a lower one later.
A repeated batch (same device and key) gets the stored answer; a change id
seen before is reported as a duplicate and not applied again.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import any_, func, insert, select, update
from sqlalchemy.orm import Session

from db.base import new_id
from db.hlc import Stamp, cap
from server import writer
from server.merge import Clash, State, apply_change, new_state, node_of
from server.models import Batch, ChangeLog, Record, ServerMeta, utcnow
from server.schema import CONFLICT_ENTITY, text_fields


class Forbidden(Exception):
    """A change touches a record of another team."""


class BadChange(Exception):
    """A change the server cannot apply (unknown entity, entity mismatch)."""


@dataclass
class Pusher:
    device_id: str
    team: str


def _chunks(items: list[str], size: int = 5000):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _among(session: Session, column, values: list[str]):
    """`column IN values`; on PostgreSQL one text parameter split into an
    array (`= ANY`): thousands of placeholders cost more to parse than the
    query to run, and a Python list bound as an array costs more to dump.
    The values are ids as the protocol admits them ([0-9A-Za-z-]), no commas."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(func.string_to_array(",".join(values), ","))
    return column.in_(values)


SKEW_TOLERANCE_MS = 1000
MAX_AHEAD_MS = 5 * 60 * 1000  # a stamp is capped at the server's time plus this


def skew_of(client_ms: int | None, now_ms: int) -> int:
    """How far the laptop's clock is behind the server's (negative: ahead)."""
    if client_ms is None or abs(now_ms - client_ms) <= SKEW_TOLERANCE_MS:
        return 0
    return now_ms - client_ms


def capped(stamp: str, now_ms: int, skew_ms: int = 0) -> str:
    """The stamp moved onto the server's clock by the laptop's measured skew,
    then capped: a laptop set a year ahead (or behind) neither wins nor loses
    every conflict, and one whose clock jumped cannot run ahead for long."""
    if not skew_ms and _plain_stamp(stamp) and int(stamp[:15]) <= now_ms + MAX_AHEAD_MS:
        return stamp  # on the server's clock and under the cap: unchanged (the usual case)
    try:
        parsed = Stamp.parse(stamp)
    except ValueError as exc:
        raise BadChange(f"invalid hlc stamp: {stamp[:60]!r}") from exc
    shifted = Stamp(min(max(parsed.wall_ms + skew_ms, 0), 10**15 - 1), parsed.counter, parsed.node)
    return str(cap(shifted, now_ms, MAX_AHEAD_MS))


def _plain_stamp(stamp: str) -> bool:
    """Already in the exact form str(Stamp) writes (15 and 5 ASCII digits, a node)."""
    head = stamp[:21]
    return (len(stamp) > 22 and head.isascii() and head[15] == "-" and stamp[21] == "-"
            and head[:15].isdigit() and head[16:].isdigit())


def push_batch(session: Session, who: Pusher, key: str, changes: list[dict[str, Any]],
               client_ms: int | None = None) -> dict[str, Any]:
    # The lock, and the counter's value as of it (the locked row's newest version).
    meta_seq = session.execute(select(ServerMeta.seq).where(ServerMeta.id == 1).with_for_update()).scalar_one()
    stored = session.execute(select(Batch.response).where(  # read after the lock: a racing repeat is seen
        Batch.device_id == who.device_id, Batch.key == key)).scalar_one_or_none()
    if stored is not None:
        return json.loads(stored)
    ids = [c["change_id"] for c in changes]
    seen: set[str] = set()
    for part in _chunks(ids):
        query = select(ChangeLog.change_id).where(_among(session, ChangeLog.change_id, part))
        seen.update(session.execute(query).scalars())
    rows = _load_records(session, list({c["row_id"] for c in changes}))
    applier = _Applier(who, rows, meta_seq, client_ms)
    results: dict[str, str] = {}
    for change in changes:
        if change["change_id"] in seen:
            results[change["change_id"]] = "duplicate"
            continue
        seen.add(change["change_id"])
        results[change["change_id"]] = applier.apply(change)
    applier.write(session)
    answer = _answer(key, results, applier.seq)
    session.execute(update(ServerMeta).where(ServerMeta.id == 1).values(seq=applier.seq))
    session.execute(insert(Batch).values(device_id=who.device_id, key=key, response=json.dumps(answer)))
    return answer


def _answer(key: str, results: dict[str, str], seq: int) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for outcome in results.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    unusual = {cid: out for cid, out in results.items() if out != "applied"}
    return {"batch": key, "counts": counts, "results": unusual, "seq": seq, "accepted": len(results)}


def _load_records(session: Session, row_ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    table = Record.__table__
    for part in _chunks(row_ids):
        for row in session.execute(select(table).where(_among(session, table.c.id, part))).mappings():
            out[row["id"]] = dict(row)
    return out


class _Applier:
    """Applies changes to in-memory records, then writes them in bulk."""

    def __init__(self, who: Pusher, rows: dict[str, dict[str, Any]], seq: int, client_ms: int | None) -> None:
        self.who, self.rows, self.seq = who, rows, seq
        self.new_ids: set[str] = set()
        self.dirty: set[str] = set()
        self.log: list[dict[str, Any]] = []
        self.now_ms = int(time.time() * 1000)
        self.skew = skew_of(client_ms, self.now_ms)
        self.now = utcnow()

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def apply(self, change: dict[str, Any]) -> str:
        entity, row_id = change["entity"], change["row_id"]
        texts = text_fields().get(entity)
        if texts is None:
            raise BadChange(f"unknown entity {entity[:50]!r}")
        stamp = capped(change["hlc"], self.now_ms, self.skew)
        row = self.rows.get(row_id)
        if row is not None and row["team"] != self.who.team:
            raise Forbidden(row_id)
        if row is not None and row["entity"] != entity:
            raise BadChange("row id belongs to another entity")
        if row is None:
            state = new_state(change["fields"], stamp)
            outcome_name, clashes = "applied", []
            row = self._new_row(row_id, entity)
            up_to_date = change["op"] == "insert"
        else:
            up_to_date = change["base_version"] == row["version"]
            state = State(dict(row["data"]), dict(row["stamps"]), row["version"], row["deleted"])
            outcome = apply_change(state, change["op"], change["fields"], change["base_version"], stamp, texts)
            outcome_name, clashes = outcome.name, outcome.clashes
            if entity == CONFLICT_ENTITY:  # a resolution: the later stamp wins, no conflict of conflicts
                outcome_name, clashes = "applied", []
        seq = self.next_seq()
        author = node_of(stamp) if up_to_date and outcome_name == "applied" else None
        row.update(data=state.data, stamps=state.stamps, version=state.version,
                   deleted=state.deleted, seq=seq, updated_at=self.now, author=author)
        self.dirty.add(row_id)
        self.log.append({"seq": seq, "change_id": change["change_id"], "entity": entity, "row_id": row_id,
                         "op": change["op"], "fields": {} if change["op"] == "insert" else change["fields"],
                         "outcome": outcome_name,
                         "device_id": self.who.device_id, "hlc": stamp, "at": self.now})
        for clash in clashes:
            self._conflict(entity, row_id, clash)
        return outcome_name

    def _new_row(self, row_id: str, entity: str) -> dict[str, Any]:
        row = {"id": row_id, "entity": entity, "team": self.who.team, "created_at": self.now}
        self.rows[row_id] = row
        self.new_ids.add(row_id)
        return row

    def _conflict(self, entity: str, row_id: str, clash: Clash) -> None:
        data = {
            "entity": entity, "row_id": row_id, "field": clash.field, "kind": clash.kind,
            "remote_value": json.dumps(clash.kept, ensure_ascii=False),
            "local_value": json.dumps(clash.set_aside, ensure_ascii=False),
            "base_value": json.dumps(clash.base, ensure_ascii=False),
            "winner_node": clash.kept_node, "loser_node": clash.set_aside_node,
            "created_at": self.now.isoformat(), "resolved_at": None, "resolution": None,
        }
        conflict_id = new_id()
        row = self._new_row(conflict_id, CONFLICT_ENTITY)
        row.update(data=data, stamps={}, version=1, deleted=False, seq=self.next_seq(), updated_at=self.now,
                   author=None)
        self.dirty.add(conflict_id)

    def write(self, session: Session) -> None:
        session.flush()  # the COPY runs on the same connection, after anything pending
        writer.insert_records(session, [self.rows[i] for i in self.dirty if i in self.new_ids])
        writer.update_records(session, [self.rows[i] for i in self.dirty if i not in self.new_ids])
        writer.insert_log(session, self.log)
