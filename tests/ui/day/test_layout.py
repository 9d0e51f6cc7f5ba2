"""Layout for a 1366×768 screen with a title bar and a task bar: the main
window and the dialogs fit, the master lists show every column without
sideways scrolling, and every page is rendered into /tmp/screens/."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from app.services import placements
from tests.ui.day.conftest import fits_small_screen, make_window, shoot
from ui.main_window import MainWindow
from ui.views.page_ids import Page

PAGES = [Page.TODAY, Page.CITIZENS, Page.COMPANIES, Page.PLACEMENTS, Page.REPORTS, Page.SYNC]


@pytest.fixture
def demo_ctx(ctx):
    from app.demo import build_demo

    build_demo(ctx, "small")
    return ctx


def test_a_new_main_window_fits_the_small_screen(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert fits_small_screen(window)


def test_every_page_at_1366(qtbot, demo_ctx):
    window = make_window(demo_ctx, qtbot)
    for name in PAGES:
        page = window.go(name)
        loaded = page
        if name == Page.TODAY:
            qtbot.waitUntil(lambda p=loaded: bool(p.items), timeout=10000)
        if name in (Page.CITIZENS, Page.COMPANIES, Page.PLACEMENTS):
            qtbot.waitUntil(lambda p=loaded: p.model.rowCount() > 0, timeout=10000)
            page.table.selectRow(0)
            QApplication.processEvents()
            assert page.table.horizontalScrollBar().maximum() == 0, f"{name}: a column is cut"
        if name == Page.REPORTS:
            qtbot.waitUntil(lambda p=loaded: "Beregner" not in p.status.text(), timeout=20000)
        qtbot.wait(200)
        shoot(window, f"page_{name}")
    window.close()


def dialogs(ctx):
    from app.services import companies
    from app.services.reports import CitizenLine
    from ui.addendum_dialog import AddendumDialog
    from ui.editors.accommodation_editor import AccommodationEditor
    from ui.editors.placement_editor import PlacementEditor
    from ui.editors.visit_editor import VisitEditor
    from ui.editors.wage_editor import WageEditor
    from ui.report_citizens import CitizensDialog
    from ui.views.contact_dialog import ContactDialog
    from ui.views.new_dialogs import new_citizen_dialog, new_company_dialog
    from ui.views.schedule_dialog import ScheduleDialog
    from ui.views.settings_dialog import SettingsDialog

    p = placements.list_placements(ctx, 0, 1).rows[0]
    yield "placement_editor", PlacementEditor(ctx, p.citizen_id, p.id)
    yield "addendum", AddendumDialog(ctx, p.id)
    yield "schedule", ScheduleDialog(ctx, p.id, placements.schedule_of(ctx, p.id))
    yield "contact", ContactDialog(ctx, companies.list_companies(ctx).rows[0].id)
    yield "new_citizen", new_citizen_dialog(ctx)
    yield "new_company", new_company_dialog(ctx)
    lines = [CitizenLine(str(i), f"Borger {i}", "coach01", "Har øget ugentlige timer") for i in range(40)]
    yield "report_citizens", CitizensDialog("Har øget ugentlige timer", lines)
    yield "wage_editor", WageEditor(ctx, p.id)
    yield "accommodation_editor", AccommodationEditor(ctx, p.citizen_id)
    yield "visit_editor", VisitEditor(ctx, p.citizen_id)
    yield "settings", SettingsDialog(ctx)


def test_every_dialog_fits(qtbot, demo_ctx):
    for name, dialog in dialogs(demo_ctx):
        qtbot.addWidget(dialog)
        dialog.show()
        assert fits_small_screen(dialog), f"{name}: {dialog.size()}"
        shoot(dialog, f"dialog_{name}")
        if isinstance(dialog, QDialog):
            dialog.reject()
