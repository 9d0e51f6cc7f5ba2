"""The queries behind I dag (app/services/today.py). Each takes (session,
today, coach_id); coach_id None means the whole team. Plain rows, not ORM
objects: the large data set has thousands of active placements."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from app.rules.followup import FollowUpInput, next_due
from app.services.today import SOON_DAYS, WEEK_DAYS, TodayItem, how_late
from db.enums import PlacementType, VisitStatus
from db.models import Action, Citizen, Milestone, Placement, Visit, WageAgreement


def _coach_citizens(coach_id: str):
    """Citizens with a placement of the coach: "my citizens"."""
    return select(Placement.citizen_id).where(Placement.coach_id == coach_id, Placement.deleted_at.is_(None))


def _active_placements(s, today: date, coach_id: str | None):
    q = (select(Placement.id, Placement.citizen_id, Placement.placement_type, Placement.start_date,
                Placement.planned_end, Citizen.name)
         .join(Citizen, Citizen.id == Placement.citizen_id)
         .where(Placement.deleted_at.is_(None), Citizen.deleted_at.is_(None),
                Placement.start_date <= today,
                (Placement.end_date.is_(None)) | (Placement.end_date >= today)))
    if coach_id:
        q = q.where(Placement.coach_id == coach_id)
    return s.execute(q.order_by(Placement.start_date)).all()


def _last_held(s) -> dict[str, tuple[datetime, date | None]]:
    """Each citizen's last held visit: when, and the next contact agreed there."""
    rows = s.execute(select(Visit.citizen_id, Visit.at, Visit.next_contact)
                     .where(Visit.deleted_at.is_(None), Visit.status == VisitStatus.HELD.value,
                            Visit.citizen_id.is_not(None)).order_by(Visit.at))
    return {citizen_id: (at, agreed) for citizen_id, at, agreed in rows}


def followups(s, today: date, coach_id: str | None) -> list[TodayItem]:
    """One follow-up per citizen: the next contact agreed at the last visit,
    else the date the follow-up plan gives."""
    last = _last_held(s)
    hours = dict(s.execute(select(WageAgreement.placement_id, func.max(WageAgreement.attendance_hours))
                           .where(WageAgreement.deleted_at.is_(None))
                           .group_by(WageAgreement.placement_id)).all())
    out: list[TodayItem] = []
    seen: set[str] = set()
    for p in _active_placements(s, today, coach_id):
        if p.citizen_id in seen:
            continue
        seen.add(p.citizen_id)
        at, agreed = last.get(p.citizen_id, (None, None))
        if agreed is not None and at is not None:
            due, text = agreed, f"Opfølgning aftalt ved besøget {at:%d.%m.%Y}"
        else:
            due = next_due(FollowUpInput(p.placement_type, p.start_date, hours.get(p.id),
                                         at.date() if at else None))
            text = "Opfølgning efter planen" if at else "Første opfølgning"
        if due <= today + timedelta(days=WEEK_DAYS):
            out.append(TodayItem("followup", p.citizen_id, p.name, text, due, placement_id=p.id))
    return out


def visits_today(s, today: date, coach_id: str | None) -> list[TodayItem]:
    start, end = datetime.combine(today, time.min), datetime.combine(today, time.max)
    q = (select(Visit.id, Visit.citizen_id, Visit.at, Citizen.name)
         .outerjoin(Citizen, Citizen.id == Visit.citizen_id)
         .where(Visit.deleted_at.is_(None), Visit.status == VisitStatus.PLANNED.value,
                Visit.at >= start, Visit.at <= end))
    if coach_id:
        q = q.where(Visit.coach_id == coach_id)
    return [TodayItem("visit_today", v.citizen_id, v.name or "", f"Planlagt besøg kl. {v.at:%H:%M}", today, v.id)
            for v in s.execute(q.order_by(Visit.at))]


def learning_ending(s, today: date, coach_id: str | None) -> list[TodayItem]:
    return [TodayItem("learning_ending", p.citizen_id, p.name, "Eksternt læringsforløb slutter", p.planned_end,
                      placement_id=p.id)
            for p in _active_placements(s, today, coach_id)
            if p.placement_type == PlacementType.EXTERNAL_LEARNING and p.planned_end
            and today <= p.planned_end <= today + timedelta(days=SOON_DAYS)]


def milestones_due(s, today: date, coach_id: str | None) -> list[TodayItem]:
    q = (select(Milestone.text, Milestone.target_date, Milestone.placement_id, Placement.citizen_id,
                Citizen.name)
         .join(Placement, Placement.id == Milestone.placement_id)
         .join(Citizen, Citizen.id == Placement.citizen_id)
         .where(Milestone.deleted_at.is_(None), Milestone.status == "planlagt", Placement.deleted_at.is_(None),
                Milestone.target_date <= today + timedelta(days=SOON_DAYS), Citizen.deleted_at.is_(None)))
    if coach_id:
        q = q.where(Placement.coach_id == coach_id)
    return [TodayItem("milestone_due", m.citizen_id, m.name, f"Delmål: {m.text[:80]}", m.target_date,
                      placement_id=m.placement_id,
                      when=how_late(m.target_date, today) if m.target_date < today else "")
            for m in s.execute(q)]


def open_actions(s, today: date, coach_id: str | None) -> list[TodayItem]:
    q = (select(Action.text, Action.due_date, Action.visit_id, Action.citizen_id, Citizen.name)
         .outerjoin(Citizen, Citizen.id == Action.citizen_id)
         .where(Action.deleted_at.is_(None), Action.done_on.is_(None),
                (Action.due_date.is_(None)) | (Action.due_date <= today + timedelta(days=SOON_DAYS))))
    if coach_id:
        q = q.where(Action.citizen_id.in_(_coach_citizens(coach_id)))
    return [TodayItem("action_open", a.citizen_id, a.name or "", f"Handling: {a.text[:80]}", a.due_date,
                      a.visit_id) for a in s.execute(q.limit(500))]


def unsigned(s, today: date, coach_id: str | None) -> list[TodayItem]:
    """Tillægsaftaler printed long ago and still not signed (app/services/today_signing.py)."""
    from app.services.today_signing import unsigned_addenda

    return unsigned_addenda(s, today, coach_id, TodayItem)


BUILT_IN = [followups, visits_today, learning_ending, milestones_due, open_actions, unsigned]
