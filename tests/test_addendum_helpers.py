"""Shared pieces of the addendum tests (no tests here): a fully described
placement made through the services, and reading a PDF back with pypdf."""
from __future__ import annotations

import io
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path

from pypdf import PdfReader

from app.demo import valid_cvr
from app.rules.schedule import Slot
from app.services import accommodations, citizens, coach_profile, companies, placements, progression, wages

OUTPUT = Path(__file__).resolve().parent / "output"
TODAY = date.today()


@dataclass
class Made:
    placement_id: str
    citizen_id: str
    company_id: str
    cvr: str
    accommodation_texts: list[str] = field(default_factory=list)
    milestone_dates: list[date] = field(default_factory=list)


def make_placement(ctx, n_accommodations: int = 3, task_text: str | None = None,
                   milestones: int = 3) -> Made:
    cvr = valid_cvr(random.Random(7))
    # the coach as a person (printed and signing); never the OS login
    coach_profile.set_profile(ctx, "Lise Holm Jørgensen", "+45 76 94 10 10", "lise@varde.dk")
    company = companies.create_company(ctx, name="Bøgeskov Æblemost & Ørred ApS", cvr=cvr,
                                       p_number="1012345678", address="Åbrinken 12",
                                       postal_code="8600", city="Silkeborg")
    contact = companies.add_contact(ctx, company.id, name="Åse Ærtebjerg", title="Værkfører",
                                    phone="20304050", email="aase@boegeskov.dk")
    citizen = citizens.create_citizen(ctx, name="Søren Østergård Æbelø", address="Læsøgade 3, 2. th.",
                                      postal_code="8000", city="Aarhus C", phone="+45 40506070",
                                      support="Mentor: Jørgen fra Støttecentret, onsdage kl. 9.")
    start = TODAY - timedelta(days=40)
    tasks = task_text if task_text is not None else "Plukke æbler.\nSortere frugt på båndet."
    placement = placements.create_placement(
        ctx, citizen.id, placement_type="skaanejob", start_date=start, planned_end=start + timedelta(days=365),
        job_title="Gartnermedhjælper", tasks=tasks, tasks_not_to_do="Løft over 15 kg. Kørsel med truck.",
        company_id=company.id, contact_person_id=contact.id,
        adjustment_text="Aftalen justeres på opfølgningsmøderne, når delmål er nået.")
    placements.set_schedule(ctx, placement.id, [Slot(0, time(8, 0), time(12, 0)),
                                                Slot(2, time(8, 30), time(14, 0))])
    wages.add_wage_version(ctx, placement.id, valid_from=start, hourly_wage_ore=14550,
                           overenskomst="3F Det Grønne Område", attendance_hours=9.5, work_intensity=40,
                           payer="virksomhed_borger", subsidy_per_hour_ore=2575, note="")
    made = Made(placement.id, citizen.id, company.id, cvr)
    categories = ["fysisk", "pauser", "omgivelser", "hjaelpemidler", "kognitiv", "social", "tempo"]
    for i in range(n_accommodations):
        text = f"Skånehensyn nr. {i + 1}: Ingen tunge løft, rolige omgivelser ({i + 1})."
        accommodations.add_accommodation(ctx, citizen.id, category=categories[i % len(categories)],
                                         text=text, source="laegeerklaering", share_consent=True,
                                         start_date=start, placement_id=placement.id)
        made.accommodation_texts.append(text)
    kinds = ["flere_timer", "svaerere_opgaver", "intensitet", "ordinaere_timer"]
    for k in range(milestones):
        target = TODAY + timedelta(days=30 * (k + 1))
        progression.add_milestone(ctx, placement.id, kind=kinds[k % len(kinds)],
                                  text=f"Delmål {k + 1}: op på {12 + k} timer om ugen", target_date=target)
        made.milestone_dates.append(target)
    return made


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text with line breaks folded, for phrases that may wrap."""
    return " ".join(text.split())


def render_pngs(pdf: bytes, name: str, dpi: int = 60) -> list[Path]:
    """Pages as PNG under tests/output/ (kept as test output to look at)."""
    OUTPUT.mkdir(exist_ok=True)
    for old in OUTPUT.glob(f"{name}-*.png"):
        old.unlink()
    source = OUTPUT / f"{name}.pdf"
    source.write_bytes(pdf)
    exe = shutil.which("pdftoppm")
    assert exe, "pdftoppm (poppler-utils) is needed to render the pages"
    subprocess.run([exe, "-r", str(dpi), "-png", str(source), str(OUTPUT / name)], check=True)
    return sorted(OUTPUT.glob(f"{name}-*.png"))
