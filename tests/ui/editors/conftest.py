"""Shared data for the editor tests: a citizen at a company with a contact
person, and a helper that renders a widget into tests/screens/."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.services import citizens, companies, placements

SCREENS = Path(__file__).resolve().parents[2] / "screens"
VALID_CVR = "10150817"


@dataclass
class World:
    citizen_id: str
    company_id: str
    contact_id: str
    placement_id: str


def make_world(ctx) -> World:
    citizen = citizens.create_citizen(ctx, name="Søren Ærø Østergaard", phone="12345678")
    company = companies.create_company(ctx, name="Bageriet Åen ApS", cvr=VALID_CVR, city="Århus")
    companies.create_company(ctx, name="Grønt Køkken I/S", cvr="")
    contact = companies.add_contact(ctx, company.id, name="Lise Holm", title="Butikschef")
    placement = placements.create_placement(
        ctx, citizen.id, placement_type="skaanejob", company_id=company.id,
        start_date=date.today() - timedelta(days=40), job_title="Bagermedhjælper",
        contact_person_id=contact.id)
    return World(citizen.id, company.id, contact.id, placement.id)


@pytest.fixture
def world(ctx) -> World:
    return make_world(ctx)


def show_active(qtbot, widget: QWidget) -> QWidget:
    """Show as the active window, so focus and mnemonics work as for a user."""
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
    return widget


def save_screen(widget: QWidget, name: str, size: tuple[int, int] | None = None) -> Path:
    """Render at the widget's size (or the given one) into tests/screens/."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    if size is not None:
        widget.resize(*size)
    QApplication.processEvents()  # let pending layout changes land first
    path = SCREENS / f"editors_{name}.png"
    assert widget.grab().save(str(path))
    return path
