"""Tillægsaftaler as printed, versioned documents.

`prepare` renders the addendum as it would be printed now without writing
anything (the preview); `commit` keeps it: agreed terms changed since the
last version -> version N+1 with its snapshot (and what it says about itself:
print day, "Gælder fra", the version it replaces, what changed) and the
file's SHA-256; unchanged terms -> the last version, rendered again byte for
byte, whatever the day. The clock (`now`) only dates a new version. Every commit is
a print in the access log. `reproduce` renders any stored version again.
"""
from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Context
from app.documents.addendum_changes import local_date, version_meta
from app.documents.addendum_content import VERSION_KEY, build_snapshot, canonical_json, content_hash
from app.rules.errors import ValidationError
from app.services import audit
from app.services.addendum_versions import AddendumDTO, Draft, dto_of, latest_version, render_stored, sha256
from app.services.crud import get_live
from db.models import Addendum, Placement

__all__ = ["AddendumDTO", "Draft", "sha256", "prepare", "commit", "print_addendum", "versions",
           "reproduce", "record_reprint", "verify", "record_signed"]


def prepare(ctx: Context, placement_id: str, now: datetime | None = None) -> Draft:
    """The addendum as it would be printed now; writes nothing. `now` (the
    clock, aware or naive UTC) only dates a new version: the terms do not
    depend on it, so printing again another day gives the same version."""
    moment = _utc(now)
    with ctx.uow() as s:
        placement = get_live(s, Placement, placement_id, "Forløbet")
        snapshot = build_snapshot(s, placement, ctx.settings.unit_name)
        latest = latest_version(s, placement_id)
        citizen_id = placement.citizen_id
        latest_dto = dto_of(latest) if latest else None
        latest_json = latest.content if latest else None
    digest = content_hash(snapshot)
    if latest_dto is not None and latest_json is not None and latest_dto.content_hash == digest:
        pdf = render_stored(latest_json, latest_dto.version_no, latest_dto.printed_at)
        return Draft(placement_id, citizen_id, latest_dto.version_no, latest_dto.printed_at,
                     latest_json, digest, pdf, latest_dto)
    previous_no = latest_dto.version_no if latest_dto else 0
    previous = json.loads(latest_json) if latest_json else None
    snapshot[VERSION_KEY] = version_meta(snapshot, previous, previous_no, local_date(moment))
    version_no = previous_no + 1
    printed_at = moment.replace(microsecond=0, tzinfo=None)
    snapshot_json = canonical_json(snapshot)
    pdf = render_stored(snapshot_json, version_no, printed_at)
    return Draft(placement_id, citizen_id, version_no, printed_at, snapshot_json, digest, pdf, None)


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)


def commit(ctx: Context, draft: Draft) -> tuple[AddendumDTO, bytes]:
    """Keep a prepared addendum as printed; returns the version and its file
    (the draft's own file unless another print got in first)."""
    with ctx.uow() as s:
        latest = latest_version(s, draft.placement_id)
        if latest is not None and latest.content_hash == draft.content_hash:
            row, pdf = latest, (draft.pdf if draft.existing and draft.existing.id == latest.id
                                else render_stored(latest.content, latest.version_no, latest.printed_at))
        elif (latest.version_no if latest else 0) + 1 == draft.version_no and draft.is_new_version:
            row, pdf = Addendum(placement_id=draft.placement_id, version_no=draft.version_no,
                                content=draft.snapshot_json, content_hash=draft.content_hash,
                                file_sha256=draft.file_sha256, printed_at=draft.printed_at), draft.pdf
            s.add(row)
            s.flush()
        else:  # someone printed a different version meanwhile: number this one after it
            row, pdf = _store_after(s, latest, draft)
        audit.record(s, ctx, "print", draft.citizen_id, "addendum", row.id, f"version {row.version_no}")
        return dto_of(row), pdf


def _store_after(s: Session, latest: Addendum | None, draft: Draft) -> tuple[Addendum, bytes]:
    previous_no = latest.version_no if latest else 0
    snapshot = json.loads(draft.snapshot_json)  # it replaces the version printed meanwhile
    printed_on = date.fromisoformat(snapshot[VERSION_KEY]["printed_on"])
    snapshot[VERSION_KEY] = version_meta(snapshot, json.loads(latest.content) if latest else None,
                                         previous_no, printed_on)
    content, version_no, printed_at = canonical_json(snapshot), previous_no + 1, draft.printed_at
    pdf = render_stored(content, version_no, printed_at)
    row = Addendum(placement_id=draft.placement_id, version_no=version_no, content=content,
                   content_hash=draft.content_hash, file_sha256=sha256(pdf), printed_at=printed_at)
    s.add(row)
    s.flush()
    return row, pdf


def print_addendum(ctx: Context, placement_id: str,
                   now: datetime | None = None) -> tuple[AddendumDTO, bytes, bool]:
    """Prepare and keep in one step: (version, pdf, whether it is a new version)."""
    draft = prepare(ctx, placement_id, now)
    dto, pdf = commit(ctx, draft)
    return dto, pdf, draft.is_new_version


def versions(ctx: Context, placement_id: str) -> list[AddendumDTO]:
    with ctx.uow() as s:
        get_live(s, Placement, placement_id, "Forløbet")
        rows = s.scalars(select(Addendum).where(
            Addendum.placement_id == placement_id, Addendum.deleted_at.is_(None)
        ).order_by(Addendum.version_no))
        return [dto_of(r) for r in rows]


def reproduce(ctx: Context, addendum_id: str, log: bool = True) -> bytes:
    """A stored version rendered again from its snapshot (a reprint; with
    log=False only shown, e.g. in the preview)."""
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        pdf = render_stored(row.content, row.version_no, row.printed_at)
        if log:
            _log_reprint(s, ctx, row)
        return pdf


def record_reprint(ctx: Context, addendum_id: str) -> None:
    """Log that a version already rendered (in a preview) was printed or saved."""
    with ctx.uow() as s:
        _log_reprint(s, ctx, get_live(s, Addendum, addendum_id, "Tillægsaftalen"))


def _log_reprint(s: Session, ctx: Context, row: Addendum) -> None:
    placement = s.get(Placement, row.placement_id)
    audit.record(s, ctx, "print", placement.citizen_id if placement else None, "addendum", row.id,
                 f"genudskrift version {row.version_no}")


def verify(ctx: Context, addendum_id: str) -> bool:
    """Whether a re-render gives exactly the file that was printed."""
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        return sha256(render_stored(row.content, row.version_no, row.printed_at)) == row.file_sha256


def record_signed(ctx: Context, addendum_id: str, signed_on: date | None) -> AddendumDTO:
    """The date all parties signed this version (None clears it)."""
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        if signed_on is not None:
            if signed_on < local_date(row.printed_at):
                raise ValidationError.single("signed_on",
                                             "Aftalen kan ikke være underskrevet, før den blev udskrevet.")
            if signed_on > date.today():
                raise ValidationError.single("signed_on", "Underskriftsdatoen ligger i fremtiden.")
        row.signed_on = signed_on
        s.flush()
        placement = s.get(Placement, row.placement_id)
        audit.record(s, ctx, "change", placement.citizen_id if placement else None, "addendum", row.id,
                     f"underskrevet version {row.version_no}")
        return dto_of(row)
