"""A table view set up the same way everywhere: whole rows, one at a time,
sortable through the proxy, column widths remembered; and a small read-only
table widget set up the same way."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QWidget

from ui.qsettings import window_settings


def make_table(model: QAbstractItemModel, name: str, parent: QWidget | None = None,
               sortable: bool = True, sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
               ) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(sortable)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(140)
    if not restore_header(view):
        _initial_widths(view)
        if sortable:
            view.sortByColumn(*sort)
    return view


def _initial_widths(view: QTableView) -> None:
    """Widths from the columns (scaled with the font, so high DPI fits)."""
    from ui.models.rows import RowsModel

    source: QAbstractItemModel | None = view.model()
    while source is not None and not isinstance(source, RowsModel):
        source = getattr(source, "sourceModel", lambda: None)()
    if source is None:
        return
    scale = max(1.0, view.fontMetrics().height() / 14)
    for i, column in enumerate(source.columns):
        if column.width:
            view.setColumnWidth(i, int(column.width * scale))


def restore_header(view: QTableView) -> bool:
    state = window_settings().value(f"tables/{view.objectName()}")
    return state is not None and view.horizontalHeader().restoreState(state)


def save_header(view: QTableView) -> None:
    window_settings().setValue(f"tables/{view.objectName()}", view.horizontalHeader().saveState())


def current_row(view: QTableView):
    """The DTO of the selected row, or None."""
    from ui.models.rows import row_of

    index = view.currentIndex()
    if not index.isValid():
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        index = rows[0] if rows else QModelIndex()
    return row_of(index)


def read_only_table(columns: tuple[str, ...]) -> QTableWidget:
    """A table widget of whole rows, one selected at a time, not editable."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_columns(table: QTableWidget) -> None:
    """Every column but the last as wide as its contents; the last keeps
    filling the rest (resizing it to contents would end the stretch and leave
    a grey strip of empty header beside it)."""
    for column in range(table.columnCount() - 1):
        table.resizeColumnToContents(column)
