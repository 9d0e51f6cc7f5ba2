"""The server's tables. One `record` table holds every synced row of every
team (entity, id, data as JSON); conflicts are records of entity `conflict`,
so they reach the team's laptops through the same pull."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    if TYPE_CHECKING:  # every model is mapped to a Table (DeclarativeBase says FromClause)
        __table__: ClassVar[Table]
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s", "ck": "ck_%(table_name)s_%(constraint_name)s",
    })


class ServerMeta(Base):
    """One row: the epoch (global: a restore from backup invalidates every cursor)."""

    __tablename__ = "server_meta"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))
    oldest_cursor: Mapped[int] = mapped_column(BigInteger, default=0)


class TeamSeq(Base):
    """One row per team (scope): the counter that allocates the team's `seq`
    under a row lock, so one team's push never waits for another team's."""

    __tablename__ = "team_seq"
    team: Mapped[str] = mapped_column(String(100), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Account(Base):
    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    team: Mapped[str] = mapped_column(String(100), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    leader: Mapped[bool] = mapped_column(Boolean, default=False)
    # The coach's profile, printed on the tillægsaftale (given by `adduser --name/--phone/--email`).
    full_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Device(Base):
    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Record(Base):
    """The current state of one synced row; `seq` is that of its last change."""

    __tablename__ = "record"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(50))
    team: Mapped[str] = mapped_column(String(100))
    data: Mapped[dict] = mapped_column(JSON)
    stamps: Mapped[dict] = mapped_column(JSON)  # field -> capped HLC of the value kept
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    # The laptop store (HLC node id) whose copy equals this state: its last
    # change was clean and based on the latest version, so its pulls skip
    # the row. NULL otherwise. A node id belongs to one store file.
    author: Mapped[str | None] = mapped_column(String(36), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        Index("ix_record_team_seq", "team", "seq"),
        # The deleted rows only: a push asks which of its rows' parents are deleted (server.push).
        Index("ix_record_deleted_id", "id", postgresql_where=text("deleted"), sqlite_where=text("deleted")),
    )


class ChangeLog(Base):
    """Every change id ever accepted (UNIQUE: never applied twice) and its
    outcome, in the order of its team's `seq`: what idempotency and ordering
    need. No values: the merged state is in `record`, and old values would
    outlive an erasure."""

    __tablename__ = "change_log"
    team: Mapped[str] = mapped_column(String(100), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str] = mapped_column(String(20))
    device_id: Mapped[str] = mapped_column(String(36))
    hlc: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Batch(Base):
    """A pushed batch's idempotency key and the answer given, for repeats."""

    __tablename__ = "batch"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    response: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Purged(Base):
    """A row erased with its citizen: its personal values are gone from the
    server, and a later change to it (or a new row pointing at it) is dropped."""

    __tablename__ = "purged"
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    team: Mapped[str] = mapped_column(String(100))
    citizen_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LoginAttempt(Base):
    """A failed login, by user name and by client address (`key` is
    "user:NAME" or "addr:IP"): counted over a window to throttle guessing.
    In the database, so every server process sees the same count."""

    __tablename__ = "login_attempt"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_login_attempt_key_at", "key", "at"),)
