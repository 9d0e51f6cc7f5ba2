"""Progression: milestones, hours log, chart and step 3, driven by keyboard and mouse."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.services import progression, wages
from tests.ui.editors.conftest import save_screen, show_active
from ui.editors.hours_chart import SERIES
from ui.editors.progression_widget import ProgressionWidget


def open_widget(qtbot, ctx, placement_id) -> ProgressionWidget:
    widget = ProgressionWidget(ctx, placement_id)
    with qtbot.waitSignal(widget.loaded, timeout=5000):
        show_active(qtbot, widget)
    return widget


def refreshed(qtbot, widget, action) -> None:
    with qtbot.waitSignal(widget.loaded, timeout=5000):
        action()


def colours(widget) -> set[str]:
    image = widget.grab().toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)}


def test_milestone_added_and_marked_achieved(qtbot, ctx, world):
    widget = open_widget(qtbot, ctx, world.placement_id)
    m = widget.milestones
    m.kind.setCurrentIndex(m.kind.findText("Flere timer"))
    qtbot.keyClicks(m.text, "15 timer om ugen")
    qtbot.keyClicks(m.target, "01.03.2027")
    refreshed(qtbot, widget, lambda: qtbot.keyClick(m.target, Qt.Key.Key_Return))
    [saved] = progression.milestones(ctx, world.placement_id)
    assert (saved.kind, saved.text, saved.target_date, saved.status) == (
        "flere_timer", "15 timer om ugen", date(2027, 3, 1), "planlagt")
    assert m.table.rowCount() == 1 and m.table.item(0, 3).text() == "Planlagt"
    m.table.selectRow(0)
    refreshed(qtbot, widget, lambda: qtbot.mouseClick(m.achieve_button, Qt.MouseButton.LeftButton))
    [saved] = progression.milestones(ctx, world.placement_id)
    assert saved.status == "naaet" and saved.achieved_on == date.today()
    assert m.table.item(0, 3).text().startswith("Nået")


def test_milestone_without_date_refused_at_field(qtbot, ctx, world):
    widget = open_widget(qtbot, ctx, world.placement_id)
    qtbot.keyClicks(widget.milestones.text, "Flere opgaver")
    qtbot.mouseClick(widget.milestones.add_button, Qt.MouseButton.LeftButton)
    assert widget.milestones.errors.message("target_date") == "Måldatoen skal udfyldes."
    assert widget.milestones.text.text() == "Flere opgaver"
    assert progression.milestones(ctx, world.placement_id) == []


def test_hours_logged_edited_and_step3(qtbot, ctx, world):
    wages.add_wage_version(ctx, world.placement_id, valid_from=date.today() - timedelta(days=30),
                           hourly_wage_ore=12000, attendance_hours=12, work_intensity=50,
                           payer="virksomhed_borger")
    widget = open_widget(qtbot, ctx, world.placement_id)
    h = widget.hours
    assert h.intensity.value() == 50  # from the wage agreement in force
    assert widget.step3_reached is False
    monday = progression.monday(date(2026, 10, 5))
    for week, attendance, ordinary in ((0, "10", "2"), (1, "12", "5"), (2, "14,5", "8"), (3, "15", "9")):
        h.week.selectAll()
        qtbot.keyClicks(h.week, (monday + timedelta(weeks=week)).strftime("%d.%m.%Y"))
        qtbot.keyClicks(h.attendance, attendance)
        qtbot.keyClicks(h.ordinary, ordinary)
        assert h.paid.text().endswith(" t")
        refreshed(qtbot, widget, lambda: qtbot.mouseClick(h.save_button, Qt.MouseButton.LeftButton))
    log = progression.hours_log(ctx, world.placement_id)
    assert [(r.attendance_hours, r.paid_hours, r.ordinary_hours) for r in log] == [
        (10, 5, 2), (12, 6, 5), (14.5, 7.25, 8), (15, 7.5, 9)]
    assert widget.step3_reached is False  # 24 ordinary hours in October
    assert widget.step3.text() == (
        "Trin 3 er ikke nået: højst 24 ordinære timer på en måned (oktober 2026); målet er 30.")
    h.table.selectRow(3)  # change the last week: 15 ordinary hours brings October to 30
    assert h.attendance.text() == "15,00"
    h.ordinary.selectAll()
    qtbot.keyClicks(h.ordinary, "15")
    refreshed(qtbot, widget, lambda: qtbot.keyClick(h.ordinary, Qt.Key.Key_Return))
    assert len(progression.hours_log(ctx, world.placement_id)) == 4  # the week was replaced
    assert widget.step3_reached is True
    assert widget.step3.text() == "✔ Trin 3 er nået: 30 ordinære timer i oktober 2026 (mål 30 på en måned)."
    progression.add_milestone(ctx, world.placement_id, kind="ordinaere_timer", text="30 ordinære timer",
                              target_date=monday + timedelta(weeks=2))
    widget.resize(1180, 640)
    refreshed(qtbot, widget, widget.refresh)
    painted = colours(widget.chart)
    assert {c.name() for _k, _l, c in SERIES} <= painted  # all three series are drawn
    assert "#777777" in painted  # the planned milestone's line
    save_screen(widget, "progression_widget", (1180, 640))


def test_bad_hours_refused_at_field(qtbot, ctx, world):
    widget = open_widget(qtbot, ctx, world.placement_id)
    qtbot.keyClicks(widget.hours.attendance, "ti")
    qtbot.keyClicks(widget.hours.ordinary, "2")
    qtbot.mouseClick(widget.hours.save_button, Qt.MouseButton.LeftButton)
    assert widget.hours.errors.message("attendance_hours") == "Skriv et tal, fx 7,5."
    widget.hours.attendance.selectAll()
    qtbot.keyClicks(widget.hours.attendance, "-3")
    qtbot.mouseClick(widget.hours.save_button, Qt.MouseButton.LeftButton)
    assert widget.hours.errors.message("attendance_hours") == "Timetallet kan ikke være negativt."
    assert widget.hours.ordinary.text() == "2"
    assert progression.hours_log(ctx, world.placement_id) == []


def test_milestone_changed_and_deleted(qtbot, ctx, world, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    progression.add_milestone(ctx, world.placement_id, kind="flere_timer", text="12 timer",
                              target_date=date(2027, 1, 15))
    widget = open_widget(qtbot, ctx, world.placement_id)
    m = widget.milestones
    m.table.selectRow(0)
    assert m.text.text() == "12 timer"  # the selected milestone is in the form
    m.text.clear()
    qtbot.keyClicks(m.text, "14 timer om ugen")
    refreshed(qtbot, widget, lambda: qtbot.mouseClick(m.update_button, Qt.MouseButton.LeftButton))
    [saved] = progression.milestones(ctx, world.placement_id)
    assert (saved.text, saved.target_date) == ("14 timer om ugen", date(2027, 1, 15))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    m.table.selectRow(0)
    refreshed(qtbot, widget, lambda: qtbot.mouseClick(m.delete_button, Qt.MouseButton.LeftButton))
    assert progression.milestones(ctx, world.placement_id) == []
    assert m.table.rowCount() == 0
