"""The first full sync's bulk paths keep the sync's rules.

Server: a batch big enough to go by COPY (server/writer.py) refuses a bad
change alone, with its reason, and applies the rest in the order sent, every
text as it was (COPY's escapes), the team's name included. Laptop: a pull
from cursor 0 applied in bulk (app/sync/bulkpull.py) leaves the store exactly
as applying it page by page does — rows, deleted rows, conflicts, set-aside
records, search index, schema — also when a transaction fails half way.
A laptop's pull passes over windows of its own rows in one request."""
from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from app.sync import state
from app.sync.apply import apply_page
from app.sync.bulkpull import apply_pages
from app.sync.errors import GoneError
from db.models import Citizen, SetAsideRow, Visit
from server.models import ChangeLog, Record
from server.writer import COPY_FROM
from tests.sync import http_api
from tests.sync.support import add_user, server_engine, snapshot

pytestmark = pytest.mark.postgres
AWKWARD = ['Anne "Mette"', "C:\\sti\\fil", "to\nlinjer", "tab\there", "retur\r", "Ærø ☃", "\\N", "slut\\"]


def test_a_copied_batch_refuses_a_bad_change_alone_and_keeps_order_and_text(server) -> None:
    user, team = f"copy-{uuid.uuid4().hex[:8]}", f"hold\\nord\t{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, team)
    token = http_api.register(server.base, user)
    ids = [str(uuid.uuid4()) for _ in range(COPY_FROM + 50)]
    names = [f"{AWKWARD[i % len(AWKWARD)]} {i}" for i in range(len(ids))]
    changes = [http_api.change("citizen", row_id, "insert", {"name": [None, name]}) for row_id, name in zip(ids, names)]
    bad = http_api.change("citizen", str(uuid.uuid4()), "insert", {"name": [None, "X"], "shoe_size": [None, 44]})
    later = http_api.change("citizen", ids[0], "update", {"name": [names[0], "Nyt\tnavn"]}, base_version=1)
    sent = changes[:100] + [bad] + changes[100:] + [later]
    answer = http_api.push(server.base, token, *sent)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["results"] == {bad["change_id"]: "refused"} and "ukendt felt" in body["refused"][bad["change_id"]]
    assert body["accepted"] == len(sent) - 1

    records = http_api.pull(server.base, http_api.register(server.base, user, name="other"))
    assert bad["row_id"] not in records
    assert [records[i]["data"]["name"] for i in ids] == ["Nyt\tnavn"] + names[1:]
    assert records[ids[0]]["version"] == 2
    seqs = [records[i]["seq"] for i in ids[1:]]
    assert seqs == sorted(seqs) and records[ids[0]]["seq"] > max(seqs)
    with Session(server_engine(server.url)) as s:
        logged = s.execute(select(ChangeLog.change_id).where(ChangeLog.team == team).order_by(ChangeLog.seq))
        assert list(logged.scalars()) == [c["change_id"] for c in sent if c is not bad]
        assert set(s.execute(select(Record.team).where(Record.id.in_(ids))).scalars()) == {team}


def _team_history(server, laptops) -> None:
    """Rows, deleted rows, a conflict and a record this laptop version cannot store."""
    a, b = laptops("a"), laptops("b", "bo")
    with a.ctx.uow() as s:
        citizens = [Citizen(name=f"Borger {i}", city=AWKWARD[i % len(AWKWARD)]) for i in range(24)]
        s.add_all(citizens)
        s.flush()
        ids = [c.id for c in citizens]
        s.add_all(Visit(citizen_id=cid, at=datetime(2026, 3, 1 + i % 20, 9), notes=f"Samtale {i} om praktik")
                  for i, cid in enumerate(ids))
    a.sync(), b.sync()
    with a.ctx.uow() as s:
        for cid in ids[:3]:
            s.get(Citizen, cid).deleted_at = datetime(2026, 4, 1)
        s.get(Citizen, ids[5]).phone = "20202020"
    with b.ctx.uow() as s:
        s.get(Citizen, ids[5]).phone = "30303030"
    a.sync(), b.sync(), a.sync()
    with Session(server_engine(server.url)) as s, s.begin():  # as a server from before validation stored it
        row = s.get(Record, ids[7])
        s.execute(update(Record).where(Record.id == ids[7]).values(data=dict(row.data, ended_on="31.12.2026")))


