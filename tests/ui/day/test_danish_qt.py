"""Qt's own buttons and dialogs speak Danish once the catalogue is loaded."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from ui.translations import install_danish


def test_standard_buttons_are_danish(qtbot):
    app = QApplication.instance()
    translators = install_danish(app)
    try:
        assert translators, "qtbase_da.qm was not found"
        box = QMessageBox(QMessageBox.Icon.Question, "Jobcoach", "Slet?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {box.button(b).text().replace("&", "") for b in (
            QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Cancel)}
        assert texts == {"Ja", "Nej", "Annuller"}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        qtbot.addWidget(buttons)
        assert buttons.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == "Luk"
        assert QLocale().toString(1542) == "1.542"
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(QLocale.c())
