"""The visit's marks for each active skånehensyn: overholdes / overholdes
ikke / skal ændres, with a comment. A mark is saved when it is chosen; the
comment when the field is left (and when the visit is closed)."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.context import Context
from app.labels import ACCOMMODATION_CATEGORIES, CHECK_STATUS, label
from app.rules.errors import ValidationError
from app.services import visits
from app.services.dto import AccommodationDTO
from ui.editors.choosers import code_combo, select_data
from ui.editors.fields import FieldError

NOT_MARKED = "Ikke vurderet"


class CheckRow:
    def __init__(self, accommodation: AccommodationDTO) -> None:
        self.accommodation = accommodation
        text = f"<b>{label(ACCOMMODATION_CATEGORIES, accommodation.category)}:</b> {accommodation.text}"
        self.title = QLabel(text)
        self.title.setWordWrap(True)
        self.status = code_combo(CHECK_STATUS, blank=NOT_MARKED)
        self.status.setAccessibleName(f"Vurdering: {accommodation.text[:40]}")
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Kommentar")
        self.error = FieldError()
        self.saved: tuple[str | None, str] = (None, "")

    def wanted(self) -> tuple[str | None, str]:
        return self.status.currentData(), self.comment.text().strip()


class ChecksPanel(QWidget):
    def __init__(self, ctx: Context, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visit_id = ctx, visit_id
        self.rows: list[CheckRow] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.empty = QLabel("Borgeren har ingen aktive skånehensyn.")
        self.grid.addWidget(self.empty, 0, 0, 1, 2)

    def set_accommodations(self, active: list[AccommodationDTO]) -> None:
        marks = {c.accommodation_id: c for c in visits.checks_of_visit(self.ctx, self.visit_id)}
        self.empty.setVisible(not active)
        for i, accommodation in enumerate(active):
            row = CheckRow(accommodation)
            mark = marks.get(accommodation.id)
            if mark is not None:
                select_data(row.status, mark.status)
                row.comment.setText(mark.comment)
                row.saved = (mark.status, mark.comment)
            row.status.currentIndexChanged.connect(lambda _=0, r=row: self.save_row(r))
            row.comment.editingFinished.connect(lambda r=row: self.save_row(r))
            top = 3 * i + 1  # title; mark and comment; message
            self.grid.addWidget(row.title, top, 0, 1, 2)
            self.grid.addWidget(row.status, top + 1, 0)
            self.grid.addWidget(row.comment, top + 1, 1)
            self.grid.addWidget(row.error, top + 2, 0, 1, 2)
            self.rows.append(row)
        self.grid.setRowStretch(3 * len(active) + 1, 1)  # rows stay together at the top

    def save_row(self, row: CheckRow) -> bool:
        status, comment = row.wanted()
        if (status, comment) == row.saved:
            return True
        try:
            if status is None:
                raise ValidationError.single("status", "Vælg overholdes, overholdes ikke eller skal ændres.")
            visits.set_check(self.ctx, self.visit_id, row.accommodation.id, status, comment)
        except ValidationError as exc:
            row.error.show_message(next(iter(exc.errors.values())))
            return False
        row.error.show_message("")
        row.saved = (status, comment)
        return True

    def save_all(self) -> bool:
        return all([self.save_row(row) for row in self.rows])

    def has_marks(self) -> bool:
        return any(row.saved[0] for row in self.rows)
