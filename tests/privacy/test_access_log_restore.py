"""Restoring any deleted row (Fortryd) and resolving a conflict are in the
access log: who, when, whose data — never the values."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.services import citizens, companies, placements, visits
from app.sync import conflicts
from db.models import AccessLog, Conflict
from tests.privacy.scenario import make_full_citizen


def _logged(ctx, entity: str, row_id: str) -> list[AccessLog]:
    with ctx.uow() as s:
        rows = s.scalars(select(AccessLog).where(AccessLog.entity == entity, AccessLog.entity_id == row_id)).all()
        s.expunge_all()
        return list(rows)


@pytest.mark.parametrize("kind", ["citizen", "company", "placement", "visit"])
def test_restoring_a_deleted_row_is_logged(ctx, kind) -> None:
    made = make_full_citizen(ctx)
    row_id = {"citizen": made.citizen_id, "company": made.company_id, "placement": made.placement_id,
              "visit": made.visit_id}[kind]
    delete = {"citizen": citizens.delete_citizen, "company": companies.delete_company,
              "placement": placements.delete_placement, "visit": visits.delete_visit}[kind]
    undelete = {"citizen": citizens.undelete_citizen, "company": companies.undelete_company,
                "placement": placements.undelete_placement, "visit": visits.undelete_visit}[kind]
    delete(ctx, row_id)
    before = len(_logged(ctx, kind, row_id))
    undelete(ctx, row_id)
    entries = _logged(ctx, kind, row_id)
    assert len(entries) == before + 1
    last = max(entries, key=lambda e: e.at)
    assert (last.action, last.detail, last.user) == ("change", "fortryd sletning", ctx.username)
    if kind != "company":
        assert last.citizen_id == made.citizen_id


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_resolving_a_conflict_is_logged_without_the_values(ctx, choice) -> None:
    made = make_full_citizen(ctx)
    with ctx.uow() as s:
        conflict = Conflict(entity="visit", row_id=made.visit_id, field="participants", kind="value",
                            local_value=json.dumps("Hemmelig Person"), remote_value=json.dumps("Anden Person"),
                            base_value=json.dumps(""))
        s.add(conflict)
        s.flush()
        conflict_id = conflict.id
    conflicts.resolve(ctx, conflict_id, choice)
    entries = [e for e in _logged(ctx, "visit", made.visit_id) if e.detail.startswith("konflikt løst")]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.citizen_id == made.citizen_id and entry.user == ctx.username
    assert "Person" not in entry.detail
