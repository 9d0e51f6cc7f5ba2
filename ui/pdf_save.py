"""Saving a printed document where the user chooses: the save dialog, then
the write; a failure is shown and the dialog it came from stays open."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ui.errors import show_error


def ask_save_pdf(parent: QWidget, title: str, suggested_name: str, write: Callable[[Path], object]) -> None:
    """Ask where to save the PDF and `write` it there; nothing if the user cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested_name, "PDF-filer (*.pdf)")
    if path:
        try:
            write(Path(path))
        except Exception as exc:
            show_error(parent, exc)
