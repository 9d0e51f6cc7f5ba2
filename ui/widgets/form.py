"""Rows of label + field + error line: the layout part of the one form
framework (its errors, fields and save step live in ui/editors/fields.py).
A ValidationError's {field: message} goes to the fields; what the user
typed stays as typed."""
from __future__ import annotations

from typing import TypeVar, overload

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ui.editors.fields import FieldError, FormErrors

W = TypeVar("W", bound=QWidget)


class Form(QWidget):
    """Rows of label + field + (hidden) error line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FormErrors()
        self.fields: dict[str, QWidget] = {}

    @overload
    def add(self, key: str, label: str) -> QLineEdit: ...
    @overload
    def add(self, key: str, label: str, widget: W) -> W: ...

    def add(self, key: str, label: str, widget: QWidget | None = None) -> QWidget:
        """The row's field: `widget`, or a new line edit; typed as what was given."""
        widget = widget or QLineEdit()
        widget.setObjectName(key)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        error = FieldError()
        error.setObjectName(f"{key}_error")
        box.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, holder)
        self.fields[key] = widget
        self.errors.register(error, key, widget)
        return widget

    def text(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()  # type: ignore[attr-defined]

    def set_text(self, key: str, value: str | None) -> None:
        widget = self.fields[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        else:
            widget.setText(value or "")  # type: ignore[attr-defined]

    def values(self, keys: list[str] | None = None) -> dict[str, str]:
        return {k: self.text(k) for k in (keys or list(self.fields))}

    def check_on_leave(self, key: str, check) -> None:
        """Check one field as soon as the user leaves it (`check` raises
        ValidationError), e.g. the CVR number's control digit."""
        widget = self.fields[key]
        widget.editingFinished.connect(lambda: self.check_now(key, check))  # type: ignore[attr-defined]

    def check_now(self, key: str, check) -> bool:
        from app.rules.errors import ValidationError

        label = self.errors.fields[key][1]
        try:
            check(self.text(key))
        except ValidationError as exc:
            label.show_message(next(iter(exc.errors.values())))
            return False
        label.show_message("")
        return True
