"""Showing errors: a Danish message for expected ones, a logged report for
unexpected ones. The program goes on; saved data is untouched."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from app.rules.errors import ValidationError
from app.services.crud import NotFound
from db.engine import StoreError

log = logging.getLogger(__name__)
EXPECTED = (ValidationError, NotFound, StoreError)


def message_for(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(exc.errors.values())
    if isinstance(exc, EXPECTED):
        return str(exc)
    return ("Der opstod en uventet fejl. Dine gemte data er i behold, og fejlen er skrevet i logfilen.\n\n"
            f"({type(exc).__name__})")


def show_error(parent: QWidget | None, exc: Exception) -> None:
    if not isinstance(exc, EXPECTED):
        log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
    QMessageBox.warning(parent, "Jobcoach", message_for(exc))
