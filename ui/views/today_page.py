"""I dag: overdue and due follow-ups, visits today, læringsforløb ending,
milestones due, open actions. Enter opens the row's citizen (or visit);
"Nyt besøg" (Ctrl+N) starts a visit for the row's citizen."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import Context
from app.services import today
from ui import changes
from ui.editors.visit_editor import VisitEditor
from ui.models import columns
from ui.models.rows import RowsModel, sorting_proxy
from ui.ops import run_dialog
from ui.widgets.table import current_row, make_table
from ui.worker import run_in_background


class TodayPage(QWidget):
    open_citizen = Signal(str)
    SHOWS = (changes.CITIZEN, changes.PLACEMENT, changes.VISIT, changes.MILESTONE, changes.ACTION,
             changes.SCHEDULE_SLOT, changes.WAGE_AGREEMENT)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = self.again = False
        self.model = RowsModel(columns.TODAY, self)
        self.table = make_table(sorting_proxy(self.model, self), "today_list")
        self.table.activated.connect(lambda *_: self.open_current())
        self.heading = QLabel("I dag")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel("Henter …")
        self.summary.setObjectName("today_summary")
        row = QHBoxLayout()
        row.addWidget(self.heading)
        row.addWidget(self.summary, 1)
        for text, name, slot in (("Å&bn", "today_open", self.open_current),
                                 ("&Nyt besøg", "today_new_visit", self.new_visit),
                                 ("Opdat&ér", "today_refresh", self.refresh)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        changes.follow(self, self.SHOWS, self.refresh)

    def refresh(self) -> None:
        if self.loading:
            self.again = True  # asked again meanwhile: fetch once more when this one ends
            return
        self.loading, self.again = True, False
        self.summary.setText("Henter …")
        run_in_background(self, lambda: today.overview(self.ctx), on_done=self._show, on_error=self._failed)

    def _show(self, items: list) -> None:
        self.loading = False
        if self.again:
            self.refresh()
            return
        self.model.set_rows(items)
        late = sum(1 for i in items if i.kind == "followup_overdue")
        points = f"{len(items)} punkt{'er' if len(items) != 1 else ''}"
        late_text = f"{late} opfølgning{'er' if late != 1 else ''} overskredet"
        self.summary.setText(f"{points} · {late_text}" if items else "Intet at følge op på i dag.")

    def _failed(self, exc: Exception) -> None:
        from ui.errors import show_error

        self.loading = False
        self.summary.setText("Oversigten kunne ikke hentes.")
        show_error(self, exc)

    def current_citizen_id(self) -> str | None:
        item = current_row(self.table)
        return item.citizen_id if item else None

    def current_placement_id(self) -> str | None:
        item = current_row(self.table)
        return item.placement_id if item else None

    def open_current(self) -> None:
        item = current_row(self.table)
        if item is None:
            return
        if item.kind == "visit_today" and item.visit_id:
            run_dialog(self, VisitEditor, self.ctx, item.citizen_id, item.visit_id)
        elif item.citizen_id:
            self.open_citizen.emit(item.citizen_id)

    def new_visit(self) -> None:
        citizen_id = self.current_citizen_id()
        if citizen_id:
            run_dialog(self, VisitEditor, self.ctx, citizen_id)  # the editor announces its writes

    def focus_search(self) -> None:
        self.table.setFocus()
