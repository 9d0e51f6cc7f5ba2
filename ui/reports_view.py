"""Rapporter: the team leader's figures for a period and a team or coach.

The figures are computed off the GUI thread (app.services.reports); a double
click on a figure, or a click on a bar, lists the citizens behind it, and the
service logs each of them as viewed."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.reports.model import PILOT_GOAL_SHARE, PILOT_START_SHARE, PilotReport
from app.reports.rows import DEFINITIONS, figure_rows, scope_text
from app.rules.errors import ValidationError
from app.services import reports
from ui.report_charts import LATE, MUTED, BarChart, MonthChart, ShareBar
from ui.report_citizens import CitizensDialog
from ui.widgets.qt_dates import to_date
from ui.worker import run_in_background

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportsView(QWidget):
    citizen_requested = Signal(str)  # a citizen's id, when opened from a list

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: PilotReport | None = None
        self._generation = 0  # a newer computation makes older results stale
        self._shown = False
        self._build()
        self._load_scopes()

    # --- layout -------------------------------------------------------------
    def _build(self) -> None:
        today = date.today()
        self.start = QDateEdit(_qdate(date(today.year, 1, 1)))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
        self.preset = QComboBox()
        self.preset.addItems(["I år", "Sidste 12 måneder", "Sidste kvartal", "Sidste år", "Valgfri"])
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.scope = QComboBox()
        self.scope.setMinimumWidth(220)
        self.run_button = QPushButton("Beregn")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton("Eksportér CSV…")
        self.pdf_button = QPushButton("Eksportér PDF…")
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        top = QHBoxLayout()
        for widget in (QLabel("Periode"), self.preset, QLabel("Fra"), self.start, QLabel("Til"),
                       self.end, QLabel("Hvem"), self.scope, self.run_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)
        self.status = QLabel("Vælg periode og tryk Beregn.")
        self.status.setStyleSheet("color: #555")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._figures_tree())
        splitter.addWidget(self._charts())
        splitter.setSizes([560, 630])  # the longest figure label whole at 1366 px
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self._set_busy(False, has_report=False)

    def _figures_tree(self) -> QTreeWidget:
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Tal", "Værdi", "Antal"])
        self.tree.setRootIsDecorated(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._item_activated)
        self.tree.setToolTip("Dobbeltklik på et tal for at se borgerne bag det.")
        return self.tree

    def _charts(self) -> QScrollArea:
        self.share_bar = ShareBar("hours_raised", "Har øget ugentlige timer", PILOT_START_SHARE,
                                  PILOT_GOAL_SHARE)
        self.share_bar.setToolTip(DEFINITIONS["Timer"])
        self.types_chart = BarChart("Borgere efter beskæftigelsestype", "")
        self.moves_chart = BarChart("Skift mellem typer i perioden", "")
        self.follow_chart = BarChart("Opfølgning", "")
        self.month_chart = MonthChart()
        body = QWidget()
        column = QVBoxLayout(body)
        for chart in (self.share_bar, self.month_chart, self.follow_chart, self.types_chart,
                      self.moves_chart):
            chart.clicked.connect(self.open_group)
            column.addWidget(chart)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    # --- actions ------------------------------------------------------------
    def _load_scopes(self) -> None:
        self.scope.clear()
        for choice in reports.scope_choices(self.ctx):
            self.scope.addItem(choice.label, choice)

    def _apply_preset(self, index: int) -> None:
        today = date.today()
        ranges = {0: (date(today.year, 1, 1), today), 1: (today - timedelta(days=365), today),
                  2: self._last_quarter(today), 3: (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))}
        if index in ranges:
            first, last = ranges[index]
            self.start.setDate(_qdate(first))
            self.end.setDate(_qdate(last))

    @staticmethod
    def _last_quarter(today: date) -> tuple[date, date]:
        first_this = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last = first_this - timedelta(days=1)
        return date(last.year, 3 * ((last.month - 1) // 3) + 1, 1), last

    def current_scope(self):
        return reports.make_scope(to_date(self.start.date()), to_date(self.end.date()),
                                  self.scope.currentData())

    def refresh(self) -> None:
        try:
            scope = self.current_scope()
        except ValidationError as exc:
            self.status.setText(" ".join(exc.errors.values()))
            return
        self._set_busy(True)
        self.status.setText("Beregner…")
        self._generation += 1
        generation = self._generation
        def done(report: PilotReport) -> None:
            if generation == self._generation:  # else a newer computation replaced this one
                self.show_report(report)

        run_in_background(self, lambda: reports.build_report(self.ctx, scope), on_done=done,
                          on_error=self._failed)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown:  # the figures for this year, without a click
            self._shown = True
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        from ui.errors import show_error
        self._set_busy(False, self.report is not None)
        self.status.setText("Beregningen mislykkedes.")
        show_error(self, exc)

    def _set_busy(self, busy: bool, has_report: bool = True) -> None:
        self.run_button.setEnabled(not busy)
        self.csv_button.setEnabled(not busy and has_report)
        self.pdf_button.setEnabled(not busy and has_report)

    def show_report(self, report: PilotReport) -> None:
        self.report = report
        self._set_busy(False)
        self.status.setText(f"{scope_text(report)} · {report.citizens} borgere. "
                            "Dobbeltklik på et tal eller klik på en søjle for at se borgerne.")
        self._fill_tree(report)
        h, f = report.hours, report.followups
        self.share_bar.set_value(h.share, f"{h.raised} af {h.measured} målte borgere")
        self.types_chart.set_bars([(c.key, c.label, c.count) for c in report.types])
        self.moves_chart.set_bars([(c.key, c.label, c.count) for c in report.moves])
        self.follow_chart.set_bars([("followup_on_time", "Til tiden (besøg)", f.on_time),
                                    ("followup_late", "For sent (besøg)", f.late),
                                    ("followup_overdue", "Overskredet nu (borgere)", f.overdue_open)],
                                   [self.share_bar.palette().highlight().color(), LATE, MUTED])
        self.month_chart.set_months(list(report.months))

    def _fill_tree(self, report: PilotReport) -> None:
        self.tree.clear()
        sections: dict[str, QTreeWidgetItem] = {}
        for row in figure_rows(report):
            parent = sections.get(row.section)
            if parent is None:
                parent = sections[row.section] = QTreeWidgetItem(self.tree, [row.section])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setToolTip(0, DEFINITIONS.get(row.section, ""))
                parent.setExpanded(True)
            count = f"{row.count} af {row.total}" if row.unit == "%" and row.total else ""
            item = QTreeWidgetItem(parent, [row.label, row.value_text(), count])
            item.setToolTip(0, row.label)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, GROUP_ROLE, row.group)
            if row.group:
                item.setToolTip(0, f"{row.label} – dobbeltklik for at se borgerne")

    def _item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, GROUP_ROLE)
        if key:
            self.open_group(key)

    def open_group(self, key: str) -> CitizensDialog | None:
        """List the citizens behind a figure; the service logs each as viewed."""
        if self.report is None or key not in self.report.groups:
            return None
        group = self.report.groups[key]
        lines = reports.citizens_behind(self.ctx, self.report, key)
        dialog = CitizensDialog(f"{group.label} – {scope_text(self.report)}", lines, self)
        dialog.table.itemDoubleClicked.connect(
            lambda item: self.citizen_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        dialog.setModal(True)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def _export(self, kind: str) -> None:
        if self.report is None:
            return
        name = f"rapport_{self.report.scope.start:%Y%m%d}-{self.report.scope.end:%Y%m%d}.{kind}"
        filters = "CSV (*.csv)" if kind == "csv" else "PDF (*.pdf)"
        path, _ = QFileDialog.getSaveFileName(self, "Gem rapport", str(Path.home() / name), filters)
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path) -> None:
        report = self.report
        if report is None:  # nothing computed yet: nothing to save
            return
        func = reports.export_csv if kind == "csv" else reports.export_pdf
        self.status.setText(f"Gemmer {path.name}…")
        run_in_background(self, lambda: func(self.ctx, report, path),
                          on_done=lambda p: self.status.setText(f"Gemt: {p}"), on_error=self._failed)