def _pages(laptop, limit: int) -> list[dict]:
    pages, cursor = [], 0
    with laptop.transport() as t:
        while True:
            page = t.pull(cursor, None, limit)
            pages.append(page)
            cursor = page["cursor"]
            if not page["more"]:
                return pages


def _store(laptop, own: frozenset[str] | set[str] = frozenset()) -> dict:
    """What a pull leaves in the store, less the rows in `own` (each fresh
    laptop has a team and coach row of its own). Only indexes and triggers of
    the schema: tables are the migrations' own business."""
    with laptop.ctx.store.reading() as s:
        schema = set(s.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                    "WHERE type IN ('index', 'trigger')")).all())
        index = set(s.execute(text("SELECT d.kind, d.row_id, d.citizen_id, f.body FROM search_doc d "
                                   "JOIN search_fts f ON f.rowid = d.id")).all())
        aside = {(r.entity, r.row_id, r.reason) for r in s.scalars(select(SetAsideRow))}
        cursor = state.cursor(s)
    rows = {key: row for key, row in snapshot(laptop).items() if key.split(":", 1)[1] not in own}
    return {"rows": rows, "schema": schema, "index": {i for i in index if i[1] not in own}, "aside": aside,
            "cursor": cursor}


def _own(laptop) -> set[str]:
    return {key.split(":", 1)[1] for key in snapshot(laptop)}


def test_a_first_pull_in_bulk_leaves_the_store_as_page_by_page_does(server, laptops) -> None:
    _team_history(server, laptops)
    stores = by_page, in_one, in_several = laptops("c"), laptops("d"), laptops("e")
    own = {laptop.name: _own(laptop) for laptop in stores}
    schema_before = _store(in_one)["schema"]
    pages = _pages(by_page, 9)
    assert len(pages) > 5
    for page in pages:
        apply_page(by_page.ctx.store, page, None)
    assert apply_pages(in_one.ctx.store, [(p, None) for p in pages], bulk_rows=10**6) > 40
    committed: list[int] = []  # a page after the time bound goes into a transaction of its own

    def cursors(_rows: int, _more: bool) -> None:
        with in_several.ctx.store.reading() as s:
            committed.append(state.cursor(s))

    apply_pages(in_several.ctx.store, [(p, None) for p in pages], cursors, bulk_rows=10**6, max_seconds=0.0)
    assert committed == [0] + [p["cursor"] for p in pages[:-1]]
    expected = _store(by_page, own["c"])
    assert len(expected["aside"]) == 1 and len(expected["index"]) > 40
    assert any(key.startswith("conflict:") for key in expected["rows"])
    assert sum(1 for v in expected["rows"].values() if v.get("deleted_at")) >= 3
    assert _store(in_one, own["d"]) == expected
    assert _store(in_several, own["e"]) == expected
    assert expected["schema"] == schema_before  # the indexes dropped for the load are all back


def test_a_bulk_transaction_cut_off_leaves_the_store_as_it_was(server, laptops) -> None:
    _team_history(server, laptops)
    fresh = laptops("c")
    before = _store(fresh)
    pages = _pages(fresh, 10)

    def cut_off():
        yield pages[0], None
        raise GoneError("restored")

    with pytest.raises(GoneError):
        apply_pages(fresh.ctx.store, cut_off(), bulk_rows=10**6)
    assert _store(fresh) == before


def test_a_pull_passes_over_windows_of_its_own_rows_in_one_request(laptops) -> None:
    a, b = laptops("a"), laptops("b", "bo")
    with a.ctx.uow() as s:
        s.add_all(Citizen(name=f"Egen {i}") for i in range(25))
    a.sync()
    with b.ctx.uow() as s:
        s.add(Citizen(name="Fra Bo"))
    b.sync()
    with a.transport() as t:
        page = t.pull(0, None, 10, a.node)
        top = t.checksum(None)
    assert [r["data"]["name"] for r in page["records"] if r["entity"] == "citizen"] == ["Fra Bo"]  # none of a's 25
    assert top is not None and page["cursor"] == top["seq"]  # three windows in one request
