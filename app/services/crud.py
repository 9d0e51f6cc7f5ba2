"""Shared steps of create / change / delete, so each service stays short."""
from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.context import Context
from app.rules.errors import ValidationError
from app.services import audit
from db.base import Base, Synced, utcnow
from db.models import Placement, Visit

M = TypeVar("M", bound=Synced)


def get_live(session: Session, model: type[M], row_id: str, label: str = "Posten") -> M:
    if not isinstance(row_id, str) or len(row_id) > 36:  # not an id at all: nothing to find
        raise NotFound(f"{label} findes ikke (længere).")
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(f"{label} findes ikke (længere).")
    return row


def reference(value: Any, field: str) -> str | None:
    """An optional id of another row: None, or a string id (UUID, 36 chars)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 36:
        raise ValidationError.single(field, "Ugyldig henvisning til en anden post.")
    return value


def apply_changes(row: Base, changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if not hasattr(row, key) or key in {"id", "version", "created_at", "updated_at", "deleted_at"}:
            raise ValidationError.single(key, "Feltet kan ikke ændres.")
        setattr(row, key, value)


def soft_delete(row: Synced) -> None:
    row.deleted_at = utcnow()


def restore(row: Synced) -> None:
    row.deleted_at = None


# Rows that belong to a citizen and that Slet / Fortryd reach: the log names the citizen.
CitizenRow = TypeVar("CitizenRow", Placement, Visit)


def delete_logged(ctx: Context, model: type[CitizenRow], row_id: str, label: str, entity: str) -> None:
    """Soft-delete a live row and write it to the access log under its citizen."""
    with ctx.uow() as s:
        row = get_live(s, model, row_id, label)
        soft_delete(row)
        audit.record(s, ctx, "delete", row.citizen_id, entity, row.id)


def undelete_logged(ctx: Context, model: type[CitizenRow], row_id: str, entity: str) -> None:
    """Undo a soft delete (the undo of `delete_logged`), logged as a change;
    a row that is not there at all is left as it is."""
    with ctx.uow() as s:
        row = s.get(model, row_id)
        if row is not None:
            restore(row)
            audit.record(s, ctx, "change", row.citizen_id, entity, row.id, "fortryd sletning")


class NotFound(LookupError):
    """A row that does not exist or was deleted; the message is Danish."""
