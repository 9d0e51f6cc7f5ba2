"""Issue 12, item 8: a laptop whose clock was wrong when the coach edited,
but right when it syncs, does not win a conflict it should lose. Stamps are
made on the server's clock (the offset learned at each pull), so a clock
put right later changes nothing about the edits made before."""
from __future__ import annotations

import json
import time

import pytest

from db.hlc import HybridClock
from db.models import Citizen, Conflict

pytestmark = pytest.mark.postgres
HOUR_MS = 3600 * 1000


def _city(laptop, cid: str, city: str | None = None) -> str:
    with laptop.ctx.uow() as s:
        row = s.get(Citizen, cid)
        if city is not None:
            row.city = city
        return row.city


@pytest.mark.parametrize("wrong", [HOUR_MS, 24 * HOUR_MS])
def test_a_clock_ahead_while_editing_loses_to_a_later_edit(laptops, wrong) -> None:
    a, b = laptops("a"), laptops("b", user="bo")
    shift = [0]
    node = a.ctx.store.clock.now().node
    a.ctx.store.clock = HybridClock(node, lambda: int(time.time() * 1000) + shift[0])
    with a.ctx.uow() as s:
        row = Citizen(name="Mette Jensen", city="Odder")
        s.add(row)
        s.flush()
        cid = row.id
    a.sync(), b.sync()
    shift[0] = wrong  # the clock goes wrong; a syncs while it is (and learns the difference)
    a.sync()
    _city(a, cid, "Skanderborg")  # the coach edits with the wrong clock
    time.sleep(0.05)
    _city(b, cid, "Horsens")  # a later edit on the other laptop
    b.sync()
    shift[0] = 0  # the clock is put right before a sends its edit
    a.sync(), b.sync()
    assert _city(a, cid) == _city(b, cid) == "Horsens"
    with a.ctx.uow() as s:
        [conflict] = s.query(Conflict).all()
        assert json.loads(conflict.local_value) == "Skanderborg"  # kept aside, not lost
