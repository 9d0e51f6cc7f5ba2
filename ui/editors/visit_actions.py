"""Agreed actions of a visit: the list so far and a line to add one
(text, owner, due date)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.context import Context
from app.formatting import fmt_date
from app.services import visits
from app.services.dto import ActionDTO
from ui.editors.fields import DateEdit, FormErrors, add_row, read_date, submit


def action_text(a: ActionDTO) -> str:
    parts = [a.text]
    if a.owner:
        parts.append(f"ansvarlig: {a.owner}")
    if a.due_date:
        parts.append(f"frist {fmt_date(a.due_date)}")
    return " – ".join(parts)


class ActionsPanel(QWidget):
    added = Signal()

    def __init__(self, ctx: Context, citizen_id: str | None, visit_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.citizen_id, self.visit_id = ctx, citizen_id, visit_id
        self.errors = FormErrors()
        self.list = QListWidget()
        self.list.setMaximumHeight(80)
        self.text, self.owner, self.due = QLineEdit(), QLineEdit(), DateEdit()
        self.owner.setPlaceholderText("fx borgeren, kontaktperson, jobcoach")
        self.add_button = QPushButton("Tilf&øj handling")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        add_row(form, "Aftalt &handling:", self.text, self.errors.add("text", self.text))
        who = QHBoxLayout()
        add_row(form, "An&svarlig:", self.owner, self.errors.add("owner", self.owner))
        add_row(form, "Fr&ist:", self.due, self.errors.add("due_date", self.due))
        who.addStretch(1)
        who.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(who)
        for line in (self.text, self.owner, self.due):
            line.returnPressed.connect(self.add)  # Enter adds the action, not closes the visit
        self.refresh()

    def visit_actions(self) -> list[ActionDTO]:
        if not self.citizen_id:
            return []
        return [a for a in visits.actions_of_citizen(self.ctx, self.citizen_id) if a.visit_id == self.visit_id]

    def refresh(self) -> None:
        self.list.clear()
        for action in self.visit_actions():
            self.list.addItem(action_text(action))

    def pending(self) -> bool:
        """Something typed but not yet added."""
        return bool(self.text.text().strip() or self.owner.text().strip() or self.due.text().strip())

    def add(self) -> bool:
        errors: dict[str, str] = {}
        due = read_date(self.due, "due_date", errors, False, "Fristen")
        if not submit(self, self.errors, errors,
                      lambda: visits.add_action(self.ctx, self.citizen_id, self.text.text(), self.owner.text(), due,
                                                visit_id=self.visit_id)):
            return False
        self.errors.clear()
        for line in (self.text, self.owner, self.due):
            line.clear()
        self.refresh()
        self.text.setFocus()
        self.added.emit()
        return True
