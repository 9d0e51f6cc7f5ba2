"""The navigation and the main actions have icons, from resources/icons/ui
(made for the program, CC0: the licence file sits beside them)."""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app import paths
from tests.ui.day.conftest import make_window, shoot
from ui.icons import PAGE_ICONS, icon
from ui.views.page_ids import Page


def test_every_icon_file_loads_and_has_a_licence(qapp):
    folder = paths.resources_dir() / "icons" / "ui"
    assert "CC0" in (folder / "LICENSE.txt").read_text(encoding="utf-8")
    for name in set(PAGE_ICONS.values()) | {"new_visit", "open", "refresh", "login", "new"}:
        assert (folder / f"{name}.svg").exists(), name
        assert not icon(name).pixmap(20, 20).isNull(), name


def test_navigation_and_main_actions_show_icons(qtbot, ctx):
    window = make_window(ctx, qtbot)
    for row in range(window.nav.count()):
        assert not window.nav.item(row).icon().isNull()
    page = window.page(Page.TODAY)
    assert not page.findChild(QPushButton, "today_action").icon().isNull()
    window.go(Page.CITIZENS)
    assert not window.findChild(QPushButton, "new_citizen").icon().isNull()
    assert not window.findChild(QPushButton, "new_visit").icon().isNull()
    shoot(window, "icons_citizens")
    window.close()
