from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Synced


class Addendum(Synced, Base):
    """Tillægsaftale version: a snapshot of its content and the file's SHA-256."""

    __tablename__ = "addendum"
    placement_id: Mapped[str] = mapped_column(ForeignKey("placement.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # JSON snapshot
    content_hash: Mapped[str] = mapped_column(String(64))
    file_sha256: Mapped[str] = mapped_column(String(64))
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)


class AccessLog(Synced, Base):
    """Who looked at or changed whose data. Append-only; synced.

    citizen_id is a plain column, not a foreign key: the entry outlives the
    deletion of the citizen's personal data.
    """

    __tablename__ = "access_log"
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(30))
    citizen_id: Mapped[str | None] = mapped_column(String(36), index=True)
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_id: Mapped[str | None] = mapped_column(String(36), default=None)
    detail: Mapped[str] = mapped_column(String(500), default="")
