"""Signatures of a tillægsaftale version and the files kept with it.

Both belong to one frozen version (an `addendum` row). A signature keeps the
hash of the terms it was given on, so it is never read as signing other
terms. Files are kept as base64 text: the sealed PDF made from the drawn
signatures, or a photo/scan of a copy signed on paper. The store is
encrypted, so the files are too; sync carries them as ordinary fields.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Synced


class AddendumSignature(Synced, Base):
    """One party's signature on one version: drawn strokes as JSON."""

    __tablename__ = "addendum_signature"
    addendum_id: Mapped[str] = mapped_column(ForeignKey("addendum.id"), index=True)
    party: Mapped[str] = mapped_column(String(20))  # citizen | company | coach
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signed_at: Mapped[datetime] = mapped_column(DateTime)
    strokes: Mapped[str] = mapped_column(Text)
    terms_hash: Mapped[str] = mapped_column(String(64))


class AddendumFile(Synced, Base):
    """A file kept with a version: kind "sealed" (the signed, sealed PDF) or
    "paper" (photo or scan of the copy signed on paper)."""

    __tablename__ = "addendum_file"
    addendum_id: Mapped[str] = mapped_column(ForeignKey("addendum.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    media_type: Mapped[str] = mapped_column(String(50))
    file_name: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[str] = mapped_column(Text)  # base64
    file_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the bytes
    added_at: Mapped[datetime] = mapped_column(DateTime)
    terms_hash: Mapped[str] = mapped_column(String(64))
