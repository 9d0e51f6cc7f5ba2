"""The work on a pushed batch that needs none of the server's rows, done
before server.push takes the team's sequence lock (in the request's worker
thread, after the body is read): while one batch of a laptop is applied
under the lock, the next one is prepared beside it.

A first full sync's changes are inserts of rows the server does not have,
so for them nearly everything is done here: the checks of a change to a row
the server does not have (server.authorize, server.validate, whose answer
depends on nothing but the change and the caller then), the capped stamp,
the parents it names (server.orphans), the new row's state and its COPY
line but for its seq and times (server.writer). Under the lock only what
depends on the loaded rows is left; a change to a row the server has is
checked and merged there as before, with the same functions. The stamps
are capped to the time the batch is prepared (no edit can have been made
after that).
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from db.hlc import Stamp, cap
from server import authorize, erasure, orphans, validate, writer
from server.idlist import chunks, joined
from server.merge import State, new_state, node_of
from server.pushbody import IDENTS, STAMPS, column_matches


class BadChange(Exception):
    """A change the server cannot apply (unknown entity, entity mismatch)."""


# Stamps are made on the server's clock: the laptop corrects its clock by
# the offset it measured at its last pull, when the stamp is made (see
# app.sync.client and the README). The server adds nothing at push time (a
# clock measured then says nothing about the clock when the edit was made);
# it only caps: no edit can have been made after the server received it.
MAX_AHEAD_MS = 1000


def capped(stamp: str, now_ms: int) -> str:
    """The stamp, no later than the moment it arrived (plus a second)."""
    if _plain_stamp(stamp) and int(stamp[:15]) <= now_ms + MAX_AHEAD_MS:
        return stamp  # the usual case: unchanged
    try:
        parsed = Stamp.parse(stamp)
    except ValueError as exc:
        raise BadChange(f"invalid hlc stamp: {stamp[:60]!r}") from exc
    return str(cap(parsed, now_ms, MAX_AHEAD_MS))


def _plain_stamp(stamp: str) -> bool:
    """Already in the exact form str(Stamp) writes (15 and 5 ASCII digits, a node)."""
    head = stamp[:21]
    return (len(stamp) > 22 and head.isascii() and head[15] == "-" and stamp[21] == "-"
            and head[:15].isdigit() and head[16:].isdigit())


@dataclass(slots=True)
class Ready:
    """One change, prepared."""

    absent: str | Exception | None  # the refusal if the server has no row of this id (None: may be inserted)
    stamp: str | Exception  # the capped stamp, or why it is invalid (raised where it is used)
    erased: str | None  # the citizen whose erasure it records (server.erasure.erased_citizen)
    state: State | Exception | None = None  # a new row's state, if it may be inserted (or why it failed)
    line: writer.RecordLine | None = None  # that row's COPY line but its seq and times, as its insert leaves it

    def absent_refusal(self) -> str | None:
        """The refusal of the change to a row the server does not have; a
        check that failed fails where it failed before: under the lock."""
        if isinstance(self.absent, Exception):
            raise self.absent
        return self.absent

    def capped(self) -> str:
        if isinstance(self.stamp, Exception):
            raise self.stamp
        return self.stamp

    def take_state(self, change: dict[str, Any], stamp: str) -> State:
        """The new row's state, once (a second change to the row merges
        into the first one's row); made here if it was not prepared."""
        state, self.state = self.state, None
        if isinstance(state, Exception):
            raise state
        return state if state is not None else new_state(validate.inserted(change), stamp)


@dataclass(slots=True)
class Prepared:
    """A batch, prepared: one Ready per change, in the same order."""

    now_ms: int  # the moment stamps are capped to (see capped)
    ready: list[Ready]
    row_ids: set[str]
    change_ids: list[str]
    parents: set[str]  # named in the changes' fields (server.orphans.named_parents)
    unnamed_parents: list[tuple[str, list[str]]]  # columns left empty: the stored row's value counts
    fast: FastInsert | None = None  # the batch, if all new rows (server.push's fast path)
    change_id_texts: list[str] | None = None  # the ids as bound for look-ups (`_texts`), made before the lock
    row_id_texts: list[str] | None = None
    parent_texts: list[str] | None = None  # of `parents`


def prepare(who: Any, changes: list[dict[str, Any]]) -> Prepared:
    """`who` is the server.push.Pusher making the push."""
    now_ms = int(time.time() * 1000)
    encode = len(changes) >= writer.COPY_FROM  # a smaller batch's rows are not written by COPY
    row_ids = list(map(_ROW_ID, changes))
    fast = None
    change_ids = list(map(_CHANGE_ID, changes))
    distinct = set(row_ids)
    if _plain(row_ids, changes, now_ms):
        batch = _Batch(who, writer.team_text(who.team), encode)
        quick = [_quick(batch, change) for change in changes]
        ready = [made or _ready(who, change, now_ms, encode) for made, change in zip(quick, changes)]
        if encode and all(made is not None for made in quick) and len(distinct) == len(changes):
            fast = _fast(who, changes, change_ids, ready)
    else:
        ready = [_ready(who, change, now_ms, encode) for change in changes]
    parents, unnamed = orphans.named_parents(changes, distinct)
    return Prepared(now_ms, ready, distinct, change_ids, parents, unnamed, fast, _texts(change_ids),
                    _texts(distinct), _texts(parents))


def _texts(ids: Iterable[str]) -> list[str]:
    """The ids as bound for server.idlist's `among`, CHUNK a text: made
    here, not while the team's lock is held."""
    return [joined(part) for part in chunks(list(ids))]


