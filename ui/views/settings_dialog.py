"""Indstillinger: the coach's own name, phone and e-mail (printed on the
tillægsaftale), the unit's name on the printed documents, how long ended
cases and backups are kept, the idle lock and the sync interval."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from app.context import Context
from app.services import coach_profile
from app.services.preferences import RANGES, change_settings
from ui import changes
from ui.editors.fields import submit
from ui.seal_settings import SealBox
from ui.widgets.buttons import standard_save_cancel
from ui.widgets.form import Form

SUFFIX = {"retention_days": " dage", "backup_keep_days": " dage", "idle_lock_minutes": " min.",
          "sync_interval_minutes": " min."}
LABELS = {"retention_days": "&Opbevar afsluttede sager:", "backup_keep_days": "&Sikkerhedskopier i:",
          "idle_lock_minutes": "&Lås efter inaktivitet (0 = aldrig):",
          "sync_interval_minutes": "S&ynkronisér hver:"}


class SettingsDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Indstillinger")
        self.form = Form()
        me = coach_profile.get_profile(ctx)
        self.full_name = self.form.add("full_name", "Dit &navn:", QLineEdit(me.full_name))
        self.phone = self.form.add("phone", "Din &telefon:", QLineEdit(me.phone))
        self.email = self.form.add("email", "Din e-&mail:", QLineEdit(me.email))
        self.unit_name = self.form.add("unit_name", "&Enhedens navn:", QLineEdit(ctx.settings.unit_name))
        self.spins: dict[str, QSpinBox] = {}
        for field, (low, high, _label) in RANGES.items():
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setSuffix(SUFFIX[field])
            spin.setValue(min(max(getattr(ctx.settings, field), low), high))
            self.form.add(field, LABELS[field], spin)
            self.spins[field] = spin
        buttons = standard_save_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.seal = SealBox()
        layout.addWidget(self.seal)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def save(self) -> None:
        values = {field: spin.value() for field, spin in self.spins.items()}
        saved: list = []

        def write() -> None:
            coach_profile.clean_profile(self.full_name.text(), self.phone.text(), self.email.text())
            saved.append(change_settings(self.ctx, unit_name=self.unit_name.text(), **values))
            coach_profile.set_profile(self.ctx, self.full_name.text(), self.phone.text(), self.email.text())

        if not submit(self, self.form.errors, {}, write):
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # room for the messages
            return
        settings = saved[0]
        changes.bus().settings_changed.emit(settings)  # the runtime applies it now, not at the next start
        changes.announce({changes.SETTINGS})  # pages that show a setting follow it
        self.accept()
