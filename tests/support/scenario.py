"""A small but complete data set written through every service (shared by tests)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from app.context import Context
from app.rules.schedule import Slot
from app.services import accommodations, citizens, companies, placements, progression, visits, wages


def write_through_every_service(ctx: Context) -> dict[str, str]:
    today = date.today()
    company = companies.create_company(ctx, name="Bageriet Ærø ApS", cvr="10150817", city="Ærøskøbing",
                                       postal_code="5970", phone="+45 12345678")
    companies.update_company(ctx, company.id, industry="Bageri", employees=12)
    contact = companies.add_contact(ctx, company.id, name="Mette Mester", title="Mester")
    companies.update_contact(ctx, contact.id, phone="87654321")
    citizen = citizens.create_citizen(ctx, name="Åse Øster", cpr="010190-1234", city="Marstal")
    citizens.update_citizen(ctx, citizen.id, phone="11223344", support="Mentor: Lone")
    placement = placements.create_placement(
        ctx, citizen.id, placement_type="ekstern_laering", start_date=today - timedelta(days=30),
        planned_end=today + timedelta(days=40), company_id=company.id, job_title="Bagerhjælper",
        tasks="Afvejning af dej", contact_person_id=contact.id)
    placements.update_placement(ctx, placement.id, tasks_not_to_do="Ovnen")
    placements.set_schedule(ctx, placement.id, [Slot(0, time(8), time(12)), Slot(2, time(8), time(12))])
    wage = wages.add_wage_version(ctx, placement.id, valid_from=today - timedelta(days=30),
                                  hourly_wage_ore=6550, attendance_hours=8.0, work_intensity=50,
                                  payer="enhed_borger")
    acc = accommodations.add_accommodation(ctx, citizen.id, category="fysisk", text="Ingen tunge løft",
                                           source="laegeerklaering", start_date=today - timedelta(days=30))
    acc2 = accommodations.change_accommodation(ctx, acc.id, text="Ingen løft over 10 kg")
    milestone = progression.add_milestone(ctx, placement.id, kind="flere_timer", text="12 timer",
                                          target_date=today + timedelta(days=20))
    progression.achieve_milestone(ctx, milestone.id, today)
    progression.record_hours(ctx, placement.id, today, 8.0, 50, ordinary=2.0)
    visit = visits.create_visit(ctx, citizen.id, at=datetime.now() - timedelta(hours=1),
                                placement_id=placement.id, notes="Første note")
    visits.save_notes(ctx, visit.id, "Første note, udvidet med ærlige ord")
    visits.set_check(ctx, visit.id, acc2.id, "overholdes", "fint")
    action = visits.add_action(ctx, citizen.id, "Ring til mester", "Jobcoach", today, visit.id)
    visits.complete_action(ctx, action.id)
    extra = citizens.create_citizen(ctx, name="Slettes Senere")
    citizens.delete_citizen(ctx, extra.id)
    return {"company": company.id, "citizen": citizen.id, "placement": placement.id, "wage": wage.id,
            "accommodation": acc2.id, "visit": visit.id}
