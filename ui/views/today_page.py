"""I dag: the coach's own to-do list in sections with counts and colour
(Overskredet, I dag, Denne uge, Læringsforløb der slutter, Delmål,
Handlinger, and registered ones such as unsigned agreements). My citizens
by default; *Hele teamet* shows everyone's. Each row has one obvious action
(Enter, double-click or the first button): a new visit for a follow-up, the
planned visit for a visit today, else the citizen. Ctrl+N starts a visit.
It fetches again (once for a burst) when the change bus announces a change
to what it is made of."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_date, fmt_number
from app.services import today
from app.services.today import TodayItem
from ui import changes
from ui.editors.visit_editor import VisitEditor
from ui.icons import icon
from ui.ops import run_dialog
from ui.worker import run_in_background

SHOWN_PER_SECTION = 300  # the rest is counted; a list of thousands helps nobody
ACTION = {"followup": "Nyt besøg", "visit_today": "Åbn besøg"}  # anything else: Åbn borger
COLUMNS = ["Hvad", "Borger", "Dato", "Hvornår", "Handling"]
WATCHED = (changes.CITIZEN, changes.PLACEMENT, changes.VISIT, changes.MILESTONE, changes.ACTION,
           changes.WAGE_AGREEMENT, changes.ADDENDUM)  # what the list is made of


def action_of(item: TodayItem) -> str:
    return ACTION.get(item.kind, "Åbn borger")


class TodayPage(QWidget):
    open_citizen = Signal(str)
    SHOWS = (changes.CITIZEN, changes.PLACEMENT, changes.VISIT, changes.MILESTONE, changes.ACTION,
             changes.SCHEDULE_SLOT, changes.WAGE_AGREEMENT)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = self.again = False
        self.items: list[TodayItem] = []
        self.tree = _make_tree()
        self.tree.itemActivated.connect(lambda *_: self.do_action())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.heading = QLabel("I dag")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel("Henter …")
        self.summary.setObjectName("today_summary")
        self.team = QCheckBox("&Hele teamet")
        self.team.setObjectName("today_team")
        self.team.setToolTip("Vis alle jobcoaches' punkter, ikke kun dine egne borgere")
        self.team.toggled.connect(lambda _: self.refresh())
        self.action_button = self._button("&Nyt besøg", "today_action", self.do_action, "new_visit")
        self.open_button = self._button("Å&bn borger", "today_open", self.open_current, "open")
        refresh = self._button("Opdat&ér", "today_refresh", self.refresh, "refresh")
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        for widget in (self.team, self.action_button, self.open_button, refresh):
            top.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self._soon = QTimer(self, singleShot=True, interval=300)  # many changes at once: one fetch
        self._soon.timeout.connect(self.refresh)
        changes.bus().changed.connect(self._on_changes)
        self._update_buttons()

    def _on_changes(self, change: changes.Changes) -> None:
        if change.touches(*WATCHED):
            self.refresh_soon()

    def _button(self, text: str, name: str, slot, icon_name: str) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- loading ----------------------------------------------------------------
    def refresh_soon(self, *_args) -> None:
        """Data changed somewhere: fetch again shortly (once for a burst of changes)."""
        self._soon.start()

    def refresh(self) -> None:
        if self.loading:
            self.again = True  # asked again meanwhile: fetch once more when this one ends
            return
        self.loading, self.again = True, False
        self.summary.setText("Henter …")
        coach = None if self.team.isChecked() else self.ctx.coach_id
        run_in_background(self, lambda: today.overview(self.ctx, coach_id=coach), on_done=self._show,
                          on_error=self._failed)

    def _show(self, items: list[TodayItem]) -> None:
        self.loading = False
        if self.again:
            self.refresh()
            return
        self.items = items
        counts = today.counts(items)
        self.tree.clear()
        for section in today.SECTIONS:
            if counts.get(section.key):
                self._add_section(section, [i for i in items if i.section == section.key])
        whose = "hele teamet" if self.team.isChecked() else "dine borgere"
        self.summary.setText(f"{fmt_number(len(items), 0)} punkt{'er' if len(items) != 1 else ''} for {whose} · "
                             f"{fmt_number(counts['overdue'], 0)} overskredet"
                             if items else f"Intet at følge op på for {whose}.")
        self._select_first()

    def _add_section(self, section: today.Section, rows: list[TodayItem]) -> None:
        header = QTreeWidgetItem([f"{section.title} ({fmt_number(len(rows), 0)})"])
        font = QFont(self.tree.font())
        font.setBold(True)
        header.setFont(0, font)
        header.setForeground(0, QBrush(QColor(section.colour)))
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(header)
        header.setFirstColumnSpanned(True)
        late = QBrush(QColor("#b00020"))
        for item in rows[:SHOWN_PER_SECTION]:
            row = QTreeWidgetItem([item.text, item.citizen_name, fmt_date(item.due), item.when, action_of(item)])
            row.setData(0, Qt.ItemDataRole.UserRole, item)
            if item.when.endswith("for sent"):
                row.setForeground(3, late)
            header.addChild(row)
        if len(rows) > SHOWN_PER_SECTION:
            more = QTreeWidgetItem([f"… og {fmt_number(len(rows) - SHOWN_PER_SECTION, 0)} mere"])
            more.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.addChild(more)
        header.setExpanded(True)

    def _select_first(self) -> None:
        first = self.tree.topLevelItem(0)
        row = first.child(0) if first is not None else None
        if row is not None:
            self.tree.setCurrentItem(row)
        self._update_buttons()

    def _failed(self, exc: Exception) -> None:
        from ui.errors import show_error

        self.loading = False
        self.summary.setText("Oversigten kunne ikke hentes.")
        show_error(self, exc)

    # -- the selected row --------------------------------------------------------
    def current(self) -> TodayItem | None:
        row = self.tree.currentItem()
        return row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None

    def current_citizen_id(self) -> str | None:
        item = self.current()
        return item.citizen_id if item else None

    def current_placement_id(self) -> str | None:
        item = self.current()
        return item.placement_id if item else None

    def select(self, citizen_name: str, kind: str | None = None) -> bool:
        """Make the first row of the citizen (and kind) current; for tests and keyboard users."""
        for n in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(n)
            if header is None:
                continue
            for k in range(header.childCount()):
                row = header.child(k)
                item = row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None
                if row is not None and item and item.citizen_name == citizen_name and kind in (None, item.kind):
                    self.tree.setCurrentItem(row)
                    return True
        return False

    def _update_buttons(self) -> None:
        item = self.current()
        self.action_button.setEnabled(item is not None and item.citizen_id is not None)
        self.open_button.setEnabled(item is not None and item.citizen_id is not None)
        self.action_button.setText("&" + action_of(item) if item else "&Nyt besøg")
        self.action_button.setIcon(icon("open" if item and action_of(item) != "Nyt besøg" else "new_visit"))

    # -- actions --------------------------------------------------------------------
    def do_action(self) -> None:
        """The row's one obvious action."""
        item = self.current()
        if item is None or item.citizen_id is None:
            return
        if item.kind == "visit_today" and item.visit_id:
            self._visit(item.citizen_id, item.visit_id)
        elif item.kind == "followup":
            self._visit(item.citizen_id, None)
        else:
            self.open_citizen.emit(item.citizen_id)

    def open_current(self) -> None:
        citizen_id = self.current_citizen_id()
        if citizen_id:
            self.open_citizen.emit(citizen_id)

    def new_visit(self) -> None:
        citizen_id = self.current_citizen_id()
        if citizen_id:
            self._visit(citizen_id, None)

    def _visit(self, citizen_id: str, visit_id: str | None) -> None:
        run_dialog(self, VisitEditor, self.ctx, citizen_id, visit_id)  # the editor announces its writes
        self.refresh_soon()  # the follow-up moves once the visit is held

    def focus_search(self) -> None:
        self.tree.setFocus()


def _make_tree() -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName("today_list")
    tree.setColumnCount(len(COLUMNS))
    tree.setHeaderLabels(COLUMNS)
    tree.setRootIsDecorated(True)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column, width in ((1, 180), (2, 85), (3, 115), (4, 90)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        tree.setColumnWidth(column, width)
    return tree
