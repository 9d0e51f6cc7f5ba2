"""One number format everywhere (Danish, 1.542): the status bar, the lists'
counts and I dag's counts."""
from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

from app.formatting import fmt_number
from app.services import status
from ui.widgets.status_bar import StatusParts


def test_status_bar_count_is_danish(qtbot, ctx):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    parts = StatusParts(ctx, bar)
    parts.show(status.Status(1542, False, False))
    assert parts.unsynced.text() == "1.542 ændringer ikke synkroniseret"
    assert fmt_number(1542, 0) == "1.542" and fmt_number(2743, 0) == "2.743"
