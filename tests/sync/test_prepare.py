"""What server.prepare makes before the team's lock changes nothing: a batch
big enough for COPY, whose new rows are changed again later in the batch,
one of them under a deleted parent (a conflict), with a refused change and
a change to a row the server has, leaves the database as the same batch
does with no COPY line made before (each written from the row it holds)."""
from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from server.database import make_engine, upgrade_schema
from server.prepare import prepare
from server.push import Pusher, push_batch
from server.writer import COPY_FROM
from tests.sync.http_api import change
from tests.sync.support import create_database, drop_database, forget_engine

pytestmark = pytest.mark.postgres
GONE = {"deleted_at": [None, "2026-11-30T11:00:00"]}


def _batches() -> list[list[dict[str, Any]]]:
    parent, kept = str(uuid.uuid4()), str(uuid.uuid4())
    before = [change("citizen", parent, "insert", {"name": [None, "Forælder"]}, node="anna"),
              change("citizen", kept, "insert", {"name": [None, "Findes"]}, node="anna"),
              change("citizen", parent, "delete", GONE, base_version=1, node="anna")]
    ids = [str(uuid.uuid4()) for _ in range(COPY_FROM + 10)]
    big = [change("citizen", row_id, "insert", {"name": [None, f"Navn\t{i} \\N"]}, node="anna")
           for i, row_id in enumerate(ids)]
    child = str(uuid.uuid4())
    big += [change("citizen", ids[0], "update", {"name": ["Navn\t0 \\N", "Nyt"]}, base_version=1, node="bo"),
            change("citizen", ids[1], "delete", GONE, base_version=1, node="anna"),
            change("visit", child, "insert", {"citizen_id": [None, parent], "at": [None, "2026-11-02T10:00:00"]},
                   node="bo"),
            change("visit", child, "update", {"at": ["2026-11-02T10:00:00", "2026-11-03T10:00:00"]},
                   base_version=1, node="bo"),
            change("visit", str(uuid.uuid4()), "insert", {"citizen_id": [None, parent],
                                                          "at": [None, "2026-11-04T10:00:00"]}, node="bo"),
            change("citizen", str(uuid.uuid4()), "insert", {"name": [None, "X"], "shoe_size": [None, 44]}),
            change("citizen", kept, "update", {"name": ["Findes", "Ændret"]}, base_version=1, node="bo")]
    return [before, big]


def _state(batches: list[list[dict[str, Any]]], made_before: bool) -> tuple[list, list, list]:
    name, url = create_database()
    try:
        engine = make_engine(url)
        upgrade_schema(engine)
        who = Pusher("dev-1", "hold", False, "bruger")
        answers = []
        with Session(engine) as session:
            for number, batch in enumerate(batches):
                prepared = prepare(who, batch)
                if not made_before:
                    for ready in prepared.ready:
                        ready.line = None
                answers.append(push_batch(session, who, f"k{number}", batch, prepared=prepared))
                session.commit()
            records = session.execute(text(
                "select case when entity = 'conflict' then '' else id end, entity, team,"  # a conflict: new id, time
                " case when entity = 'conflict' then (data::jsonb - 'created_at')::text else data::text end,"
                " stamps::text, version, deleted, seq, author, created_at = updated_at from record order by seq")).all()
            log = session.execute(text("select team, seq, change_id, entity, row_id, op, outcome, device_id, hlc"
                                       " from change_log order by seq")).all()
        engine.dispose()
        return answers, records, log
    finally:
        forget_engine(url)
        drop_database(name)


def test_lines_made_before_the_lock_write_what_the_rows_hold() -> None:
    batches = _batches()
    answers, records, log = _state(batches, made_before=True)
    assert (answers, records, log) == _state(batches, made_before=False)
    assert answers[1]["counts"] == {"applied": COPY_FROM + 10 + 4, "conflict": 2, "refused": 1}, answers[1]
    assert any(entity == "conflict" for _id, entity, *_rest in records)
    assert len(log) == sum(map(len, batches)) - 1
