"""Every item model of the browsing screens passes Qt's model tester."""
from __future__ import annotations

from datetime import time

from app.services import citizens, companies, placements, visits
from ui.models import columns
from ui.models.paged import PAGE_SIZE, PagedModel
from ui.models.rows import ROW_ROLE, SORT_ROLE, RowsModel, sorting_proxy
from ui.models.schedule import GridSlot, ScheduleGridModel


def test_rows_model_and_proxy(demo_ctx, qtmodeltester) -> None:
    model = RowsModel(columns.CITIZENS)
    model.set_rows(citizens.list_citizens(demo_ctx, 0, 30).rows)
    qtmodeltester.check(model)
    proxy = sorting_proxy(model)
    qtmodeltester.check(proxy)
    assert model.headerData(0, columns_orientation()) == "Navn"
    first = model.index(0, columns.CITIZEN_NAME)
    assert first.data() == first.data(ROW_ROLE).name
    assert first.data(SORT_ROLE) == first.data().casefold()


def columns_orientation():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_paged_model_fetches_pages_on_demand(demo_ctx, qtmodeltester) -> None:
    model = PagedModel(columns.COMPANIES, lambda o, n: companies.list_companies(demo_ctx, o, n))
    model.reload()
    assert model.total == 25 and model.rowCount() == 25 and not model.canFetchMore()
    loads = []

    def loader(offset, limit):
        loads.append(offset)
        return visits_page(demo_ctx, offset, limit)

    paged = PagedModel(columns.VISITS, loader)
    paged.reload()
    assert paged.rowCount() == PAGE_SIZE and paged.canFetchMore()
    paged.fetchMore()
    assert paged.rowCount() == 2 * PAGE_SIZE and loads == [0, PAGE_SIZE]
    qtmodeltester.check(paged)
    paged.set_rows(paged.rows[:3])
    assert not paged.canFetchMore()
    qtmodeltester.check(paged)


def visits_page(ctx, offset, limit):
    from app.services.dto import Page

    everything = visits_of_all(ctx)
    return Page(everything[offset:offset + limit], len(everything))


def visits_of_all(ctx):
    rows = []
    for c in citizens.list_citizens(ctx, 0, 1000).rows:
        rows += visits.visits_of_citizen(ctx, c.id)
    return rows


def test_every_column_set_renders(demo_ctx, qtmodeltester) -> None:
    from app.services import today

    sets = {
        "PLACEMENTS": (columns.PLACEMENTS, placements.list_placements(demo_ctx, 0, 50).rows),
        "TODAY": (columns.TODAY, today.overview(demo_ctx)),
        "CONTACTS": (columns.CONTACTS,
                     companies.list_contacts(demo_ctx, companies.list_companies(demo_ctx).rows[0].id)),
    }
    for name, (cols, rows) in sets.items():
        assert rows, name
        model = RowsModel(cols)
        model.set_rows(rows)
        qtmodeltester.check(model)
        proxy = sorting_proxy(model)
        for column in range(len(cols)):
            proxy.sort(column)
            assert proxy.rowCount() == len(rows)


def test_schedule_grid_model(qtmodeltester) -> None:
    model = ScheduleGridModel()
    model.set_slots([GridSlot(0, time(8), time(12), "p1", "Bageriet"),
                     GridSlot(2, time(13), time(15), "p2", "Værkstedet")])
    qtmodeltester.check(model)
    assert model.headerData(0, columns_orientation()) == "Mandag"
    assert model.index(8 - 6, 0).data() == "Bageriet"    # 08:00 Monday
    assert model.index(11 - 6, 0).data() == "Bageriet"   # 11:00 Monday
    assert model.index(12 - 6, 0).data() is None         # 12:00 free
    assert model.index(14 - 6, 2).data() == "Værkstedet"
    assert model.index(8 - 6, 1).data() is None
