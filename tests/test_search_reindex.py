"""The set-wise re-index of a bulk write (db.search_schema) makes the index
the triggers make row by row: with the written rows' ids, and whole for a
table that held no rows when its transaction began (a first sync's pull)."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import text

from db.models import Citizen, Company, Visit
from db.search_schema import SOURCES, drop_trigger_statements, index_all_statements, reindex_statements

TABLES = [table for table, _, _ in SOURCES.values()]
INDEX = "SELECT d.kind, d.row_id, d.citizen_id, f.body FROM search_doc d JOIN search_fts f ON f.rowid = d.id"


def _rows(ctx) -> None:
    """Rows of every searchable table, some deleted, a visit without a citizen."""
    with ctx.store.unit_of_work() as s:
        citizens = [Citizen(name=f"Borger {i}", city="Ærø" if i % 2 else None) for i in range(30)]
        companies = [Company(name=f"Firma {i}", cvr=f"{10000000 + i}") for i in range(12)]
        s.add_all(citizens + companies)
        s.flush()
        visits = [Visit(citizen_id=citizens[i % 30].id if i % 7 else None, at=datetime(2026, 3, 1 + i % 20, 9),
                        notes=f"Samtale {i} om praktik") for i in range(80)]
        s.add_all(visits)
        s.flush()
        for row in citizens[:4] + companies[:2] + visits[:9]:
            row.deleted_at = datetime(2026, 4, 1)


def _rebuilt(ctx, statements) -> set[tuple]:
    """The index after the triggers are dropped, the index emptied and
    `statements(conn)` run; rolled back after."""
    with ctx.store.engine.connect() as conn:
        with conn.begin() as transaction:
            for table in TABLES:
                for sql in drop_trigger_statements(table):
                    conn.exec_driver_sql(sql)
            conn.exec_driver_sql("DELETE FROM search_fts")
            conn.exec_driver_sql("DELETE FROM search_doc")
            statements(conn)
            index = set(conn.execute(text(INDEX)).all())
            transaction.rollback()
    return index


def test_indexing_a_table_whole_or_by_ids_gives_the_triggers_index(ctx) -> None:
    _rows(ctx)
    with ctx.store.reading() as s:
        by_triggers = set(s.execute(text(INDEX)).all())
        ids = {table: [r[0] for r in s.execute(text(f"SELECT id FROM {table}"))] for table in TABLES}
    assert len(by_triggers) == 26 + 10 + 71

    def whole(conn) -> None:
        for table in TABLES:
            for sql in index_all_statements(table):
                conn.exec_driver_sql(sql)

    def by_ids(conn) -> None:
        for table in TABLES:
            for sql in reindex_statements(table):
                conn.exec_driver_sql(sql, (json.dumps(ids[table]),))

    assert _rebuilt(ctx, whole) == by_triggers
    assert _rebuilt(ctx, by_ids) == by_triggers
    with ctx.store.reading() as s:
        assert set(s.execute(text(INDEX)).all()) == by_triggers  # rolled back, triggers and all
