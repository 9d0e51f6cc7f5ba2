"""Every synced table and every field goes from laptop A through the real
server to laptop B and arrives equal, on insert and on update. The tables
and columns are read from db.models, so a new synced table or field is
covered here without touching this test."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Text, Time, inspect, select

import app.services.access_guard  # noqa: F401  (the guard the program runs with)
from db.base import new_id
from db.models import SYNCED_MODELS
from tests.sync.support import Laptop, add_user

pytestmark = pytest.mark.postgres
LOCAL_ONLY = {"updated_at"}  # when this laptop last wrote the row
APPEND_ONLY = {"access_log"}  # never edited (app.services.access_guard); inserts are covered


def _ordered() -> list[type]:
    """Parents before children (by foreign keys)."""
    left, done, out = list(SYNCED_MODELS), set(), []
    while left:
        for model in left:
            parents = {fk.column.table.name for fk in model.__table__.foreign_keys} - {model.__tablename__}
            if parents <= done:
                out.append(model)
                done.add(model.__tablename__)
                left.remove(model)
                break
        else:
            raise AssertionError(f"foreign key cycle among {[m.__tablename__ for m in left]}")
    return out


def _value(column: Any, n: int) -> Any:
    """A value of the column's type, different for each n, using the full length."""
    kind = column.type
    if isinstance(kind, Boolean):
        return n % 2 == 0
    if isinstance(kind, Integer):
        return 1000 + n
    if isinstance(kind, Float):
        return 12.375 + n
    if isinstance(kind, DateTime):
        return datetime(2025, 3, 4, 5, 6, 7, 891011 - n)
    if isinstance(kind, Date):
        return date(2026, 2, 28 - n)
    if isinstance(kind, Time):
        return time(7, 45 + n)
    if isinstance(kind, Text):
        return f"Første linje {n} æøå ÆØÅ\nAnden linje – “citat” €"
    if isinstance(kind, String):
        text = f"Æ{n}ø" * 200
        return text[:kind.length] if kind.length else text
    raise AssertionError(f"no test value for {column.table.name}.{column.key}: {kind!r}; add one")


def _row_values(model: type, n: int, parents: dict[str, str]) -> dict[str, Any]:
    """Every column but the bookkeeping the store keeps; a row that refers
    to its own table refers to itself."""
    values: dict[str, Any] = {}
    referenced = {fk.column.table.name for m in SYNCED_MODELS for fk in m.__table__.foreign_keys}
    for column in model.__table__.columns:
        if column.key in ("id", "version", "updated_at"):
            continue
        fks = list(column.foreign_keys)
        if fks:
            values[column.key] = parents[fks[0].column.table.name]
        elif column.key == "deleted_at":  # a deleted parent would make its children conflicts
            values[column.key] = None if model.__tablename__ in referenced else _value(column, n)
        else:
            values[column.key] = _value(column, n)
    return values


def _read(laptop: Laptop, model: type, row_id: str) -> dict[str, Any]:
    with laptop.ctx.uow() as s:
        obj = s.execute(select(model).where(model.id == row_id)).scalar_one()
        return {c.key: getattr(obj, c.key) for c in inspect(model).column_attrs if c.key not in LOCAL_ONLY}


def test_every_synced_table_and_field_round_trips(laptops, server, users) -> None:
    # b is the team's leader: only a leader's devices receive another user's access-log entries.
    leader = users["anna"].replace("anna-", "lea-")
    add_user(server.url, leader, users["anna"].replace("anna-", "nord-"), leader=True)
    a, b = laptops("a"), laptops("b", user=leader)
    ids: dict[str, str] = {}
    with a.ctx.uow() as s:
        for n, model in enumerate(_ordered()):
            ids[model.__tablename__] = new_id()
            values = _row_values(model, n, ids)
            if model.__tablename__ == "access_log":
                values["user"] = a.ctx.username  # the server takes log entries from their own user only
            s.add(model(id=ids[model.__tablename__], **values))
            s.flush()
    a.sync()
    b.sync()
    for model in SYNCED_MODELS:
        sent, got = _read(a, model, ids[model.__tablename__]), _read(b, model, ids[model.__tablename__])
        assert got == sent, model.__tablename__
        assert got["created_at"] == datetime(2025, 3, 4, 5, 6, 7, 891011 - _ordered().index(model))

    with a.ctx.uow() as s:  # every user field changed at once
        for n, model in enumerate(_ordered()):
            if model.__tablename__ in APPEND_ONLY:
                continue
            obj = s.get(model, ids[model.__tablename__])
            for key, value in _row_values(model, n + 1, ids).items():
                if key not in ("created_at", "deleted_at") and not model.__table__.c[key].foreign_keys:
                    setattr(obj, key, value)
    a.sync()
    b.sync()
    for model in SYNCED_MODELS:
        sent, got = _read(a, model, ids[model.__tablename__]), _read(b, model, ids[model.__tablename__])
        assert got == sent, model.__tablename__
        assert got["version"] == (1 if model.__tablename__ in APPEND_ONLY else 2), model.__tablename__
