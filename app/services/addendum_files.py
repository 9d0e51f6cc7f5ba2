"""Files kept with a tillægsaftale version: the sealed PDF of the on-screen
signatures, and photos or scans of copies signed on paper. Stored base64 in
the encrypted store (and synced like any other row)."""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Context
from app.rules.errors import ValidationError
from app.services import audit
from app.services.crud import get_live
from db.base import utcnow
from db.models import Addendum, AddendumFile, Placement

SEALED, PAPER = "sealed", "paper"
MAX_BYTES = 25 * 1024 * 1024
_MAGIC = ((b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))
SUFFIX = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


@dataclass(frozen=True)
class FileDTO:
    id: str
    addendum_id: str
    kind: str
    media_type: str
    file_name: str
    file_hash: str
    added_at: datetime
    size: int


def dto_of(row: AddendumFile) -> FileDTO:
    size = len(row.data) * 3 // 4 - row.data[-2:].count("=")
    return FileDTO(row.id, row.addendum_id, row.kind, row.media_type, row.file_name, row.file_hash,
                   row.added_at, size)


def media_type_of(data: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def live_files(s: Session, addendum_id: str, kind: str | None = None) -> list[AddendumFile]:
    query = select(AddendumFile).where(AddendumFile.addendum_id == addendum_id,
                                       AddendumFile.deleted_at.is_(None))
    if kind:
        query = query.where(AddendumFile.kind == kind)
    return list(s.scalars(query.order_by(AddendumFile.added_at)))


def store_file(s: Session, row: Addendum, kind: str, data: bytes, media_type: str,
               file_name: str) -> AddendumFile:
    item = AddendumFile(addendum_id=row.id, kind=kind, media_type=media_type, file_name=file_name[:200],
                        data=base64.b64encode(data).decode("ascii"),
                        file_hash=hashlib.sha256(data).hexdigest(), added_at=utcnow(),
                        terms_hash=row.content_hash)
    s.add(item)
    s.flush()
    return item


def attach_paper(ctx: Context, addendum_id: str, file_name: str, data: bytes) -> FileDTO:
    """Keep a photo (PNG/JPEG) or scanned PDF of the copy signed on paper."""
    media_type = media_type_of(data)
    if media_type is None:
        raise ValidationError.single("file", "Filen skal være et billede (PNG eller JPEG) eller en PDF.")
    if len(data) > MAX_BYTES:
        raise ValidationError.single("file", "Filen er større end 25 MB. Scan med lavere opløsning.")
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        item = store_file(s, row, PAPER, data, media_type, file_name)
        placement = s.get(Placement, row.placement_id)
        audit.record(s, ctx, "change", placement.citizen_id if placement else None, "addendum", row.id,
                     f"underskrevet kopi vedhæftet version {row.version_no}")
        return dto_of(item)


def files(ctx: Context, addendum_id: str) -> list[FileDTO]:
    with ctx.uow() as s:
        return [dto_of(f) for f in live_files(s, addendum_id)]


def file_data(ctx: Context, file_id: str, live: bool = True) -> bytes:
    """The bytes of a kept file, checked against their hash (live=False: a
    deleted one too, for the citizen's export)."""
    with ctx.uow() as s:
        item = get_live(s, AddendumFile, file_id, "Filen") if live else s.get(AddendumFile, file_id)
        if item is None:
            raise ValueError("Filen findes ikke.")
        data, digest = base64.b64decode(item.data), item.file_hash
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValueError("Den gemte fil er beskadiget (kontrolsummen passer ikke).")
    return data


def write_addendum_files(ctx: Context, export: dict[str, Any], out_dir: Path) -> list[Path]:
    """The signed copies and paper scans named in a citizen export, as files."""
    written = []
    for placement in export.get("placements", []):
        for version in placement.get("addenda", []):
            for item in version.get("files", []):
                path = out_dir / item["export_file"]
                path.write_bytes(file_data(ctx, item["id"], live=False))
                written.append(path)
    return written
