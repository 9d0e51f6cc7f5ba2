"""Placement editor: a new forløb for a citizen, or changes to one.
exec() returns Accepted once the placement and its weekly schedule are saved."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from app.context import Context
from app.formatting import fmt_date
from app.rules.dates import learning_course_end_limit
from app.rules.errors import ValidationError
from app.rules.hours import NeedsConfirmation
from app.rules.schedule import Slot, check_no_overlap
from app.services import placements as svc
from app.services.companies import list_contacts
from app.services.followup_plan import list_coaches
from db.enums import PlacementStatus, PlacementType
from ui.editors.choosers import select_data
from ui.editors.fields import read_date
from ui.editors.placement_form import PlacementForm
from ui.errors import show_error
from ui.widgets.buttons import save_cancel
from ui.widgets.fit import fit


class PlacementEditor(QDialog):
    def __init__(self, ctx: Context, citizen_id: str, placement_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.citizen_id, self.placement_id = ctx, citizen_id, placement_id
        self.setWindowTitle("Nyt forløb" if placement_id is None else "Ret forløb")
        self.form = f = PlacementForm(ctx)
        buttons, self.save_button = save_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(f)
        layout.addWidget(buttons)
        for coach in list_coaches(ctx):
            f.coach.addItem(coach.name, coach.id)
        self.loaded: svc.PlacementDTO | None = None
        self.loaded_slots: list[Slot] = []
        f.company.company_changed.connect(self._load_contacts)
        for signal in (f.placement_type.currentIndexChanged, f.start.textChanged,
                       f.planned_end.textChanged):
            signal.connect(self._update_learning_hint)
        f.company.load(on_error=lambda exc: show_error(self, exc))
        self._fill()
        self._load_contacts()
        f.placement_type.setFocus()
        fit(self, 1100, 640)

    def _fill(self) -> None:
        f = self.form
        select_data(f.coach, self.ctx.coach_id)
        select_data(f.status, PlacementStatus.ACTIVE)
        if self.placement_id is None:
            f.start.set_date(date.today())
            return
        p = self.loaded = svc.get_placement(self.ctx, self.placement_id)
        select_data(f.placement_type, p.placement_type)
        f.company.set_company(p.company_id)
        f.internal_unit.setText(p.internal_unit)
        select_data(f.coach, p.coach_id)
        select_data(f.status, p.status)
        f.start.set_date(p.start_date)
        f.planned_end.set_date(p.planned_end)
        f.end.set_date(p.end_date)
        f.job_title.setText(p.job_title)
        f.tasks.setPlainText(p.tasks)
        f.tasks_not.setPlainText(p.tasks_not_to_do)
        f.purpose.setText(p.purpose)
        f.benefit.setText(p.benefit)
        f.citizen_goal.setPlainText(p.citizen_goal)
        self.loaded_slots = [Slot(x.weekday, x.start_time, x.end_time)
                             for x in svc.schedule_of(self.ctx, self.placement_id)]
        f.schedule.set_slots(self.loaded_slots)

    def _load_contacts(self) -> None:
        f = self.form
        wanted = f.contact.currentData() or (self.loaded.contact_person_id if self.loaded else None)
        f.contact.clear()
        f.contact.addItem("(Ingen)", None)
        try:
            company_id = f.company.company_id()
        except ValueError:
            company_id = None
        if company_id:
            for person in list_contacts(self.ctx, company_id):
                f.contact.addItem(f"{person.name}, {person.title}" if person.title else person.name, person.id)
        select_data(f.contact, wanted)

    def _update_learning_hint(self) -> None:
        f = self.form
        errors: dict[str, str] = {}
        start = read_date(f.start, "start", errors)
        end = read_date(f.planned_end, "end", errors)
        field_error = f.errors.fields["planned_end"][1]
        if f.placement_type.currentData() != PlacementType.EXTERNAL_LEARNING or start is None:
            f.learning_hint.setText("")
            if field_error.text().startswith("Et eksternt læringsforløb"):
                field_error.show_message("")
            return
        limit = learning_course_end_limit(start)
        reason = f"Et eksternt læringsforløb varer højst 3 måneder (senest {fmt_date(limit)})."
        too_long = bool(end and end > limit)
        # One place for the reason: grey beside the field, red under it once exceeded.
        f.learning_hint.setText("" if too_long else reason)
        if too_long or field_error.text() == reason:
            field_error.show_message(reason if too_long else "")

    def values(self, errors: dict[str, str]) -> dict[str, Any]:
        """What is typed, as service values; parse problems go to `errors`."""
        f = self.form
        try:
            company_id = f.company.company_id()
        except ValueError:
            errors["company_id"] = "Vælg en virksomhed fra listen (skriv en del af navnet)."
            company_id = None
        return {
            "placement_type": f.placement_type.currentData(), "company_id": company_id,
            "internal_unit": f.internal_unit.text(), "contact_person_id": f.contact.currentData(),
            "coach_id": f.coach.currentData(), "status": f.status.currentData(),
            "start_date": read_date(f.start, "start_date", errors, True, "Startdatoen"),
            "planned_end": read_date(f.planned_end, "planned_end", errors, False, "Slutdatoen"),
            "end_date": read_date(f.end, "end_date", errors, False, "Slutdatoen"),
            "job_title": f.job_title.text(), "tasks": f.tasks.toPlainText(),
            "tasks_not_to_do": f.tasks_not.toPlainText(), "purpose": f.purpose.text(),
            "benefit": f.benefit.text(), "citizen_goal": f.citizen_goal.toPlainText(),
        }

    def _check(self, values: dict[str, Any], parse_errors: dict[str, str], slots: list[Slot]) -> str:
        """Every field's problem at once, before anything is written; returns
        the question to ask when the schedule's hours differ from the wage's."""
        errors: dict[str, str] = {}
        question = ""
        try:
            svc.clean_placement(values)
        except ValidationError as exc:
            errors |= exc.errors
        try:
            self._check_schedule(slots)
        except NeedsConfirmation as exc:
            question = exc.errors["schedule"]
        except ValidationError as exc:
            errors |= exc.errors
        if errors or parse_errors:
            raise ValidationError(errors | parse_errors)
        return question

    def _check_schedule(self, slots: list[Slot]) -> None:
        if self.placement_id:
            svc.check_schedule(self.ctx, self.placement_id, slots)
            return
        others = [Slot(x.weekday, x.start_time, x.end_time, p.id)
                  for p in svc.placements_of_citizen(self.ctx, self.citizen_id)
                  for x in svc.schedule_of(self.ctx, p.id)]
        check_no_overlap(slots, others)

    def save(self) -> None:
        parse_errors: dict[str, str] = {}
        values = self.values(parse_errors)
        slots = self.form.schedule.slots()
        try:
            question = self._check(values, parse_errors, slots)
            if question and not self._confirm_hours(question):
                raise ValidationError({"schedule": question})
            self._write(values, slots, adjust_hours=bool(question))
        except ValidationError as exc:
            self.form.errors.show_exception(exc)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()

    def _confirm_hours(self, message: str) -> bool:
        """A schedule with other hours than the wage agreement: only with a new wage version."""
        answer = QMessageBox.question(
            self, "Ugeskema og timer", f"{message}\n\nVil du gemme ugeskemaet og lave en ny version af "
            "lønaftalen med ugeskemaets timer fra i dag?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _write(self, values: dict[str, Any], slots: list[Slot], adjust_hours: bool = False) -> None:
        if self.loaded is None:
            dto = svc.create_placement(self.ctx, self.citizen_id, **values)
            self.placement_id = dto.id
            self.loaded = dto
        else:
            changes = {k: v for k, v in values.items() if getattr(self.loaded, k) != v}
            if changes:
                self.loaded = svc.update_placement(self.ctx, self.loaded.id, **changes)
        if slots != self.loaded_slots:
            svc.set_schedule(self.ctx, self.loaded.id, slots, adjust_hours=adjust_hours)
            self.loaded_slots = slots
