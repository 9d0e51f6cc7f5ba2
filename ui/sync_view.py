"""Synkronisering: server, last sync, changes waiting, conflicts, what is set
aside, and "Synkronisér nu". The rounds (also the automatic ones, which run
whether or not this page was opened) belong to ui/sync_service.py."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_datetime, fmt_number
from app.sync import conflicts as service
from app.sync.errors import SyncError
from ui.conflict_dialog import ConflictPanel, field_label
from ui.icons import icon
from ui.runtime import sync_service
from ui.set_aside_panel import SetAsidePanel
from ui.widgets.table import fit_columns, read_only_table

log = logging.getLogger(__name__)


class SyncView(QWidget):
    synced = Signal(object)  # the SyncReport, after a successful round

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._views: list[service.ConflictView] = []
        self.server, self.last, self.waiting, self.open = (QLabel() for _ in range(4))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.sync_button = QPushButton("Synkronisér nu")
        self.sync_button.clicked.connect(self.sync_now)
        self.sync_button.setIcon(icon("sync"))
        self.login_button = QPushButton(icon("login"), "&Log ind på server …")
        self.login_button.setObjectName("sync_login")
        self.login_button.clicked.connect(self.log_in)
        self.table = read_only_table(("Hvad", "Felt", "Slags", "Opstået"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.panel = ConflictPanel(self.resolve)
        self.set_aside = SetAsidePanel(ctx, self._set_aside_changed)
        self._layout()
        self.service = sync_service(ctx, self)
        self.service.started.connect(self._started)
        self.service.finished.connect(self._done)
        self.service.failed.connect(self._failed)
        self.refresh()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Server:", self.server)
        form.addRow("Sidst synkroniseret:", self.last)
        form.addRow("Ændringer der venter:", self.waiting)
        form.addRow("Konflikter:", self.open)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        top.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setSizes([640, 720])
        layout = QVBoxLayout(self)
        title = QLabel("<h2>Synkronisering</h2>")
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("<b>Konflikter, der venter på en afgørelse</b>"))
        layout.addWidget(split, 1)
        layout.addWidget(self.set_aside)

    def refresh(self) -> None:
        st = service.status(self.ctx)
        self.server.setText(f"{st.server} ({st.username})" if st.logged_in else
                            "Ikke logget ind – tryk »Log ind på server«")
        self.last.setText(fmt_datetime(datetime.fromisoformat(st.last_sync)) if st.last_sync else "Aldrig")
        self.waiting.setText(fmt_number(st.waiting, 0))
        self.open.setText(fmt_number(st.conflicts, 0))
        self.sync_button.setEnabled(st.logged_in and not self.service.running)
        self._views = service.list_conflicts(self.ctx)
        self.table.setRowCount(len(self._views))
        for row, view in enumerate(self._views):
            cells = [f"{view.entity_label}: {view.row_title}", field_label(view.field), view.kind_label,
                     fmt_datetime(view.created_at)]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        fit_columns(self.table)
        self.panel.show_conflict(None)
        self.set_aside.refresh()

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        self.panel.show_conflict(self._views[min(rows)] if rows else None)

    @property
    def running(self) -> bool:
        return self.service.running

    def sync_now(self, quiet: bool = False) -> None:
        self.service.run(quiet)

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.busy.setVisible(True)
        self.message.setText("Synkroniserer …")

    def _finish(self) -> None:
        self.busy.setVisible(False)
        self.refresh()

    def _done(self, report: Any) -> None:
        self._finish()
        aside = len(self.set_aside.items)
        notice = f" {report.notice}" if report.notice else ""
        self.message.setText(f"Sendt {report.pushed} og hentet {report.pulled} ændringer på "
                             f"{report.seconds:.1f} s.{notice}"
                             + (f" {aside} sat til side – se nederst." if aside else ""))
        self.synced.emit(report)

    def _failed(self, exc: Exception, quiet: bool) -> None:
        text = str(exc) if isinstance(exc, SyncError) else "Synkroniseringen mislykkedes; prøv igen senere."
        if not isinstance(exc, SyncError):
            log.error("sync failed: %s", type(exc).__name__)
        self.message.setText(("Automatisk synkronisering: " if quiet else "") + text)
        self._finish()

    def _set_aside_changed(self, message: str) -> None:
        self.message.setText(message)
        self.refresh()

    def resolve(self, conflict_id: str, choice: str, edited: Any) -> None:
        row = self.table.currentRow()
        service.resolve(self.ctx, conflict_id, choice, edited)
        self.message.setText("Konflikten er afgjort; afgørelsen sendes ved næste synkronisering.")
        self.refresh()
        if self.table.rowCount():  # the next conflict is ready to open, no Ctrl+click needed
            self.table.selectRow(min(max(row, 0), self.table.rowCount() - 1))
            self._selected()

    def log_in(self) -> None:
        from ui.login_dialog import LoginDialog

        if LoginDialog(self.ctx, self).exec():
            self.message.setText("Logget ind. Synkroniserer første gang …")
            self.refresh()
            self.sync_now()
