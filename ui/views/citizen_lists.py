"""The citizen view's list tabs: visits (a timeline, newest first),
skånehensyn (active, or with their history) and actions (mark done)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.context import Context
from app.services import visits
from app.services.dto import AccommodationDTO, ActionDTO, VisitDTO
from ui import changes
from ui.editors.accommodation_editor import AccommodationEditor
from ui.editors.visit_editor import VisitEditor
from ui.models import columns
from ui.models.rows import RowsModel, sorting_proxy
from ui.ops import run_dialog, run_write
from ui.widgets.table import current_row, make_table


class ListTab(QWidget):
    """A table with a row of buttons above it. What the tabs write is
    announced on the change bus; the citizen view reloads from there."""

    def __init__(self, ctx: Context, cols, name: str, parent: QWidget | None = None,
                 sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.citizen_id: str | None = None
        self.model = RowsModel(cols, self)
        self.table = make_table(sorting_proxy(self.model, self), name, sort=sort)
        self.buttons = QHBoxLayout()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.buttons)

    def button(self, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(slot)
        self.buttons.addWidget(b)
        return b

    def current(self):
        return current_row(self.table)


class VisitsTab(ListTab):
    delete_requested = Signal(object)  # VisitDTO

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, columns.VISITS, "citizen_visits", parent, (0, Qt.SortOrder.DescendingOrder))
        self.button("Nyt besøg", "visits_new", self.new)
        self.button("Åbn besøg", "visits_open", self.open_current)
        self.button("Slet besøg", "visits_delete", self._delete)
        self.buttons.addStretch(1)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("visit_preview")
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText("Vælg et besøg for at læse noterne.")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.preview)
        split.setSizes([300, 160])
        self.layout_.addWidget(split)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.preview.setPlainText(self.current().notes if self.current() else ""))
        self.table.doubleClicked.connect(lambda *_: self.open_current())

    def show_visits(self, citizen_id: str, rows: list[VisitDTO]) -> None:
        self.citizen_id = citizen_id
        self.model.set_rows(rows)
        self.preview.clear()

    def new(self) -> None:
        if self.citizen_id:
            run_dialog(self, VisitEditor, self.ctx, self.citizen_id)  # the editor announces its writes

    def open_current(self) -> None:
        v = self.current()
        if v:
            run_dialog(self, VisitEditor, self.ctx, v.citizen_id, v.id)

    def _delete(self) -> None:
        if self.current():
            self.delete_requested.emit(self.current())


class AccommodationsTab(ListTab):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, columns.ACCOMMODATIONS, "citizen_accommodations", parent)
        self.all: list[AccommodationDTO] = []
        self.button("Nyt skånehensyn", "accommodation_new", self.new)
        self.button("Ændr …", "accommodation_change", self.change)
        self.history = QCheckBox("Vis &historik (ændrede og afsluttede)")
        self.history.toggled.connect(lambda _: self._fill())
        self.buttons.addWidget(self.history)
        self.buttons.addStretch(1)
        self.layout_.addWidget(self.table)
        self.table.doubleClicked.connect(lambda *_: self.change())

    def show_accommodations(self, citizen_id: str, rows: list[AccommodationDTO]) -> None:
        self.citizen_id, self.all = citizen_id, rows
        self._fill()

    def _fill(self) -> None:
        today = date.today()
        active = [a for a in self.all if not a.superseded and (a.end_date is None or a.end_date >= today)]
        self.model.set_rows(self.all if self.history.isChecked() else active)

    def new(self) -> None:
        if self.citizen_id:
            run_dialog(self, AccommodationEditor, self.ctx, self.citizen_id,
                       kinds={changes.ACCOMMODATION}, ids={self.citizen_id})

    def change(self) -> None:
        a = self.current()
        if a:
            run_dialog(self, AccommodationEditor, self.ctx, a.citizen_id, a.id,
                       kinds={changes.ACCOMMODATION}, ids={a.citizen_id, a.id})


class ActionsTab(ListTab):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, columns.ACTIONS, "citizen_actions", parent)
        self.all: list[ActionDTO] = []
        self.button("Markér som &udført", "action_done", self.mark_done)
        self.show_done = QCheckBox("Vis udførte")
        self.show_done.toggled.connect(lambda _: self._fill())
        self.buttons.addWidget(self.show_done)
        self.buttons.addStretch(1)
        self.layout_.addWidget(self.table)

    def show_actions(self, citizen_id: str, rows: list[ActionDTO]) -> None:
        self.citizen_id, self.all = citizen_id, rows
        self._fill()

    def _fill(self) -> None:
        rows = self.all if self.show_done.isChecked() else [a for a in self.all if a.done_on is None]
        self.model.set_rows(rows)

    def mark_done(self) -> None:
        a = self.current()
        if a is None or a.done_on is not None:
            return
        run_write(self, lambda ctx: visits.complete_action(ctx, a.id), kinds={changes.ACTION},
                  ids={a.id, a.citizen_id}, ctx=self.ctx)