@dataclass(frozen=True, slots=True)
class FastInsert:
    """A batch of nothing but new rows, each inserted by one change, as its
    insert leaves it: if under the lock the server has none of them, no
    change id was seen before, none is purged and no parent is deleted,
    every change is applied, in order, and only their seq and times are
    left to fill in (server.writer.Numbered)."""
    count: int
    records: writer.Numbered
    log: writer.Numbered


def _fast(who: Any, changes: list[dict[str, Any]], change_ids: list[str], ready: list[Ready]) -> FastInsert | None:
    """The batch's FastInsert, if it is one: `ready` all `_quick`, with their
    lines, row ids distinct. A change id twice (the second is a duplicate),
    an erasure, or a row inserted deleted (a later row under it would be a
    conflict) leave it to server.push's change-by-change path."""
    if len(set(change_ids)) != len(change_ids):
        return None
    try:
        return _fast_lines(who, changes, ready)
    except TypeError:  # a value that is not text: the change-by-change path answers as before
        return None


def _fast_lines(who: Any, changes: list[dict[str, Any]], ready: list[Ready]) -> FastInsert | None:
    records, log = [], []
    team, device = who.team, who.device_id
    for change, made in zip(changes, ready):
        state = made.state
        if made.line is None or made.erased is not None or not isinstance(state, State) or state.deleted:
            return None
        records.append(writer.numbered_record_line(made.line))
        log.append(writer.numbered_log_line(team, change["change_id"], change["entity"], change["row_id"],
                                            "insert", "applied", device, made.capped()))
    return FastInsert(len(changes), writer.Numbered.of(records), writer.Numbered.of(log))


def prepare_one(who: Any, change: dict[str, Any], now_ms: int) -> Ready:
    """One change, prepared on its own (a caller of _Applier.apply without a batch)."""
    return _ready(who, change, now_ms, False)


_ROW_ID, _CHANGE_ID, _STAMP = itemgetter("row_id"), itemgetter("change_id"), itemgetter("hlc")


def _plain(row_ids: list[Any], changes: list[dict[str, Any]], now_ms: int) -> bool:
    """Every row id an id and every stamp in the form str(Stamp) writes
    (server.pushbody's patterns), none later than `capped` lets through: each
    change's capped stamp is its own, and its id, stamp and node (the stamp's
    last part) hold nothing COPY escapes."""
    try:
        stamps = list(map(_STAMP, changes))
        return (column_matches(STAMPS, stamps) and column_matches(IDENTS, row_ids)
                and max(stamps)[:15] <= f"{now_ms + MAX_AHEAD_MS:015d}")
    except (TypeError, ValueError):  # not all text; no changes
        return False


@dataclass(frozen=True, slots=True)
class _Batch:
    """What the changes of a `_plain` batch share."""

    who: Any
    team_text: str  # the team as COPY text
    encode: bool  # make the new rows' COPY lines


def _quick(batch: _Batch, change: dict[str, Any]) -> Ready | None:
    """`_ready` of a plain batch's insert that passes every check at first
    sight (validate.insert_values): its stamp need not be capped, its new
    state is made from the values checked, and its line from them with no
    escaping. None for any other change, which `_ready` prepares."""
    who = batch.who
    try:
        data = validate.insert_values(change)
        if data is None or authorize.refusal(who.team, who.leader, who.device_id, change, None,
                                             username=who.username) is not None:
            return None
        stamp = change["hlc"]
        state = new_state(data, stamp)
        ready = Ready(None, stamp, erasure.erased_citizen(change), state)
        if batch.encode:
            ready.line = _new_line(change, batch.team_text, state, stamp)
        return ready
    except Exception:  # anything odd: `_ready` meets it again and answers as before
        return None


def _new_line(change: dict[str, Any], team_text: str, state: State, stamp: str) -> writer.RecordLine | None:
    """`_line` of a `_quick` change."""
    try:
        return writer.new_record_line(change["row_id"], change["entity"], team_text, state.data, stamp,
                                      state.deleted, stamp[22:])
    except TypeError:  # orjson.JSONEncodeError: the writer meets it again, as before
        return None


def _ready(who: Any, change: dict[str, Any], now_ms: int, encode: bool) -> Ready:
    try:
        reason: str | Exception | None = (
            authorize.refusal(who.team, who.leader, who.device_id, change, None, username=who.username)
            or validate.refusal(change, None))
    except Exception as exc:
        reason = exc
    try:
        stamp: str | Exception = capped(change["hlc"], now_ms)
    except Exception as exc:  # BadChange: raised where the stamp is used, as before
        stamp = exc
    ready = Ready(reason, stamp, erasure.erased_citizen(change))
    if reason is None and isinstance(stamp, str):
        try:
            state = new_state(validate.inserted(change), stamp)
        except Exception as exc:  # a merge failure: the change is refused under the lock, as before
            ready.state = exc
            return ready
        ready.state = state
        if encode:
            ready.line = _line(change, who.team, state, stamp)
    return ready


def _line(change: dict[str, Any], team: str, state: State, stamp: str) -> writer.RecordLine | None:
    """The new row's line as server.push stores it when nothing clashes: the
    change is its author (an insert, applied as sent)."""
    try:
        return writer.record_line(change["row_id"], change["entity"], team, state.data, state.stamps,
                                  state.version, state.deleted, node_of(stamp))
    except TypeError:  # orjson.JSONEncodeError: the writer meets it again, as before
        return None
