"""The "I dag" overview: overdue and due follow-ups, visits planned today,
læringsforløb ending soon, milestones due and open actions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from app.context import Context
from app.rules.followup import FollowUpInput, next_due
from app.services.today_signing import unsigned_addenda
from db.enums import PlacementType, VisitStatus
from db.models import Action, Citizen, Milestone, Placement, Visit, WageAgreement

SOON_DAYS = 14


@dataclass(frozen=True)
class TodayItem:
    kind: str          # followup_overdue | followup_due | visit_today | learning_ending | milestone_due | action_open
    #                    | addendum_unsigned
    citizen_id: str | None
    citizen_name: str
    text: str
    due: date | None
    visit_id: str | None = None
    placement_id: str | None = None


def overview(ctx: Context, today: date | None = None, coach_id: str | None = None) -> list[TodayItem]:
    today = today or date.today()
    with ctx.uow() as s:
        items = (_followups(s, today, coach_id) + _visits_today(s, today, coach_id)
                 + _learning_ending(s, today, coach_id) + _milestones_due(s, today, coach_id)
                 + _open_actions(s, today, coach_id) + unsigned_addenda(s, today, coach_id, TodayItem))
    order = {"followup_overdue": 0, "visit_today": 1, "followup_due": 2, "learning_ending": 3,
             "milestone_due": 4, "action_open": 5, "addendum_unsigned": 6}
    return sorted(items, key=lambda i: (order[i.kind], i.due or today, i.citizen_name))


def _active_placements(s, today: date, coach_id: str | None):
    """Plain rows (not ORM objects: thousands of them are built per call)."""
    q = (select(Placement.id, Placement.citizen_id, Placement.placement_type, Placement.start_date,
                Placement.planned_end, Citizen.name)
         .join(Citizen, Citizen.id == Placement.citizen_id)
         .where(Placement.deleted_at.is_(None), Citizen.deleted_at.is_(None),
                Placement.start_date <= today,
                (Placement.end_date.is_(None)) | (Placement.end_date >= today)))
    if coach_id:
        q = q.where(Placement.coach_id == coach_id)
    return s.execute(q).all()


def _followups(s, today: date, coach_id: str | None) -> list[TodayItem]:
    last_contact = dict(s.execute(
        select(Visit.citizen_id, func.max(Visit.at)).where(
            Visit.deleted_at.is_(None), Visit.status == VisitStatus.HELD.value)
        .group_by(Visit.citizen_id)).all())
    hours = dict(s.execute(select(WageAgreement.placement_id, func.max(WageAgreement.attendance_hours))
                           .where(WageAgreement.deleted_at.is_(None))
                           .group_by(WageAgreement.placement_id)).all())
    out: list[TodayItem] = []
    seen: set[str] = set()
    for placement in _active_placements(s, today, coach_id):
        name = placement.name
        last = last_contact.get(placement.citizen_id)
        due = next_due(FollowUpInput(placement.placement_type, placement.start_date,
                                     hours.get(placement.id), last.date() if last else None))
        if placement.citizen_id in seen:
            continue
        if due < today:
            kind, label = "followup_overdue", "Opfølgning overskredet"
        elif due <= today + timedelta(days=7):
            kind, label = "followup_due", "Opfølgning snart"
        else:
            continue
        seen.add(placement.citizen_id)
        out.append(TodayItem(kind, placement.citizen_id, name, label, due, placement_id=placement.id))
    return out


def _visits_today(s, today: date, coach_id: str | None) -> list[TodayItem]:
    start, end = datetime.combine(today, time.min), datetime.combine(today, time.max)
    q = (select(Visit, Citizen.name).outerjoin(Citizen, Citizen.id == Visit.citizen_id)
         .where(Visit.deleted_at.is_(None), Visit.status == VisitStatus.PLANNED.value,
                Visit.at >= start, Visit.at <= end))
    if coach_id:
        q = q.where(Visit.coach_id == coach_id)
    return [TodayItem("visit_today", v.citizen_id, name or "", f"Besøg kl. {v.at:%H:%M}", today, v.id)
            for v, name in s.execute(q.order_by(Visit.at))]


def _learning_ending(s, today: date, coach_id: str | None) -> list[TodayItem]:
    out = []
    for placement in _active_placements(s, today, coach_id):
        name, end = placement.name, placement.planned_end
        if placement.placement_type == PlacementType.EXTERNAL_LEARNING and end and \
                today <= end <= today + timedelta(days=SOON_DAYS):
            out.append(TodayItem("learning_ending", placement.citizen_id, name,
                                 "Eksternt læringsforløb slutter", end, placement_id=placement.id))
    return out


def _milestones_due(s, today: date, coach_id: str | None) -> list[TodayItem]:
    q = (select(Milestone.text, Milestone.target_date, Milestone.placement_id, Placement.citizen_id,
                Citizen.name)
         .join(Placement, Placement.id == Milestone.placement_id)
         .join(Citizen, Citizen.id == Placement.citizen_id)
         .where(Milestone.deleted_at.is_(None), Milestone.status == "planlagt",
                Milestone.target_date <= today + timedelta(days=SOON_DAYS), Citizen.deleted_at.is_(None)))
    if coach_id:
        q = q.where(Placement.coach_id == coach_id)
    return [TodayItem("milestone_due", m.citizen_id, m.name, f"Delmål: {m.text[:60]}", m.target_date,
                      placement_id=m.placement_id) for m in s.execute(q)]


def _open_actions(s, today: date, coach_id: str | None) -> list[TodayItem]:
    q = (select(Action, Citizen.name).outerjoin(Citizen, Citizen.id == Action.citizen_id)
         .where(Action.deleted_at.is_(None), Action.done_on.is_(None),
                (Action.due_date.is_(None)) | (Action.due_date <= today + timedelta(days=SOON_DAYS))))
    return [TodayItem("action_open", a.citizen_id, name or "", f"Handling: {a.text[:60]}", a.due_date,
                      a.visit_id) for a, name in s.execute(q.limit(500))]
