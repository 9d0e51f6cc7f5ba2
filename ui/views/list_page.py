"""A browsing page: search box and buttons above a list, the chosen row's
detail beside it. The list pages in rows on demand; typing searches the
FTS index off the GUI thread, and a stale answer is dropped."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.context import Context
from app.formatting import fmt_number
from ui.icons import icon
from ui.models.paged import Loader, PagedModel
from ui.models.rows import Column, row_of, sorting_proxy
from ui.qsettings import window_settings
from ui.widgets.search_box import SearchBox
from ui.widgets.table import make_table
from ui.worker import run_in_background

OPEN_DELAY_MS = 120  # holding an arrow key does not open every row on the way


@dataclass(frozen=True)
class Found:
    """A search whose matches are all counted and fetched page by page."""
    total: int
    load: Loader


class ListPage(QWidget):
    searched = Signal(int)  # number of rows found, after each finished search

    def __init__(self, ctx: Context, name: str, cols: Sequence[Column], loader: Loader,
                 placeholder: str, detail: QWidget, parent: QWidget | None = None,
                 sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)) -> None:
        super().__init__(parent)
        self.ctx, self.name, self.detail = ctx, name, detail
        self.searching = False
        self.why_column: int | None = None  # set by a page whose search says why a row matched
        self.search_hides: tuple[int, ...] = ()
        self._generation = 0
        self.model = PagedModel(cols, loader, self)
        self.proxy = sorting_proxy(self.model, self)
        self.table = make_table(self.proxy, f"{name}_list", sort=sort)
        self.search = SearchBox(placeholder)
        self.search.setObjectName(f"{name}_search")
        self.search.search_requested.connect(self.run_search)
        self.count = QLabel()
        self.count.setObjectName(f"{name}_count")
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.search, 1)
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._open_current)
        self._quiet = False  # selecting by program, not by the user
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: None if self._quiet else self._open_timer.start())
        self.table.activated.connect(lambda *_: self._open_current())
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.toolbar)
        box.addWidget(self.table, 1)
        box.addWidget(self.count)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName(f"{name}_split")
        self.split.addWidget(left)
        self.split.addWidget(detail)
        self.split.setStretchFactor(1, 1)
        self.place_split()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.split)

    def place_split(self) -> None:
        """The list as wide as its visible columns, unless the user moved the splitter before."""
        self.split.setSizes(_split_sizes(self.table))
        state = window_settings().value(f"splitters/{self.name}")
        if state is not None:
            self.split.restoreState(state)

    def add_button(self, text: str, name: str, slot: Callable[[], Any], icon_name: str = "new") -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self.toolbar.addWidget(button)
        return button

    def save_state(self) -> None:
        window_settings().setValue(f"splitters/{self.name}", self.split.saveState())

    # --- browsing and searching -------------------------------------------
    def refresh(self) -> None:
        if self.search.text().strip():
            self.run_search(self.search.text().strip())
        else:
            self.model.browse()
            self._show_count()

    def run_search(self, text: str) -> None:
        self._generation += 1
        generation = self._generation
        if not text:
            self.searching = False
            self.model.browse()
            self._show_searching(False)
            self._show_count()
            self.searched.emit(len(self.model.rows))
            return
        run_in_background(self, lambda: self.find_rows(text),
                          on_done=lambda rows: self._show_found(rows, generation))

    def find_rows(self, text: str) -> Any:
        """Rows matching `text` (a list), or a Found that pages through all
        of them; runs on a worker thread."""
        raise NotImplementedError

    def _show_found(self, found: Any, generation: int) -> None:
        if generation != self._generation:
            return  # the user typed on; a newer search is coming
        self.searching = True
        if isinstance(found, Found):
            self.model.page_through(found.load)
        else:
            self.model.set_rows(found)
        self._show_searching(True)
        total = self.model.total
        self.count.setText(f"{fmt_number(total, 0)} fundet" if total else "Intet fundet")
        self.searched.emit(total)

    def _show_searching(self, searching: bool) -> None:
        """While searching, the why-column shows instead of the columns it names in `search_hides`."""
        if self.why_column is None:
            return
        self.table.setColumnHidden(self.why_column, not searching)
        for column in self.search_hides:
            self.table.setColumnHidden(column, searching)

    def _show_count(self) -> None:
        self.count.setText(f"{fmt_number(self.model.total, 0)} i alt")

    # --- the chosen row -----------------------------------------------------
    def current(self):
        return row_of(self.table.currentIndex())

    def _open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.open_row(row)

    def open_row(self, row) -> None:
        raise NotImplementedError

    def select_id(self, row_id: str) -> bool:
        """Mark a row as chosen without opening it again."""
        self._quiet = True
        try:
            for r in range(self.proxy.rowCount()):
                if getattr(row_of(self.proxy.index(r, 0)), "id", None) == row_id:
                    self.table.selectRow(r)
                    return True
            return False
        finally:
            self._quiet = False

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


def _split_sizes(table) -> list[int]:
    """The list as wide as its columns (no cut column, no sideways scrolling
    at 1366 px), but never more than 62 % of the page; the detail gets the rest."""
    page = 1160  # a 1366 px window minus the navigation column and margins
    wanted = table.horizontalHeader().length() + table.verticalScrollBar().sizeHint().width() + 12
    list_width = min(wanted, page * 62 // 100)
    return [list_width, page - list_width]
