"""Issue 12, item 9: a sync page applied in the background and a note
autosave on the GUI thread at the same time. Both begin as writers, so the
second waits for the first instead of failing with "database is locked"."""
from __future__ import annotations

import threading
from datetime import datetime

import pytest

from app.services import citizens, visits
from app.sync.apply import apply_page
from db.models import Citizen

pytestmark = pytest.mark.postgres
ROUNDS = 60


def _pages(laptop) -> list[dict]:
    """Every page of the team from cursor 0, as the server sends them."""
    pages, cursor = [], 0
    with laptop.transport() as t:
        while True:
            page = t.pull(cursor, None, 200)
            pages.append(page)
            cursor = page["cursor"]
            if not page["more"]:
                return pages


def test_two_writers_at_once_page_apply_and_note_autosave_never_fail(laptops) -> None:
    a, b = laptops("a", "anna"), laptops("b", "bo")
    with a.ctx.uow() as s:
        s.add_all([Citizen(name=f"Borger {n}") for n in range(600)])
    a.sync()
    pages = _pages(b)
    assert sum(len(p["records"]) for p in pages) >= 600
    mine = citizens.create_citizen(b.ctx, name="Min borger")
    visit = visits.create_visit(b.ctx, mine.id, at=datetime(2026, 3, 2, 10, 0))
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def apply_pages() -> None:
        start.wait()
        try:
            for _ in range(ROUNDS // 10):
                for page in pages:
                    apply_page(b.ctx.store, page)
        except BaseException as exc:
            failures.append(exc)

    applier = threading.Thread(target=apply_pages)
    applier.start()
    start.wait()
    read_back = []
    try:
        for n in range(ROUNDS * 5):
            visits.save_notes(b.ctx, visit.id, f"Noter, runde {n}")
            read_back.append(visits.get_visit(b.ctx, visit.id).notes)
    finally:
        applier.join()
    assert failures == []
    assert read_back == [f"Noter, runde {n}" for n in range(ROUNDS * 5)]
