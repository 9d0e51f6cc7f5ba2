"""Visits and follow-ups: notes saved as typed, skånehensyn checks, actions."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from app.context import Context
from app.rules import dates, text
from app.rules.errors import Collector, ValidationError
from app.services import audit
from app.services.crud import apply_changes, delete_logged, get_live, reference, undelete_logged
from app.services.dto import ActionDTO, CheckDTO, VisitDTO, to_dto
from db.coalesce import fold_pending
from db.enums import CheckStatus, VisitChannel, VisitStatus
from db.models import AccommodationCheck, Action, Citizen, Placement, Visit


def clean_visit(values: dict[str, Any], now: datetime) -> dict[str, Any]:
    c = Collector()
    at = values.get("at")
    if not isinstance(at, datetime):
        c.add("at", "Angiv dato og klokkeslæt.")
    else:
        c.check("at", dates.plausible, at, "at", "Tidspunktet")
        c.check("at", dates.not_in_future_if_held, at, values.get("status") == VisitStatus.HELD, now)
    if values.get("channel") not in [x.value for x in VisitChannel]:
        c.add("channel", "Vælg kontaktform.")
    if values.get("status") not in [x.value for x in VisitStatus]:
        c.add("status", "Ukendt status.")
    participants = c.check("participants", text.optional_line, values.get("participants"),
                           "participants", "Deltagere", 500)
    notes = c.check("notes", text.note, values.get("notes"), "notes", "Noterne")
    c.check("next_contact", dates.plausible, values.get("next_contact"), "next_contact")
    for key in ("citizen_id", "placement_id", "company_id"):
        c.check(key, reference, values.get(key), key)
    c.raise_if_any()
    keys = ("at", "channel", "status", "next_contact", "citizen_id", "placement_id", "company_id")
    return {k: values.get(k) for k in keys if k in values} | {
        "participants": participants, "notes": notes}


def create_visit(ctx: Context, citizen_id: str | None = None, **values: Any) -> VisitDTO:
    defaults = {"channel": VisitChannel.ON_SITE.value, "status": VisitStatus.HELD.value,
                "notes": "", "participants": ""}
    values = defaults | values
    values["citizen_id"] = citizen_id
    clean = clean_visit(values, datetime.now())
    with ctx.uow() as s:
        if citizen_id:
            get_live(s, Citizen, citizen_id, "Borgeren")
        if clean.get("placement_id") and not clean.get("company_id"):
            placement = get_live(s, Placement, clean["placement_id"], "Forløbet")
            clean["company_id"] = placement.company_id
        row = Visit(coach_id=ctx.coach_id, **clean)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", citizen_id, "visit", row.id)
        return to_dto(row, VisitDTO)


def update_visit(ctx: Context, visit_id: str, **changes: Any) -> VisitDTO:
    with ctx.uow() as s:
        row = get_live(s, Visit, visit_id, "Besøget")
        keys = ("at", "channel", "status", "next_contact", "participants", "notes")
        merged = {k: getattr(row, k) for k in keys} | changes
        clean = clean_visit(merged, datetime.now())
        apply_changes(row, {k: clean[k] for k in changes if k in clean})
        s.flush()
        audit.record(s, ctx, "change", row.citizen_id, "visit", row.id)
        return to_dto(row, VisitDTO)


def save_notes(ctx: Context, visit_id: str, notes: str) -> int:
    """Autosave of the notes as they are typed; returns the new version.
    Not written to the access log on every keystroke burst: the visit's
    creation and the opening of the citizen are."""
    clean = text.note(notes, "notes", "Noterne")
    with ctx.uow() as s:
        row = get_live(s, Visit, visit_id, "Besøget")
        if row.notes != clean:
            row.notes = clean
            s.flush()
            fold_pending(s, "visit", visit_id, Visit)  # one editing session, one change
        return get_live(s, Visit, visit_id, "Besøget").version


def get_visit(ctx: Context, visit_id: str) -> VisitDTO:
    with ctx.uow() as s:
        return to_dto(get_live(s, Visit, visit_id, "Besøget"), VisitDTO)


def delete_visit(ctx: Context, visit_id: str) -> None:
    delete_logged(ctx, Visit, visit_id, "Besøget", "visit")


def undelete_visit(ctx: Context, visit_id: str) -> None:
    undelete_logged(ctx, Visit, visit_id, "visit")


def visits_of_citizen(ctx: Context, citizen_id: str, limit: int = 1000) -> list[VisitDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(Visit).where(Visit.citizen_id == citizen_id, Visit.deleted_at.is_(None))
                         .order_by(Visit.at.desc()).limit(limit))
        return [to_dto(r, VisitDTO) for r in rows]


def visits_of_company(ctx: Context, company_id: str, limit: int = 500) -> list[VisitDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(Visit).where(Visit.company_id == company_id, Visit.deleted_at.is_(None))
                         .order_by(Visit.at.desc()).limit(limit))
        return [to_dto(r, VisitDTO) for r in rows]


def set_check(ctx: Context, visit_id: str, accommodation_id: str, status: str, comment: str = "") -> CheckDTO:
    """The visit's mark for one skånehensyn (one per pair; a new mark replaces it)."""
    if not isinstance(status, str) or status not in [x.value for x in CheckStatus]:
        raise ValidationError.single("status", "Vælg overholdes, overholdes ikke eller skal ændres.")
    comment = text.note(comment, "comment", "Kommentaren", 10_000)
    with ctx.uow() as s:
        visit = get_live(s, Visit, visit_id, "Besøget")
        row = s.scalars(select(AccommodationCheck).where(
            AccommodationCheck.visit_id == visit_id, AccommodationCheck.accommodation_id == accommodation_id,
            AccommodationCheck.deleted_at.is_(None))).first()
        if row is None:
            row = AccommodationCheck(visit_id=visit_id, accommodation_id=accommodation_id,
                                     status=status, comment=comment)
            s.add(row)
        else:
            apply_changes(row, {"status": status, "comment": comment})
        s.flush()
        audit.record(s, ctx, "change", visit.citizen_id, "accommodation_check", row.id)
        return to_dto(row, CheckDTO)


