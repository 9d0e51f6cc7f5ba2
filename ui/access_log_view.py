"""The team leader's privacy page: the access log (filter by citizen, user
and period; export as CSV; read-only) and, on a second tab, the citizens
past the retention period (ui.retention_view)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_datetime, fmt_number
from app.services import access_log, citizens
from ui.retention_view import RetentionView
from ui.widgets.qt_dates import to_date
from ui.worker import run_in_background

COLUMNS = ("Tidspunkt", "Bruger", "Handling", "Borger", "Type", "Detalje")
SHOWN = 5000


class AccessLogPanel(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[access_log.AccessEntry] = []
        self.citizen = QComboBox()
        self.citizen.setEditable(True)
        self.citizen.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.citizen.setMinimumWidth(260)
        self.user = QComboBox()
        self.user.setMinimumWidth(140)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit, day in ((self.start, date.today() - timedelta(days=183)), (self.end, date.today())):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.search_button = QPushButton("Vis")
        self.search_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton("Eksportér CSV …")
        self.csv_button.clicked.connect(self.export_csv)
        bar = QHBoxLayout()
        for label, widget in (("Borger", self.citizen), ("Bruger", self.user), ("Fra", self.start),
                              ("Til", self.end)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.search_button)
        bar.addStretch(1)
        bar.addWidget(self.csv_button)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("access_log_table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((140, 110, 170, 220, 150)):
            self.table.setColumnWidth(i, width)
        self.summary = QLabel("")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._load_choices()
        self.refresh()

    def _load_choices(self) -> None:
        self.citizen.addItem("Alle borgere", None)
        for c in citizens.list_citizens(self.ctx, 0, 10_000).rows:
            self.citizen.addItem(c.name, c.id)
        self.user.addItem("Alle brugere", None)
        for name in access_log.users(self.ctx):
            self.user.addItem(name, name)

    def filters(self) -> dict:
        def day(edit: QDateEdit) -> date:
            return to_date(edit.date())

        index = self.citizen.findText(self.citizen.currentText(), Qt.MatchFlag.MatchExactly)
        citizen_id = self.citizen.itemData(index) if index >= 0 else None
        return {"citizen_id": citizen_id, "user": self.user.currentData(),
                "start": day(self.start), "end": day(self.end)}

    def refresh(self) -> None:
        filters = self.filters()
        self.search_button.setEnabled(False)
        run_in_background(self, lambda: access_log.query(self.ctx, **filters),
                          on_done=self._show, on_error=self._failed)

    def _failed(self, exc: Exception) -> None:
        from ui.errors import show_error

        self.search_button.setEnabled(True)
        show_error(self, exc)

    def _show(self, entries: list[access_log.AccessEntry]) -> None:
        self.search_button.setEnabled(True)
        self.entries = entries
        shown = entries[:SHOWN]
        self.table.setRowCount(len(shown))
        for row, e in enumerate(shown):
            who = e.citizen_name or (f"(slettet) {e.citizen_id[:8]}…" if e.citizen_id else "")
            for col, value in enumerate((fmt_datetime(e.at), e.user, e.action_label, who,
                                         e.entity_label, e.detail)):
                self.table.setItem(row, col, QTableWidgetItem(value))
        more = f" (viser de nyeste {fmt_number(SHOWN, 0)})" if len(entries) > SHOWN else ""
        self.summary.setText(f"{fmt_number(len(entries), 0)} hændelser{more}. Loggen kan ikke ændres.")

    def export_csv(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Eksportér adgangslog", "adgangslog.csv",
                                                  "CSV (*.csv)")
            if not name:
                return
            path = Path(name)
        count = access_log.write_csv(self.entries, path)
        QMessageBox.information(self, "Jobcoach", f"{fmt_number(count, 0)} hændelser er gemt i {path.name}.")


class AccessLogView(QTabWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_panel = AccessLogPanel(ctx)
        self.retention = RetentionView(ctx)
        self.addTab(self.log_panel, "Adgangslog")
        self.addTab(self.retention, "Sletning efter opbevaringsperiode")
