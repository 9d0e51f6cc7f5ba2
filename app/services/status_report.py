"""Statusudtalelse til jobcentret: one citizen and one period, drawn from
what is already recorded (placements, hours log, wage versions, schedules,
skånehensyn, milestones, visits) plus the coach's assessment.

`build` gathers a plain `StatusReport` (no Qt, writes nothing); `pdf` and
`text` render it and write the making of it to the access log (a print of
a "status_report").
"""
from __future__ import annotations

from datetime import date, datetime
from typing import cast

from app.context import Context
from app.labels import MILESTONE_KINDS, PLACEMENT_TYPES, VISIT_CHANNELS, label
from app.rules import dates, text
from app.rules.errors import Collector, ValidationError
from app.services import audit
from app.services import status_hours as hrs
from app.services.crud import get_live
from app.services.status_accommodations import Timeline, line
from app.services.status_followups import Held, followup_lines
from app.services.status_model import MilestoneLine, PlacementLine, StatusReport
from app.services.status_records import Records, load
from db.base import utcnow
from db.enums import MilestoneStatus, VisitStatus
from db.models import Citizen, Coach

MAX_MONTHS = 36
ENTITY = "status_report"


def check_period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period's first and last day, or a Danish message per field."""
    c = Collector()
    for field, value, name in (("start", start, "Startdatoen"), ("end", end, "Slutdatoen")):
        if not isinstance(value, date) or isinstance(value, datetime):
            c.add(field, f"{name} mangler eller er ikke en dato (dd.mm.åååå).")
        else:
            c.check(field, dates.plausible, value, field, name)
    c.raise_if_any()
    first, last = cast(date, start), cast(date, end)
    if last < first:
        raise ValidationError.single("end", "Slutdatoen ligger før startdatoen.")
    if dates.add_months(first, MAX_MONTHS) < last:
        raise ValidationError.single("end", f"Perioden kan højst være {MAX_MONTHS // 12} år.")
    return first, last


def build(ctx: Context, citizen_id: str, start: date, end: date, assessment: str = "",
          recommendation: str = "", today: date | None = None) -> StatusReport:
    start, end = check_period(start, end)
    c = Collector()
    assessment = c.check("assessment", text.note, assessment, "assessment", "Vurderingen", 20_000)
    recommendation = c.check("recommendation", text.note, recommendation, "recommendation",
                             "Anbefalingen", 20_000)
    c.raise_if_any()
    today = today or date.today()
    with ctx.uow() as s:
        citizen = get_live(s, Citizen, citizen_id, "Borgeren")
        coach = s.get(Coach, ctx.coach_id) or (s.get(Coach, citizen.coach_id) if citizen.coach_id else None)
        rec = load(s, citizen_id)
        name, support = citizen.name, citizen.support or ""
        coach_name = (coach.full_name or coach.username) if coach else ctx.username
        contact = ", ".join(x for x in (coach.phone, coach.email) if x) if coach else ""
        lines = _placements(rec, start, end)
        held, not_held = _visits(rec, today)
        milestones, upcoming = _milestones(rec, start, end, today)
    months = hrs.month_hours(start, end, rec.weeks, rec.placements, rec.wages, rec.schedule_hours)
    timeline = Timeline(rec.versions)
    made_at = utcnow().replace(microsecond=0)
    return StatusReport(
        unit_name=ctx.settings.unit_name, citizen_id=citizen_id, citizen_name=name,
        coach_name=coach_name, coach_contact=contact, start=start, end=end, made_at=made_at,
        made_on=today, placements=lines, months=months, trend=hrs.trend(months),
        intensity_steps=hrs.intensity_steps(start, end, _overlapping(rec, start, end), rec.wages,
                                            rec.workplaces),
        accommodations=[line(v) for v in timeline.in_force(end)],
        accommodation_changes=timeline.changes(start, end), support_text=support,
        milestones=milestones, upcoming=upcoming,
        followups=followup_lines(rec.placements, rec.wages, held, not_held, start, end, today),
        assessment=assessment.strip(), recommendation=recommendation.strip())


def _overlapping(rec: Records, start: date, end: date):
    return [p for p in rec.placements if p.overlaps(start, end)]


def _placements(rec: Records, start: date, end: date) -> list[PlacementLine]:
    out = []
    for p in rec.placement_rows:
        if p.start_date <= end and (p.end_date is None or p.end_date >= start):
            out.append(PlacementLine(label(PLACEMENT_TYPES, p.placement_type), rec.workplaces[p.id],
                                     p.job_title, p.start_date, p.end_date or p.planned_end,
                                     p.end_date is not None))
    return out


def _visits(rec: Records, today: date) -> tuple[list[Held], list[tuple[date, str, str]]]:
    held, not_held = [], []
    for v in rec.visits:
        channel = label(VISIT_CHANNELS, v.channel)
        if v.status == VisitStatus.HELD.value:
            held.append((v.at.date(), channel, v.placement_id))
        elif v.status == VisitStatus.CANCELLED.value or v.at.date() < today:
            not_held.append((v.at.date(), v.status, channel))
    return held, not_held


def _milestones(rec: Records, start: date, end: date,
                today: date) -> tuple[list[MilestoneLine], list[MilestoneLine]]:
    """In the period: reached (by the day reached, else the target date) and
    missed (marked so, or still planned with the target date passed);
    upcoming: planned with a target date not yet passed."""
    inside, upcoming = [], []
    for m in rec.milestones:
        day = m.achieved_on or m.target_date
        kind, where = label(MILESTONE_KINDS, m.kind), rec.workplaces.get(m.placement_id, "")
        if m.status == MilestoneStatus.ACHIEVED.value and start <= day <= end:
            inside.append(MilestoneLine(kind, m.text, m.target_date, "Nået", m.achieved_on, where))
        elif m.status == MilestoneStatus.MISSED.value and start <= m.target_date <= end:
            inside.append(MilestoneLine(kind, m.text, m.target_date, "Ikke nået", None, where))
        elif m.status == MilestoneStatus.PLANNED.value and start <= m.target_date < min(end, today):
            inside.append(MilestoneLine(kind, m.text, m.target_date, "Frist overskredet", None, where))
        elif m.status == MilestoneStatus.PLANNED.value and m.target_date >= min(end, today):
            upcoming.append(MilestoneLine(kind, m.text, m.target_date, "Planlagt", None, where))
    return inside, upcoming


def record_made(ctx: Context, report: StatusReport, form: str) -> None:
    """The access log entry for a report made (saved, written or copied)."""
    detail = f"{form}, periode {report.start:%d.%m.%Y}–{report.end:%d.%m.%Y}"
    with ctx.uow() as s:
        audit.record(s, ctx, "print", report.citizen_id, ENTITY, None, detail)


def pdf(ctx: Context, report: StatusReport) -> bytes:
    from app.documents.status_report import render

    data = render(report)
    record_made(ctx, report, "PDF")
    return data


def text_version(ctx: Context, report: StatusReport) -> str:
    from app.documents.status_text import render_text

    body = render_text(report)
    record_made(ctx, report, "Tekst")
    return body


def citizen_name(ctx: Context, citizen_id: str) -> str:
    with ctx.uow() as s:
        return get_live(s, Citizen, citizen_id, "Borgeren").name

