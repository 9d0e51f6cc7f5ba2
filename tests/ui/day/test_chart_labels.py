"""Chart labels never overlap: the placing rules, and the charts drawn at
narrow and 1366 px widths (rendered into /tmp/screens/)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services.dto import HoursDTO, MilestoneDTO
from tests.ui.day.conftest import shoot
from ui.editors.chart_labels import GAP, axis_start, stack, thin_axis


@pytest.mark.parametrize("count,width", [(5, 800.0), (52, 400.0), (104, 1200.0), (300, 300.0)])
def test_axis_labels_never_overlap(count, width):
    xs = [width * i / max(count - 1, 1) for i in range(count)]
    kept = thin_axis(xs, 60.0, 0.0, width)
    assert kept and kept[0] == 0
    starts = [axis_start(xs[i], 60.0, 0.0, width) for i in kept]
    assert all(b >= a + 60.0 + GAP for a, b in zip(starts, starts[1:]))
    assert all(0.0 <= s and s + 60.0 <= width for s in starts)


def test_stacked_labels_never_overlap_within_a_row():
    starts = [0.0, 10.0, 20.0, 30.0, 200.0]
    rows = stack(starts, [100.0] * 5, 3)
    assert rows == [0, 1, 2, None, 0]


def test_hours_chart_with_many_weeks_and_close_milestones(qtbot):
    from ui.editors.hours_chart import HoursChart

    start = date(2025, 1, 6)
    hours = [HoursDTO(id=str(i), placement_id="p", week_start=start + timedelta(weeks=i),
                      attendance_hours=10 + i % 7, paid_hours=8 + i % 5, ordinary_hours=i % 3, note="")
             for i in range(90)]
    milestones = [MilestoneDTO(id=str(i), placement_id="p", kind="flere_timer", text=f"Delmål nummer {i}",
                               target_date=start + timedelta(days=30 + 5 * i), status="planlagt",
                               achieved_on=None) for i in range(6)]
    chart = HoursChart()
    qtbot.addWidget(chart)
    chart.set_data(hours, milestones)
    for width in (480, 1100):
        chart.resize(width, 260)
        chart.show()
        shoot(chart, f"hours_chart_{width}")
