"""The widgets of the visit editor, laid out for a 1366x768 screen: time,
channel and participants on top, the notes large on the left, the
skånehensyn, actions and next contact on the right."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.labels import VISIT_CHANNELS, VISIT_STATUS
from ui.editors.choosers import code_combo
from ui.editors.fields import HINT_STYLE, DateEdit, FormErrors, add_row
from ui.editors.visit_actions import ActionsPanel
from ui.editors.visit_checks import ChecksPanel


class VisitForm(QWidget):
    def __init__(self, ctx: Context, citizen_id: str | None, visit_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FormErrors()
        self.at = QDateTimeEdit()
        self.at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.at.setCalendarPopup(True)
        self.channel = code_combo(VISIT_CHANNELS)
        self.status = code_combo(VISIT_STATUS)
        self.placement = QComboBox()
        self.participants = QLineEdit()
        self.participants.setPlaceholderText("fx borgeren, kontaktperson, mentor")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Skriv noter fra besøget her – de gemmes mens du skriver.")
        self.save_state = QLabel("")
        self.save_state.setStyleSheet(HINT_STYLE)
        self.checks = ChecksPanel(ctx, visit_id)
        self.actions_panel = ActionsPanel(ctx, citizen_id, visit_id)  # not `actions`: that is QWidget.actions()
        self.next_contact = DateEdit()
        self.next_reason = QLabel()
        self.next_reason.setWordWrap(True)
        self.next_reason.setStyleSheet(HINT_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._left(), 3)
        layout.addLayout(self._right(), 2)

    def _left(self) -> QVBoxLayout:
        e = self.errors.add
        top = QFormLayout()
        add_row(top, "&Tidspunkt:", self.at, e("at", self.at))
        add_row(top, "K&ontaktform:", self.channel, e("channel", self.channel))
        add_row(top, "St&atus:", self.status, e("status", self.status))
        add_row(top, "&Forløb:", self.placement, e("placement_id", self.placement))
        add_row(top, "&Deltagere:", self.participants, e("participants", self.participants))
        notes_label = QLabel("&Noter:")
        notes_label.setBuddy(self.notes)
        head = QHBoxLayout()
        head.addWidget(notes_label)
        head.addStretch(1)
        head.addWidget(self.save_state)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addLayout(head)
        left.addWidget(self.notes, 1)
        left.addWidget(e("notes", self.notes))
        return left

    def _right(self) -> QVBoxLayout:
        checks_box = QGroupBox("Skånehensyn")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.checks)
        QVBoxLayout(checks_box).addWidget(scroll)
        actions_box = QGroupBox("Aftalte handlinger")
        QVBoxLayout(actions_box).addWidget(self.actions_panel)
        next_box = QGroupBox("Opfølgning")
        form = QFormLayout(next_box)
        add_row(form, "Næste &kontakt:", self.next_contact,
                self.errors.add("next_contact", self.next_contact))
        form.addRow(self.next_reason)
        right = QVBoxLayout()
        right.addWidget(checks_box, 1)
        right.addWidget(actions_box)
        right.addWidget(next_box)
        return right

    def tab_chain(self) -> list[QWidget]:
        a = self.actions_panel
        return [self.notes, self.at, self.channel, self.status, self.placement, self.participants,
                a.text, a.owner, a.due, a.add_button, self.next_contact]

    def set_tab_order(self) -> None:
        chain = self.tab_chain()
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

