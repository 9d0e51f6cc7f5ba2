"""The protocol's promises, through HTTP against the real server: a batch is
applied exactly once however often it arrives, a too-old client is told to
update in Danish, and a laptop's wrong clock does not decide conflicts."""
from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from app.sync import outbox
from app.sync.errors import UpdateRequired
from db.models import Citizen, Conflict
from server.models import ChangeLog, Record
from tests.sync.support import server_engine

pytestmark = pytest.mark.postgres
YEAR_MS = 365 * 24 * 3600 * 1000


def _citizen(laptop, **values) -> str:
    with laptop.ctx.uow() as s:
        row = Citizen(name="Mette Jensen", **values)
        s.add(row)
        s.flush()
        return row.id


def _batch(laptop, size=1000):
    with laptop.ctx.uow() as s:
        return outbox.next_batch(s, laptop.node, size)


def _log_count(server, change_ids) -> int:
    with server_engine(server.url).connect() as conn:
        return conn.execute(select(func.count()).select_from(ChangeLog)
                            .where(ChangeLog.change_id.in_(change_ids))).scalar_one()


def _record(server, row_id):
    with server_engine(server.url).connect() as conn:
        return conn.execute(select(Record).where(Record.id == row_id)).one()


def test_a_batch_sent_twice_gets_the_same_answer_and_is_applied_once(laptops, server) -> None:
    a = laptops("a")
    cid = _citizen(a, phone="12345678")
    batch = _batch(a)
    with a.transport() as t:
        first = t.push(batch.key, None, batch.changes)
        again = t.push(batch.key, None, batch.changes)
    assert first == again and first["counts"] == {"applied": len(batch.changes)}
    assert _log_count(server, [c["change_id"] for c in batch.changes]) == len(batch.changes)
    assert _record(server, cid).version == 1


def test_an_old_batch_arriving_late_or_under_a_new_key_changes_nothing(laptops, server) -> None:
    a = laptops("a")
    cid = _citizen(a, phone="12345678")
    first = _batch(a)
    with a.ctx.uow() as s:
        outbox.mark_sent(s, first.seqs)
        s.get(Citizen, cid).phone = "87654321"
    second = _batch(a)
    with a.transport() as t:
        t.push(first.key, None, first.changes)
        t.push(second.key, None, second.changes)
        late = t.push(first.key, None, first.changes)          # a delayed retry
        renamed = t.push("other-key", None, first.changes)      # the same changes, new key
    assert late["counts"] == {"applied": len(first.changes)}
    assert renamed["counts"] == {"duplicate": len(first.changes)}
    record = _record(server, cid)
    assert record.data["phone"] == "87654321" and record.version == 2


def test_a_too_old_client_is_told_to_update_in_danish(laptops) -> None:
    a = laptops("a")
    with a.transport(protocol=0) as t, pytest.raises(UpdateRequired) as err:
        t.pull(0, None, 10)
    assert "for gammel" in str(err.value) and "Opdatér" in str(err.value)


def _edit_city(laptop, cid, city) -> None:
    with laptop.ctx.uow() as s:
        s.get(Citizen, cid).city = city


@pytest.mark.parametrize("wrong", [YEAR_MS, -YEAR_MS])
def test_a_laptop_clock_a_year_off_does_not_decide_conflicts(laptops, wrong) -> None:
    a, b = laptops("a", clock_offset_ms=wrong), laptops("b")
    cid = _citizen(a, city="Odder")
    a.sync()
    b.sync()
    # The laptop with the wrong clock edits first, then the right one: the
    # later edit wins; then the other way round: the wrong clock's later edit wins.
    _edit_city(a, cid, "Skanderborg")
    time.sleep(0.05)
    _edit_city(b, cid, "Horsens")
    a.sync(), b.sync(), a.sync()
    _edit_city(b, cid, "Silkeborg")
    time.sleep(0.05)
    _edit_city(a, cid, "Viborg")
    b.sync(), a.sync(), b.sync()
    with a.ctx.uow() as s:
        assert s.get(Citizen, cid).city == "Viborg"
        lost = sorted(json.loads(c.local_value) for c in s.query(Conflict))
    with b.ctx.uow() as s:
        assert s.get(Citizen, cid).city == "Viborg"
    assert lost == ["Silkeborg", "Skanderborg"]
