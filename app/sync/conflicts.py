"""Conflicts for a person to resolve: list them with both values side by
side, and resolve one (keep mine / keep theirs / an edited value).

Resolving writes the chosen value into the row as an ordinary change (the
outbox sends it) and marks the conflict resolved with a change of its own,
so the other laptops of the team see it resolved after their next sync.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.context import Context
from app.services import audit
from app.sync import state
from db.base import new_id, utcnow
from db.models import MODEL_BY_TABLE, Conflict, OutboxEntry
from db.values import from_json, to_json

ENTITY_LABELS = {
    "citizen": "Borger", "company": "Virksomhed", "contact_person": "Kontaktperson", "placement": "Forløb",
    "visit": "Besøg", "action": "Aftalt handling", "accommodation": "Skånehensyn", "milestone": "Delmål",
    "wage_agreement": "Lønaftale", "schedule_slot": "Ugeskema", "hours_record": "Timer",
    "accommodation_check": "Opfølgning på skånehensyn", "addendum": "Tillægsaftale", "coach": "Jobcoach",
    "team": "Team", "access_log": "Adgangslog", "addendum_signature": "Underskrift",
    "addendum_file": "Fil til tillægsaftale",
}
KIND_LABELS = {"value": "Forskellige værdier", "text": "Tekst ændret begge steder",
               "delete": "Slettet ét sted, ændret et andet",
               "parent_deleted": "Hører til noget, der er slettet et andet sted"}
PARENT_DELETED = "parent_deleted"
CHOICES = ("mine", "theirs", "edited")


@dataclass(frozen=True)
class ConflictView:
    id: str
    entity: str
    entity_label: str
    row_id: str
    row_title: str
    field: str
    kind: str
    kind_label: str
    mine: Any            # the value from this laptop (or the one in the row, if neither was ours)
    theirs: Any
    current: Any         # the value in the row now
    base: Any
    created_at: datetime
    resolved: bool


def _load(text: str | None) -> Any:
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return text


def _title(session: Session, entity: str, row_id: str) -> str:
    model = MODEL_BY_TABLE.get(entity)
    row = session.get(model, row_id) if model else None
    for attr in ("name", "full_name", "job_title", "text", "notes"):
        value = getattr(row, attr, None) if row is not None else None
        if isinstance(value, str) and value.strip():
            return value.strip().splitlines()[0][:60]
    return ENTITY_LABELS.get(entity, entity)


def _view(session: Session, c: Conflict, node: str) -> ConflictView:
    current, aside = _load(c.remote_value), _load(c.local_value)
    mine, theirs = (aside, current) if c.loser_node == node else (current, aside)
    return ConflictView(c.id, c.entity, ENTITY_LABELS.get(c.entity, c.entity), c.row_id,
                        _title(session, c.entity, c.row_id), c.field, c.kind,
                        KIND_LABELS.get(c.kind, c.kind), mine, theirs, current, _load(c.base_value),
                        c.created_at, c.resolved_at is not None)


def list_conflicts(ctx: Context, include_resolved: bool = False) -> list[ConflictView]:
    with ctx.uow() as session:
        node = state.get(session, state.NODE, "") or ""
        query = select(Conflict).order_by(Conflict.created_at.desc())
        if not include_resolved:
            query = query.where(Conflict.resolved_at.is_(None))
        return [_view(session, c, node) for c in session.execute(query).scalars()]


def resolve(ctx: Context, conflict_id: str, choice: str, edited: Any = None) -> None:
    """Keep mine, keep theirs, or keep an edited value (for text, say)."""
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    with ctx.uow() as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            return
        view = _view(session, conflict, state.get(session, state.NODE, "") or "")
        value = {"mine": view.mine, "theirs": view.theirs, "edited": edited}[choice]
        _write_value(session, conflict, value)
        _mark_resolved(ctx, session, conflict, choice)
        audit.record(session, ctx, "change", _citizen_of(session, conflict), conflict.entity, conflict.row_id,
                     f"konflikt løst ({choice})")


def _citizen_of(session: Session, conflict: Conflict) -> str | None:
    """Whose data the resolved value is, for the access log (never the value)."""
    if conflict.entity == "citizen":
        return conflict.row_id
    model = MODEL_BY_TABLE.get(conflict.entity)
    row = session.get(model, conflict.row_id) if model else None
    value = getattr(row, "citizen_id", None) if row is not None else None
    return value if isinstance(value, str) else None


def explanation(view: ConflictView) -> str:
    """What happened, in Danish, for a person to decide."""
    if view.kind != PARENT_DELETED:
        return view.kind_label
    parent = ENTITY_LABELS.get(parent_entity(view.entity, view.field) or "", "den post")
    return (f"Posten ({view.entity_label.lower()}) blev oprettet eller ændret, mens det, den hører til "
            f"({parent.lower()}), blev slettet på en anden computer. Vælg »Ikke slettet« for at beholde "
            f"posten og gendanne {parent.lower()}; vælg »Slettet« for også at slette posten.")


def parent_entity(entity: str, field: str) -> str | None:
    model = MODEL_BY_TABLE.get(entity)
    column = model.__table__.columns.get(field) if model is not None else None
    fks = list(column.foreign_keys) if column is not None else []
    return fks[0].column.table.name if fks else None


def _write_value(session: Session, conflict: Conflict, value: Any) -> None:
    model = MODEL_BY_TABLE.get(conflict.entity)
    row = session.get(model, conflict.row_id) if model else None
    if row is None:
        return
    if conflict.kind == PARENT_DELETED:
        _settle_orphan(session, conflict, row, value)
        return
    column = inspect(model).columns[conflict.field]
    new = from_json(column, to_json(value))
    if getattr(row, conflict.field) != new:
        setattr(row, conflict.field, new)  # an ordinary change: the outbox hook records it
        session.flush()


def _settle_orphan(session: Session, conflict: Conflict, row: Any, value: Any) -> None:
    """Not deleted (None): keep the row and restore its parent. Deleted:
    delete the row too. Either way as ordinary changes, sent to the others."""
    if value is None:
        parent_model = MODEL_BY_TABLE.get(parent_entity(conflict.entity, conflict.field) or "")
        parent = session.get(parent_model, getattr(row, conflict.field)) if parent_model else None
        if parent is not None and parent.deleted_at is not None:
            parent.deleted_at = None
    elif row.deleted_at is None:
        row.deleted_at = utcnow()
    session.flush()


def _mark_resolved(ctx: Context, session: Session, conflict: Conflict, choice: str) -> None:
    now = utcnow()
    conflict.resolved_at, conflict.resolution = now, choice
    fields = {"resolved_at": [None, now.isoformat()], "resolution": [None, choice]}
    session.add(OutboxEntry(change_id=new_id(), entity="conflict", row_id=conflict.id, op="update",
                            fields=json.dumps(fields), base_version=1, hlc=str(ctx.store.clock.now()),
                            created_at=now, sent=False))


@dataclass(frozen=True)
class SyncStatus:
    server: str
    username: str
    logged_in: bool
    last_sync: str | None
    waiting: int
    conflicts: int


def status(ctx: Context) -> SyncStatus:
    from app import secrets

    try:
        logged_in = bool(secrets.get_secret(secrets.DEVICE_TOKEN_NAME))
    except secrets.KeyringUnavailable:
        logged_in = False
    with ctx.uow() as session:
        return SyncStatus(ctx.settings.sync_server_url, ctx.settings.sync_username,
                          logged_in and bool(ctx.settings.sync_server_url),
                          state.get(session, state.LAST_SYNC), state.waiting(session),
                          state.open_conflicts(session))
