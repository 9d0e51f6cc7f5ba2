"""Side-by-side view of one conflict: my value, their value, and an editable
copy; a person picks "Behold min", "Behold deres" or saves an edited value."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import fmt_datetime
from app.sync.conflicts import ENTITY_LABELS, ConflictView, explanation

FIELD_LABELS = {
    "name": "Navn", "phone": "Telefon", "email": "E-mail", "address": "Adresse", "postal_code": "Postnummer",
    "city": "By", "status": "Status", "support": "Støtte (mentor, hjælpemidler)", "notes": "Noter",
    "tasks": "Arbejdsopgaver", "tasks_not_to_do": "Opgaver borgeren ikke skal have", "text": "Tekst",
    "job_title": "Stillingsbetegnelse", "comment": "Kommentar", "deleted_at": "Sletning",
    "participants": "Deltagere", "owner": "Ansvarlig", "due_date": "Frist", "cvr": "CVR-nummer",
}


def field_label(name: str) -> str:
    if name not in FIELD_LABELS and name.endswith("_id") and name[:-3] in ENTITY_LABELS:
        return ENTITY_LABELS[name[:-3]]  # a link to another row: what it links to
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def shown(view: ConflictView, value: Any) -> str:
    """A value as a person reads it."""
    if view.kind in ("delete", "parent_deleted"):
        if value is None:
            return "Ikke slettet – posten beholdes"
        try:
            return f"Slettet {fmt_datetime(datetime.fromisoformat(str(value)))}"
        except ValueError:
            return "Slettet"
    return "(tom)" if value in (None, "") else str(value)


class ConflictPanel(QWidget):
    """Shows one conflict; calls `on_resolve(conflict_id, choice, edited)`."""

    def __init__(self, on_resolve: Callable[[str, str, Any], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_resolve = on_resolve
        self._view: ConflictView | None = None
        self.title = QLabel("Vælg en konflikt i listen.")
        self.title.setWordWrap(True)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3 + 6)  # a wrapped label gets squeezed
        self.mine = self._text(True)
        self.theirs = self._text(True)
        self.edit = self._text(False)
        self.keep_mine = QPushButton("Behold min")
        self.keep_theirs = QPushButton("Behold deres")
        self.save_edit = QPushButton("Gem redigeret")
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.save_edit.clicked.connect(lambda: self._resolve("edited"))
        grid = QGridLayout()
        grid.addWidget(self._box("Min værdi", self.mine, self.keep_mine), 0, 0)
        grid.addWidget(self._box("Deres værdi", self.theirs, self.keep_theirs), 0, 1)
        grid.addWidget(self._box("Redigér (fx begge tekster flettet)", self.edit, self.save_edit), 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addLayout(grid, 1)
        self.show_conflict(None)

    @staticmethod
    def _text(read_only: bool) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setReadOnly(read_only)
        return box

    @staticmethod
    def _box(title: str, text: QPlainTextEdit, button: QPushButton) -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        layout.addWidget(text, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout.addLayout(row)
        return group

    def show_conflict(self, view: ConflictView | None) -> None:
        self._view = view
        for widget in (self.keep_mine, self.keep_theirs, self.save_edit, self.edit):
            widget.setEnabled(view is not None)
        if view is None:
            self.title.setText("Vælg en konflikt i listen.")
            self.detail.setText("")
            for box in (self.mine, self.theirs, self.edit):
                box.setPlainText("")
            return
        self.title.setText(f"<b>{view.entity_label}: {view.row_title}</b> – {field_label(view.field)}")
        current = " ".join(shown(view, view.current).split())  # one line, however long the text
        self.detail.setText(explanation(view) if view.kind == "parent_deleted"
                            else f"{view.kind_label}. Gælder nu: {current[:160]}")
        self.mine.setPlainText(shown(view, view.mine))
        self.theirs.setPlainText(shown(view, view.theirs))
        editable = view.kind not in ("delete", "parent_deleted")
        self.edit.setEnabled(editable)
        self.save_edit.setEnabled(editable)
        self.edit.setPlainText("" if not editable else _edit_start(view))

    def _resolve(self, choice: str) -> None:
        if self._view is not None:
            edited = self.edit.toPlainText() if choice == "edited" else None
            self._on_resolve(self._view.id, choice, edited)


def _edit_start(view: ConflictView) -> str:
    if view.kind == "text":  # both texts, for a person to merge by hand
        return f"{view.mine or ''}\n\n{view.theirs or ''}".strip() + "\n"
    return "" if view.current is None else str(view.current)
