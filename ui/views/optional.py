"""Pieces built by other parts of the program (editors, reports, sync,
printing) are imported when first used; if one is missing or broken, the
program says so in Danish and goes on."""
from __future__ import annotations

import importlib
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

log = logging.getLogger(__name__)
NOT_READY = "Denne del af programmet er ikke tilgængelig i denne version."


def optional(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError:
        log.info("optional part missing: %s.%s", module, name)
    except Exception:  # noqa: BLE001 (a broken part must not stop the program)
        log.exception("optional part failed to import: %s.%s", module, name)
    return None


def placeholder(title: str) -> QWidget:
    label = QLabel(f"{title}\n\n{NOT_READY}")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setObjectName("placeholder")
    return label


def page_or_placeholder(module: str, name: str, title: str, ctx) -> QWidget:
    cls = optional(module, name)
    if cls is None:
        return placeholder(title)
    try:
        return cls(ctx, parent=None)
    except Exception:  # noqa: BLE001
        log.exception("page failed to build: %s.%s", module, name)
        return placeholder(title)


def editor(module: str, name: str, parent: QWidget | None) -> Any | None:
    """The class of an editor dialog, or None after telling the user."""
    cls = optional(module, name)
    if cls is None:
        QMessageBox.information(parent, "Jobcoach", NOT_READY)
    return cls


def run_editor(parent: QWidget | None, module: str, name: str, *args: Any) -> bool:
    """Open another part's dialog modally; True when it was accepted."""
    from PySide6.QtWidgets import QDialog

    from ui.errors import show_error

    cls = editor(module, name, parent)
    if cls is None:
        return False
    try:
        dialog = cls(*args, parent=parent)
        return dialog.exec() == QDialog.DialogCode.Accepted
    except Exception as exc:  # noqa: BLE001 (the program goes on)
        show_error(parent, exc)
        return False
