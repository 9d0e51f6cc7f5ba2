"""A browsing page: search box and buttons above a list, the chosen row's
detail beside it. The list pages in rows on demand; typing searches the
FTS index off the GUI thread, and a stale answer is dropped."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.context import Context
from ui.models.paged import Loader, PagedModel
from ui.models.rows import Column, row_of, sorting_proxy
from ui.qsettings import window_settings
from ui.widgets.search_box import SearchBox
from ui.widgets.table import make_table
from ui.worker import run_in_background

OPEN_DELAY_MS = 120  # holding an arrow key does not open every row on the way


class ListPage(QWidget):
    searched = Signal(int)  # number of rows found, after each finished search

    def __init__(self, ctx: Context, name: str, cols: Sequence[Column], loader: Loader,
                 placeholder: str, detail: QWidget, parent: QWidget | None = None,
                 sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)) -> None:
        super().__init__(parent)
        self.ctx, self.name, self.detail = ctx, name, detail
        self.searching = False
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
        self.split.setSizes([430, 720])
        state = window_settings().value(f"splitters/{name}")
        if state is not None:
            self.split.restoreState(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.split)

    def add_button(self, text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
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
            self.model.reload()
            self._show_count()

    def run_search(self, text: str) -> None:
        self._generation += 1
        generation = self._generation
        if not text:
            self.searching = False
            self.model.reload()
            self._show_count()
            self.searched.emit(len(self.model.rows))
            return
        run_in_background(self, lambda: self.find_rows(text),
                          on_done=lambda rows: self._show_found(rows, generation))

    def find_rows(self, text: str) -> list:
        """Rows matching `text`; runs on a worker thread."""
        raise NotImplementedError

    def _show_found(self, rows: list, generation: int) -> None:
        if generation != self._generation:
            return  # the user typed on; a newer search is coming
        self.searching = True
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} fundet" if rows else "Intet fundet")
        self.searched.emit(len(rows))

    def _show_count(self) -> None:
        self.count.setText(f"{self.model.total} i alt")

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
