"""The citizen's placements: the list, the week grid across all of them,
and for the selected one its details, wage and progression."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.context import Context
from app.formatting import fmt_date, fmt_hours, fmt_kr, fmt_percent
from app.services import wages
from app.services.dto import PlacementDTO, SlotDTO
from ui import changes
from ui.editors.placement_editor import PlacementEditor
from ui.editors.progression_widget import ProgressionWidget
from ui.editors.wage_editor import WageEditor
from ui.errors import show_error
from ui.models import columns
from ui.models.rows import RowsModel, sorting_proxy
from ui.models.schedule import GridSlot, ScheduleGridModel
from ui.ops import run_dialog
from ui.views.schedule_dialog import ScheduleDialog
from ui.widgets.table import current_row, make_table


class PlacementsPanel(QWidget):
    delete_requested = Signal(object)   # PlacementDTO
    print_requested = Signal(str)       # placement id

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.citizen_id: str | None = None
        self.slots: dict[str, list[SlotDTO]] = {}
        self.model = RowsModel(columns.CITIZEN_PLACEMENTS, self)
        self.table = make_table(sorting_proxy(self.model, self), "citizen_placements",
                                sort=(2, Qt.SortOrder.DescendingOrder))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.grid_model = ScheduleGridModel(self)
        self.grid = QTableView()
        self.grid.setObjectName("schedule_grid")
        self.grid.setModel(self.grid_model)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.horizontalHeader().setDefaultSectionSize(96)
        self.grid.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.details = QLabel()
        self.details.setObjectName("placement_details")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(self.details), "&Detaljer og løn")
        self.tabs.addTab(self.grid, "&Ugeskema")
        self.progression: QWidget = _scrolled(_choose_first())
        self.tabs.addTab(self.progression, "&Progression")
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("placements_split")
        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addLayout(self._buttons())
        top_box.addWidget(self.table)
        split.addWidget(top)
        split.addWidget(self.tabs)
        split.setSizes([120, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        specs = [("Nyt forløb", self.new), ("Redigér", self.edit), ("Lønaftale", self.wage),
                 ("Ugeskema …", self.schedule), ("Udskriv tillægsaftale", self._print),
                 ("Slet forløb", self._delete)]
        for text, slot in specs:
            button = QPushButton(text)
            button.setObjectName("placement_" + text.split()[0].lower())
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def show_placements(self, citizen_id: str, rows: list[PlacementDTO], slots: dict[str, list[SlotDTO]]) -> None:
        selected = self.current_placement_id()
        self.citizen_id, self.slots = citizen_id, slots
        self.model.set_rows(rows)
        names = {p.id: p.company_name or labels.label(labels.PLACEMENT_TYPES, p.placement_type) for p in rows}
        self.grid_model.set_slots([GridSlot(s.weekday, s.start_time, s.end_time, pid, names.get(pid, ""))
                                   for pid, group in slots.items() for s in group])
        proxy = self.table.model()
        for r in range(proxy.rowCount()):
            if proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).id == selected:
                self.table.selectRow(r)
                break
        else:
            if proxy.rowCount():
                self.table.selectRow(0)
        self._show_selected()

    def current(self) -> PlacementDTO | None:
        return current_row(self.table)

    def current_placement_id(self) -> str | None:
        p = self.current()
        return p.id if p else None

    def _show_selected(self) -> None:
        p = self.current()
        self.details.setText(self._details_html(p) if p else "Ingen forløb endnu. Opret et med »Nyt forløb«.")
        self._swap_progression(p.id if p else None)

    def _details_html(self, p: PlacementDTO) -> str:
        try:
            wage = wages.current_wage(self.ctx, p.id)
        except Exception:
            wage = None
        period = f"{fmt_date(p.start_date)} – {fmt_date(p.end_date or p.planned_end) or 'ingen slutdato'}"
        lines = [f"<b>{_escape(labels.label(labels.PLACEMENT_TYPES, p.placement_type))}</b> hos "
                 f"{_escape(p.company_name)}",
                 f"Periode: {period}", f"Jobtitel: {p.job_title or '–'}",
                 f"Arbejdsopgaver: {p.tasks or '–'}", f"Opgaver borgeren ikke skal lave: {p.tasks_not_to_do or '–'}"]
        if wage:
            lines.append(f"Lønaftale (version {wage.version_no}, fra {fmt_date(wage.valid_from)}): "
                         f"{fmt_kr(wage.hourly_wage_ore)} i timen · fremmøde {fmt_hours(wage.attendance_hours)} · "
                         f"intensitet {fmt_percent(wage.work_intensity)} · løntimer {fmt_hours(wage.paid_hours)} "
                         f"om ugen · {labels.label(labels.PAYERS, wage.payer)}")
        else:
            lines.append("Ingen lønaftale endnu.")
        return "<br>".join(_escape(x) if i else x for i, x in enumerate(lines))

    def _swap_progression(self, placement_id: str | None) -> None:
        widget: QWidget = _choose_first()
        if placement_id:
            try:
                widget = ProgressionWidget(self.ctx, placement_id, parent=None)
            except Exception as exc:
                show_error(self, exc)
                widget = QWidget()
        index = self.tabs.indexOf(self.progression)
        current = self.tabs.currentIndex()
        self.tabs.removeTab(index)
        self.progression.deleteLater()
        self.progression = _scrolled(widget)  # its height must not stretch the window
        self.tabs.insertTab(index, self.progression, "&Progression")
        self.tabs.setCurrentIndex(current)

    def new(self) -> None:
        if self.citizen_id:
            run_dialog(self, PlacementEditor, self.ctx, self.citizen_id,
                       kinds={changes.PLACEMENT, changes.SCHEDULE_SLOT}, ids={self.citizen_id})

    def edit(self) -> None:
        p = self.current()
        if p:
            run_dialog(self, PlacementEditor, self.ctx, p.citizen_id, p.id,
                       kinds={changes.PLACEMENT, changes.SCHEDULE_SLOT}, ids={p.citizen_id, p.id})

    def wage(self) -> None:
        p = self.current()
        if p and not run_dialog(self, WageEditor, self.ctx, p.id, kinds={changes.WAGE_AGREEMENT},
                                ids={p.citizen_id, p.id}):
            self._show_selected()

    def schedule(self) -> None:
        p = self.current()
        if p and ScheduleDialog(self.ctx, p.id, self.slots.get(p.id, []), self).exec():
            changes.announce({changes.SCHEDULE_SLOT}, {p.citizen_id, p.id})

    def _print(self) -> None:
        if self.current_placement_id():
            self.print_requested.emit(self.current_placement_id())

    def _delete(self) -> None:
        if self.current():
            self.delete_requested.emit(self.current())


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def _choose_first() -> QWidget:
    """The Progression tab before a placement is chosen says what to do."""
    label = QLabel("Vælg et forløb i listen ovenfor for at se og registrere progression "
                   "(timer, opgaver og delmål).\n\nHar borgeren intet forløb, så opret et med »Nyt forløb«.")
    label.setObjectName("progression_choose")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
