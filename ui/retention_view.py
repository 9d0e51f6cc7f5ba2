"""Citizens whose ended case is past the retention period, and erasure of
their personal data after a confirmation that says what happens."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_date, fmt_number
from app.services.retention import RetentionCandidate, due_for_erasure, erase_citizen
from ui.widgets.table import read_only_table
from ui.worker import run_in_background

COLUMNS = ("Borger", "Sagen afsluttet", "Skulle slettes fra")


class RetentionView(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[RetentionCandidate] = []
        years = fmt_number(ctx.settings.retention_days / 365, 1)
        intro = QLabel(f"Afsluttede sager gemmes i {ctx.settings.retention_days} dage (ca. {years} år). "
                       "Borgerne herunder er over den grænse. Sletning fjerner navn, CPR-nummer, "
                       "kontaktoplysninger og alle noter og tekster – også fra serveren og de andre "
                       "computere ved næste synkronisering. Adgangsloggen beholder kun borger-id, "
                       "tid, bruger og handling.")
        intro.setWordWrap(True)
        self.table = read_only_table(COLUMNS)
        self.table.setObjectName("retention_table")
        self.table.setColumnWidth(0, 300)
        self.table.setColumnWidth(1, 160)
        self.delete_button = QPushButton("Slet personoplysninger …")
        self.delete_button.clicked.connect(self.delete_selected)
        self.summary = QLabel("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.rows = due_for_erasure(self.ctx)
        self.table.setRowCount(len(self.rows))
        for i, c in enumerate(self.rows):
            for col, value in enumerate((c.name, fmt_date(c.ended_on), fmt_date(c.due_since))):
                self.table.setItem(i, col, QTableWidgetItem(value))
        noun = "borger er" if len(self.rows) == 1 else "borgere er"
        self.summary.setText(f"{fmt_number(len(self.rows), 0)} {noun} over opbevaringsperioden."
                             if self.rows else "Ingen borgere er over opbevaringsperioden.")
        self.delete_button.setEnabled(bool(self.rows))

    def selected(self) -> RetentionCandidate | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def confirm(self, candidate: RetentionCandidate) -> bool:
        answer = QMessageBox.question(
            self, "Slet personoplysninger",
            f"Slet alle personoplysninger om {candidate.name}?\n\nNavn, CPR-nummer, kontaktoplysninger, "
            "besøgsnoter, skånehensyn, forløb, timer og handlinger fjernes. Det kan ikke fortrydes. "
            "Sletningen skrives i adgangsloggen.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        candidate = self.selected()
        if candidate is None:
            QMessageBox.information(self, "Jobcoach", "Vælg først en borger på listen.")
            return
        if not self.confirm(candidate):
            return
        self.delete_button.setEnabled(False)
        run_in_background(self, lambda _report: erase_citizen(self.ctx, candidate.id),
                          on_done=lambda _n: self.refresh(), on_error=self._failed,
                          progress_label="Sletter personoplysninger …")

    def _failed(self, exc: Exception) -> None:
        from ui.errors import show_error

        self.refresh()
        show_error(self, exc)
