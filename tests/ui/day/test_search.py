"""Searching citizens: every match is counted, the list pages through all of
them as it scrolls, and each row says why it matched (field or note)."""
from __future__ import annotations

from datetime import datetime, timedelta

from app.services import citizen_search, citizens, visits
from db.changes import bulk_insert
from db.models import Citizen
from tests.ui.day.conftest import make_window, shoot
from ui.views.page_ids import Page


def many_with_a_note(ctx, n: int) -> None:
    with ctx.uow() as s:
        bulk_insert(s, Citizen, [{"name": f"Borger {i:04d}", "status": "aktiv"} for i in range(n)])
    for c in citizens.list_citizens(ctx, 0, n).rows[:n]:
        visits.create_visit(ctx, c.id, at=datetime.now() - timedelta(days=2),
                            notes="Vi talte om kantinen og Ærø-turen i foråret.")


def test_all_matches_are_counted_and_say_why(ctx):
    by_name = citizens.create_citizen(ctx, name="Kantina Hansen", city="Odense")
    by_city = citizens.create_citizen(ctx, name="Ole Kant", city="Kantinby")
    many_with_a_note(ctx, 230)
    matches = citizen_search.find(ctx, "kantin")
    assert matches.total == 232  # not stopped at 200
    first = citizen_search.page(ctx, matches, 0, 100)
    assert first.total == 232 and len(first.rows) == 100
    assert (first.rows[0].id, first.rows[0].why) == (by_name.id, "Navn")
    assert (first.rows[1].id, first.rows[1].why) == (by_city.id, "By")
    assert first.rows[2].why.startswith("Note: ") and "«kantinen»" in first.rows[2].why
    last = citizen_search.page(ctx, matches, 200, 100)
    assert len(last.rows) == 32
    assert len({r.id for r in first.rows + last.rows}) == 132


def test_a_note_match_shows_the_word_marked(ctx):
    c = citizens.create_citizen(ctx, name="Mette Madsen")
    visits.create_visit(ctx, c.id, at=datetime.now() - timedelta(days=1), notes="Planlægger Ærø-turen med holdet")
    [row] = citizen_search.page(ctx, citizen_search.find(ctx, "ærø"), 0, 10).rows
    assert row.why.startswith("Note: Planlægger «Ærø»-turen")


def test_the_list_tells_the_total_and_loads_as_it_scrolls(qtbot, ctx):
    many_with_a_note(ctx, 230)
    window = make_window(ctx, qtbot)
    page = window.go(Page.CITIZENS)
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.search.setText("kantin")
        page.run_search("kantin")
    assert page.count.text() == "230 fundet"
    assert page.model.rowCount() == 100  # the first page; the rest as the list scrolls
    assert not page.table.isColumnHidden(page.why_column) and page.table.isColumnHidden(2)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 100, timeout=5000)
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == 230
    shoot(window, "citizens_search_why")
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.search.setText("")
        page.run_search("")
    assert page.table.isColumnHidden(page.why_column) and page.count.text() == "230 i alt"
    window.close()


def test_companies_are_all_counted_and_paged(ctx):
    from app.services import company_search
    from db.models import Company

    with ctx.uow() as s:
        bulk_insert(s, Company, [{"name": f"Kantinen {i:03d} ApS", "cvr": "", "city": "Odense"}
                                 for i in range(250)])
    ids = company_search.find(ctx, "kantin")
    assert len(ids) == 250
    first, last = company_search.page(ctx, ids, 0, 100), company_search.page(ctx, ids, 200, 100)
    assert first.total == 250 and len(first.rows) == 100 and len(last.rows) == 50
    assert first.rows[0].name == "Kantinen 000 ApS"


def test_placements_are_all_counted_and_paged_by_citizen_or_company(qtbot, ctx):
    from datetime import date

    from app.services import placement_search, placements
    from db.models import Company

    with ctx.uow() as s:
        bulk_insert(s, Citizen, [{"name": f"Kantinebo {i:03d}", "status": "aktiv"} for i in range(180)])
        bulk_insert(s, Company, [{"name": "Kantinen ApS", "cvr": "", "city": "Odense"}])
    company = next(c for c in companies_named(ctx, "Kantinen ApS"))
    other = citizens.create_citizen(ctx, name="Ulla Andersen")
    for n, c in enumerate(citizens.list_citizens(ctx, 0, 500).rows):
        placements.create_placement(ctx, c.id, placement_type="skaanejob",
                                    company_id=company if c.id == other.id else None,
                                    internal_unit=None if c.id == other.id else "Køkkenet",
                                    start_date=date(2026, 1, 1) + timedelta(days=n))
    ids = placement_search.find(ctx, "kantin")
    assert len(ids) == 181  # 180 by the citizen's name, Ulla's by the company: not stopped at 200 or 50
    last = placement_search.page(ctx, ids, 100, 100)
    assert last.total == 181 and len(last.rows) == 81
    window = make_window(ctx, qtbot)
    page = window.go(Page.PLACEMENTS)
    with qtbot.waitSignal(page.searched, timeout=10000):
        page.search.setText("kantin")
        page.run_search("kantin")
    assert page.count.text() == "181 fundet"
    window.close()


def companies_named(ctx, name: str):
    from app.services import company_search

    return company_search.find(ctx, name)
