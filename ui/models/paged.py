"""A RowsModel that fetches rows on demand, a page at a time, from a
service's offset/limit function; or shows a fixed set (search results)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from app.services.dto import Page
from ui.models.rows import Column, RowsModel

PAGE_SIZE = 100
Loader = Callable[[int, int], Page]


class PagedModel(RowsModel):
    def __init__(self, columns: Sequence[Column], loader: Loader, parent=None) -> None:
        super().__init__(columns, parent)
        self.loader = self.browse_loader = loader
        self.total = 0
        self.paging = True

    def browse(self) -> None:
        """Everything again (after a search paged through its own loader)."""
        self.loader = self.browse_loader
        self.reload()

    def page_through(self, loader: Loader) -> None:
        """Page through another source (all the matches of a search) as the list scrolls."""
        self.loader = loader
        self.reload()

    def reload(self) -> None:
        """Back to browsing everything: the first page, and the total."""
        page = self.loader(0, PAGE_SIZE)
        self.beginResetModel()
        self.rows, self.total, self.paging = list(page.rows), page.total, True
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:
        """A fixed set (e.g. search hits): nothing more to fetch."""
        self.paging = False
        self.total = len(rows)
        super().set_rows(rows)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self.paging and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        page = self.loader(len(self.rows), PAGE_SIZE)
        new = list(page.rows)
        if not new:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(new) - 1)
        self.rows.extend(new)
        self.endInsertRows()
