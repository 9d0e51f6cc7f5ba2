"""The program's own icons (resources/icons/ui/*.svg, CC0, see LICENSE.txt
there): one place that finds them, in the source tree and in the bundle."""
from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from app import paths

PAGE_ICONS = {"today": "today", "citizens": "citizens", "companies": "companies", "placements": "placements",
              "reports": "reports", "sync": "sync", "access_log": "access_log"}


@cache
def icon(name: str) -> QIcon:
    """The icon `name` (an empty icon if the file is missing: never an error)."""
    path = paths.resources_dir() / "icons" / "ui" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def page_icon(page: str) -> QIcon:
    """The icon of a page (ui.views.page_ids.Page, whose values are these keys)."""
    return icon(PAGE_ICONS.get(str(getattr(page, "value", page)), ""))
