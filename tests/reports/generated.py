"""A generated data set for comparing the report with tests/reports/reference.py.

Seeded, written straight through the ORM (the services' checks are not what
is tested), and made to reach every path of the report's reading: citizens
with two placements recording the same weeks, hours stored out of date
order, deleted rows of every kind, visits without a placement or with
another citizen's or a deleted one, planned visits, visits before the
period, small and larger fleksjob, wage versions that change, citizens of
another team and of no coach.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.context import Context
from app.reports.model import EMPLOYMENT_TYPES
from db.enums import PlacementType
from db.models import Citizen, Coach, Company, HoursRecord, Placement, Team, Visit, WageAgreement

FIRST, LAST = date(2023, 9, 4), date(2026, 10, 26)  # Mondays: the span of the data
GONE = datetime(2026, 1, 2, 12, 0)                  # deleted_at of the deleted rows
TYPES = list(PlacementType)


@dataclass
class Generated:
    my_team: str
    other_team: str
    coaches: list[str]  # mine, another in my team, one in the other team


def _monday(rng: random.Random, first: date, last: date) -> date:
    weeks = max(0, (last - first).days // 7)
    return first + timedelta(weeks=rng.randint(0, weeks))


def _coaches(ctx: Context, s) -> Generated:
    me = s.get(Coach, ctx.coach_id)
    other_team = Team(name="Team Syd")
    s.add(other_team)
    s.flush()
    mate = Coach(team_id=me.team_id, username="mate", full_name="Makker", role="coach")
    far = Coach(team_id=other_team.id, username="far", full_name="Fjern", role="coach")
    s.add_all([mate, far])
    s.flush()
    return Generated(me.team_id, other_team.id, [me.id, mate.id, far.id])


def _placements(rng: random.Random, cid: str, companies: list[str], coaches: list[str]) -> list[Placement]:
    out, start = [], _monday(rng, FIRST, LAST - timedelta(weeks=30))
    kind = None
    for n in range(rng.choice((1, 2, 2, 3))):
        # a læringsforløb is often followed by employment (its outcome)
        kind = rng.choice(sorted(EMPLOYMENT_TYPES) if kind == PlacementType.EXTERNAL_LEARNING
                          and rng.random() < 0.7 else TYPES)
        end = start + timedelta(days=rng.randint(40, 500)) if rng.random() < 0.6 else None
        out.append(Placement(citizen_id=cid, placement_type=kind, start_date=start, end_date=end,
                             planned_end=end or (start + timedelta(days=90) if rng.random() < 0.3 else None),
                             company_id=rng.choice(companies + [None]),
                             coach_id=rng.choice(coaches + [None, None]),
                             deleted_at=GONE if rng.random() < 0.05 else None))
        # the next one starts while this runs (two at once) or after it
        start = start + timedelta(weeks=rng.randint(2, 40)) if n == 0 and rng.random() < 0.4 else (
            (end or start) + timedelta(days=rng.randint(0, 60)))
        start -= timedelta(days=start.weekday())
    return out


def _wages(rng: random.Random, p: Placement) -> list[WageAgreement]:
    out, day = [], p.start_date
    for no in range(1, rng.randint(0, 3) + 1):
        hours = rng.choice((4.0, 6.0, 8.0, 10.0, 12.0, 15.0, 22.5, 30.0))
        out.append(WageAgreement(placement_id=p.id, version_no=no, valid_from=day, hourly_wage_ore=5000,
                                 attendance_hours=hours, work_intensity=50, paid_hours=hours / 2,
                                 payer="enhed_borger", deleted_at=GONE if rng.random() < 0.05 else None))
        day += timedelta(days=rng.randint(20, 200))
    return out


def _hours(rng: random.Random, p: Placement) -> list[HoursRecord]:
    last = min(p.end_date or LAST, LAST)
    weeks = sorted({_monday(rng, p.start_date, last) for _ in range(rng.randint(0, 30))})
    out = []
    for week in weeks:
        att = rng.choice((3.0, 5.5, 7.3, 8.0, 10.25, 12.0, 18.7))
        out.append(HoursRecord(placement_id=p.id, week_start=week, attendance_hours=att,
                               paid_hours=att * rng.choice((0.33, 0.5, 0.7, 1.0)),
                               ordinary_hours=rng.choice((0.0, 0.0, 2.0, 7.5, 9.1, 12.0)),
                               deleted_at=GONE if rng.random() < 0.03 else None))
    return out


def _visits(rng: random.Random, cid: str, mine: list[Placement], others: list[Placement]) -> list[Visit]:
    out = []
    for _ in range(rng.randint(0, 25)):
        day = FIRST + timedelta(days=rng.randint(0, (LAST - FIRST).days))
        at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(7 * 60, 17 * 60))
        owner = rng.random()
        placement = (None if owner < 0.1 else rng.choice(others) if owner < 0.15 and others
                     else rng.choice(mine) if mine else None)
        out.append(Visit(citizen_id=cid, placement_id=placement.id if placement else None, at=at,
                         status="planlagt" if rng.random() < 0.15 else "afholdt",
                         deleted_at=GONE if rng.random() < 0.04 else None))
    return out


def build(ctx: Context, seed: int = 7, citizens: int = 60) -> Generated:
    rng = random.Random(seed)
    with ctx.uow() as s:
        made = _coaches(ctx, s)
        companies = []
        for n in range(4):
            company = Company(name=f"Firma {n}")
            s.add(company)
            s.flush()
            companies.append(company.id)
        every: list[Placement] = []
        hours: list[HoursRecord] = []
        for n in range(citizens):
            citizen = Citizen(name=f"Borger {n}", coach_id=rng.choice(made.coaches + [None]),
                              deleted_at=GONE if n % 20 == 19 else None)
            s.add(citizen)
            s.flush()
            placements = _placements(rng, citizen.id, companies, made.coaches)
            s.add_all(placements)
            s.flush()
            for p in placements:
                s.add_all(_wages(rng, p))
                hours += _hours(rng, p)
            s.add_all(_visits(rng, citizen.id, placements, every[-6:]))
            every += placements
        rng.shuffle(hours)  # stored out of date order
        s.add_all(hours)
    return made
