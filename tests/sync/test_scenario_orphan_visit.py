"""Issue 12, item 6: a visit made offline for a citizen deleted on another
laptop is a conflict shown to the user (the visit is kept), settled either
way: keep the visit and restore the citizen, or delete the visit too."""
from __future__ import annotations

from datetime import datetime

import pytest

from app.services import citizens, visits
from app.sync import conflicts
from db.models import Citizen, Visit

pytestmark = pytest.mark.postgres


def _orphan(laptops):
    a, b = laptops("a"), laptops("b", user="bo")
    citizen = citizens.create_citizen(a.ctx, name="Jens Nielsen")
    a.sync(), b.sync()
    citizens.delete_citizen(b.ctx, citizen.id)
    b.sync()
    # a has not pulled: the citizen is still there
    visit = visits.create_visit(a.ctx, citizen.id, at=datetime(2026, 11, 2, 10, 0), notes="Besøg på stedet")
    report = a.sync()
    b.sync()
    return a, b, citizen.id, visit.id, report


def _live(laptop, model, row_id) -> bool:
    with laptop.ctx.uow() as s:
        row = s.get(model, row_id)
        return row is not None and row.deleted_at is None


def test_visit_for_a_citizen_deleted_elsewhere_is_a_conflict_kept_and_restorable(laptops) -> None:
    a, b, citizen_id, visit_id, report = _orphan(laptops)
    assert report.conflicts == 1
    for laptop in (a, b):
        [view] = conflicts.list_conflicts(laptop.ctx)
        assert (view.entity, view.row_id, view.field, view.kind) == ("visit", visit_id, "citizen_id",
                                                                       "parent_deleted")
        assert view.kind_label == "Hører til noget, der er slettet et andet sted"
        text = conflicts.explanation(view)
        assert "slettet på en anden computer" in text and "(borger)" in text
        assert _live(laptop, Visit, visit_id)  # the visit is kept
    [view] = conflicts.list_conflicts(a.ctx)
    assert view.mine is None and view.theirs is not None  # a made the visit; b deleted the citizen
    conflicts.resolve(a.ctx, view.id, "mine")  # keep the visit: the citizen comes back
    a.sync(), b.sync()
    assert _live(b, Citizen, citizen_id) and _live(b, Visit, visit_id)
    assert conflicts.list_conflicts(b.ctx) == []


def test_the_orphan_can_be_deleted_too(laptops) -> None:
    a, b, citizen_id, visit_id, _report = _orphan(laptops)
    [view] = conflicts.list_conflicts(b.ctx)
    assert view.mine is not None  # b deleted the citizen: its side is the deletion
    conflicts.resolve(b.ctx, view.id, "mine")
    b.sync(), a.sync()
    assert not _live(a, Visit, visit_id) and not _live(a, Citizen, citizen_id)
    assert conflicts.list_conflicts(a.ctx) == []
    # sync goes on, no new conflict
    visits.create_visit(b.ctx, None, at=datetime(2026, 11, 3, 9, 0), notes="Et andet besøg")
    b.sync(), a.sync()
    assert conflicts.list_conflicts(a.ctx) == []
