"""The one form framework: a refused value lands at its field, one with no
field on the form goes to a dialog, and an unexpected error is shown as an
error (never as a field message); what was typed stays."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.rules.errors import ValidationError
from tests.ui.conftest import when_modal
from ui.editors.fields import submit
from ui.widgets.form import Form


def _form(qtbot) -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.add("name", "&Navn").setText("Åse")  # type: ignore[attr-defined]
    form.show()
    return form


def test_refused_value_lands_at_its_field(qtbot) -> None:
    form = _form(qtbot)

    def write() -> None:
        raise ValidationError({"name": "Navnet skal udfyldes."})

    assert not submit(form, form.errors, {}, write)
    assert form.errors.message("name") == "Navnet skal udfyldes."
    assert form.text("name") == "Åse"


def test_message_without_a_field_and_unexpected_errors_go_to_a_dialog(qtbot) -> None:
    form = _form(qtbot)
    seen: list[str] = []
    when_modal(lambda box: (seen.append(box.text()), box.accept()) if isinstance(box, QMessageBox) else None)
    assert not submit(form, form.errors, {}, lambda: (_ for _ in ()).throw(ValidationError({"cvr": "Forkert CVR."})))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["Forkert CVR."] and form.errors.message("name") == ""

    def broken() -> None:
        raise KeyError("bug")

    when_modal(lambda box: (seen.append(box.text()), box.accept()) if isinstance(box, QMessageBox) else None)
    assert not submit(form, form.errors, {}, broken)
    assert "uventet fejl" in seen[-1] and form.errors.message("name") == ""
