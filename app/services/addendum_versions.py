"""The stored form of addendum versions: DTOs, the draft of a print, and
rendering a version from its stored snapshot text."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents import addendum as document
from db.models import Addendum


@dataclass(frozen=True)
class AddendumDTO:
    id: str
    placement_id: str
    version_no: int
    content_hash: str
    file_sha256: str
    printed_at: datetime
    signed_on: date | None


@dataclass(frozen=True)
class Draft:
    """An addendum rendered for printing; `existing` is set when its content
    equals the last version's (then `pdf` is that version's file)."""

    placement_id: str
    citizen_id: str
    version_no: int
    printed_at: datetime
    snapshot_json: str
    content_hash: str
    pdf: bytes
    existing: AddendumDTO | None

    @property
    def is_new_version(self) -> bool:
        return self.existing is None

    @property
    def file_sha256(self) -> str:
        return sha256(self.pdf)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dto_of(row: Addendum) -> AddendumDTO:
    return AddendumDTO(row.id, row.placement_id, row.version_no, row.content_hash, row.file_sha256,
                       row.printed_at, row.signed_on)


def latest_version(s: Session, placement_id: str) -> Addendum | None:
    return s.scalars(select(Addendum).where(
        Addendum.placement_id == placement_id, Addendum.deleted_at.is_(None)
    ).order_by(Addendum.version_no.desc())).first()


def render_stored(snapshot_json: str, version_no: int, printed_at: datetime) -> bytes:
    """Always from the stored JSON text, so a first print and a later
    reproduction take exactly the same path."""
    return document.render(json.loads(snapshot_json), version_no, printed_at)
