"""An erasure also drops what sync set aside about the citizen: a change
the server refused (held in the outbox) and a pulled row this laptop could
not store both hold personal data and would never be sent or stored unasked."""
from __future__ import annotations

import json

from sqlalchemy import select, update

from app.services import citizens
from app.services.retention import erase_citizen
from db.base import utcnow
from db.models import OutboxEntry, SetAsideRow


def test_erasure_drops_held_changes_and_set_aside_rows(ctx) -> None:
    citizen = citizens.create_citizen(ctx, name="Karen Holm", phone="12345678")
    citizens.update_citizen(ctx, citizen.id, phone="87654321")
    with ctx.uow() as s:
        s.execute(update(OutboxEntry).where(OutboxEntry.op == "insert").values(sent=True))
        s.execute(update(OutboxEntry).where(OutboxEntry.op == "update", OutboxEntry.row_id == citizen.id)
                  .values(held_reason="feltet 'phone' er for langt (højst 20 tegn)"))
        s.add(SetAsideRow(entity="citizen", row_id=citizen.id, reason="ukendt felt 'x'", at=utcnow(),
                          record=json.dumps({"id": citizen.id, "data": {"name": "Karen Holm"}})))
    erase_citizen(ctx, citizen.id)
    with ctx.uow() as s:
        held = s.scalars(select(OutboxEntry).where(OutboxEntry.held_reason.is_not(None))).all()
        assert held == [] and s.scalars(select(SetAsideRow)).all() == []
