"""Showing errors: a Danish message for expected ones, a logged report for
unexpected ones. The program goes on; saved data is untouched."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def expected() -> tuple[type[Exception], ...]:
    # Imported when an error is shown, not at start: the main window's frame
    # imports this module before the store (and SQLAlchemy) is loaded.
    from app.rules.errors import ValidationError
    from app.services.crud import NotFound
    from db.engine import StoreError

    return ValidationError, NotFound, StoreError


def message_for(exc: Exception) -> str:
    from app.rules.errors import ValidationError

    if isinstance(exc, ValidationError):
        return "\n".join(exc.errors.values())
    if isinstance(exc, expected()):
        return str(exc)
    return ("Der opstod en uventet fejl. Dine gemte data er i behold, og fejlen er skrevet i logfilen.\n\n"
            f"({type(exc).__name__})")


def show_error(parent: QWidget | None, exc: Exception) -> None:
    if not isinstance(exc, expected()):
        log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
    QMessageBox.warning(parent, "Jobcoach", message_for(exc))
