"""Shared steps of create / change / delete, so each service stays short."""
from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.rules.errors import ValidationError
from db.base import Base, Synced, utcnow

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


class NotFound(LookupError):
    """A row that does not exist or was deleted; the message is Danish."""
