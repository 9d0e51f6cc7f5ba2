"""Putting a PDF on paper or in the system viewer: the pages of a loaded
QPdfDocument are rendered at the printer's resolution (capped, so a
1200 dpi printer does not get 100 MB images) and drawn to fit the page."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page; returns the number of pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Printeren kunne ikke startes.")
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() * dpi / 72),
                                                 round(points.height() * dpi / 72)))
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(0, 0, image.width() * scale, image.height() * scale)
            target.moveCenter(area.center())
            painter.drawImage(target, image)
        return document.pageCount()
    finally:
        painter.end()


def viewer_file(pdf: bytes, name: str) -> Path:
    """A copy for the system's PDF viewer, in a private temporary folder."""
    folder = Path(tempfile.gettempdir()) / "jobcoach-tillaegsaftaler"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / name
    path.write_bytes(pdf)
    return path


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
