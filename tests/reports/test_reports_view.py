"""The Rapporter view on the hand-counted data set: figures, charts, the
citizens behind a figure (logged), export; rendered at 1366x768."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QPoint, Qt
from sqlalchemy import func, select

from db.models import AccessLog
from tests.reports.dataset import build
from ui.reports_view import GROUP_ROLE, ReportsView
from ui.worker import wait_for_all

SCREENS = Path(__file__).resolve().parent.parent / "screens"


def _view(qtbot, ctx) -> ReportsView:
    data = build(ctx)
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.preset.setCurrentText("Valgfri")
    view.start.setDate(QDate(2025, 1, 1))
    view.end.setDate(QDate(2025, 6, 30))
    view.show()  # the first show computes the chosen period
    qtbot.waitUntil(lambda: view.report is not None, timeout=20_000)
    view.data = data
    return view


def _items(view: ReportsView) -> dict[str, tuple[str, str, str | None]]:
    out = {}
    for i in range(view.tree.topLevelItemCount()):
        section = view.tree.topLevelItem(i)
        for j in range(section.childCount()):
            item = section.child(j)
            out[item.text(0)] = (item.text(1), item.text(2), item.data(0, GROUP_ROLE))
    return out


def _views_logged(ctx) -> int:
    with ctx.uow() as s:
        return s.scalar(select(func.count()).select_from(AccessLog).where(
            AccessLog.entity == "report", AccessLog.action == "view"))


def test_figures_and_charts_are_shown(qtbot, ctx):
    view = _view(qtbot, ctx)
    items = _items(view)
    assert items["Har øget ugentlige timer (mål 35 %)"] == ("50,0 %", "2 af 4", "hours_raised")
    assert items["Opfølgninger for sent"][0] == "2 besøg"
    assert items["Intern → Ekstern"][0] == "1 skift"
    assert view.share_bar.share == 50.0
    assert [b[2] for b in view.follow_chart.bars] == [6, 2, 2]
    assert len(view.month_chart.months) == 6
    assert view.csv_button.isEnabled() and view.pdf_button.isEnabled()
    SCREENS.mkdir(exist_ok=True)
    qtbot.wait(50)  # let the layout take the charts' new heights
    assert view.grab().save(str(SCREENS / "reports_view.png"))


def test_opening_a_figure_lists_and_logs_its_citizens(qtbot, ctx):
    view = _view(qtbot, ctx)
    assert _views_logged(ctx) == 0
    section = view.tree.topLevelItem(1)  # "Timer"
    raised = next(section.child(j) for j in range(section.childCount())
                  if section.child(j).data(0, GROUP_ROLE) == "hours_raised")
    view.tree.itemActivated.emit(raised, 0)
    dialog = view.last_dialog
    names = sorted(dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()))
    assert names == ["Anna", "Bent"]
    assert _views_logged(ctx) == 2
    dialog.resize(640, 300)
    assert dialog.grab().save(str(SCREENS / "reports_citizens_dialog.png"))
    dialog.close()
    # a click on the follow-up chart's "for sent" bar opens the same kind of list
    qtbot.mouseClick(view.follow_chart, Qt.MouseButton.LeftButton, pos=QPoint(300, 26 + 24 + 10))
    assert view.last_dialog.table.rowCount() == 2  # Anna and Bent had a late visit
    view.last_dialog.close()


def test_export_from_the_view(qtbot, ctx, tmp_path):
    view = _view(qtbot, ctx)
    view.export_to("csv", tmp_path / "r.csv")
    view.export_to("pdf", tmp_path / "r.pdf")
    qtbot.waitUntil(lambda: (tmp_path / "r.pdf").exists() and (tmp_path / "r.csv").exists(),
                    timeout=20_000)
    assert wait_for_all()
    qtbot.waitUntil(lambda: view.status.text().startswith("Gemt"), timeout=5_000)
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_a_newer_computation_wins(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.end.setDate(QDate(2025, 1, 31))
    view.refresh()
    assert not view.run_button.isEnabled()  # no second click while it computes
    view.start.setDate(QDate(2025, 3, 1))
    view.end.setDate(QDate(2025, 3, 31))
    view.refresh()
    assert wait_for_all()
    qtbot.waitUntil(lambda: view.report.scope.end.month == 3, timeout=10_000)
    qtbot.wait(100)  # the stale January result must not replace it
    assert view.report.scope.start.month == 3 and view.run_button.isEnabled()


def test_period_backwards_is_refused_without_computing(qtbot, ctx):
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.start.setDate(QDate(2025, 6, 30))
    view.end.setDate(QDate(2025, 1, 1))
    view.run_button.click()
    assert "før" in view.status.text() and view.report is None
