"""What sync has set aside, for a person to retry or discard: changes from
this laptop the server refused (held in the outbox with its reason), and
pulled rows this laptop could not store (table sync_set_aside). Nothing is
dropped unasked; everything else syncs on meanwhile.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.context import Context
from app.sync.apply import apply_again, remote_session, set_aside
from app.sync.conflicts import ENTITY_LABELS
from db.base import new_id, utcnow
from db.models import MODEL_BY_TABLE, OutboxEntry, SetAsideRow
from db.values import from_json

OUTGOING, INCOMING = "ud", "ind"
OP_LABELS = {"insert": "Oprettelse", "update": "Ændring", "delete": "Sletning"}


@dataclass(frozen=True)
class SetAside:
    key: str           # "ud:<outbox seq>" or "ind:<set-aside id>"
    direction: str     # OUTGOING | INCOMING
    what: str          # e.g. "Borger – Ændring"
    reason: str        # Danish, for a person
    at: datetime


def count(session: Session) -> int:
    held = session.execute(select(func.count()).select_from(OutboxEntry)
                           .where(OutboxEntry.held_reason.is_not(None))).scalar_one()
    return held + session.execute(select(func.count()).select_from(SetAsideRow)).scalar_one()


def unsettled_row_ids(session: Session) -> set[str]:
    """Rows on which this laptop and the server knowingly differ until a
    person decides (a held change, a set-aside row): a comparison of the
    replicas leaves them out, or it would find a difference every time."""
    held = session.scalars(select(OutboxEntry.row_id).where(OutboxEntry.held_reason.is_not(None)))
    return set(held) | set(session.scalars(select(SetAsideRow.row_id)))


def list_set_aside(ctx: Context) -> list[SetAside]:
    with ctx.uow() as session:
        out = [SetAside(f"{OUTGOING}:{e.seq}", OUTGOING,
                        f"{ENTITY_LABELS.get(e.entity, e.entity)} – {OP_LABELS.get(e.op, e.op)} herfra",
                        f"Serveren afviste ændringen: {e.held_reason}", e.created_at)
               for e in session.scalars(select(OutboxEntry).where(OutboxEntry.held_reason.is_not(None))
                                        .order_by(OutboxEntry.seq))]
        out += [SetAside(f"{INCOMING}:{r.id}", INCOMING,
                         f"{ENTITY_LABELS.get(r.entity, r.entity)} – hentet fra serveren",
                         f"Kunne ikke gemmes på denne computer: {r.reason}", r.at)
                for r in session.scalars(select(SetAsideRow).order_by(SetAsideRow.id))]
        return out


def _split(key: str) -> tuple[str, int]:
    direction, _, number = key.partition(":")
    if direction not in (OUTGOING, INCOMING) or not number.isdigit():
        raise ValueError(f"unknown set-aside key {key[:40]!r}")
    return direction, int(number)


def retry(ctx: Context, key: str) -> None:
    """Send a held change again at the next sync (with a new change id: the
    server never applied the refused one), or store a set-aside row again."""
    direction, number = _split(key)
    if direction == OUTGOING:
        with ctx.uow() as session:
            entry = session.get(OutboxEntry, number)
            if entry is not None:
                entry.held_reason, entry.change_id = None, new_id()
        return
    apply_again(ctx.store, number)


def discard(ctx: Context, key: str) -> None:
    """Give up a set-aside change or row. A held change of this laptop is
    undone here too (its fields back to the values before it), so the
    laptop shows what the server has."""
    direction, number = _split(key)
    if direction == INCOMING:
        with ctx.uow() as session:
            row = session.get(SetAsideRow, number)
            if row is not None:
                session.delete(row)
        return
    with remote_session(ctx.store) as session:  # the undo itself is not a change to send
        entry = session.get(OutboxEntry, number)
        if entry is None:
            return
        _undo(session, entry)
        session.delete(entry)


def _undo(session: Session, entry: OutboxEntry) -> None:
    model = MODEL_BY_TABLE.get(entry.entity)
    row = session.get(model, entry.row_id) if model is not None else None
    if row is None:
        return
    columns = inspect(model).columns
    fields: dict[str, list[Any]] = json.loads(entry.fields)
    if entry.op == "insert":
        row.deleted_at = row.deleted_at or utcnow()  # the row never reached the server
        return
    for name, (old, new) in fields.items():
        if name in columns and getattr(row, name) == from_json(columns[name], new):
            setattr(row, name, from_json(columns[name], old))


__all__ = ["SetAside", "count", "list_set_aside", "retry", "discard", "set_aside", "unsettled_row_ids"]
