"""A person resolves a conflict on one laptop; the choice reaches the row and
the conflict is resolved on every laptop of the team."""
from __future__ import annotations

from datetime import datetime

import pytest

from app.sync.conflicts import list_conflicts, resolve
from db.models import Citizen

pytestmark = pytest.mark.postgres


def _conflicted(laptops):
    a, b = laptops("a"), laptops("b", "bo")
    with a.ctx.uow() as s:
        row = Citizen(name="Ole Berg", phone="10101010")
        s.add(row)
        s.flush()
        cid = row.id
    a.sync(), b.sync()
    with a.ctx.uow() as s:
        s.get(Citizen, cid).phone = "20202020"
    with b.ctx.uow() as s:
        s.get(Citizen, cid).phone = "30303030"
    a.sync(), b.sync(), a.sync()
    return a, b, cid


def _phone(laptop, cid) -> str:
    with laptop.ctx.uow() as s:
        return s.get(Citizen, cid).phone


@pytest.mark.parametrize("choice, expected", [("mine", "20202020"), ("theirs", "30303030"),
                                              ("edited", "40404040")])
def test_resolution_reaches_every_laptop(laptops, choice, expected) -> None:
    a, b, cid = _conflicted(laptops)
    (view,) = list_conflicts(a.ctx)
    assert (view.mine, view.theirs, view.current) == ("20202020", "30303030", "30303030")
    assert view.entity_label == "Borger" and view.row_title == "Ole Berg"
    resolve(a.ctx, view.id, choice, "40404040" if choice == "edited" else None)
    a.sync(), b.sync()
    assert _phone(a, cid) == _phone(b, cid) == expected
    assert list_conflicts(a.ctx) == [] and list_conflicts(b.ctx) == []
    (done,) = list_conflicts(b.ctx, include_resolved=True)
    assert done.resolved


def test_a_delete_conflict_resolved_by_deleting(laptops) -> None:
    a, b = laptops("a"), laptops("b", "bo")
    with a.ctx.uow() as s:
        row = Citizen(name="Sletmig", phone="10101010")
        s.add(row)
        s.flush()
        cid = row.id
    a.sync(), b.sync()
    with a.ctx.uow() as s:
        s.get(Citizen, cid).deleted_at = datetime(2026, 11, 23, 8)
    with b.ctx.uow() as s:
        s.get(Citizen, cid).phone = "99999999"
    a.sync(), b.sync(), a.sync()
    (view,) = list_conflicts(a.ctx)
    assert view.kind == "delete" and view.mine == "2026-11-23T08:00:00" and view.theirs is None
    resolve(a.ctx, view.id, "mine")
    a.sync(), b.sync()
    with b.ctx.uow() as s:
        assert s.get(Citizen, cid).deleted_at == datetime(2026, 11, 23, 8)
        assert s.get(Citizen, cid).phone == "99999999"
