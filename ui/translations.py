"""Qt's own texts in Danish: the standard buttons (Ja, Nej, Annuller), the
file and print dialogs and the context menus of text fields.

The translations ship with PySide6 (Qt/translations/qtbase_da.qm); the
PyInstaller spec keeps the *_da files, so the same path works in the bundle."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
CATALOGUES = ("qtbase_da",)


def install_danish(app: QApplication) -> list[QTranslator]:
    """Load the Danish Qt catalogues into `app`; the translators are kept as
    children of the app (a collected translator would silently stop working)."""
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), _beside_pyside()]
    loaded = []
    for name in CATALOGUES:
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("Qt translation %s not found", name)
    return loaded


def _beside_pyside() -> str:
    """PySide6's own translations folder (where a bundle keeps the *_da files)."""
    import PySide6

    return str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
