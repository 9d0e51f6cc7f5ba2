"""The tests' watchdog closes a modal box nobody answers, so a test fails
instead of hanging the run (tests/conftest.no_forgotten_modal)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.support.modal_watch import ModalWatch


def test_an_unanswered_message_box_is_closed_and_reported(qapp) -> None:
    watch = ModalWatch(1.0)
    QMessageBox.warning(None, "Jobcoach", "Underskriftsdatoen ligger før udskriften.")  # blocks until closed
    assert watch.stop() == ["QMessageBox: Underskriftsdatoen ligger før udskriften."]
