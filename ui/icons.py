"""The program's own icons (resources/icons/ui/*.svg, CC0, see LICENSE.txt
there): one place that finds them, in the source tree and in the bundle."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from app import paths

PAGE_ICONS = {"I dag": "today", "Borgere": "citizens", "Virksomheder": "companies", "Forløb": "placements",
              "Rapporter": "reports", "Synkronisering": "sync", "Adgangslog": "access_log"}


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The icon `name` (an empty icon if the file is missing: never an error)."""
    path = paths.resources_dir() / "icons" / "ui" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def page_icon(page: str) -> QIcon:
    return icon(PAGE_ICONS.get(page, ""))