def checks_of_visit(ctx: Context, visit_id: str) -> list[CheckDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(AccommodationCheck).where(
            AccommodationCheck.visit_id == visit_id, AccommodationCheck.deleted_at.is_(None)))
        return [to_dto(r, CheckDTO) for r in rows]


def add_action(ctx: Context, citizen_id: str | None, text_: str, owner: str = "",
               due_date: date | None = None, visit_id: str | None = None) -> ActionDTO:
    c = Collector()
    body = c.check("text", text.required_line, text_, "text", "Handlingen", 2000)
    owner = c.check("owner", text.optional_line, owner, "owner", "Ansvarlig")
    c.check("due_date", dates.plausible, due_date, "due_date", "Fristen")
    c.raise_if_any()
    with ctx.uow() as s:
        row = Action(citizen_id=citizen_id, visit_id=visit_id, text=body, owner=owner, due_date=due_date)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", citizen_id, "action", row.id)
        return to_dto(row, ActionDTO)


def complete_action(ctx: Context, action_id: str, on: date | None = None) -> ActionDTO:
    with ctx.uow() as s:
        row = get_live(s, Action, action_id, "Handlingen")
        row.done_on = on or date.today()
        s.flush()
        return to_dto(row, ActionDTO)


def actions_of_citizen(ctx: Context, citizen_id: str, open_only: bool = False) -> list[ActionDTO]:
    with ctx.uow() as s:
        q = select(Action).where(Action.citizen_id == citizen_id, Action.deleted_at.is_(None))
        if open_only:
            q = q.where(Action.done_on.is_(None))
        return [to_dto(r, ActionDTO) for r in s.scalars(q.order_by(Action.due_date))]
