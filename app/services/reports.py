"""Rapporter: the team leader's figures for a period and a team or coach.

The computation lives in `app.reports` (pure); this module opens the store,
lists the citizens behind a figure (each one logged as a view) and exports.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.context import Context
from app.gcpause import gc_paused
from app.reports import compute as compute_mod
from app.reports import snapshot
from app.reports.csv_export import write_csv
from app.reports.model import PilotReport, ReportScope
from app.rules.errors import ValidationError
from app.services import audit
from db.models import Citizen, Coach, Team

CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class ScopeChoice:
    kind: str          # all | team | coach
    id: str | None
    label: str


@dataclass(frozen=True)
class CitizenLine:
    id: str
    name: str
    coach: str
    detail: str


def scope_choices(ctx: Context) -> list[ScopeChoice]:
    with ctx.uow() as s:
        teams = s.execute(select(Team.id, Team.name).where(Team.deleted_at.is_(None))
                          .order_by(Team.name)).all()
        coaches = s.execute(select(Coach.id, Coach.full_name).where(Coach.deleted_at.is_(None))
                            .order_by(Coach.full_name)).all()
    return ([ScopeChoice("all", None, "Alle")]
            + [ScopeChoice("team", tid, f"Team: {name}") for tid, name in teams]
            + [ScopeChoice("coach", cid, f"Jobcoach: {name}") for cid, name in coaches])


def make_scope(start: date, end: date, choice: ScopeChoice | None = None) -> ReportScope:
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationError.single("period", "Angiv periodens første og sidste dag.")
    if end < start:
        raise ValidationError.single("period", "Periodens slutning ligger før dens start.")
    choice = choice or ScopeChoice("all", None, "Alle")
    return ReportScope(start, end, team_id=choice.id if choice.kind == "team" else None,
                       coach_id=choice.id if choice.kind == "coach" else None, label=choice.label)


def build_report(ctx: Context, scope: ReportScope, today: date | None = None) -> PilotReport:
    """Compute every figure for the scope. Only counts leave this function;
    names are read (and logged) when a person opens a figure."""
    with gc_paused():  # tens of thousands of short-lived tuples, none of them cyclic
        with ctx.store.reading() as s:  # a read: it need not wait for a sync writing beside it
            snap = snapshot.load(s, scope)
        return compute_mod.compute(snap, scope, today or date.today())


def citizens_behind(ctx: Context, report: PilotReport, group_key: str) -> list[CitizenLine]:
    """The citizens behind one figure; each is logged as viewed."""
    group = report.groups.get(group_key)
    if group is None:
        raise ValidationError.single("group", "Tallet findes ikke i rapporten.")
    lines: list[CitizenLine] = []
    ids = list(group.citizen_ids)
    with ctx.uow() as s:
        coaches = dict(s.execute(select(Coach.id, Coach.full_name)).all())
        for i in range(0, len(ids), CHUNK):
            rows = s.execute(select(Citizen.id, Citizen.name, Citizen.coach_id).where(
                Citizen.id.in_(ids[i:i + CHUNK]), Citizen.deleted_at.is_(None)))
            for cid, name, coach_id in rows:
                lines.append(CitizenLine(cid, name, coaches.get(coach_id, "") if coach_id else "",
                                         group.details.get(cid, "")))
                audit.record(s, ctx, "view", cid, "report", None, f"Rapport: {group.label}")
    return sorted(lines, key=lambda line: line.name.casefold())


def export_csv(ctx: Context, report: PilotReport, path: Path) -> Path:
    """Figures only (no names): semicolon, UTF-8 with BOM, decimal comma."""
    write_csv(report, path)
    _log_export(ctx, f"CSV: {path.name}")
    return path


def export_pdf(ctx: Context, report: PilotReport, path: Path) -> Path:
    from app.reports.pdf_export import write_pdf
    write_pdf(report, path)
    _log_export(ctx, f"PDF: {path.name}")
    return path


def _log_export(ctx: Context, detail: str) -> None:
    with ctx.uow() as s:
        audit.record(s, ctx, "export", None, "report", None, detail)
