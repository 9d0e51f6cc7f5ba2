"""The signing state of tillægsaftale versions: signed on screen (and
sealed), signed on paper (copies attached) or only a date recorded; and the
newest sealed copy of a placement."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Context
from app.documents.signature_parties import local_time
from app.services.addendum_files import SEALED, live_files
from app.services.crud import get_live
from app.services.signatures import signature_rows, signed_copy
from db.models import Addendum, Placement


@dataclass(frozen=True)
class VersionState:
    """How a version was signed: on screen (when, sealed or not), on paper (copies)."""

    screen_signed_at: datetime | None
    sealed: bool
    paper_copies: int
    signed_on: date | None

    @property
    def signed(self) -> bool:
        return self.screen_signed_at is not None or self.paper_copies > 0 or self.signed_on is not None

    def describe(self) -> str:
        """Danish, one line."""
        parts = []
        if self.screen_signed_at is not None:
            parts.append(f"underskrevet på skærm {local_time(self.screen_signed_at)}"
                         + ("" if self.sealed else " (ikke forseglet)"))
        elif self.signed_on is not None:
            parts.append(f"underskrevet {self.signed_on.strftime('%d.%m.%Y')}")
        if self.paper_copies:
            parts.append("underskrevet kopi vedhæftet" if self.paper_copies == 1
                         else f"{self.paper_copies} underskrevne kopier vedhæftet")
        return ", ".join(parts) or "ikke underskrevet"


def state_of(s: Session, row: Addendum) -> VersionState:
    sigs = signature_rows(s, row)
    files = live_files(s, row.id)
    sealed = any(f.kind == SEALED and f.terms_hash == row.content_hash for f in files)
    return VersionState(max((r.signed_at for r in sigs), default=None), sealed,
                        sum(1 for f in files if f.kind != SEALED), row.signed_on)


def states(ctx: Context, placement_id: str) -> dict[str, VersionState]:
    """The signing state of every version of a placement, by addendum id."""
    with ctx.uow() as s:
        rows = s.scalars(select(Addendum).where(Addendum.placement_id == placement_id,
                                                Addendum.deleted_at.is_(None)))
        return {r.id: state_of(s, r) for r in rows}


def newest_signed(ctx: Context, placement_id: str) -> tuple[str, int, bytes] | None:
    """The newest version signed on screen and its sealed copy: (addendum id, version number, PDF)."""
    with ctx.uow() as s:
        get_live(s, Placement, placement_id, "Forløbet")
        rows = s.scalars(select(Addendum).where(Addendum.placement_id == placement_id,
                                                Addendum.deleted_at.is_(None))
                         .order_by(Addendum.version_no.desc()))
        signed = [(r.id, r.version_no) for r in rows if signature_rows(s, r)]
    if not signed:
        return None
    addendum_id, version_no = signed[0]
    pdf = signed_copy(ctx, addendum_id)
    return (addendum_id, version_no, pdf) if pdf is not None else None


def summary(ctx: Context, placement_id: str) -> str:
    """One Danish line for a placement's view: its newest version and how it was signed."""
    with ctx.uow() as s:
        row = s.scalars(select(Addendum).where(Addendum.placement_id == placement_id,
                                               Addendum.deleted_at.is_(None))
                        .order_by(Addendum.version_no.desc())).first()
        if row is None:
            return "Ingen tillægsaftale udskrevet endnu"
        return (f"Version {row.version_no}, udskrevet {row.printed_at:%d.%m.%Y}, "
                f"{state_of(s, row).describe()}")
