"""Apply one pushed batch in one transaction, under its team's sequence lock.

Each team (scope) has its own counter row (server.models.TeamSeq). The lock
on it is taken first and held until commit, so the `seq` numbers this batch
allocates become visible in the order they were given: a reader of the team
that has passed seq N never misses a lower one later. A push only writes its
own team's rows, so other teams' pushes do not wait for it.
A repeated batch (same device and key) gets the stored answer; a change id
seen before is reported as a duplicate and not applied again.

Each change is checked first (server.validate: the schema; server.authorize:
who may). A change that fails is refused alone: its outcome is "refused"
and its reason goes into the answer's `refused`; it is not logged, so the
laptop may send it again (with a new change id) once it is put right.

A change to a row purged by an erasure (server.erasure), or a new row about
an erased citizen, is dropped: outcome "dropped", logged without values.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, bindparam, insert, null, select, union_all
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.base import new_id
from server import authorize, erasure, orphans, validate, writer
from server.idlist import among, chunks, joined
from server.merge import Clash, Outcome, State, apply_change, node_of
from server.models import Batch, ChangeLog, Purged, Record, TeamSeq, utcnow
from server.prepare import FastInsert, Prepared, Ready, prepare, prepare_one
from server.schema import CONFLICT_ENTITY, text_fields

log = logging.getLogger(__name__)


class NotYet(Exception):
    """The batch this one names as its predecessor (`after`) is not applied
    (yet): this one must not be applied before it. The caller rolls back,
    which releases the team's lock, and tries again a little later."""


@dataclass
class Pusher:
    device_id: str
    team: str
    leader: bool = False
    username: str | None = None  # the caller's account: checked against access-log entries


# The statements every push runs, built once (see server.idlist): building
# them per request cost more CPU than running them.
_team, _log, _batch = TeamSeq.__table__.c, ChangeLog.__table__.c, Batch.__table__.c
_TEAM = bindparam("team", type_=String())
_LOCK = select(_team.seq).where(_team.team == _TEAM).with_for_update()
_APPLIED = select(_batch.key).where(_batch.device_id == bindparam("device_id", type_=String()),
                                    _batch.key == bindparam("key", type_=String()))
_SEEN = select(_log.change_id).where(among(_log.change_id, "ids"))
# The answer stored for a repeat of the batch, and which of (the first
# CHUNK of) its change ids were applied before: one round trip, not two.
_STORED_AND_SEEN = union_all(
    select(_batch.response, null().label("change_id")).where(
        _batch.device_id == bindparam("device_id", type_=String()), _batch.key == bindparam("key", type_=String())),
    select(null(), _log.change_id).where(among(_log.change_id, "ids")))
_RECORDS = select(Record.__table__).where(among(Record.__table__.c.id, "ids"))
# Only a deleted parent makes a conflict (server.orphans): the partial index
# ix_record_deleted_id holds just those, so the live parents of a first full
# sync's children (some hundred thousand) are neither read nor looked up.
_DELETED_PARENTS = select(Record.__table__).where(among(Record.__table__.c.id, "ids"), Record.__table__.c.deleted)


def lock_team_seq(session: Session, team: str) -> int:
    """Lock the team's counter row until commit and return its value. The
    row is made on the team's first push (a racing first push waits for the
    other's insert to commit, then finds the row); the locked read returns
    the row's newest committed version."""
    seq = session.execute(_LOCK, {"team": team}).scalar_one_or_none()
    if seq is None:
        dialect = session.get_bind().dialect.name
        make = (pg_insert if dialect == "postgresql" else sqlite_insert)(TeamSeq)
        session.execute(make.values(team=team, seq=0).on_conflict_do_nothing(index_elements=["team"]))
        seq = session.execute(_LOCK, {"team": team}).scalar_one()
    return seq


