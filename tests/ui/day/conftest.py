"""Shared data for the "jobcoach's day" tests (issue 18): a citizen at a
company, a window on a real encrypted store, and screenshots at 1366×768
into /tmp/screens/ (looked at by hand; the tests check the sizes)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.services import citizens, companies, placements

SHOTS = Path("/tmp/screens")
USABLE_HEIGHT = 728  # 768 minus a 40 px task bar; the title bar comes out of this


@dataclass
class World:
    citizen_id: str
    company_id: str
    placement_id: str


def make_world(ctx, name: str = "Søren Ærø Østergaard") -> World:
    citizen = citizens.create_citizen(ctx, name=name, phone="12345678")
    company = companies.create_company(ctx, name="Bageriet Åen ApS", cvr="10150817", city="Århus")
    placement = placements.create_placement(
        ctx, citizen.id, placement_type="skaanejob", company_id=company.id,
        start_date=date.today() - timedelta(days=40), job_title="Bagermedhjælper")
    return World(citizen.id, company.id, placement.id)


@pytest.fixture
def world(ctx) -> World:
    return make_world(ctx)


def shoot(widget: QWidget, name: str) -> Path:
    """Render the widget as it is into /tmp/screens/<name>.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def fits_small_screen(widget: QWidget) -> bool:
    """The window with a ~30 px title bar fits the 728 px a 1366×768 screen leaves."""
    return widget.width() <= 1366 and widget.height() + 30 <= USABLE_HEIGHT


def make_window(ctx, qtbot):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, USABLE_HEIGHT - 38)  # the offscreen screen is smaller than the design screen
    window.show()
    window.after_show()
    qtbot.waitExposed(window)
    return window
