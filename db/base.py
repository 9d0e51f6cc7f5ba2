"""Declarative base and the columns every synced table shares."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

import uuid6
from sqlalchemy import DateTime, FromClause, Integer, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, class_mapper, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid6.uuid7())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Mixin: UUIDv7 key, times, version and soft-delete tombstone.

    Every class with this mixin is tracked by `db.changes` and synced.
    """

    __synced__ = True
    if TYPE_CHECKING:  # every synced class is also a mapped Base subclass with its own table
        __tablename__: str
        __table__: ClassVar[FromClause]  # as DeclarativeBase declares it; table_of gives the Table

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


def table_of(model: type) -> Table:
    """The Table a mapped class is mapped to. DeclarativeBase types
    `__table__` as a FromClause, and a class typed as Synced does not show
    that it is also a Base subclass."""
    table = class_mapper(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


# Columns sync and the outbox manage themselves rather than as user data.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "version"})
