"""A form whose fields each have a Danish error line under them. A
ValidationError's {field: message} goes to the fields; what the user typed
stays as typed."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"


class FieldErrors:
    """Keeps the error label of each field key."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field; returns keys that have no field."""
        self.clear()
        unplaced = []
        first: QWidget | None = None
        for key, message in errors.items():
            label = self.labels.get(key)
            if label is None:
                unplaced.append(key)
                continue
            label.setText(message)
            label.show()
            first = first or self.widgets.get(key)
        if first is not None:
            first.setFocus()
        return unplaced

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()

    def message(self, key: str) -> str:
        label = self.labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""


class Form(QWidget):
    """Rows of label + field + (hidden) error line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FieldErrors()
        self.fields: dict[str, QWidget] = {}

    def add(self, key: str, label: str, widget: QWidget | None = None) -> QWidget:
        widget = widget or QLineEdit()
        widget.setObjectName(key)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"{key}_error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, holder)
        self.fields[key] = widget
        self.errors.labels[key] = error
        self.errors.widgets[key] = widget
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

        label = self.errors.labels[key]
        try:
            check(self.text(key))
        except ValidationError as exc:
            label.setText(next(iter(exc.errors.values())))
            label.show()
            return False
        label.clear()
        label.hide()
        return True
