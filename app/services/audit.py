"""The access log: who viewed or changed whose data, written in the same
transaction as what it records. Never edited from the program."""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.context import Context
from app.services import access_guard  # noqa: F401 (makes the log append-only)
from db.base import utcnow
from db.models import AccessLog

ACTIONS = ("view", "search_open", "create", "change", "print", "export", "delete", "reveal_cpr")


def record(session: Session, ctx: Context, action: str, citizen_id: str | None,
           entity: str = "", entity_id: str | None = None, detail: str = "") -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown access action {action!r}")
    session.add(AccessLog(
        at=utcnow(), user=ctx.username, action=action, citizen_id=citizen_id,
        entity=entity, entity_id=entity_id, detail=detail[:500],
    ))
