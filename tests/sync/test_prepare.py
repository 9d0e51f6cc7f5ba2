"""What server.prepare makes before the team's lock changes nothing: a batch
big enough for COPY, whose new rows are changed again later in the batch,
one of them under a deleted parent (a conflict), with a refused change and
a change to a row the server has, leaves the database as the same batch
does with no COPY line made before (each written from the row it holds)."""
from __future__ import annotations

import logging
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
from tests.sync.support import RECORD_STATE, create_database, drop_database, forget_engine

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
                    prepared.fast = None
                    for ready in prepared.ready:
                        ready.line = None
                answers.append(push_batch(session, who, f"k{number}", batch, prepared=prepared))
                session.commit()
            records = session.execute(text(RECORD_STATE)).all()
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


def _citizens(count: int, node: str = "anna", **fields: list[Any]) -> list[dict[str, Any]]:
    return [change("citizen", str(uuid.uuid4()), "insert", {"name": [None, f"N%d %b %%\t{i} \\N"], **fields},
                   node=node) for i in range(count)]


def _new_rows_batches() -> list[tuple[str, list[dict[str, Any]]]]:
    """Batches of new rows: the first and a repeat of it, then ones that the
    fast path must leave to the change-by-change one, each for one reason."""
    gone = str(uuid.uuid4())
    small = [change("citizen", gone, "insert", {"name": [None, "Væk"]}, node="anna"),
             change("citizen", gone, "delete", GONE, base_version=1, node="anna")]
    first = _citizens(COPY_FROM + 10)
    first += [change("visit", str(uuid.uuid4()), "insert", {"citizen_id": [None, first[0]["row_id"]],
                                                            "at": [None, "2026-11-02T10:00:00"]}, node="bo")]
    seen = _citizens(COPY_FROM) + [first[3]]  # a change id seen before: a duplicate
    stored = _citizens(COPY_FROM) + [change("citizen", first[4]["row_id"], "insert", {"name": [None, "Igen"]})]
    deleted = _citizens(COPY_FROM, deleted_at=[None, "2026-11-30T11:00:00"])[:1] + _citizens(COPY_FROM)
    deleted.append(change("visit", str(uuid.uuid4()), "insert", {"citizen_id": [None, deleted[0]["row_id"]],
                                                                "at": [None, "2026-11-02T10:00:00"]}, node="bo"))
    orphan = _citizens(COPY_FROM) + [change("visit", str(uuid.uuid4()), "insert", {
        "citizen_id": [None, gone], "at": [None, "2026-11-02T10:00:00"]}, node="bo")]
    last = _citizens(COPY_FROM)
    return [("k0", small), ("k1", first), ("k1", first), ("k2", seen), ("k3", stored), ("k4", deleted),
            ("k5", orphan), ("k6", last)]


def _new_rows_state(batches: list[tuple[str, list[dict[str, Any]]]], fast: bool) -> tuple[list, list, list, list]:
    name, url = create_database()
    try:
        engine = make_engine(url)
        upgrade_schema(engine)
        who = Pusher("dev-1", "hold", False, "bruger")
        answers, taken = [], []
        with Session(engine) as session:
            for key, batch in batches:
                prepared = prepare(who, batch)
                taken.append(prepared.fast is not None)
                if not fast:
                    prepared.fast = None
                answers.append(push_batch(session, who, key, batch, prepared=prepared))
                session.commit()
            records = session.execute(text(
                "select case when entity = 'conflict' then '' else id end, entity, team,"
                " case when entity = 'conflict' then (data::jsonb - 'created_at')::text else data::text end,"
                " stamps::text, version, deleted, seq, author, created_at = updated_at from record order by seq")).all()
            log = session.execute(text("select team, seq, change_id, entity, row_id, op, outcome, device_id, hlc,"
                                       " at = (select min(at) from change_log c where c.seq = change_log.seq)"
                                       " from change_log order by seq")).all()
        engine.dispose()
        return answers, records, log, taken
    finally:
        forget_engine(url)
        drop_database(name)


def test_new_rows_numbered_under_the_lock_are_what_the_change_by_change_path_writes(
        caplog: pytest.LogCaptureFixture) -> None:
    batches = _new_rows_batches()
    with caplog.at_level(logging.DEBUG, logger="server.push"):
        fast = _new_rows_state(batches, fast=True)
        numbered = [r.message for r in caplog.records if "new rows numbered" in r.message]
        assert fast == _new_rows_state(batches, fast=False)
    # The fast path ran where nothing under the lock sent the batch the other way (k1, k6).
    assert len(numbered) == 2 and len([r for r in caplog.records if "new rows numbered" in r.message]) == 2
    answers, records, log, taken = fast
    # Prepared as all new rows: all but the small one and the one with a row inserted deleted.
    assert taken == [False, True, True, True, True, False, True, True]
    assert answers[1] == answers[2] and answers[1]["counts"] == {"applied": COPY_FROM + 11}
    assert answers[3]["counts"] == {"applied": COPY_FROM, "duplicate": 1}
    assert answers[5]["counts"] == {"applied": COPY_FROM + 1, "conflict": 1}
    assert answers[6]["counts"] == {"applied": COPY_FROM, "conflict": 1}
    seqs = [seq for _team, seq, *_rest in log]
    assert seqs == sorted(set(seqs)) and max(seq for *_row, seq, _author, _same in records) == answers[-1]["seq"]
    assert any("%d %b %%\\t" in data for _id, _entity, _team, data, *_rest in records)
