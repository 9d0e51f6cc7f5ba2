"""The visit dialog names whose visit it is: citizen, placement and company."""
from __future__ import annotations

from tests.ui.day.conftest import fits_small_screen, shoot
from ui.editors.visit_editor import VisitEditor


def test_title_and_header_name_citizen_placement_and_company(qtbot, ctx, world):
    dlg = VisitEditor(ctx, world.citizen_id)
    qtbot.addWidget(dlg)
    dlg.show()
    for text in (dlg.windowTitle(), dlg.header.text()):
        assert "Søren Ærø Østergaard" in text
        assert "Bageriet Åen ApS" in text
        assert "skånejob" in text
    assert fits_small_screen(dlg)
    shoot(dlg, "visit_dialog")


def test_header_follows_a_changed_placement(qtbot, ctx, world):
    dlg = VisitEditor(ctx, world.citizen_id)
    qtbot.addWidget(dlg)
    dlg.form.placement.setCurrentIndex(0)  # (Intet forløb)
    assert "intet forløb" in dlg.header.text()
    assert "Bageriet" not in dlg.windowTitle()
    dlg.reject()
