"""Stateful property test: 3 to 6 laptops make random edits, deletes and
syncs; answers get lost and batches repeated, in random order. At the end,
after everyone syncs, all replicas are identical and every change the server
acknowledged is applied (or overwritten later) or kept in a conflict record.

Small by default; JOBCOACH_FULL_TESTS=1 runs many more and longer examples.
"""
from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from sqlalchemy import select

from app.sync import outbox
from app.sync.transport import Transport
from db.models import Citizen
from server.models import ChangeLog
from tests.conftest import FULL
from tests.sync.support import Laptop, server_engine, snapshot

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
MAX_DEVICES = 6
PHONES = ["11111111", "22222222", "33333333"]
CITIES = ["Aarhus", "Odense", "Aalborg"]
SUPPORT = ["Mentor: Per\nHjælpemiddel: stol\n", "Mentor: Lis\nHjælpemiddel: stol\n",
           "Mentor: Per\nHjælpemiddel: bord\n", "Ingen\n"]


@dataclass(frozen=True)
class _Logged:
    """A change the server logged, with the values the test kept of it."""

    change_id: str
    row_id: str
    seq: int
    op: str
    fields: dict
    outcome: str = ""
    hlc: str = ""
    owner: str = ""


class _Sent:
    """Every change pushed to the server, as sent, with the device token."""

    def __init__(self) -> None:
        self.changes: list[dict] = []

    def record(self, transport: Transport, changes: list[dict]) -> None:
        token = transport._client.headers.get("Authorization", "").removeprefix("Bearer ")
        self.changes.extend(dict(json.loads(json.dumps(c)), _token=token) for c in changes)

    def pop_all(self) -> list[dict]:
        taken, self.changes = self.changes, []
        return taken


SENT = _Sent()


@pytest.fixture
def record_pushes(monkeypatch):
    """Record each push body as it leaves a laptop (`Transport` is the real one)."""
    push, push_raw = Transport.push, Transport.push_raw

    def recorded(self, key, epoch, changes, client_ms=None):
        SENT.record(self, changes)
        return push(self, key, epoch, changes, client_ms)

    def recorded_raw(self, key, epoch, changes_json, client_ms, after=None):
        SENT.record(self, json.loads(changes_json))
        return push_raw(self, key, epoch, changes_json, client_ms, after)

    monkeypatch.setattr(Transport, "push", recorded)
    monkeypatch.setattr(Transport, "push_raw", recorded_raw)
    SENT.pop_all()
    yield SENT
    SENT.pop_all()


TEXT_FIELDS = {"support"}  # merged line by line on the server (server.textmerge)


def _lines(text: object) -> set[str]:
    return set(text.splitlines()) if isinstance(text, str) else set()


def edit_survives(is_text: bool, old: object, new: object, current: object, seen_later: list[object],
                  aside: list[object]) -> bool:
    """Whether one acknowledged edit is not lost: its value is in the row, or
    a later change was made by someone who had seen it, or it is kept in a
    conflict record. For free text the edit is what it changed: the lines it
    added must be in the row (after a merge, say) and the lines it removed
    gone — or a later edit saw its effect, or a conflict keeps it."""
    if not is_text:
        return current == new or new in seen_later or new in aside
    added, removed = _lines(new) - _lines(old), _lines(old) - _lines(new)

    def shows(value: object) -> bool:
        return added <= _lines(value) and not (removed & _lines(value))

    return shows(current) or any(shows(v) for v in seen_later) or any(shows(v) for v in aside)


def _story(entry: _Logged, field: str, row: dict, log: list[_Logged], aside: list[object]) -> str:
    """What happened to one row, for the message of a lost edit."""
    lines = [f"lost: {entry.change_id} {field}={entry.fields[field]!r}; row now {row.get(field)!r}; "
             f"conflicts keep {aside!r}"]
    for r in sorted((r for r in log if r.row_id == entry.row_id), key=lambda r: r.seq):
        lines.append(f"  seq {r.seq} {r.owner} {r.op} {r.outcome} {r.hlc}: {r.fields}")
    return "\n".join(lines)


