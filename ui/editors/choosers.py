"""Combo boxes the editors share: a searchable company chooser (filled off
the GUI thread) and plain code/label choosers."""
from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.context import Context
from app.services.companies import list_companies
from ui.worker import run_in_background

NO_COMPANY = "(Ingen – intern enhed)"


def code_combo(table: dict, parent: QWidget | None = None, blank: str | None = None) -> QComboBox:
    """A combo of Danish labels whose item data are the stored code values."""
    combo = QComboBox(parent)
    if blank is not None:
        combo.addItem(blank, None)
    for code, label in table.items():
        combo.addItem(label, str(code))
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class CompanyCombo(QComboBox):
    """Type part of a name or CVR to find the company; 'loaded' fires once
    the list is there (it is read in the background)."""

    loaded = Signal()
    company_changed = Signal()  # the resolved company changed (picked or typed)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(NO_COMPANY, None)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.is_loaded = False
        self._wanted: str | None = None
        line = self.lineEdit()  # there is one: the box is editable
        if line is not None:
            line.setPlaceholderText("Skriv en del af navnet eller CVR")
        self._last: str | None = None
        self.currentIndexChanged.connect(self._maybe_changed)
        self.editTextChanged.connect(self._maybe_changed)

    def _maybe_changed(self) -> None:
        try:
            current = self.company_id()
        except ValueError:
            current = None
        if current != self._last:
            self._last = current
            self.company_changed.emit()

    def load(self, on_error: Callable[[Exception], None] | None = None) -> None:
        ctx = self.ctx  # the worker thread must not touch this widget, not even to read ctx
        run_in_background(self, lambda: list_companies(ctx, 0, 100_000).rows,
                          on_done=self._fill, on_error=on_error)

    def _fill(self, companies: list) -> None:
        if not shiboken6.isValid(self):
            return  # the dialog was closed while the list was read
        self.blockSignals(True)
        for company in companies:
            label = f"{company.name} (CVR {company.cvr})" if company.cvr else company.name
            self.addItem(label, company.id)
        self.blockSignals(False)
        self.is_loaded = True
        self.set_company(self._wanted)
        self.loaded.emit()

    def set_company(self, company_id: str | None) -> None:
        self._wanted = company_id
        index = self.findData(company_id) if company_id else 0
        self.setCurrentIndex(max(index, 0))

    def company_id(self) -> str | None:
        """The chosen company; raises ValueError if the text matches none."""
        text = self.currentText().strip()
        if not text or text == NO_COMPANY:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            matches = [i for i in range(1, self.count()) if text.lower() in self.itemText(i).lower()]
            if len(matches) != 1:
                raise ValueError(text)
            index = matches[0]
        return self.itemData(index)
