"""A small data set for the report tests, built through the services, whose
figures are counted by hand in tests/reports/test_figures.py.

Period 01.01.2025 – 30.06.2025, "today" 15.07.2025.

Anna  (me)     fleksjob at X from 04.11.2024, 8 t (wage v1, 8 t, 50 %).
               Hours 8,8,8,8 in Nov 2024; 10,10,12,12 in May 2025 (50 %).
               Held visits 01.12.2024, 20.12.2024, 10.01.2025, 01.04.2025, 15.06.2025.
Bent  (me)     intern (Værkstedet) 02.09.2024–28.02.2025, wage 10 t;
               eksternt læringsforløb at Y 03.03.2025–31.05.2025, wage 15 t;
               ekstern beskæftigelse at Y from 02.06.2025, wage 20 t. No hours log.
               Held visits 05.01, 30.01 (intern), 20.03 (forløb), 20.06.2025 (ekstern).
Carla (me)     skånejob at Z 03.06.2024–31.01.2025, hours 12 x4 in June 2024;
               småjob at Z from 03.02.2025, hours 12 (100 %), 8 ordinary, 5 weeks
               from 03.03.2025. No visits.
Dorte (other)  internt læringsforløb from 06.01.2025; hours 6,6 (Jan), 5,5 (Feb),
               4 (03.03.2025), all 50 %. Held visit 01.02.2025.
Erik  (me)     eksternt læringsforløb at X 06.01.2025–04.04.2025; nothing else.
Frida (me)     praktik 02.01.2023–30.06.2024: outside the period.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.context import Context
from app.rules.terms import payer_for_kind
from app.services import citizens, companies, placements, progression, visits, wages
from db.models import Coach, Team

START, END, TODAY = date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 15)


@dataclass
class Data:
    ids: dict[str, str]       # name -> citizen id
    other_coach: str
    other_team: str
    my_team: str


def _other_coach(ctx: Context) -> tuple[str, str, str]:
    with ctx.uow() as s:
        me = s.get(Coach, ctx.coach_id)
        team = Team(name="Team Nord")
        s.add(team)
        s.flush()
        coach = Coach(team_id=team.id, username="dorthe", full_name="Dorthe Coach", role="coach")
        s.add(coach)
        s.flush()
        return coach.id, team.id, me.team_id


def _placement(ctx, cid, ptype, start, end=None, company=None, unit="", planned=None,
               coach=None) -> str:
    values = dict(placement_type=ptype, start_date=start, end_date=end, planned_end=planned or end,
                  purpose="Afklaring" if ptype == "praktik" else "",
                  company_id=company, internal_unit=unit, job_title="Medhjælper",
                  coach_id=coach or ctx.coach_id)
    return placements.create_placement(ctx, cid, **values).id


def _wage(ctx, pid, valid_from, hours, intensity=50) -> None:
    kind = placements.get_placement(ctx, pid).placement_type
    wages.add_wage_version(ctx, pid, valid_from=valid_from, hourly_wage_ore=5000,
                           attendance_hours=float(hours), work_intensity=intensity,
                           payer=payer_for_kind(kind))


def _hours(ctx, pid, weeks: list[tuple[date, float]], intensity: int, ordinary: float = 0.0) -> None:
    for week, att in weeks:
        progression.record_hours(ctx, pid, week, att, intensity, ordinary=ordinary)


def _visit(ctx, cid, pid, day: date) -> None:
    visits.create_visit(ctx, cid, placement_id=pid, at=datetime.combine(day, datetime.min.time()),
                        status="afholdt")


def build(ctx: Context) -> Data:
    other_coach, other_team, my_team = _other_coach(ctx)
    x = companies.create_company(ctx, name="Firma X").id
    y = companies.create_company(ctx, name="Firma Y").id
    z = companies.create_company(ctx, name="Firma Z").id
    ids = {n: citizens.create_citizen(ctx, name=n).id for n in
           ("Anna", "Bent", "Carla", "Erik", "Frida")}
    ids["Dorte"] = citizens.create_citizen(ctx, name="Dorte", coach_id=other_coach).id

    a = _placement(ctx, ids["Anna"], "fleksjob", date(2024, 11, 4), company=x)
    _wage(ctx, a, date(2024, 11, 4), 8)
    _hours(ctx, a, [(date(2024, 11, d), 8) for d in (4, 11, 18, 25)], 50)
    _hours(ctx, a, list(zip([date(2025, 5, d) for d in (5, 12, 19, 26)], (10, 10, 12, 12))), 50)
    for day in (date(2024, 12, 1), date(2024, 12, 20), date(2025, 1, 10), date(2025, 4, 1),
                date(2025, 6, 15)):
        _visit(ctx, ids["Anna"], a, day)

    b1 = _placement(ctx, ids["Bent"], "intern", date(2024, 9, 2), date(2025, 2, 28), unit="Værkstedet")
    b2 = _placement(ctx, ids["Bent"], "ekstern_laering", date(2025, 3, 3), date(2025, 5, 31), company=y)
    b3 = _placement(ctx, ids["Bent"], "ekstern", date(2025, 6, 2), company=y)
    for pid, day, hours in ((b1, date(2024, 9, 2), 10), (b2, date(2025, 3, 3), 15), (b3, date(2025, 6, 2), 20)):
        _wage(ctx, pid, day, hours)
    for pid, day in ((b1, date(2025, 1, 5)), (b1, date(2025, 1, 30)), (b2, date(2025, 3, 20)),
                     (b3, date(2025, 6, 20))):
        _visit(ctx, ids["Bent"], pid, day)

    c1 = _placement(ctx, ids["Carla"], "skaanejob", date(2024, 6, 3), date(2025, 1, 31), company=z)
    _hours(ctx, c1, [(date(2024, 6, d), 12) for d in (3, 10, 17, 24)], 100)
    c2 = _placement(ctx, ids["Carla"], "smaajob", date(2025, 2, 3), company=z)
    _wage(ctx, c2, date(2025, 2, 3), 12, 100)
    _hours(ctx, c2, [(date(2025, 3, d), 12) for d in (3, 10, 17, 24, 31)], 100, ordinary=8)

    d = _placement(ctx, ids["Dorte"], "intern_laering", date(2025, 1, 6), unit="Køkkenet",
                   coach=other_coach)
    _hours(ctx, d, [(date(2025, 1, 6), 6), (date(2025, 1, 13), 6), (date(2025, 2, 3), 5),
                    (date(2025, 2, 10), 5), (date(2025, 3, 3), 4)], 50)
    _visit(ctx, ids["Dorte"], d, date(2025, 2, 1))

    _placement(ctx, ids["Erik"], "ekstern_laering", date(2025, 1, 6), date(2025, 4, 4), company=x,
               planned=date(2025, 4, 5))
    _placement(ctx, ids["Frida"], "praktik", date(2023, 1, 2), date(2024, 6, 30), company=x)
    return Data(ids, other_coach, other_team, my_team)
