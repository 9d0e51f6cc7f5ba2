"""The content of a tillægsaftale as a plain JSON-ready snapshot.

The snapshot holds the agreed terms the printed document shows, with code
values already turned into their Danish labels: an old version is rendered
again from its stored snapshot alone, so a later change of a label, a rule
or the data cannot change what was signed. Dates are ISO strings.

Nothing here depends on the day of printing: wage versions and skånehensyn
are those of the agreement's period, each with its dates, and the
follow-up plan follows from the agreement's own dates. The version's own
data ("Gælder fra", what changed) sits under the key "version", which the
content hash leaves out (app/documents/addendum_changes.py).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.addendum_clauses import clauses_for
from app.labels import (
    ACCOMMODATION_CATEGORIES,
    ACCOMMODATION_SOURCES,
    MILESTONE_KINDS,
    MILESTONE_STATUS,
    PAYERS,
    PLACEMENT_STATUS,
    PLACEMENT_TYPES,
    label,
)
from app.rules.dates import learning_course_end_limit
from app.rules.followup import SMALL_FLEX_JOB_HOURS, plan_dates
from app.rules.hours import monthly_wage_ore
from app.rules.schedule import WEEKDAYS
from app.services.crud import NotFound
from db.enums import AccommodationCategory as AC
from db.enums import AccommodationSource
from db.enums import PlacementType as PT
from db.models import (
    Accommodation,
    Citizen,
    Coach,
    Company,
    ContactPerson,
    Milestone,
    Placement,
    ScheduleSlot,
    WageAgreement,
)

SCHEMA = 2
SUPPORT_CATEGORIES = (AC.AIDS.value, AC.SOCIAL.value)
HEALTH_CATEGORIES = (AC.PHYSICAL.value, AC.COGNITIVE.value)
VERSION_KEY = "version"


def content_hash(snapshot: dict[str, Any]) -> str:
    terms = {k: v for k, v in snapshot.items() if k != VERSION_KEY}
    return hashlib.sha256(canonical_json(terms).encode("utf-8")).hexdigest()


def canonical_json(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def build_snapshot(s: Session, placement: Placement, unit_name: str) -> dict[str, Any]:
    """The agreed terms of `placement` (no version data yet)."""
    citizen = s.get(Citizen, placement.citizen_id)
    if citizen is None:  # a placement keeps its citizen row (soft delete), so only a damaged store
        raise NotFound("Borgeren findes ikke (længere).")
    company = s.get(Company, placement.company_id) if placement.company_id else None
    contact = s.get(ContactPerson, placement.contact_person_id) if placement.contact_person_id else None
    coach = s.get(Coach, placement.coach_id) if placement.coach_id else None
    wages = _wage_rows(s, placement)
    accommodations = _accommodations(s, placement)
    snapshot = {
        "schema": SCHEMA, "placement_id": placement.id, "unit_name": unit_name,
        "company": _company(company), "contact": _contact(contact),
        "citizen": {"name": citizen.name, "address": citizen.address,
                    "postal_code": citizen.postal_code, "city": citizen.city, "phone": citizen.phone},
        "coach": coach_profile(coach),
        "placement": _placement(placement, company),
        "schedule": _schedule(s, placement.id),
        "wage": _wage(wages[-1]) if wages else None,
        "wage_versions": [_wage(w) for w in wages],
        "accommodations": [_accommodation(a) for a in accommodations],
        "milestones": _milestones(s, placement.id),
        "followup": _followup(placement, wages[-1] if wages else None),
        "support": {"text": citizen.support or "",
                    "items": [_accommodation(a) for a in accommodations
                              if a.category in SUPPORT_CATEGORIES]},
    }
    snapshot["clauses"] = clauses_for(placement.placement_type)
    return snapshot


def coach_profile(coach: Coach | None) -> dict[str, str]:
    """The coach as a person; a name that is only the login name is no name."""
    if coach is None:
        return {"name": "", "phone": "", "email": ""}
    name = coach.full_name if coach.full_name and coach.full_name != coach.username else ""
    return {"name": name, "phone": coach.phone or "", "email": coach.email or ""}


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
    limit = learning_course_end_limit(p.start_date) if p.placement_type == PT.EXTERNAL_LEARNING else None
    return {"type": label(PLACEMENT_TYPES, p.placement_type), "type_code": p.placement_type,
            "workplace": company.name if company else p.internal_unit,
            "internal_unit": p.internal_unit, "job_title": p.job_title,
            "start": _iso(p.start_date), "planned_end": _iso(p.planned_end), "end": _iso(p.end_date),
            "status": label(PLACEMENT_STATUS, p.status), "status_code": p.status,
            "tasks": p.tasks or "", "tasks_not_to_do": p.tasks_not_to_do or "",
            "adjustment": p.adjustment_text or "", "citizen_goal": p.citizen_goal or "",
            "purpose": p.purpose or "", "benefit": p.benefit or "", "limit": _iso(limit)}


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


def _wage_rows(s: Session, p: Placement) -> list[WageAgreement]:
    """The versions in force during the agreement's period, oldest first."""
    until = p.end_date or p.planned_end
    rows = list(s.scalars(select(WageAgreement).where(
        WageAgreement.placement_id == p.id, WageAgreement.deleted_at.is_(None)
    ).order_by(WageAgreement.valid_from, WageAgreement.version_no)))
    return [w for w in rows if until is None or w.valid_from <= until]


