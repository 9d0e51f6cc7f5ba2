"""Statusudtalelse: choose the period, read the figures, write the
assessment and recommendation (quoting passages of recent visit notes),
then save the PDF or copy the text for the case system.

The figures are gathered off the GUI thread when the period changes. Saving
or copying gathers them again from the records (so they are current) and
is logged as a print of the statusudtalelse.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.documents.status_text import render_text
from app.rules.dates import add_months
from app.rules.errors import ValidationError
from app.services import status_report
from app.services.status_model import Quote, StatusReport
from app.services.status_quotes import recent_quotes
from ui.editors.fields import DateEdit, FieldError, FormErrors, read_date
from ui.errors import show_error
from ui.pdf_save import ask_save_pdf
from ui.status_report_parts import QuoteList, column, period_row
from ui.worker import run_in_background


class StatusReportDialog(QDialog):
    def __init__(self, ctx: Context, citizen_id: str, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.citizen_id = ctx, citizen_id
        self.report: StatusReport | None = None
        self._request = 0
        today = today or date.today()
        self.setWindowTitle(f"Statusudtalelse – {status_report.citizen_name(ctx, citizen_id)}")
        self.errors = FormErrors()
        self.start, self.end = DateEdit(add_months(today, -6) + timedelta(days=1)), DateEdit(today)
        self.refresh_button = QPushButton("&Opdatér tal")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setObjectName("status_preview")
        self.quotes = QuoteList()
        self.quote_button = QPushButton("&Indsæt citat i vurderingen")
        self.assessment, self.recommendation = QPlainTextEdit(), QPlainTextEdit()
        for box in (self.assessment, self.recommendation):
            box.setTabChangesFocus(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.save_button, self.copy_button = QPushButton("&Gem PDF…"), QPushButton("&Kopiér tekst")
        self.close_button = QPushButton("Luk")
        self._layout()
        self._connect()
        self.resize(1180, 720)
        self.refresh()

    def _layout(self) -> None:
        period = period_row((("&Fra:", self.start, self.errors.add("start", self.start)),
                             ("&Til:", self.end, self.errors.add("end", self.end))), self.refresh_button)
        left = column(("Tallene fra registreringerne, som de står i udtalelsen:", self.preview))
        right = column(("&Citater fra de seneste besøgsnoter (vælg et afsnit):", self.quotes), self.quote_button,
                        ("&Vurdering (arbejdsevne, udvikling, perspektiv):", self.assessment),
                        self.errors.add("assessment", self.assessment),
                        ("&Anbefaling til jobcentret:", self.recommendation),
                        self.errors.add("recommendation", self.recommendation))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 600])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.save_button, self.copy_button, self.close_button):
            buttons.addWidget(button)
        self.errors.fallback = FieldError()
        outer = QVBoxLayout(self)
        outer.addLayout(period)
        outer.addWidget(split, 1)
        outer.addWidget(self.errors.fallback)
        outer.addLayout(buttons)

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_button.setDefault(True)  # Enter in a date field shows that period's figures
        self.quote_button.clicked.connect(self.insert_quote)
        self.quotes.itemDoubleClicked.connect(lambda _item: self.insert_quote())
        self.save_button.clicked.connect(self._ask_save)
        self.copy_button.clicked.connect(self.copy_text)
        self.close_button.clicked.connect(self.reject)

    # -- the period and the figures ---------------------------------------------
    def period(self) -> tuple[date, date] | None:
        """The period typed, or None after showing the message at its field."""
        found: dict[str, str] = {}
        start = read_date(self.start, "start", found, True, "Startdatoen")
        end = read_date(self.end, "end", found, True, "Slutdatoen")
        try:
            if found:
                raise ValidationError(found)
            return status_report.check_period(start, end)
        except ValidationError as exc:
            self.errors.show_exception(exc)
            return None

    def refresh(self) -> None:
        period = self.period()
        if period is None:
            return
        self.errors.clear()
        self._request += 1
        request, (start, end) = self._request, period
        self.status.setText("Tallene hentes …")

        def gather() -> tuple[StatusReport, list[Quote]]:
            return (status_report.build(self.ctx, self.citizen_id, start, end),
                    recent_quotes(self.ctx, self.citizen_id, end))
        run_in_background(self, gather, on_done=lambda result: self._show(result, request),
                          on_error=lambda exc: show_error(self, exc))

    def _show(self, result: tuple[StatusReport, list[Quote]], request: int) -> None:
        if request != self._request:
            return  # a newer period was asked for meanwhile
        self.report, quotes = result
        self.preview.setPlainText(render_text(self.report))
        self.quotes.set_quotes(quotes)
        self.status.setText("")

    def insert_quote(self) -> None:
        quote = self.quotes.current_quote()
        if quote is not None:
            self.assessment.textCursor().insertText(quote.as_quote() + " ")
            self.assessment.setFocus()

    # -- output ------------------------------------------------------------------
    def final_report(self) -> StatusReport | None:
        """Gathered again with the texts typed; None after showing why not."""
        period = self.period()
        if period is None:
            return None
        try:
            report = status_report.build(self.ctx, self.citizen_id, *period, self.assessment.toPlainText(),
                                         self.recommendation.toPlainText())
            self.errors.clear()
            self.report = report
            self.preview.setPlainText(render_text(report))  # the preview shows what was made
            return report
        except ValidationError as exc:
            self.errors.show_exception(exc)
        except Exception as exc:
            show_error(self, exc)
        return None

    def save_to(self, path: Path) -> StatusReport | None:
        report = self.final_report()
        if report is not None:
            Path(path).write_bytes(status_report.pdf(self.ctx, report))
            self.status.setText(f"Gemt som {Path(path).name}.")
        return report

    def copy_text(self) -> str:
        report = self.final_report()
        if report is None:
            return ""
        text = status_report.text_version(self.ctx, report)
        QGuiApplication.clipboard().setText(text)
        self.status.setText("Teksten er kopieret. Indsæt den i sagssystemet med Ctrl+V.")
        return text

    def _ask_save(self) -> None:
        start, end = self.start.text().strip(), self.end.text().strip()
        ask_save_pdf(self, "Gem statusudtalelse", f"Statusudtalelse {start}-{end}.pdf", self.save_to)

