"""Deletions are soft (a tombstone), so each can be undone for the rest of
the session: Fortryd (Ctrl+Z) restores the last one deleted."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.context import Context
from app.services import citizens, companies, placements, visits
from ui import changes

DELETE: dict[str, Callable[[Context, str], None]] = {
    "citizen": citizens.delete_citizen, "company": companies.delete_company,
    "placement": placements.delete_placement, "visit": visits.delete_visit,
}
UNDELETE: dict[str, Callable[[Context, str], None]] = {
    "citizen": citizens.undelete_citizen, "company": companies.undelete_company,
    "placement": placements.undelete_placement, "visit": visits.undelete_visit,
}
NOUNS = {"citizen": "borgeren", "company": "virksomheden", "placement": "forløbet", "visit": "besøget"}


@dataclass(frozen=True)
class Deleted:
    kind: str
    row_id: str
    label: str


class DeletionUndo(QObject):
    changed = Signal()
    restored = Signal(str, str)  # kind, row id

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stack: list[Deleted] = []

    def delete(self, parent: QWidget | None, kind: str, row_id: str, label: str) -> bool:
        """Ask, delete, remember. False when the user says no."""
        noun = NOUNS[kind]
        answer = QMessageBox.question(
            parent, "Slet", f"Vil du slette {noun} »{label}«?\n\nDu kan fortryde med Ctrl+Z.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        DELETE[kind](self.ctx, row_id)
        changes.announce({kind})  # no ids: the pages showing the row's parent must hear it too
        self.stack.append(Deleted(kind, row_id, label))
        self.changed.emit()
        return True

    @property
    def last(self) -> Deleted | None:
        return self.stack[-1] if self.stack else None

    def description(self) -> str:
        last = self.last
        return f"Fortryd sletning af {NOUNS[last.kind]} »{last.label}«" if last else "Fortryd"

    def undo(self) -> Deleted | None:
        if not self.stack:
            return None
        item = self.stack.pop()
        try:
            UNDELETE[item.kind](self.ctx, item.row_id)
        except Exception:
            self.stack.append(item)
            raise
        changes.announce({item.kind})
        self.changed.emit()
        self.restored.emit(item.kind, item.row_id)
        return item
