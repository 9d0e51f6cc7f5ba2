"""A placement of each kind with the terms that kind has, made through the
services (shared by the addendum tests; no tests here)."""
from __future__ import annotations

from datetime import date, time, timedelta

from app.rules.dates import add_months
from app.rules.schedule import Slot
from app.rules.terms import has_intensity, is_internal, payer_for_kind
from app.services import citizens, coach_profile, companies, placements, wages
from db.enums import PlacementStatus
from db.enums import PlacementType as PT

TODAY = date.today()
GOAL = "Jeg vil gerne have fast arbejde i et køkken."


def make_kind(ctx, kind: str, start: date | None = None, ended: bool = False) -> str:
    coach_profile.set_profile(ctx, "Lise Holm Jørgensen", "+45 76 94 10 10", "lise@varde.dk")
    start = start or TODAY - timedelta(days=20)
    citizen = citizens.create_citizen(ctx, name="Karen Ærø Sørensen", phone="40506070")
    values = dict(placement_type=kind, start_date=start, job_title="Køkkenmedhjælper",
                  tasks="Opvask og klargøring.", citizen_goal=GOAL)
    if is_internal(kind):
        values["internal_unit"] = "Støttecenterets køkken"
    else:
        company = companies.create_company(ctx, name="Kroen ved Åen ApS")
        contact = companies.add_contact(ctx, company.id, name="Bo Mester", title="Køkkenchef", phone="20304050")
        values |= dict(company_id=company.id, contact_person_id=contact.id)
    if kind in (PT.INTERNSHIP, PT.EXTERNAL_LEARNING):
        values["planned_end"] = add_months(start, 3)
    if kind == PT.INTERNSHIP:
        values |= dict(purpose="Afprøve køkkenarbejde 8 timer om ugen.", benefit="Kontanthjælp")
    p = placements.create_placement(ctx, citizen.id, **values)
    placements.set_schedule(ctx, p.id, [Slot(0, time(9, 0), time(13, 0)), Slot(3, time(9, 0), time(13, 0))])
    wages.add_wage_version(
        ctx, p.id, valid_from=start, hourly_wage_ore=0 if kind == PT.INTERNSHIP else 13000,
        attendance_hours=8.0, work_intensity=50 if has_intensity(kind) else 100, payer=payer_for_kind(kind),
        subsidy_per_hour_ore=2500 if kind in (PT.WAGE_SUBSIDY, PT.FLEX_JOB) else 0,
        ordinary_hours=0.0 if kind in (PT.INTERNSHIP, PT.SMALL_JOB) else 2.0)
    if ended:
        # The placement editor ends a placement by saving an end date and the
        # status "afsluttet" through update_placement.
        placements.update_placement(ctx, p.id, end_date=TODAY - timedelta(days=1),
                                    status=PlacementStatus.ENDED)
    return p.id
