"""Window state (size, splitters, columns) in an INI file in the program's
config folder, so that JOBCOACH_DATA_DIR moves it too (tests never touch
the user's real settings)."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from app import paths


def window_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)