class Replicas(RuleBasedStateMachine):
    base: str = ""
    tokens: list[str] = []
    root: Path = Path(".")
    db_url: str = ""

    @initialize(count=st.integers(3, MAX_DEVICES))
    def make_laptops(self, count: int) -> None:
        self.dir = self.root / uuid.uuid4().hex[:8]
        self.laptops: list[Laptop] = []
        self.copies: dict[str, dict] = {}
        self.owner: dict[str, str] = {}
        self.names = {self.tokens[i]: f"l{i}" for i in range(count)}
        for i in range(count):
            laptop = Laptop(self.dir, f"l{i}")
            laptop.base, laptop.token = self.base, self.tokens[i]
            self.laptops.append(laptop)
        # Two rows every laptop has, so that edits meet from the first step.
        with self.laptops[0].ctx.uow() as s:
            s.add_all([Citizen(name=f"Borger start {n}", phone=PHONES[0], city=CITIES[0], support=SUPPORT[0])
                       for n in range(2)])
        for laptop in self.laptops:
            laptop.sync()
        self._remember()

    def teardown(self) -> None:
        for laptop in getattr(self, "laptops", []):
            laptop.close()
        if hasattr(self, "dir"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def _remember(self) -> None:
        """Changes are recorded as they are pushed (see `_record_pushes`):
        the laptop prunes its outbox once the server has acknowledged, the
        server keeps no values, and some changes are made inside a sync
        round (rows sent again after a replica check), so only the push
        bodies show everything that reached the server."""
        for change in SENT.pop_all():
            self.copies[change["change_id"]] = change
            self.owner[change["change_id"]] = self.names[change.pop("_token")]

    def _pick(self, i: int) -> Laptop:
        return self.laptops[i % len(self.laptops)]

    def _live_row(self, laptop: Laptop, j: int) -> str | None:
        with laptop.ctx.uow() as s:
            ids = s.execute(select(Citizen.id).where(Citizen.deleted_at.is_(None), Citizen.name.like("Borger%"))
                            .order_by(Citizen.id)).scalars().all()
        return ids[j % len(ids)] if ids else None

    @rule(i=st.integers(0, MAX_DEVICES - 1), n=st.integers(0, 99))
    def create(self, i: int, n: int) -> None:
        if self._live_row(self._pick(i), 0) is not None and n % 3:
            return  # few rows, so that laptops often edit the same one
        with self._pick(i).ctx.uow() as s:
            s.add(Citizen(name=f"Borger {n}", phone=PHONES[0], city=CITIES[0], support=SUPPORT[0]))

    @rule(i=st.integers(0, MAX_DEVICES - 1), j=st.integers(0, 2),
          field=st.sampled_from(["phone", "city", "support"]), k=st.integers(0, 3))
    def edit(self, i: int, j: int, field: str, k: int) -> None:
        laptop = self._pick(i)
        row_id = self._live_row(laptop, j)
        if row_id is None:
            return
        values = {"phone": PHONES, "city": CITIES, "support": SUPPORT}[field]
        with laptop.ctx.uow() as s:
            setattr(s.get(Citizen, row_id), field, values[k % len(values)])

    @rule(i=st.integers(0, MAX_DEVICES - 1), other=st.integers(1, MAX_DEVICES - 1), j=st.integers(0, 2),
          field=st.sampled_from(["phone", "city", "support"]), k=st.integers(0, 3))
    def race(self, i: int, other: int, j: int, field: str, k: int) -> None:
        """Two laptops edit the same field of a row they both have, offline."""
        first, second = self._pick(i), self._pick(i + other)
        row_id = self._live_row(first, j)
        if row_id is None or first is second:
            return
        with second.ctx.uow() as s:
            if s.get(Citizen, row_id) is None or s.get(Citizen, row_id).deleted_at is not None:
                return
        self.edit(i, j, field, k)
        values = {"phone": PHONES, "city": CITIES, "support": SUPPORT}[field]
        with second.ctx.uow() as s:
            setattr(s.get(Citizen, row_id), field, values[(k + 1) % len(values)])

    @rule(i=st.integers(0, MAX_DEVICES - 1), j=st.integers(0, 2))
    def delete(self, i: int, j: int) -> None:
        laptop = self._pick(i)
        row_id = self._live_row(laptop, j)
        if row_id is not None:
            from db.base import utcnow
            with laptop.ctx.uow() as s:
                s.get(Citizen, row_id).deleted_at = utcnow()

    @rule(i=st.integers(0, MAX_DEVICES - 1), offset=st.sampled_from([-4000, -1500, 0, 2500]))
    def clock_measured(self, i: int, offset: int) -> None:
        """A pull measured another offset to the server's clock (a slow
        answer, or a clock put right): stamps from now on use it, and may
        fall behind this laptop's own earlier ones (db.hlc)."""
        self._pick(i).ctx.store.clock.set_offset(offset)

    @rule(i=st.integers(0, MAX_DEVICES - 1))
    def sync(self, i: int) -> None:
        self._pick(i).sync()
        self._remember()

    @rule(i=st.integers(0, MAX_DEVICES - 1), size=st.integers(1, 5))
    def lost_answer(self, i: int, size: int) -> None:
        """The server applies a batch; the answer never reaches the laptop."""
        laptop = self._pick(i)
        with laptop.ctx.uow() as s:
            batch = outbox.next_batch(s, laptop.node, size)
        if batch is not None:
            with Transport(self.base, laptop.token) as t:
                t.push(batch.key, None, batch.changes)
        self._remember()

    @rule(i=st.integers(0, MAX_DEVICES - 1), size=st.integers(1, 5))
    def repeat_old_batch(self, i: int, size: int) -> None:
        """An old batch arrives again (a retry that was only delayed)."""
        laptop = self._pick(i)
        with server_engine(self.db_url).connect() as conn:  # the ones the server has
            known = set(conn.execute(select(ChangeLog.change_id).where(
                ChangeLog.change_id.in_(list(self.copies)))).scalars())
        changes = [c for cid, c in self.copies.items() if cid in known and self.owner[cid] == laptop.name][:size]
        if changes:
            with Transport(self.base, laptop.token) as t:
                answer = t.push(f"again-{uuid.uuid4().hex[:8]}", None, changes)
            assert answer["counts"] == {"duplicate": len(changes)}
        self._remember()

    def check_converged(self) -> None:
        for _ in range(2):
            for laptop in self.laptops:
                laptop.sync()
        first = snapshot(self.laptops[0])
        for other in self.laptops[1:]:
            assert snapshot(other) == first
        self._nothing_lost(first)

    def _nothing_lost(self, replica: dict) -> None:
        self._remember()
        change_ids = [cid for cid, c in self.copies.items() if c["entity"] == "citizen"]
        with server_engine(self.db_url).connect() as conn:
            log = {r.change_id: _Logged(r.change_id, r.row_id, r.seq, r.op, self.copies[r.change_id]["fields"],
                                        r.outcome, r.hlc, self.owner[r.change_id])
                   for r in conn.execute(select(ChangeLog).where(ChangeLog.change_id.in_(change_ids)))}
        later = list(log.values())
        assert set(log) == set(change_ids), "a change never reached the server"
        conflicts = [v for k, v in replica.items() if k.startswith("conflict:")]
        for entry in log.values():
            row = replica[f"citizen:{entry.row_id}"]
            for field, (old, new) in entry.fields.items():
                if field in ("name", "deleted_at") or entry.op == "insert":
                    continue
                seen_later = [r.fields[field][0] for r in later
                              if r.row_id == entry.row_id and r.seq > entry.seq and field in r.fields]
                aside = [json.loads(c[side]) for c in conflicts for side in ("local_value", "remote_value")
                         if c["row_id"] == entry.row_id and c["field"] == field]
                assert edit_survives(field in TEXT_FIELDS, old, new, row.get(field), seen_later, aside), \
                    _story(entry, field, row, later, aside)
        self.conflicts_seen = len(conflicts)


def test_replicas_converge_and_lose_nothing(users, server, tmp_path, record_pushes) -> None:
    tokens = []
    for i in range(MAX_DEVICES):
        with Transport(server.base, retries=0) as t:
            tokens.append(t.register(users["anna"], "hemmelig-kode", f"prop{i}")["token"])

    class Machine(Replicas):
        pass

    Machine.base, Machine.tokens, Machine.root, Machine.db_url = server.base, tokens, tmp_path, server.url
    original_teardown = Machine.teardown

    def teardown(self) -> None:
        try:
            if hasattr(self, "laptops"):
                self.check_converged()
                stats.append(self.conflicts_seen)
        finally:
            original_teardown(self)

    stats: list[int] = []
    Machine.teardown = teardown
    run_state_machine_as_test(Machine, settings=settings(
        max_examples=60 if FULL else 4, stateful_step_count=60 if FULL else 20, deadline=None,
        suppress_health_check=list(HealthCheck), derandomize=not FULL))
    assert sum(stats) > 0, "the examples made no conflict at all: the test would prove little"