def push_batch(session: Session, who: Pusher, key: str, changes: list[dict[str, Any]],
               client_ms: int | None = None, after: str | None = None,
               prepared: Prepared | None = None) -> dict[str, Any]:
    """Apply the batch, or give the stored answer of a repeat. `after` names
    the batch this device sent just before it (a laptop with batches in
    flight): until that one is applied this one is not (NotYet). `prepared`:
    the batch's `server.prepare.prepare`, done before (without the lock)."""
    del client_ms  # sent by laptops, no longer used: stamps are corrected when made (see capped)
    if prepared is None:
        prepared = prepare(who, changes)
    meta_seq = lock_team_seq(session, who.team)
    # Read after the lock: a racing repeat is seen, and so is a predecessor
    # committed while this one waited for the lock (READ COMMITTED).
    stored, seen = _stored_and_seen(session, who.device_id, key, _id_texts(prepared.change_id_texts,
                                                                         prepared.change_ids))
    if stored is not None:
        return json.loads(stored)
    if after is not None and session.execute(_APPLIED, {"device_id": who.device_id, "key": after}).first() is None:
        raise NotYet(after)
    row_ids = prepared.row_ids
    rows = _load_records(session, _id_texts(prepared.row_id_texts, row_ids))
    if rows or prepared.parent_texts is None:  # a stored row's own parents count too
        parents = orphans.parents_left(prepared.parents, prepared.unnamed_parents, rows, row_ids)
        rows.update(_load_parents(session, _id_texts(None, parents)))
    else:  # parents_left is the named parents, whose texts are made
        rows.update(_load_parents(session, prepared.parent_texts))
    purged = erasure.purged_for(session, changes, row_ids)
    fast = prepared.fast
    if fast is not None and not (seen or rows or purged) and session.get_bind().dialect.name == "postgresql":
        return _push_new(session, who, key, fast, meta_seq)
    applier = _Applier(who, rows, meta_seq, purged, prepared.now_ms)
    results: dict[str, str] = {}
    refused: dict[str, str] = {}
    for change, ready in zip(changes, prepared.ready, strict=True):
        if change["change_id"] in seen:
            results[change["change_id"]] = "duplicate"
            continue
        seen.add(change["change_id"])
        outcome, reason = applier.apply(change, ready)
        results[change["change_id"]] = outcome
        if reason is not None:
            refused[change["change_id"]] = reason
    if applier.erased:
        applier.write(session)
        for citizen_id in applier.erased:  # after the batch: the erasure wins over what came before it
            erasure.purge(session, who.team, citizen_id, applier.next_seq, applier.now)
    answer = _answer(key, results, applier.seq, refused)
    ending = writer.Ending(who.team, applier.seq, who.device_id, key, json.dumps(answer), utcnow())
    if applier.erased:
        writer.end_batch(session, ending)
    else:
        applier.write(session, ending)
    return answer


def _push_new(session: Session, who: Pusher, key: str, fast: FastInsert, meta_seq: int) -> dict[str, Any]:
    """A batch of new rows only (server.prepare.FastInsert), none of them
    met anything under the lock: each change is applied, numbered in order
    from the team's counter on, as `_Applier` would have; the lines made
    before the lock are numbered and written, with no object per change."""
    count = fast.count
    seq = meta_seq + count
    answer = {"batch": key, "counts": {"applied": count}, "results": {}, "seq": seq, "accepted": count,
              "refused": {}}  # `_answer`'s, for every change applied
    now = utcnow()
    session.flush()  # the COPY runs on the same connection, after anything pending
    writer.copy_numbered(session, "record", writer.RECORD_COLS, fast.records, meta_seq + 1, writer.record_times(now))
    writer.copy_numbered(session, "change_log", writer.LOG_COLS, fast.log, meta_seq + 1, writer.log_time(now))
    writer.end_batch(session, writer.Ending(who.team, seq, who.device_id, key, json.dumps(answer), utcnow()))
    log.debug("%d new rows numbered from %d", count, meta_seq + 1)
    return answer


def _id_texts(texts: list[str] | None, ids: Iterable[str]) -> list[str]:
    """The ids as bound for `among`, CHUNK a text: made before the lock
    (server.prepare) if `texts` is given."""
    return texts if texts is not None else [joined(part) for part in chunks(list(ids))]


