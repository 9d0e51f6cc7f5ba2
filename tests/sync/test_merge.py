"""Two laptops edit the same data offline; after syncing, nothing is lost:
different fields both kept, the same field one winner everywhere and the
other value in a conflict record, notes merged or kept side by side, and an
edit against a delete is a conflict in either order."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from db.models import Citizen, Conflict, Visit
from tests.sync.support import snapshot

pytestmark = pytest.mark.postgres


def _shared_citizen(a, b, **values) -> str:
    with a.ctx.uow() as s:
        row = Citizen(name="Jens Hansen", phone="11223344", city="Aarhus", **values)
        s.add(row)
        s.flush()
        cid = row.id
    a.sync()
    b.sync()
    return cid


def _set(laptop, model, row_id, **values) -> None:
    with laptop.ctx.uow() as s:
        row = s.get(model, row_id)
        for key, value in values.items():
            setattr(row, key, value)


def _get(laptop, model, row_id):
    with laptop.ctx.uow() as s:
        return s.get(model, row_id)


def _conflicts(laptop) -> list[Conflict]:
    with laptop.ctx.uow() as s:
        return list(s.query(Conflict).all())


def _all_sync(*laps) -> None:
    for lap in laps:
        lap.sync()
    for lap in laps:
        lap.sync()


def test_different_fields_of_one_citizen_are_both_kept(laptops) -> None:
    a, b = laptops("a"), laptops("b")
    cid = _shared_citizen(a, b)
    _set(a, Citizen, cid, phone="99887766")
    _set(b, Citizen, cid, city="Randers")
    _all_sync(a, b)
    for lap in (a, b):
        row = _get(lap, Citizen, cid)
        assert (row.phone, row.city) == ("99887766", "Randers")
        assert _conflicts(lap) == []
    assert snapshot(a) == snapshot(b)


def test_same_field_one_value_wins_everywhere_and_the_other_is_kept(laptops) -> None:
    a, b = laptops("a"), laptops("b")
    cid = _shared_citizen(a, b)
    _set(a, Citizen, cid, phone="11111111")
    _set(b, Citizen, cid, phone="22222222")  # later stamp: b wins whoever syncs first
    _all_sync(a, b)
    assert _get(a, Citizen, cid).phone == _get(b, Citizen, cid).phone == "22222222"
    for lap in (a, b):
        (conflict,) = _conflicts(lap)
        assert (conflict.field, conflict.kind) == ("phone", "value")
        assert json.loads(conflict.local_value) == "11111111"
        assert json.loads(conflict.remote_value) == "22222222"
        assert conflict.loser_node == a.node and conflict.winner_node == b.node
    assert snapshot(a) == snapshot(b)


@pytest.mark.parametrize("first", ["a", "b"])
def test_same_field_winner_does_not_depend_on_who_syncs_first(laptops, first) -> None:
    a, b = laptops("a"), laptops("b")
    cid = _shared_citizen(a, b)
    _set(a, Citizen, cid, city="Aalborg")
    _set(b, Citizen, cid, city="Vejle")
    order = (a, b) if first == "a" else (b, a)
    _all_sync(*order)
    assert _get(a, Citizen, cid).city == _get(b, Citizen, cid).city == "Vejle"
    assert json.loads(_conflicts(a)[0].local_value) == "Aalborg"


def test_note_edits_that_do_not_overlap_are_merged(laptops) -> None:
    a, b = laptops("a"), laptops("b")
    cid = _shared_citizen(a, b)
    with a.ctx.uow() as s:
        visit = Visit(citizen_id=cid, at=datetime(2026, 11, 2, 10), notes="Linje 1\nLinje 2\nLinje 3\nLinje 4\n")
        s.add(visit)
        s.flush()
        vid = visit.id
    _all_sync(a, b)
    _set(a, Visit, vid, notes="Linje 1 – rettet af Anna\nLinje 2\nLinje 3\nLinje 4\n")
    _set(b, Visit, vid, notes="Linje 1\nLinje 2\nLinje 3\nLinje 4 – tilføjet af Bo\n")
    _all_sync(a, b)
    merged = "Linje 1 – rettet af Anna\nLinje 2\nLinje 3\nLinje 4 – tilføjet af Bo\n"
    assert _get(a, Visit, vid).notes == _get(b, Visit, vid).notes == merged
    assert _conflicts(a) == []


def test_note_edits_that_overlap_keep_both_texts(laptops) -> None:
    a, b = laptops("a"), laptops("b")
    cid = _shared_citizen(a, b)
    with a.ctx.uow() as s:
        visit = Visit(citizen_id=cid, at=datetime(2026, 11, 2, 10), notes="Mødet gik godt.")
        s.add(visit)
        s.flush()
        vid = visit.id
    _all_sync(a, b)
    _set(a, Visit, vid, notes="Mødet gik godt. Anna noterer: flere timer.")
    _set(b, Visit, vid, notes="Mødet gik fint. Bo noterer: ny opgave.")
    _all_sync(a, b)
    final = _get(a, Visit, vid).notes
    assert final == _get(b, Visit, vid).notes
    (conflict,) = _conflicts(b)
    assert conflict.kind == "text"
    texts = {final, json.loads(conflict.local_value)}
    assert texts == {"Mødet gik godt. Anna noterer: flere timer.", "Mødet gik fint. Bo noterer: ny opgave."}
    assert json.loads(conflict.base_value) == "Mødet gik godt."


@pytest.mark.parametrize("deleter_first", [True, False])
def test_delete_against_edit_is_a_conflict_and_nothing_is_lost(laptops, deleter_first) -> None:
    a, b = laptops("a"), laptops("b")
    cid = _shared_citizen(a, b)
    _set(a, Citizen, cid, deleted_at=datetime(2026, 11, 20, 9))
    _set(b, Citizen, cid, phone="55554444")
    _all_sync(*((a, b) if deleter_first else (b, a)))
    for lap in (a, b):
        row = _get(lap, Citizen, cid)
        assert row.deleted_at is None and row.phone == "55554444"
        (conflict,) = _conflicts(lap)
        assert (conflict.kind, conflict.field) == ("delete", "deleted_at")
        assert json.loads(conflict.local_value) == "2026-11-20T09:00:00"
    assert snapshot(a) == snapshot(b)


def test_clean_delete_reaches_the_other_laptop(laptops) -> None:
    a, b = laptops("a"), laptops("b")
    cid = _shared_citizen(a, b)
    _set(a, Citizen, cid, deleted_at=datetime(2026, 11, 20, 9))
    _all_sync(a, b)
    assert _get(b, Citizen, cid).deleted_at == datetime(2026, 11, 20, 9)
    assert _conflicts(b) == []
