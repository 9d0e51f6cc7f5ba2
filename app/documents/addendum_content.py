"""The content of a tillægsaftale as a plain JSON-ready snapshot.

The snapshot holds everything the printed document shows, with code values
already turned into their Danish labels: an old version is rendered again
from its stored snapshot alone, so a later change of a label, a rule or the
data cannot change what was signed. Dates are ISO strings.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.labels import (
    ACCOMMODATION_CATEGORIES,
    ACCOMMODATION_SOURCES,
    MILESTONE_KINDS,
    MILESTONE_STATUS,
    PAYERS,
    PLACEMENT_TYPES,
    label,
)
from app.rules.followup import SMALL_FLEX_JOB_HOURS, FollowUpInput, next_due
from app.rules.hours import monthly_wage_ore
from app.rules.schedule import WEEKDAYS
from db.enums import AccommodationCategory, VisitStatus
from db.models import (
    Accommodation,
    Citizen,
    Coach,
    Company,
    ContactPerson,
    Milestone,
    Placement,
    ScheduleSlot,
    Visit,
    WageAgreement,
)

SCHEMA = 1
FOLLOWUP_COUNT = 4  # how many coming contacts the plan lists
SUPPORT_CATEGORIES = (AccommodationCategory.AIDS.value, AccommodationCategory.SOCIAL.value)


def content_hash(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def canonical_json(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def build_snapshot(s: Session, placement: Placement, unit_name: str, today: date) -> dict[str, Any]:
    """Everything the addendum of `placement` shows, as of `today`."""
    citizen = s.get(Citizen, placement.citizen_id)
    company = s.get(Company, placement.company_id) if placement.company_id else None
    contact = s.get(ContactPerson, placement.contact_person_id) if placement.contact_person_id else None
    coach = s.get(Coach, placement.coach_id) if placement.coach_id else None
    wage = _current_wage(s, placement.id, today)
    accommodations = _active_accommodations(s, placement, today)
    return {
        "schema": SCHEMA,
        "placement_id": placement.id,
        "unit_name": unit_name,
        "company": _company(company),
        "contact": _contact(contact),
        "citizen": {"name": citizen.name, "address": citizen.address,
                    "postal_code": citizen.postal_code, "city": citizen.city, "phone": citizen.phone},
        "coach": {"name": coach.full_name if coach else "", "phone": coach.phone if coach else "",
                  "email": coach.email if coach else ""},
        "placement": _placement(placement, company),
        "schedule": _schedule(s, placement.id),
        "wage": _wage(wage),
        "accommodations": [_accommodation(a) for a in accommodations],
        "milestones": _milestones(s, placement.id),
        "followup": _followup(s, placement, wage, today),
        "support": {"text": citizen.support or "",
                    "items": [_accommodation(a) for a in accommodations
                              if a.category in SUPPORT_CATEGORIES]},
    }


def _company(company: Company | None) -> dict[str, str] | None:
    if company is None:
        return None
    return {"name": company.name, "cvr": company.cvr, "p_number": company.p_number,
            "address": company.address, "postal_code": company.postal_code, "city": company.city}


def _contact(contact: ContactPerson | None) -> dict[str, str] | None:
    if contact is None or contact.deleted_at is not None:
        return None
    return {"name": contact.name, "title": contact.title, "phone": contact.phone, "email": contact.email}


def _placement(p: Placement, company: Company | None) -> dict[str, Any]:
    return {"type": label(PLACEMENT_TYPES, p.placement_type), "type_code": p.placement_type,
            "workplace": company.name if company else p.internal_unit,
            "internal_unit": p.internal_unit, "job_title": p.job_title,
            "start": _iso(p.start_date), "planned_end": _iso(p.planned_end), "end": _iso(p.end_date),
            "tasks": p.tasks or "", "tasks_not_to_do": p.tasks_not_to_do or "",
            "adjustment": p.adjustment_text or ""}


def _schedule(s: Session, placement_id: str) -> list[dict[str, Any]]:
    rows = s.scalars(select(ScheduleSlot).where(
        ScheduleSlot.placement_id == placement_id, ScheduleSlot.deleted_at.is_(None)
    ).order_by(ScheduleSlot.weekday, ScheduleSlot.start_time))
    out = []
    for r in rows:
        minutes = (r.end_time.hour * 60 + r.end_time.minute) - (r.start_time.hour * 60 + r.start_time.minute)
        out.append({"weekday": WEEKDAYS[r.weekday], "start": f"{r.start_time:%H:%M}",
                    "end": f"{r.end_time:%H:%M}", "hours": round(minutes / 60, 2)})
    return out


def _current_wage(s: Session, placement_id: str, today: date) -> WageAgreement | None:
    """The version in force today, else the first one (a placement not yet started)."""
    live = (WageAgreement.placement_id == placement_id, WageAgreement.deleted_at.is_(None))
    in_force = s.scalars(select(WageAgreement).where(*live, WageAgreement.valid_from <= today)
                         .order_by(WageAgreement.valid_from.desc(), WageAgreement.version_no.desc())).first()
    return in_force or s.scalars(select(WageAgreement).where(*live)
                                 .order_by(WageAgreement.valid_from, WageAgreement.version_no)).first()


def _wage(w: WageAgreement | None) -> dict[str, Any] | None:
    if w is None:
        return None
    return {"version_no": w.version_no, "valid_from": _iso(w.valid_from),
            "hourly_wage_ore": w.hourly_wage_ore, "overenskomst": w.overenskomst,
            "attendance_hours": w.attendance_hours, "work_intensity": w.work_intensity,
            "paid_hours": w.paid_hours, "payer": label(PAYERS, w.payer), "payer_code": w.payer,
            "subsidy_per_hour_ore": w.subsidy_per_hour_ore,
            "monthly_wage_ore": monthly_wage_ore(w.hourly_wage_ore, w.paid_hours), "note": w.note}


def _active_accommodations(s: Session, p: Placement, today: date) -> list[Accommodation]:
    q = select(Accommodation).where(
        Accommodation.citizen_id == p.citizen_id, Accommodation.deleted_at.is_(None),
        Accommodation.superseded.is_(False), Accommodation.start_date <= today,
        (Accommodation.end_date.is_(None)) | (Accommodation.end_date >= today),
        (Accommodation.placement_id.is_(None)) | (Accommodation.placement_id == p.id))
    return list(s.scalars(q.order_by(Accommodation.category, Accommodation.start_date, Accommodation.id)))


def _accommodation(a: Accommodation) -> dict[str, Any]:
    return {"category": label(ACCOMMODATION_CATEGORIES, a.category), "category_code": a.category,
            "text": a.text, "source": label(ACCOMMODATION_SOURCES, a.source),
            "start": _iso(a.start_date), "end": _iso(a.end_date)}


def _milestones(s: Session, placement_id: str) -> list[dict[str, Any]]:
    rows = s.scalars(select(Milestone).where(
        Milestone.placement_id == placement_id, Milestone.deleted_at.is_(None)
    ).order_by(Milestone.target_date, Milestone.id))
    return [{"kind": label(MILESTONE_KINDS, m.kind), "text": m.text, "target_date": _iso(m.target_date),
             "status": label(MILESTONE_STATUS, m.status), "achieved_on": _iso(m.achieved_on)} for m in rows]


def _followup(s: Session, p: Placement, wage: WageAgreement | None, today: date) -> dict[str, Any]:
    """The coming contacts: each one due by the rule after the one before."""
    last: datetime | None = s.scalar(select(func.max(Visit.at)).where(
        Visit.citizen_id == p.citizen_id, Visit.deleted_at.is_(None),
        Visit.status == VisitStatus.HELD.value))
    hours = wage.attendance_hours if wage else None
    anchor = last.date() if last else None
    dates: list[str] = []
    for _ in range(200):  # bounded: a placement years old steps through its past dues
        due = next_due(FollowUpInput(p.placement_type, p.start_date, hours, anchor))
        if due >= today:
            dates.append(due.isoformat())
            if len(dates) == FOLLOWUP_COUNT:
                break
        anchor = due
    small_flex = p.placement_type == "fleksjob" and (hours or 0) <= SMALL_FLEX_JOB_HOURS
    rule = ("Opfølgning hver 4. uge de første 3 måneder, derefter hvert kvartal (fleksjob på "
            "højst 10 timer om ugen)." if small_flex else
            "Kontakt mindst én gang om måneden det første år af forløbet, derefter hvert kvartal.")
    return {"dates": dates, "rule": rule}
