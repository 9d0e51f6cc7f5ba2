"""Assemble a PilotReport from a snapshot: pure, no database, no Qt."""
from __future__ import annotations

from datetime import date

from app.reports import flow, followups, hours
from app.reports.model import Group, PilotReport, ReportScope
from app.reports.snapshot import Snapshot


def compute(snap: Snapshot, scope: ReportScope, today: date) -> PilotReport:
    start, end = scope.start, scope.end
    groups: list[Group] = [Group("citizens", "Borgere i perioden", tuple(snap.citizen_ids))]
    raised, g = hours.hours_raised(snap, start, end)
    groups += g
    types, g = flow.by_type(snap, start, end)
    groups += g
    moves, g = flow.moves(snap, start, end)
    groups += g
    ordinary, g = hours.ordinary_reached(snap, start, end)
    groups += g
    follow, g = followups.followups(snap, start, end, today)
    groups += g
    learning, g = flow.learning(snap, start, end, today)
    groups += g
    months, g = hours.monthly(snap, start, end)
    groups += g
    return PilotReport(scope=scope, today=today, citizens=len(snap.citizen_ids), hours=raised,
                       types=tuple(types), moves=tuple(moves), ordinary=ordinary,
                       followups=follow, learning=learning, months=tuple(months),
                       groups={group.key: group for group in groups})