def _wage(w: WageAgreement) -> dict[str, Any]:
    return {"version_no": w.version_no, "valid_from": _iso(w.valid_from),
            "hourly_wage_ore": w.hourly_wage_ore, "overenskomst": w.overenskomst,
            "attendance_hours": w.attendance_hours, "work_intensity": w.work_intensity,
            "paid_hours": w.paid_hours, "ordinary_hours": w.ordinary_hours,
            "payer": label(PAYERS, w.payer), "payer_code": w.payer,
            "subsidy_per_hour_ore": w.subsidy_per_hour_ore,
            "monthly_wage_ore": monthly_wage_ore(w.hourly_wage_ore, w.paid_hours), "note": w.note}


def _accommodations(s: Session, p: Placement) -> list[Accommodation]:
    """Skånehensyn in force at some time inside the agreement's period."""
    until = p.end_date or p.planned_end
    q = select(Accommodation).where(
        Accommodation.citizen_id == p.citizen_id, Accommodation.deleted_at.is_(None),
        Accommodation.superseded.is_(False),
        (Accommodation.end_date.is_(None)) | (Accommodation.end_date >= p.start_date),
        (Accommodation.placement_id.is_(None)) | (Accommodation.placement_id == p.id))
    if until is not None:
        q = q.where(Accommodation.start_date <= until)
    return list(s.scalars(q.order_by(Accommodation.category, Accommodation.start_date, Accommodation.id)))


def _accommodation(a: Accommodation) -> dict[str, Any]:
    """Where a health-related skånehensyn comes from is printed only with the
    citizen's consent to share it with the employer."""
    health = a.source == AccommodationSource.MEDICAL or a.category in HEALTH_CATEGORIES
    shown = not health or a.share_consent
    return {"category": label(ACCOMMODATION_CATEGORIES, a.category), "category_code": a.category,
            "text": a.text, "source": label(ACCOMMODATION_SOURCES, a.source) if shown else "",
            "health": health, "consent": bool(a.share_consent),
            "start": _iso(a.start_date), "end": _iso(a.end_date)}


def _milestones(s: Session, placement_id: str) -> list[dict[str, Any]]:
    rows = s.scalars(select(Milestone).where(
        Milestone.placement_id == placement_id, Milestone.deleted_at.is_(None)
    ).order_by(Milestone.target_date, Milestone.id))
    return [{"kind": label(MILESTONE_KINDS, m.kind), "text": m.text, "target_date": _iso(m.target_date),
             "status": label(MILESTONE_STATUS, m.status), "status_code": m.status,
             "achieved_on": _iso(m.achieved_on)} for m in rows]


def _followup(p: Placement, wage: WageAgreement | None) -> dict[str, Any]:
    """The contacts due by the rule, from the start to the end of the agreement
    (effective hours decide whether a fleksjob is small)."""
    effective = wage.paid_hours if wage else None
    small_flex = p.placement_type == PT.FLEX_JOB and (effective or 0) <= SMALL_FLEX_JOB_HOURS
    rule = ("Opfølgning hver 4. uge de første 3 måneder, derefter hvert kvartal (fleksjob på "
            "højst 10 effektive timer om ugen)." if small_flex else
            "Kontakt mindst én gang om måneden det første år af forløbet, derefter hvert kvartal.")
    dates = plan_dates(p.placement_type, p.start_date, effective, p.end_date or p.planned_end)
    return {"dates": [d.isoformat() for d in dates], "rule": rule}
