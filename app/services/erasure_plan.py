"""What erasing a citizen scrubs: each table, how to find the citizen's rows
in it, and the values that replace the personal text (and figures)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.base import Synced
from db.models import (
    Accommodation,
    AccommodationCheck,
    Action,
    Addendum,
    AddendumFile,
    AddendumSignature,
    HoursRecord,
    Milestone,
    Placement,
    ScheduleSlot,
    Visit,
    WageAgreement,
)

ERASED_NAME = "Slettet borger"
CITIZEN_SCRUB: dict[str, Any] = {
    "name": ERASED_NAME, "cpr": None, "phone": "", "email": "", "address": "",
    "postal_code": "", "city": "", "support": "",
}
SCRUB: dict[type[Synced], dict[str, Any]] = {
    Placement: {"tasks": "", "tasks_not_to_do": "", "adjustment_text": "", "job_title": "",
                "citizen_goal": "", "purpose": "", "benefit": ""},
    ScheduleSlot: {},
    WageAgreement: {"note": "", "overenskomst": "", "hourly_wage_ore": 0, "subsidy_per_hour_ore": 0,
                    "attendance_hours": 0.0, "paid_hours": 0.0, "ordinary_hours": 0.0},
    Milestone: {"text": ""},
    HoursRecord: {"note": "", "attendance_hours": 0.0, "paid_hours": 0.0, "ordinary_hours": 0.0},
    Addendum: {"content": "{}", "content_hash": ""},
    AddendumSignature: {"signer_name": "", "signer_title": "", "strokes": "{}"},
    AddendumFile: {"data": "", "file_name": ""},
    Accommodation: {"text": ""},
    Visit: {"notes": "", "participants": ""},
    AccommodationCheck: {"comment": ""},
    Action: {"text": "", "owner": ""},
}


def _ids(s: Session, query) -> list[str]:
    return list(s.scalars(query))


def related_ids(s: Session, citizen_id: str) -> dict[type, list[str]]:
    """Every row (live or tombstoned) that holds data about the citizen."""
    placements = _ids(s, select(Placement.id).where(Placement.citizen_id == citizen_id))
    visits = _ids(s, select(Visit.id).where(or_(
        Visit.citizen_id == citizen_id, Visit.placement_id.in_(placements))))
    by_placement: dict[type, list[str]] = {
        model: _ids(s, select(model.id).where(model.placement_id.in_(placements)))
        for model in (ScheduleSlot, WageAgreement, Milestone, HoursRecord, Addendum)
    }
    addenda = by_placement[Addendum]
    return {
        Placement: placements,
        **by_placement,
        AddendumSignature: _ids(s, select(AddendumSignature.id).where(
            AddendumSignature.addendum_id.in_(addenda))),
        AddendumFile: _ids(s, select(AddendumFile.id).where(AddendumFile.addendum_id.in_(addenda))),
        Accommodation: _ids(s, select(Accommodation.id).where(Accommodation.citizen_id == citizen_id)),
        Visit: visits,
        AccommodationCheck: _ids(s, select(AccommodationCheck.id).where(
            AccommodationCheck.visit_id.in_(visits))),
        Action: _ids(s, select(Action.id).where(or_(
            Action.citizen_id == citizen_id, Action.visit_id.in_(visits)))),
    }
