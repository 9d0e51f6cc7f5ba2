"""A hand-made citizen for the statusudtalelse tests, built through the
services, whose figures are counted by hand below.

Period 01.03.2026 – 31.08.2026 (in the past, so "today" ends nothing early).

Karen     skånejob at Bøgeskov from 02.02.2026, Mon 8-12 + Wed 8.30-14.
          Wage v1 02.02: 10 t, 40 %; v2 01.05: 12 t, 50 %; v3 01.07: 15 t, 60 %.
          Internt læringsforløb "Værkstedet Ådalen" 01.06-31.07.2026, Fri 9-12
          (3 t, no wage).
Hours     (skånejob; week = Monday): 23.02 10 t (before the period);
          March 02, 09, 16: 10 t at 40 %; April none;
          May 04, 11, 18: 12 t at 50 %; June 01, 08: 12 t at 50 %, 2 ordinary;
          July 06, 13, 20: 15 t at 60 %, 3 ordinary; August 03, 10, 17, 24: same.
Skånehensyn  fysisk from 02.02 (unchanged); pauser from 02.02, changed from
          01.06; hjælpemidler from 15.04; social (mentor) 01.03, ended 31.07;
          tempo 01.01-15.03; omgivelser from 01.10 (after the period).
Milestones  reached 28.04 (target 01.05) and 01.07; not reached (31.07);
          planned, target 15.08 passed; planned 15.10 (coming); reached 10.02
          (before the period).
Visits    held (skånejob) 25.02, 20.03, 15.04, 01.06, 20.08; cancelled 10.05;
          planned but not held 15.07. Monthly plan: 20.03 and 15.04 on time,
          01.06 late (due 15.05), 01.07 missed, 20.08 late (due 01.08).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from app.context import Context
from app.rules.schedule import Slot
from app.services import accommodations, citizens, companies, placements, progression, visits, wages
from db.models import Coach

START, END = date(2026, 3, 1), date(2026, 8, 31)
NAME = "Karen Ærø Østergaard"
COMPANY = "Bøgeskov Æblemost ApS"
UNIT = "Værkstedet Ådalen"
SUPPORT = "Mentor: Jørgen fra Støttecentret, onsdage kl. 9."
COACH = ("Mette Møller", "+45 20304050", "mette.moller@kommune.dk")
# Monday -> (hours present, intensity %, ordinary hours)
WEEKS = {date(2026, 2, 23): (10, 40, 0)}
WEEKS |= {date(2026, 3, d): (10, 40, 0) for d in (2, 9, 16)}
WEEKS |= {date(2026, 5, d): (12, 50, 0) for d in (4, 11, 18)}
WEEKS |= {date(2026, 6, d): (12, 50, 2) for d in (1, 8)}
WEEKS |= {date(2026, 7, d): (15, 60, 3) for d in (6, 13, 20)}
WEEKS |= {date(2026, 8, d): (15, 60, 3) for d in (3, 10, 17, 24)}
NOTES = ("Karen møder stabilt og til tiden.\n\nHun har selv bedt om flere opgaver ved kassen. "
         "Kollegerne oplever hende som rolig og grundig.")


@dataclass
class Made:
    citizen_id: str
    job_id: str          # the skånejob
    course_id: str       # the internal course


def make_citizen(ctx: Context) -> Made:
    with ctx.uow() as s:  # the coach as a person (set at login in the program)
        coach = s.get(Coach, ctx.coach_id)
        coach.full_name, coach.phone, coach.email = COACH
    company = companies.create_company(ctx, name=COMPANY, cvr="", city="Silkeborg")
    citizen = citizens.create_citizen(ctx, name=NAME, support=SUPPORT)
    job = placements.create_placement(ctx, citizen.id, placement_type="skaanejob", start_date=date(2026, 2, 2),
                                      job_title="Gartnermedhjælper", company_id=company.id)
    placements.set_schedule(ctx, job.id, [Slot(0, time(8), time(12)), Slot(2, time(8, 30), time(14))])
    for valid_from, present, pct in ((date(2026, 2, 2), 10, 40), (date(2026, 5, 1), 12, 50),
                                     (date(2026, 7, 1), 15, 60)):
        wages.add_wage_version(ctx, job.id, valid_from=valid_from, hourly_wage_ore=14550,
                               attendance_hours=present, work_intensity=pct, payer="virksomhed_borger")
    course = placements.create_placement(ctx, citizen.id, placement_type="intern_laering",
                                         start_date=date(2026, 6, 1), end_date=date(2026, 7, 31),
                                         internal_unit=UNIT, status="afsluttet")
    placements.set_schedule(ctx, course.id, [Slot(4, time(9), time(12))])
    for monday, (present, pct, ordinary) in WEEKS.items():
        progression.record_hours(ctx, job.id, monday, present, pct, ordinary)
    _accommodations(ctx, citizen.id)
    _milestones(ctx, job.id)
    _visits(ctx, citizen.id, job.id)
    return Made(citizen.id, job.id, course.id)


def _accommodations(ctx: Context, cid: str) -> None:
    def add(category: str, text: str, start: date, end: date | None = None) -> str:
        return accommodations.add_accommodation(ctx, cid, category=category, text=text, source="laegeerklaering",
                                                start_date=start, end_date=end).id
    add("fysisk", "Ingen løft over 15 kg.", date(2026, 2, 2))
    breaks = add("pauser", "Pause hver anden time.", date(2026, 2, 2))
    accommodations.change_accommodation(ctx, breaks, text="Pause hver time, 10 minutter.",
                                        start_date=date(2026, 6, 1))
    add("hjaelpemidler", "Hæve-sænkebord og ergonomisk stol.", date(2026, 4, 15))
    mentor = add("social", "Mentor to timer om ugen.", date(2026, 3, 1))
    accommodations.end_accommodation(ctx, mentor, date(2026, 7, 31))
    add("tempo", "Roligt tempo uden tidspres.", date(2026, 1, 1), date(2026, 3, 15))
    add("omgivelser", "Fast arbejdsplads ved vinduet.", date(2026, 10, 1))


def _milestones(ctx: Context, job_id: str) -> None:
    def add(kind: str, text: str, target: date, status: str = "planlagt", achieved: date | None = None) -> None:
        progression.add_milestone(ctx, job_id, kind=kind, text=text, target_date=target, status=status,
                                  achieved_on=achieved)
    add("flere_timer", "Op på 12 timer om ugen", date(2026, 5, 1), "naaet", date(2026, 4, 28))
    add("intensitet", "Intensitet 60 %", date(2026, 7, 1), "naaet", date(2026, 7, 1))
    add("ordinaere_timer", "30 ordinære timer på en måned", date(2026, 7, 31), "ikke_naaet")
    add("flere_opgaver", "Betjene kassen", date(2026, 8, 15))
    add("svaerere_opgaver", "Selvstændig planlægning af dagen", date(2026, 10, 15))
    add("flere_timer", "Op på 10 timer om ugen", date(2026, 2, 10), "naaet", date(2026, 2, 10))


def _visits(ctx: Context, cid: str, job_id: str) -> None:
    for day in (date(2026, 2, 25), date(2026, 3, 20), date(2026, 4, 15), date(2026, 6, 1), date(2026, 8, 20)):
        visits.create_visit(ctx, cid, at=datetime.combine(day, time(10)), placement_id=job_id,
                            channel="paa_stedet", status="afholdt",
                            notes=NOTES if day == date(2026, 8, 20) else f"Opfølgning {day:%d.%m}.")
    visits.create_visit(ctx, cid, at=datetime(2026, 5, 10, 10), placement_id=job_id, channel="telefon",
                        status="aflyst")
    visits.create_visit(ctx, cid, at=datetime(2026, 7, 15, 10), placement_id=job_id, channel="video",
                        status="planlagt")
