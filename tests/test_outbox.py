"""Every write, through any service, bulk or single, records an outbox entry
in the same transaction: replaying the outbox gives the table contents."""
from __future__ import annotations

import json

from sqlalchemy import inspect, select

from app.context import Context
from db.base import BOOKKEEPING
from db.changes import SENT_ON_INSERT, bulk_insert, bulk_update
from db.models import SYNCED_MODELS, Citizen, OutboxEntry
from db.values import to_json
from tests.support.scenario import write_through_every_service


def _replay(ctx: Context) -> dict[tuple[str, str], dict]:
    state: dict[tuple[str, str], dict] = {}
    with ctx.uow() as s:
        for entry in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)):
            fields = json.loads(entry.fields)
            row = state.setdefault((entry.entity, entry.row_id), {})
            if entry.op == "insert":
                assert not row, f"second insert of {entry.entity} {entry.row_id}"
            for name, (old, new) in fields.items():
                if entry.op != "insert":
                    assert row.get(name) == old, f"{entry.entity}.{name}: old value does not chain"
                row[name] = new
    return state


def _tables(ctx: Context) -> dict[tuple[str, str], dict]:
    out = {}
    with ctx.uow() as s:
        for model in SYNCED_MODELS:
            keys = [c.key for c in inspect(model).column_attrs if c.key not in BOOKKEEPING or c.key in SENT_ON_INSERT]
            for row in s.scalars(select(model)):
                out[(model.__tablename__, row.id)] = {k: to_json(getattr(row, k)) for k in keys}
    return out


def _versions_match_outbox(ctx: Context) -> None:
    with ctx.uow() as s:
        counts: dict[str, int] = {}
        for entry in s.scalars(select(OutboxEntry)):
            counts[entry.row_id] = counts.get(entry.row_id, 0) + 1
        for model in SYNCED_MODELS:
            for row in s.scalars(select(model)):
                assert row.version == counts[row.id], f"{model.__tablename__} version != changes"


def test_outbox_replay_equals_tables_after_every_service(ctx: Context) -> None:
    write_through_every_service(ctx)
    assert _replay(ctx) == _tables(ctx)
    _versions_match_outbox(ctx)


def test_bulk_writes_record_the_outbox(ctx: Context) -> None:
    rows = [{"name": f"Borger {i}", "status": "aktiv"} for i in range(50)]
    with ctx.uow() as s:
        bulk_insert(s, Citizen, rows)
    with ctx.uow() as s:
        bulk_update(s, Citizen, [r["id"] for r in rows[:10]], {"city": "Varde"})
    assert _replay(ctx) == _tables(ctx)
    _versions_match_outbox(ctx)


def test_failed_transaction_leaves_neither_row_nor_outbox(ctx: Context) -> None:
    before = _tables(ctx)
    try:
        with ctx.uow() as s:
            s.add(Citizen(name="Halv"))
            s.flush()
            raise RuntimeError("crash mid-transaction")
    except RuntimeError:
        pass
    assert _tables(ctx) == before
    assert _replay(ctx) == before


def test_outbox_entries_carry_ordered_hybrid_clock_stamps(ctx: Context) -> None:
    write_through_every_service(ctx)
    with ctx.uow() as s:
        stamps = [e.hlc for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
