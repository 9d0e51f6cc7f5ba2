"""Without a chosen placement the Progression tab says what to do, in Danish."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.services import citizens
from tests.ui.day.conftest import make_window, shoot
from ui.views.page_ids import Page


def test_progression_tab_without_placement_says_what_to_do(qtbot, ctx):
    c = citizens.create_citizen(ctx, name="Ida Intet Forløb")
    window = make_window(ctx, qtbot)
    window.open_citizen(c.id)
    view = window.page(Page.CITIZENS).view
    qtbot.waitUntil(lambda: view.citizen_id == c.id and view.isEnabled(), timeout=5000)
    view.tabs.setCurrentWidget(view.placements)
    panel = view.placements
    panel.tabs.setCurrentWidget(panel.progression)
    hint = panel.progression.findChild(QLabel, "progression_choose")
    assert hint is not None and hint.text().startswith("Vælg et forløb")
    assert "ikke tilgængelig" not in hint.text()
    shoot(window, "citizen_progression_without_placement")
    window.close()
