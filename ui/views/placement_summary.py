"""The Forløb page's detail: what the placement is, with buttons to open
the citizen, print the tillægsaftale or delete it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app import labels
from app.context import Context
from app.formatting import fmt_date
from app.services import signing_state
from app.services.dto import PlacementDTO
from ui.widgets.buttons import button_row


class PlacementSummary(QWidget):
    open_citizen = Signal(str)
    print_requested = Signal(str)
    delete_requested = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.placement: PlacementDTO | None = None
        self.text = QLabel("Vælg et forløb i listen.")
        self.text.setObjectName("placement_summary")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        row = button_row((("Åbn &borgeren", "summary_open_citizen", self._open),
                          ("&Udskriv tillægsaftale", "summary_print", self._print),
                          ("&Slet forløb", "summary_delete", self._delete)))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        self.setEnabled(False)

    def show_placement(self, p: PlacementDTO) -> None:
        self.placement = p
        end = fmt_date(p.end_date or p.planned_end) or "ingen slutdato"
        self.text.setText("\n\n".join([
            f"{p.citizen_name} – {labels.label(labels.PLACEMENT_TYPES, p.placement_type)}",
            f"Hos: {p.company_name}", f"Periode: {fmt_date(p.start_date)} – {end}",
            f"Status: {labels.label(labels.PLACEMENT_STATUS, p.status)}", f"Jobtitel: {p.job_title or '–'}",
            f"Arbejdsopgaver: {p.tasks or '–'}", f"Opgaver borgeren ikke skal lave: {p.tasks_not_to_do or '–'}",
            f"Tillægsaftale: {signing_state.summary(self.ctx, p.id)}",
        ]))
        self.setEnabled(True)

    def clear(self) -> None:
        self.placement = None
        self.text.setText("Vælg et forløb i listen.")
        self.setEnabled(False)

    def _open(self) -> None:
        if self.placement:
            self.open_citizen.emit(self.placement.citizen_id)

    def _print(self) -> None:
        if self.placement:
            self.print_requested.emit(self.placement.id)

    def _delete(self) -> None:
        if self.placement:
            self.delete_requested.emit(self.placement)
