"""The one form framework's pieces: Danish date and number fields, a red
message under a field that names what is wrong with it (FormErrors), and
`submit`, the one save step of every form. ui/widgets/form.py lays fields
out in rows on top of these."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.formatting import fmt_date, fmt_kr, fmt_number, parse_date
from app.numbers import NumberError, parse_kr_to_ore, parse_number
from app.rules.errors import ValidationError

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #555555;"


class DateEdit(QLineEdit):
    """A date typed the Danish way (23.11.2026); empty is allowed unless required."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd.mm.åååå")
        self.setMaximumWidth(130)
        self.set_date(value)

    def set_date(self, value: date | None) -> None:
        self.setText(fmt_date(value))

    def date_or_none(self) -> date | None:
        """The date typed; None when empty; ValueError when not a date."""
        return parse_date(self.text()) if self.text().strip() else None


class NumberEdit(QLineEdit):
    """A number with a Danish decimal comma (7,5)."""

    def __init__(self, decimals: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decimals = decimals
        self.setMaximumWidth(130)

    def set_value(self, value: float | None) -> None:
        self.setText("" if value is None else fmt_number(value, self.decimals).replace(".", ""))

    def value_or_none(self) -> float | None:
        return parse_number(self.text()) if self.text().strip() else None


class MoneyEdit(NumberEdit):
    """An amount in kroner, kept as øre (1.234,50 -> 123450)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(2, parent)
        self.setPlaceholderText("0,00")

    def set_ore(self, ore: int | None) -> None:
        self.setText("" if ore is None else fmt_kr(ore).removesuffix(" kr.").replace(".", ""))

    def ore_or_none(self) -> int | None:
        return parse_kr_to_ore(self.text()) if self.text().strip() else None


class FieldError(QLabel):
    """The message shown at one field; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class FormErrors:
    """Maps service field names to their widget and message label, so a
    ValidationError lands at its field and the first wrong field gets focus."""

    def __init__(self) -> None:
        self.fields: dict[str, tuple[QWidget, FieldError]] = {}
        self.fallback: FieldError | None = None

    def add(self, name: str, widget: QWidget, *aliases: str) -> FieldError:
        label = FieldError()
        self.register(label, name, widget, *aliases)
        return label

    def register(self, label: FieldError, name: str, widget: QWidget, *aliases: str) -> None:
        for key in (name, *aliases):
            self.fields[key] = (widget, label)

    def focus_widget(self, name: str, widget: QWidget) -> None:
        """The widget that gets focus for `name` (e.g. the field inside a row of buttons)."""
        self.fields[name] = (widget, self.fields[name][1])

    def clear(self) -> None:
        for _widget, label in self.fields.values():
            label.show_message("")
        if self.fallback is not None:
            self.fallback.show_message("")

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field; returns the names that have no
        place here (no field and no fallback line), for a dialog instead."""
        self.clear()
        first: QWidget | None = None
        unplaced: list[str] = []
        for name, message in errors.items():
            widget, label = self.fields.get(name, (None, self.fallback))
            if label is None:
                unplaced.append(name)
                continue
            label.show_message(message)
            if first is None and widget is not None:
                first = widget
        if first is not None:
            first.setFocus()
        return unplaced

    def show_exception(self, exc: ValidationError) -> list[str]:
        return self.show(exc.errors)

    def message(self, name: str) -> str:
        entry = self.fields.get(name)
        return entry[1].text() if entry and not entry[1].isHidden() else ""


def read_date(widget: DateEdit, name: str, errors: dict[str, str], required: bool = False,
              label: str = "Datoen") -> date | None:
    """Parse a date field, adding a Danish message to `errors` when wrong."""
    try:
        value = widget.date_or_none()
    except ValueError:
        errors[name] = f"{label} er ikke en gyldig dato (skriv fx 23.11.2026)."
        return None
    if value is None and required:
        errors[name] = f"{label} skal udfyldes."
    return value


def read_number(widget: NumberEdit, name: str, errors: dict[str, str], required: bool = True,
                message: str = "Skriv et tal, fx 7,5.") -> float | None:
    try:
        value = widget.value_or_none()
    except ValueError as exc:
        errors[name] = _hinted(exc, message)
        return None
    if value is None and required:
        errors[name] = message
    return value


def read_ore(widget: MoneyEdit, name: str, errors: dict[str, str], required: bool = True) -> int | None:
    try:
        value = widget.ore_or_none()
    except ValueError as exc:
        errors[name] = _hinted(exc, "Skriv beløbet i kroner, fx 125,50.")
        return None
    if value is None and required:
        errors[name] = "Skriv beløbet i kroner, fx 125,50."
    return value


def _hinted(exc: ValueError, message: str) -> str:
    """babel's suggestion ("Mente du 12,5?") or the limit on decimals when it
    has one; otherwise the field's own example."""
    return str(exc) if isinstance(exc, NumberError) and ("Mente du" in str(exc) or "decimaler" in str(exc)) \
        else message


def with_error(widget: QWidget, error: FieldError, extra: QWidget | None = None) -> QWidget:
    """The field with its message label under it (and an optional note beside it)."""
    box = QWidget()
    box.setFocusProxy(widget)  # the row's mnemonic (its label's buddy) lands in the field
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if extra is None:
        layout.addWidget(widget)
    else:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addWidget(extra, 1)
        layout.addLayout(row)
    layout.addWidget(error)
    return box


def add_row(form: QFormLayout, text: str, widget: QWidget, error: FieldError,
            extra: QWidget | None = None) -> QLabel:
    """A form row whose mnemonic (&) focuses the field itself, not its box."""
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, with_error(widget, error, extra))
    return label


def submit(dialog: QWidget, errors: FormErrors, found: dict[str, str], write: Callable[[], object]) -> bool:
    """The one save step of a form: write its values unless reading them
    found errors. A refused value is shown at its field (one without a
    field in a dialog), any other error in a dialog; in both cases the form
    keeps what was typed. True when written."""
    try:
        if found:
            raise ValidationError(found)
        write()
    except ValidationError as exc:
        unplaced = errors.show_exception(exc)
        if unplaced:
            from ui.errors import show_error
            show_error(dialog, ValidationError({k: exc.errors[k] for k in unplaced}))
        return False
    except Exception as exc:
        from ui.errors import show_error
        show_error(dialog, exc)
        return False
    return True
