"""Indstillinger: values saved to the settings file; bad input refused at
its field with the rest kept as typed."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.rules.errors import ValidationError
from app.services.preferences import change_settings
from app.settings import Settings
from tests.ui.conftest import SCREENS
from ui.views.settings_dialog import SettingsDialog


def test_settings_saved_from_the_dialog(ctx, qtbot) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unit_name.clear()
    qtbot.keyClicks(dialog.unit_name, "Samstyrken, Varde Kommune")
    dialog.spins["idle_lock_minutes"].setValue(10)
    SCREENS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENS / "settings_dialog.png"))
    qtbot.keyClick(dialog.unit_name, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = Settings.load()
    assert (saved.unit_name, saved.idle_lock_minutes) == ("Samstyrken, Varde Kommune", 10)
    assert ctx.settings.unit_name == "Samstyrken, Varde Kommune"


def test_empty_unit_name_refused_at_the_field(ctx, qtbot) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unit_name.clear()
    dialog.spins["retention_days"].setValue(400)
    qtbot.keyClick(dialog.unit_name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "udfyldes" in dialog.form.errors.message("unit_name")
    assert dialog.spins["retention_days"].value() == 400
    assert Settings.load().unit_name == Settings().unit_name


@pytest.mark.parametrize("field,value", [("retention_days", 5), ("backup_keep_days", 0),
                                         ("idle_lock_minutes", -1), ("sync_interval_minutes", "5")])
def test_service_refuses_out_of_range(ctx, field, value) -> None:
    with pytest.raises(ValidationError) as err:
        change_settings(ctx, **{field: value})
    assert field in err.value.errors
