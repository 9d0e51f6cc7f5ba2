"""The browsing lists: rows on demand, search as you type (names, CVR,
note text) off the GUI thread, opening a hit logs it."""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.services import citizens, companies, visits
from db.models import AccessLog
from tests.ui.conftest import grab, settle
from ui.models.paged import PAGE_SIZE
from ui.models.rows import row_of
from ui.views.page_ids import Page


def _rows(page) -> list:
    return [row_of(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]


def _type(qtbot, page, text: str) -> None:
    page.search.clear()
    settle(qtbot, 250)
    with qtbot.waitSignal(page.searched, timeout=5000):
        qtbot.keyClicks(page.search, text)
    settle(qtbot)


def test_citizen_search_by_name_and_note_text(demo_window, demo_ctx, qtbot) -> None:
    page = demo_window.go(Page.CITIZENS)
    settle(qtbot)
    assert page.findChild(QLabel, "citizens_count").text() == "40 i alt"
    someone = citizens.list_citizens(demo_ctx, 0, 40).rows[7]
    last_name = someone.name.split()[-1]
    _type(qtbot, page, last_name[:4].lower())
    found = _rows(page)
    assert someone.id in {c.id for c in found}
    assert all(last_name[:4].lower() in (c.name + " " + c.city).lower() or _has_note(demo_ctx, c.id, last_name[:4])
               for c in found)
    grab(demo_window, "lists_citizens_search_name")
    # A word that occurs only in visit notes finds the citizens who have it.
    v = visits.create_visit(demo_ctx, someone.id, at=datetime.now() - timedelta(hours=1),
                            notes="Aftalt prøvetid på blomsterværkstedet")
    _type(qtbot, page, "blomsterværk")
    assert [c.id for c in _rows(page)] == [someone.id]
    assert page.findChild(QLabel, "citizens_count").text() == "1 fundet"
    page.search.clear()
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.search.flush()
    assert page.proxy.rowCount() == 40
    assert v.citizen_id == someone.id


def _has_note(ctx, citizen_id: str, word: str) -> bool:
    return any(word.lower() in v.notes.lower() for v in visits.visits_of_citizen(ctx, citizen_id))


def test_opening_a_search_hit_is_logged_as_such(demo_window, demo_ctx, qtbot) -> None:
    page = demo_window.go(Page.CITIZENS)
    target = citizens.list_citizens(demo_ctx, 0, 40).rows[3]
    _type(qtbot, page, target.name)
    page.table.setFocus()
    index = next(page.proxy.index(r, 0) for r in range(page.proxy.rowCount())
                 if row_of(page.proxy.index(r, 0)).id == target.id)
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.view.citizen_id == target.id, timeout=5000)
    with demo_ctx.uow() as s:
        actions = list(s.scalars(select(AccessLog.action).where(AccessLog.citizen_id == target.id)))
    assert "search_open" in actions


def test_company_search_by_cvr_and_paging(ctx, qtbot) -> None:
    from tests.ui.conftest import make_window

    for i in range(PAGE_SIZE + 30):
        companies.create_company(ctx, name=f"Firma {i:03d}", city="Vejle")
    special = companies.create_company(ctx, name="Østergaard Gartneri", cvr="10150817")
    w = make_window(ctx, qtbot)
    page = w.go(Page.COMPANIES)
    settle(qtbot)
    assert page.model.rowCount() == PAGE_SIZE and page.model.total == PAGE_SIZE + 31
    for _ in range(5):  # scrolling to the end fetches the next page
        page.table.scrollToBottom()
        qtbot.wait(30)
    assert page.model.rowCount() == PAGE_SIZE + 31
    _type(qtbot, page, "1015")
    assert [c.id for c in _rows(page)] == [special.id]
    _type(qtbot, page, "østerg")  # æøå in either case
    assert [c.id for c in _rows(page)] == [special.id]
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.view.company_id == special.id, timeout=5000)
    w.close()


def test_placement_search_by_company_name(demo_window, demo_ctx, qtbot) -> None:
    from app.services import placements

    page = demo_window.go(Page.PLACEMENTS)
    settle(qtbot)
    some = next(p for p in placements.list_placements(demo_ctx, 0, 60).rows if p.company_id)
    word = some.company_name.split()[0]
    _type(qtbot, page, word)
    rows = _rows(page)
    assert some.id in {p.id for p in rows}
    assert all(word.lower() in (p.company_name + " " + p.citizen_name).lower() for p in rows)
    page.table.selectRow(0)
    settle(qtbot, 250)
    assert page.view.placement is not None
    grab(demo_window, "lists_placements_search")


def test_stale_search_answers_are_dropped(demo_window, qtbot) -> None:
    """Typing fast: only the last text's answer is shown."""
    page = demo_window.go(Page.CITIZENS)
    settle(qtbot)
    page.run_search("a")
    page.run_search("zzzzqqq")
    settle(qtbot)
    assert page.proxy.rowCount() == 0
    assert page.count.text() == "Intet fundet"
