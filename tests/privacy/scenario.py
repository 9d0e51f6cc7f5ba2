"""One citizen with something in every table, made through the services,
with words that occur nowhere else (so a raw search can find them)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.rules.schedule import Slot
from app.services import accommodations, citizens, companies, placements, progression, visits, wages

NAME = "Zacharias Qwertyborg"
CPR = "010190-1234"
NOTE_WORD = "Xylofonkagen"
TASK_WORD = "Kvantepudsning"
ACCOM_WORD = "Hængekøjepause"
ACTION_WORD = "Zebraopfølgning"
PERSONAL_WORDS = (NAME, "Qwertyborg", CPR, "0101901234", NOTE_WORD, TASK_WORD, ACCOM_WORD, ACTION_WORD)


@dataclass
class Made:
    citizen_id: str
    placement_id: str
    visit_id: str
    accommodation_id: str
    company_id: str


def make_full_citizen(ctx, name: str = NAME, cpr: str | None = CPR, marked: bool = True) -> Made:
    """marked=False: the same shape with ordinary words (a bystander citizen)."""
    note, task, accom, action = (NOTE_WORD, TASK_WORD, ACCOM_WORD, ACTION_WORD) if marked else \
        ("Kaffen", "Rengøring", "Pause", "Opfølgning")
    company = companies.create_company(ctx, name="Bageriet Solsikke ApS", cvr="")
    c = citizens.create_citizen(ctx, name=name, cpr=cpr, phone="+45 12345678",
                                email="zq@example.dk", address="Æblevej 7", postal_code="8000",
                                city="Århus", support="Mentor: Hansen")
    start = date.today() - timedelta(days=60)
    p = placements.create_placement(ctx, c.id, placement_type="skaanejob", start_date=start,
                                    company_id=company.id, job_title="Bagermedhjælper",
                                    tasks=f"{task} af ovne", tasks_not_to_do="Tunge løft")
    placements.set_schedule(ctx, p.id, [Slot(0, time(8), time(12)), Slot(2, time(9), time(13))])
    wages.add_wage_version(ctx, p.id, valid_from=start, hourly_wage_ore=12050, attendance_hours=8.0,
                           work_intensity=50, payer="virksomhed_borger", subsidy_per_hour_ore=2000,
                           note="Løn aftalt")
    a = accommodations.add_accommodation(ctx, c.id, category="pauser", source="borger",
                                         text=f"{accom} hver time", start_date=start)
    a2 = accommodations.change_accommodation(ctx, a.id, text=f"{accom} hver anden time")
    progression.add_milestone(ctx, p.id, kind="flere_timer", target_date=start + timedelta(days=90),
                              text="Op på 12 timer")
    progression.record_hours(ctx, p.id, start, 8.0, intensity_pct=50, note="Fin uge")
    v = visits.create_visit(ctx, c.id, at=datetime.now() - timedelta(days=3), placement_id=p.id,
                            notes=f"Borgeren fortalte om {note} og trivsel.",
                            participants="Borger, mester")
    visits.set_check(ctx, v.id, a2.id, "overholdes", "Holder fint")
    visits.add_action(ctx, c.id, f"{action} med mester", owner="Jobcoach",
                      due_date=date.today() + timedelta(days=7), visit_id=v.id)
    citizens.get_citizen(ctx, c.id)  # a view
    return Made(c.id, p.id, v.id, a2.id, company.id)
