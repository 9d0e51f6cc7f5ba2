"""Tables that stay on this laptop: the outbox, sync state and conflicts."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, new_id, utcnow


class OutboxEntry(Base):
    """One local change, written in the same transaction as the change."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    fields: Mapped[str] = mapped_column(Text)   # JSON {field: [old, new]}
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    hlc: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # The server refused this change (its reason, in Danish): held, not sent
    # again until a person retries it (app.sync.setaside), never dropped unasked.
    held_reason: Mapped[str | None] = mapped_column(Text, default=None)


class SetAsideRow(Base):
    """A pulled record this laptop could not store (a bad or unknown value):
    kept as it came, with the reason, until a person retries or discards it."""

    __tablename__ = "sync_set_aside"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    record: Mapped[str] = mapped_column(Text)  # the pulled record, JSON
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SyncState(Base):
    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Conflict(Base):
    """A value that lost a merge, kept until a person resolves it.

    Made by the server and pulled like any row (entity `conflict`):
    `remote_value` is the value now in the row, `local_value` the value set
    aside, `base_value` the value both edits started from (all JSON).
    `winner_node`/`loser_node` are the HLC node ids of the two laptops.
    """

    __tablename__ = "conflict"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(20))  # value | text | delete
    local_value: Mapped[str | None] = mapped_column(Text)
    remote_value: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    base_value: Mapped[str | None] = mapped_column(Text, default=None)
    winner_node: Mapped[str] = mapped_column(String(40), default="")
    loser_node: Mapped[str] = mapped_column(String(40), default="")
    resolution: Mapped[str | None] = mapped_column(String(20), default=None)  # mine | theirs | edited | ...
