"""Pulled rows written many to a statement (app.sync.apply.upsert) are
stored exactly as one statement per row stores them: the same values, of
the same SQLite types, in the same rowids, a later row of the same id
updating the earlier one (inside one statement, across statements and in
the rows left over after the last full statement)."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.sync.apply import ROW_VALUES, remote_session, upsert, upsert_sql
from db.base import table_of
from db.models import Citizen

KEYS = tuple(sorted(("id", "name", "cpr", "phone", "email", "address", "postal_code", "city", "status", "coach_id",
                     "support", "ended_on", "created_at", "updated_at", "version", "deleted_at")))
# a record with fewer fields: a statement of its own columns
NARROW = tuple(k for k in KEYS if k not in ("cpr", "coach_id", "ended_on", "deleted_at"))


class _Undo(Exception):
    """Rolls the transaction back after the rows are read."""


def _rows(count: int) -> list[dict[str, Any]]:
    ids = [str(uuid.uuid4()) for _ in range(count)]
    per = ROW_VALUES // len(KEYS)
    if count > 2 * per:  # the same id again: in the same statement, the next one, the rows left over
        for later, earlier in ((10, 3), (per + 5, per - 2), (count - 1, per + 1)):
            ids[later] = ids[earlier]
    return [{"id": row_id, "name": f"Ærø \"{i}\"\n\\N", "cpr": None if i % 3 else f"0101{i:02d}-1234",
             "phone": str(i), "email": "", "address": "Vej 1", "postal_code": "5000", "city": "Odense",
             "status": "aktiv", "coach_id": None, "support": "x" * (i % 7), "ended_on": None if i % 2 else "2026-03-01",
             "created_at": "2026-01-01 09:00:00.000000", "updated_at": f"2026-02-01 09:00:{i % 60:02d}.000000",
             "version": i, "deleted_at": None if i % 5 else "2026-04-01 00:00:00.000000"}
            for i, row_id in enumerate(ids)]


def _stored(ctx: Any, write: Callable[[Session], None]) -> list[tuple[Any, ...]]:
    """The citizen table after `write`, every value with its SQLite type; then rolled back."""
    columns = ", ".join(f'"{c.name}", typeof("{c.name}")' for c in table_of(Citizen).c)
    found: list[tuple[Any, ...]] = []
    with pytest.raises(_Undo), remote_session(ctx.store) as session:
        write(session)
        raw = session.connection().connection.driver_connection
        found = [tuple(r) for r in raw.execute(f"SELECT rowid, {columns} FROM citizen ORDER BY rowid")]
        raise _Undo
    return found


def _one_per_row(session: Session, keys: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    raw = session.connection().connection.driver_connection
    raw.executemany(upsert_sql("citizen", keys, 1), [tuple(r[k] for k in keys) for r in rows])


@pytest.mark.parametrize("count", [3, ROW_VALUES // len(KEYS) * 3 + 7])
def test_rows_many_to_a_statement_are_stored_as_one_statement_per_row(ctx, count: int) -> None:
    rows = _rows(count)
    narrow = [{k: r[k] for k in NARROW} | {"name": r["name"] + " igen"} for r in rows[::4]]

    def by_row(session: Session) -> None:
        _one_per_row(session, KEYS, rows)
        _one_per_row(session, NARROW, narrow)

    def many(session: Session) -> None:
        upsert(session, Citizen, KEYS, rows)
        upsert(session, Citizen, NARROW, narrow)

    expected = _stored(ctx, by_row)
    assert len(expected) == count - 3 if count > 100 else len(expected) == count
    assert _stored(ctx, many) == expected
    assert _stored(ctx, lambda s: None) == []  # rolled back: each write began from the same empty table
