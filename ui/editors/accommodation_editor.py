"""Skånehensyn editor: category from the catalogue with typical texts as
quick picks, or free text; source, start, end; the history read-only.
Saving a change writes a new version (the old text is kept)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_date, fmt_datetime
from app.labels import ACCOMMODATION_CATEGORIES, ACCOMMODATION_SOURCES, label
from app.services import accommodations as svc
from app.services.dto import AccommodationDTO
from ui.editors.accommodation_picks import QUICK_PICKS
from ui.editors.choosers import code_combo, select_data
from ui.editors.fields import DateEdit, FormErrors, add_row, read_date, submit
from ui.widgets.buttons import save_cancel
from ui.widgets.fit import fit


def _local(moment: datetime) -> datetime:
    """Stored times are UTC; show them in the user's time zone."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def history_line(v: AccommodationDTO) -> str:
    period = f"{fmt_date(v.start_date)}–{fmt_date(v.end_date)}"
    return (f"{fmt_datetime(_local(v.created_at))}: {label(ACCOMMODATION_CATEGORIES, v.category)} – "
            f"{v.text.replace(chr(10), ' / ')} ({label(ACCOMMODATION_SOURCES, v.source)}, {period})")


class AccommodationEditor(QDialog):
    def __init__(self, ctx: Context, citizen_id: str, accommodation_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.citizen_id, self.accommodation_id = ctx, citizen_id, accommodation_id
        self.setWindowTitle("Nyt skånehensyn" if accommodation_id is None else "Ret skånehensyn")
        self.errors = FormErrors()
        self.category = code_combo(ACCOMMODATION_CATEGORIES)
        self.picks = QWidget()
        self.picks_layout = QGridLayout(self.picks)
        self.picks_layout.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.source = code_combo(ACCOMMODATION_SOURCES)
        self.consent = QCheckBox("Borgeren giver samtykke til, at arbejdsgiveren ser kilden "
                                 "(fx lægeerklæring) på tillægsaftalen")
        self.start, self.end = DateEdit(date.today()), DateEdit()
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.notice = QLabel()
        self._build_layout()
        self.category.currentIndexChanged.connect(self._fill_picks)
        self.loaded: AccommodationDTO | None = None
        self._fill()
        self._fill_picks()
        self.category.setFocus()
        fit(self, 760, 600)

    def _build_layout(self) -> None:
        form = QFormLayout()
        e = self.errors.add
        add_row(form, "&Kategori:", self.category, e("category", self.category))
        form.addRow("Forslag:", self.picks)
        add_row(form, "&Beskrivelse:", self.text, e("text", self.text))
        add_row(form, "K&ilde:", self.source, e("source", self.source))
        add_row(form, "Sam&tykke:", self.consent, e("share_consent", self.consent))
        add_row(form, "&Start:", self.start, e("start_date", self.start))
        add_row(form, "S&lut:", self.end, e("end_date", self.end))
        self.errors.fallback = e("placement_id", self.text)
        buttons, self.save_button = save_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.fallback)
        layout.addWidget(self.notice)
        self.history_label = QLabel("&Historik (ændringer skriver en ny version; den gamle tekst bevares):")
        self.history_label.setBuddy(self.history)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        layout.addStretch(0)  # a new one has no history: the free room goes below the form, not into it
        layout.addWidget(buttons)

    def _fill(self) -> None:
        if self.accommodation_id is None:
            self.history_label.hide()
            self.history.hide()
            return
        versions = svc.history(self.ctx, self.accommodation_id)
        a = self.loaded = versions[0]
        select_data(self.category, a.category)
        self.text.setPlainText(a.text)
        select_data(self.source, a.source)
        self.consent.setChecked(a.share_consent)
        self.start.set_date(a.start_date)
        self.end.set_date(a.end_date)
        self.history.setPlainText("\n".join(history_line(v) for v in versions))
        if a.superseded:
            self.notice.setText("Denne version er erstattet af en nyere og kan ikke rettes.")
            self.save_button.setEnabled(False)

    def _fill_picks(self) -> None:
        while self.picks_layout.count():
            item = self.picks_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.setParent(None)  # gone at once, not at the next event loop turn
                old.deleteLater()
        for i, text in enumerate(QUICK_PICKS.get(self.category.currentData(), ())):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, t=text: self.use_pick(t))
            self.picks_layout.addWidget(button, i // 2, i % 2)

    def use_pick(self, text: str) -> None:
        """Fill in a typical text; what is already typed is kept."""
        current = self.text.toPlainText().rstrip()
        self.text.setPlainText(f"{current}\n{text}" if current else text)
        self.text.setFocus()

    def values(self, errors: dict[str, str]) -> dict[str, Any]:
        return {"category": self.category.currentData(), "text": self.text.toPlainText(),
                "source": self.source.currentData(), "share_consent": self.consent.isChecked(),
                "start_date": read_date(self.start, "start_date", errors, True, "Startdatoen"),
                "end_date": read_date(self.end, "end_date", errors, False, "Slutdatoen")}

    def save(self) -> None:
        errors: dict[str, str] = {}
        values = self.values(errors)
        if submit(self, self.errors, errors, lambda: self._write(values)):
            self.accept()

    def _write(self, values: dict[str, Any]) -> None:
        if self.loaded is None:
            self.loaded = svc.add_accommodation(self.ctx, self.citizen_id, **values)
            self.accommodation_id = self.loaded.id
            return
        changes = {k: v for k, v in values.items() if getattr(self.loaded, k) != v}
        if changes:  # a new version that supersedes the shown one
            self.loaded = svc.change_accommodation(self.ctx, self.loaded.id, **changes)
            self.accommodation_id = self.loaded.id
