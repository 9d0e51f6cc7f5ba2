"""The access log is append-only in this program: an ORM flush that would
change or remove a log row fails. Rows applied from the server (sync) are
exempt; they are the server's copy of the same append-only log."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from db.changes import APPLYING_REMOTE
from db.models import AccessLog


class AccessLogReadOnly(RuntimeError):
    def __init__(self) -> None:
        super().__init__("Adgangsloggen kan ikke ændres eller slettes.")


@event.listens_for(Session, "before_flush")
def _refuse_log_edits(session: Session, _ctx: object, _instances: object) -> None:
    if session.info.get(APPLYING_REMOTE):
        return
    for obj in session.deleted:
        if isinstance(obj, AccessLog):
            raise AccessLogReadOnly()
    for obj in session.dirty:
        if isinstance(obj, AccessLog) and session.is_modified(obj, include_collections=False):
            raise AccessLogReadOnly()