def _stored_and_seen(session: Session, device_id: str, key: str, texts: list[str]) -> tuple[str | None, set[str]]:
    """The answer stored for this batch (a repeat), else which of the ids
    (`texts`, see `_id_texts`) were seen before."""
    parts = texts or [""]
    stored, seen = None, set()
    for response, change_id in session.execute(_STORED_AND_SEEN, {"device_id": device_id, "key": key,
                                                                  "ids": parts[0]}):
        if response is not None:
            stored = response
        else:
            seen.add(change_id)
    if stored is not None:
        return stored, set()
    for part in parts[1:]:
        seen.update(session.execute(_SEEN, {"ids": part}).scalars())
    return None, seen


def _answer(key: str, results: dict[str, str], seq: int, refused: dict[str, str]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for outcome in results.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    unusual = {cid: out for cid, out in results.items() if out != "applied"}
    return {"batch": key, "counts": counts, "results": unusual, "seq": seq,
            "accepted": len(results) - len(refused), "refused": refused}


def _load_records(session: Session, texts: list[str]) -> dict[str, dict[str, Any]]:
    """The stored rows of these ids (`texts`, see `_id_texts`)."""
    out: dict[str, dict[str, Any]] = {}
    for part in texts:
        for row in session.execute(_RECORDS, {"ids": part}).mappings():
            out[row["id"]] = dict(row)
    return out


def _load_parents(session: Session, texts: list[str]) -> dict[str, dict[str, Any]]:
    """The deleted ones among these parents (`texts`, see `_id_texts`): a
    live or absent parent makes no conflict (server.orphans), so only the
    deleted are asked for."""
    out: dict[str, dict[str, Any]] = {}
    for part in texts:
        for row in session.execute(_DELETED_PARENTS, {"ids": part}).mappings():
            out[row["id"]] = dict(row)
    return out


class _Applier:
    """Applies changes to in-memory records, then writes them in bulk."""

    def __init__(self, who: Pusher, rows: dict[str, dict[str, Any]], seq: int,
                 purged: set[str] | None = None, now_ms: int | None = None) -> None:
        self.who, self.rows, self.seq = who, rows, seq
        self.purged = purged or set()
        self.newly_purged: list[str] = []
        self.erased: list[str] = []
        self.new_ids: set[str] = set()
        self.dirty: set[str] = set()
        self.log: list[dict[str, Any]] = []
        # New rows' COPY lines made before (server.prepare), while they hold
        # what their insert left: a later change to one in the batch drops it.
        self.lines: dict[str, writer.RecordLine] = {}
        self.now_ms = int(time.time() * 1000) if now_ms is None else now_ms
        self.now = utcnow()
        # Only a deleted parent makes a conflict (server.orphans.clashes): while
        # no row here is deleted (a first full sync's), no change is looked at for one.
        self.any_deleted = any(row.get("deleted") for row in rows.values())

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def apply(self, change: dict[str, Any], ready: Ready | None = None) -> tuple[str, str | None]:
        """(outcome, reason if refused). Nothing is changed before the change
        has passed every check and been merged on copies. `ready`: the
        change's part done before the lock (server.prepare)."""
        if ready is None:
            ready = prepare_one(self.who, change, self.now_ms)
        row = self.rows.get(change["row_id"])
        reason = ready.absent_refusal() if row is None else (
            authorize.refusal(self.who.team, self.who.leader, self.who.device_id, change, row,
                              username=self.who.username)
            or validate.refusal(change, row))
        if reason is not None:
            return "refused", reason
        if row is not None and self.lines:
            self.lines.pop(change["row_id"], None)
        if self.purged and (change["row_id"] in self.purged or self.purged & erasure.references(change)):
            return self._drop(change, row, ready.capped()), None
        if ready.erased is not None:
            self.erased.append(ready.erased)
        try:
            stamp = ready.capped()
            state, outcome = self._merge(change, row, stamp, ready)
        except Exception as exc:
            log.warning("change refused, merge failed: %s", type(exc).__name__)
            return "refused", "serveren kunne ikke anvende ændringen"
        self._store(change, row, stamp, state, outcome)
        if row is None and ready.line is not None and not outcome.clashes:
            self.lines[change["row_id"]] = ready.line
        return outcome.name, None

    def _merge(self, change: dict[str, Any], row: dict[str, Any] | None, stamp: str,
               ready: Ready) -> tuple[State, Outcome]:
        if row is None:
            return ready.take_state(change, stamp), Outcome()
        state = State(dict(row["data"]), dict(row["stamps"]), row["version"], row["deleted"])
        texts = text_fields()[change["entity"]]
        outcome = apply_change(state, change["op"], change["fields"], change["base_version"], stamp, texts)
        if change["entity"] == CONFLICT_ENTITY:  # a resolution: the later stamp wins, no conflict of conflicts
            outcome = Outcome()
        return state, outcome

    def _store(self, change: dict[str, Any], row: dict[str, Any] | None, stamp: str, state: State,
               outcome: Outcome) -> None:
        entity, row_id = change["entity"], change["row_id"]
        up_to_date = change["base_version"] == row["version"] if row is not None else change["op"] == "insert"
        if change["op"] != "delete" and self.any_deleted:
            outcome.clashes.extend(orphans.clashes(self.rows, self.who.team, entity, state, stamp))
        outcome_name = outcome.name
        if row is None:
            row = self._new_row(row_id, entity)
        seq = self.next_seq()
        author = node_of(stamp) if up_to_date and outcome_name == "applied" else None
        row.update(data=state.data, stamps=state.stamps, version=state.version,
                   deleted=state.deleted, seq=seq, updated_at=self.now, author=author)
        self.any_deleted = self.any_deleted or state.deleted
        self.dirty.add(row_id)
        self.log.append({"team": self.who.team, "seq": seq, "change_id": change["change_id"], "entity": entity,
                         "row_id": row_id, "op": change["op"], "outcome": outcome_name,
                         "device_id": self.who.device_id, "hlc": stamp, "at": self.now})
        for clash in outcome.clashes:
            self._conflict(entity, row_id, clash)

    def _drop(self, change: dict[str, Any], row: dict[str, Any] | None, stamp: str) -> str:
        """A change to (or a new row about) an erased citizen: not applied,
        logged as dropped. The row's erased state goes out again, so the
        laptop that made the change gets it back in place of its values."""
        seq = self.next_seq()
        row_id, entity = change["row_id"], change["entity"]
        if row is None:
            row = self._new_row(row_id, entity)
            row.update(data=erasure.scrubbed(entity, change["fields"], self.now), stamps={"*": stamp},
                       version=1, deleted=True)
            self.any_deleted = True
            self.newly_purged.append(row_id)
            self.purged.add(row_id)
        row.update(seq=seq, author=None, updated_at=self.now)
        self.dirty.add(row_id)
        self.log.append({"team": self.who.team, "seq": seq, "change_id": change["change_id"], "entity": entity,
                         "row_id": row_id, "op": change["op"], "outcome": "dropped", "device_id": self.who.device_id,
                         "hlc": stamp, "at": self.now})
        return "dropped"

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

    def write(self, session: Session, ending: writer.Ending | None = None) -> None:
        """The batch's rows and log; with `ending`, the batch is ended too
        (counter, stored answer), a small one in the same statement."""
        session.flush()  # the COPY runs on the same connection, after anything pending
        new = [self.rows[i] for i in self.dirty if i in self.new_ids]
        writer.update_records(session, [self.rows[i] for i in self.dirty if i not in self.new_ids])
        if ending is None or not writer.insert_and_end(session, new, self.log, ending):
            writer.insert_records(session, new, self.lines)
            writer.insert_log(session, self.log)
            if ending is not None:
                writer.end_batch(session, ending)
        if self.newly_purged:
            citizen = {i: self.rows[i]["data"].get("citizen_id") or "" for i in self.newly_purged}
            session.execute(insert(Purged), [{"row_id": i, "team": self.who.team, "citizen_id": citizen[i],
                                              "at": self.now} for i in self.newly_purged])
