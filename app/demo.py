"""Made-up but realistic Danish demo data (Faker da_DK), written with Core
bulk inserts that still record the outbox (db.changes.bulk_insert)."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from faker import Faker

from app.context import Context
from app.demo_text import BENEFITS, accommodation_text, citizen_goal, note_text, praktik_purpose, task_text
from app.rules.dates import add_months
from app.rules.hours import paid_hours
from app.rules.terms import has_intensity, payer_for_kind
from app.services.crud import get_live
from db.changes import bulk_insert
from db.enums import AccommodationCategory, AccommodationSource, PlacementType
from db.models import (
    Accommodation,
    Action,
    Citizen,
    Coach,
    Company,
    ContactPerson,
    HoursRecord,
    Milestone,
    Placement,
    ScheduleSlot,
    Visit,
    WageAgreement,
)

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class DemoSize:
    coaches: int
    citizens: int
    companies: int
    placements: int
    visits: int


SIZES = {
    "small": DemoSize(coaches=2, citizens=40, companies=25, placements=60, visits=600),
    "large": DemoSize(coaches=20, citizens=3000, companies=1500, placements=5000, visits=60000),
}


def valid_cvr(rng: random.Random) -> str:
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = (-sum(d * w for d, w in zip(digits, weights))) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def fake_cpr(rng: random.Random, born: date) -> str:
    seventh = rng.choice("0123") if born.year < 2000 else rng.choice("4")
    return f"{born:%d%m%y}-{seventh}{rng.randint(0, 999):03d}"


class DemoBuilder:
    def __init__(self, ctx: Context, size: DemoSize, seed: int, progress: Progress | None) -> None:
        self.ctx, self.size = ctx, size
        self.rng = random.Random(seed)
        self.fake = Faker("da_DK")
        self.fake.seed_instance(seed)
        self.progress = progress or (lambda f, m: None)
        self.today = date.today()

    def run(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.ctx.uow() as s:
            self.s = s
            steps = [self._coaches, self._companies, self._citizens, self._placements, self._visits]
            for i, step in enumerate(steps):
                self.progress(i / len(steps), step.__doc__ or "")
                counts.update(step())
        self.progress(1.0, "Færdig")
        return counts

    def _coaches(self) -> dict[str, int]:
        """Jobcoaches"""
        me = get_live(self.s, Coach, self.ctx.coach_id, "Jobcoachen")
        rng = self.rng
        if not me.full_name or me.full_name == me.username:  # a made-up profile, never over a real one
            me.full_name, me.phone, me.email = "Demo Jobcoach", "+45 76 94 10 00", "demo.jobcoach@kommune.dk"
        rows: list[dict[str, Any]] = [dict(team_id=me.team_id, username=f"coach{i:02d}", full_name=self.fake.name(),
                     email=f"coach{i:02d}@kommune.dk", phone=f"+45 {rng.randint(20_000_000, 99_999_999)}",
                     role="coach") for i in range(1, self.size.coaches)]
        bulk_insert(self.s, Coach, rows)
        self.coach_ids = [self.ctx.coach_id] + [r["id"] for r in rows]
        return {"coaches": len(self.coach_ids)}

    def _companies(self) -> dict[str, int]:
        """Virksomheder"""
        f, rng = self.fake, self.rng
        industries = ["Detailhandel", "Landbrug", "Rengøring", "Byggeri", "Kantine og køkken",
                      "Lager og logistik", "Pleje og omsorg", "Autoværksted", "Gartneri", "Kontor"]
        rows: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        for _ in range(self.size.companies):
            rows.append(dict(name=f.company(), cvr=valid_cvr(rng),
                             p_number=str(rng.randint(1_000_000_000, 9_999_999_999)),
                             address=f.street_address(), postal_code=f.postcode(), city=f.city(),
                             phone=f"{rng.randint(20_000_000, 99_999_999)}",
                             email=f"kontakt{rng.randint(1, 99999)}@firma.dk",
                             industry=rng.choice(industries), employees=rng.randint(2, 400), notes=""))
        bulk_insert(self.s, Company, rows)
        for row in rows:
            for _ in range(rng.randint(1, 2)):
                contacts.append(dict(company_id=row["id"], name=f.name(), title=rng.choice(
                    ["Mester", "Butikschef", "Daglig leder", "HR-konsulent", "Værkfører"]),
                    phone=f"{rng.randint(20_000_000, 99_999_999)}", email=""))
        bulk_insert(self.s, ContactPerson, contacts)
        self.companies = rows
        self.contacts_by_company: dict[str, list[str]] = {}
        for c in contacts:
            self.contacts_by_company.setdefault(c["company_id"], []).append(c["id"])
        return {"companies": len(rows), "contacts": len(contacts)}

    def _citizens(self) -> dict[str, int]:
        """Borgere"""
        f, rng = self.fake, self.rng
        rows: list[dict[str, Any]] = []
        for _ in range(self.size.citizens):
            born = f.date_of_birth(minimum_age=18, maximum_age=64)
            rows.append(dict(name=f"{f.first_name()} {f.last_name()}",
                             cpr=fake_cpr(rng, born) if rng.random() < 0.6 else None,
                             phone=f"{rng.randint(20_000_000, 99_999_999)}", email="",
                             address=f.street_address(), postal_code=f.postcode(), city=f.city(),
                             status="aktiv", coach_id=rng.choice(self.coach_ids), support="",
                             ended_on=None))
        bulk_insert(self.s, Citizen, rows)
        self.citizens = rows
        acc = []
        for row in rows:
            for _ in range(rng.randint(0, 3)):
                cat = rng.choice(list(AccommodationCategory))
                medical = cat in (AccommodationCategory.PHYSICAL, AccommodationCategory.COGNITIVE)
                source = AccommodationSource.MEDICAL if medical and rng.random() < 0.7 else \
                    rng.choice([AccommodationSource.CITIZEN, AccommodationSource.OBSERVED])
                acc.append(dict(citizen_id=row["id"], placement_id=None, category=cat.value,
                                text=accommodation_text(rng, cat.value), source=source.value,
                                start_date=self.today - timedelta(days=rng.randint(10, 600)),
                                end_date=None, supersedes_id=None, superseded=False,
                                share_consent=rng.random() < 0.6))
        bulk_insert(self.s, Accommodation, acc)
        return {"citizens": len(rows), "accommodations": len(acc)}

    def _placements(self) -> dict[str, int]:
        """Forløb, lønaftaler, ugeskemaer, delmål og timer"""
        rng = self.rng
        types = list(PlacementType)
        placements: list[dict[str, Any]] = []
        wages: list[dict[str, Any]] = []
        slots: list[dict[str, Any]] = []
        milestones: list[dict[str, Any]] = []
        hours: list[dict[str, Any]] = []
        days_used: dict[str, set[int]] = {}
        for i in range(self.size.placements):
            citizen = self.citizens[i % len(self.citizens)]
            ptype = types[i % len(types)] if i < len(types) else rng.choice(types)
            internal = ptype in (PlacementType.INTERNAL_LEARNING, PlacementType.INTERNAL_EMPLOYMENT)
            company = None if internal else rng.choice(self.companies)
            start = self.today - timedelta(days=rng.randint(0, 700))
            learning, praktik = ptype == PlacementType.EXTERNAL_LEARNING, ptype == PlacementType.INTERNSHIP
            months = 3 if learning else rng.randint(3, 6) if praktik else rng.randint(6, 24)
            # a praktik and a læringsforløb always end; other kinds are often open-ended
            planned_end = add_months(start, months) if learning or praktik or rng.random() < 0.4 else None
            past = planned_end is not None and planned_end < self.today
            ended = planned_end if past and (learning or rng.random() < 0.7) else None
            p = dict(citizen_id=citizen["id"], company_id=company["id"] if company else None,
                     internal_unit=rng.choice(["Værkstedet", "Støttecenterets køkken", "Butikken",
                                               "Udeholdet"]) if internal else "",
                     placement_type=ptype.value, start_date=start, planned_end=planned_end,
                     end_date=ended, job_title=rng.choice(["Lagermedarbejder", "Køkkenhjælp",
                     "Butiksmedhjælper", "Gartnermedhjælper", "Rengøringsassistent", "Pedelmedhjælper"]),
                     tasks=task_text(rng), tasks_not_to_do="Tunge løft over 15 kg. Kassebetjening.",
                     contact_person_id=rng.choice(self.contacts_by_company[company["id"]]) if company else None,
                     coach_id=citizen["coach_id"], status="afsluttet" if ended else "aktiv",
                     adjustment_text="Aftalen justeres ved opfølgningsmøderne.",
                     citizen_goal=citizen_goal(rng) if rng.random() < 0.8 else "",
                     purpose=praktik_purpose(rng) if praktik else "",
                     benefit=rng.choice(BENEFITS) if praktik else "")
            placements.append(p)
            # The schedule decides the hours present: 1-3 free weekdays of 3-7 hours each.
            used = days_used.setdefault(citizen["id"], set())
            free = [d for d in range(5) if d not in used]
            days, per_day = rng.sample(free, min(len(free), rng.randint(1, 3))), rng.choice([3, 4, 5, 6, 7])
            att = per_day * len(days) or rng.choice([6, 8, 10])
            for day in days:
                used.add(day)
                slots.append(dict(placement_index=i, weekday=day, start_time=time(8, 0),
                                  end_time=time(8 + per_day, 0)))
            wages += self._wage_versions(ptype, start, att)
            for k in range(rng.randint(1, 2)):
                milestones.append(dict(placement_index=i, kind=rng.choice(
                    ["flere_timer", "flere_opgaver", "intensitet", "ordinaere_timer"]),
                    text=rng.choice(["Op på 15 timer om ugen", "Selvstændig varemodtagelse",
                                     "Intensitet 50 %", "30 ordinære timer om måneden"]),
                    target_date=start + timedelta(days=60 + 60 * k), status="planlagt", achieved_on=None))
                self._settle_milestone(milestones[-1])
            for w in range(rng.randint(0, 12)):
                week = start - timedelta(days=start.weekday()) + timedelta(weeks=w)
                if week > self.today:
                    break
                a = float(att + rng.choice([0, 0, 1, 2]) * (w // 4))
                intensity = wages[-1]["work_intensity"]
                ordinary = a if ptype == PlacementType.SMALL_JOB else min(a, float(rng.choice([0, 0, 0, 2, 4])))
                hours.append(dict(placement_index=i, week_start=week, attendance_hours=a,
                                  paid_hours=paid_hours(a, intensity), ordinary_hours=ordinary, note=""))
        bulk_insert(self.s, Placement, placements)
        self.placements = placements
        for owner, wage in zip(self._wage_owner(wages, placements), wages):
            wage["placement_id"] = owner
        bulk_insert(self.s, WageAgreement, wages)
        for group in (slots, milestones, hours):
            for row in group:
                row["placement_id"] = placements[row.pop("placement_index")]["id"]
        bulk_insert(self.s, ScheduleSlot, slots)
        bulk_insert(self.s, Milestone, milestones)
        bulk_insert(self.s, HoursRecord, hours)
        return {"placements": len(placements), "wage_versions": len(wages), "schedule_slots": len(slots),
                "milestones": len(milestones), "hours_records": len(hours)}

    def _wage_versions(self, ptype: PlacementType, start: date, att: int) -> list[dict]:
        """1-2 versions with the kind's terms; a later version raises the wage, not the hours."""
        rng, kind = self.rng, ptype.value
        intensity = 100 if not has_intensity(kind) else rng.choice([25, 40, 50, 60, 75])
        wage = 0 if ptype == PlacementType.INTERNSHIP else rng.choice([4000, 6000, 9000, 12500, 14500])
        subsidy = rng.choice([2500, 4000, 6500]) if ptype == PlacementType.WAGE_SUBSIDY else \
            rng.choice([0, 9000]) if ptype == PlacementType.FLEX_JOB else 0
        ordinary = 0.0 if ptype in (PlacementType.INTERNSHIP, PlacementType.SMALL_JOB) else \
            float(min(att, rng.choice([0, 0, 2, 4, 7])))
        out = []
        for v in range(rng.randint(1, 2)):
            out.append(dict(placement_id=None, version_no=v + 1, valid_from=start + timedelta(days=90 * v),
                            hourly_wage_ore=wage + (500 * v if wage else 0),
                            overenskomst=rng.choice(["", "HK Handel", "3F Industri", "Servicefag"]) if wage else "",
                            attendance_hours=float(att), work_intensity=intensity,
                            paid_hours=paid_hours(att, intensity), payer=payer_for_kind(kind),
                            subsidy_per_hour_ore=subsidy, ordinary_hours=ordinary, note=""))
        return out

    def _settle_milestone(self, m: dict) -> None:
        """A milestone past its date has been judged: reached (on a day) or not."""
        if m["target_date"] >= self.today:
            return
        if self.rng.random() < 0.6:
            m["status"], m["achieved_on"] = "naaet", m["target_date"] - timedelta(days=self.rng.randint(0, 20))
        else:
            m["status"] = "ikke_naaet"

    @staticmethod
    def _wage_owner(wages: list[dict], placements: list[dict]) -> list[str]:
        owners, index = [], -1
        for w in wages:
            if w["version_no"] == 1:
                index += 1
            owners.append(placements[index]["id"])
        return owners

    def _visits(self) -> dict[str, int]:
        """Besøg med noter"""
        rng = self.rng
        by_citizen: dict[str, list[dict]] = {}
        for p in self.placements:
            by_citizen.setdefault(p["citizen_id"], []).append(p)
        rows, actions = [], []
        heavy = self.citizens[0]["id"]  # one citizen with 200 visits, for the benchmarks
        plan = [heavy] * min(200, self.size.visits // 3)
        while len(plan) < self.size.visits:
            plan.append(rng.choice(self.citizens)["id"])
        now = datetime.now().replace(second=0, microsecond=0)
        for n, citizen_id in enumerate(plan):
            p = rng.choice(by_citizen.get(citizen_id) or self.placements)
            at = datetime.combine(p["start_date"], time(rng.randint(8, 15), rng.choice([0, 15, 30, 45]))) \
                + timedelta(days=rng.randint(0, 400))
            status = "afholdt" if at <= now else "planlagt"
            rows.append(dict(citizen_id=citizen_id, placement_id=p["id"], company_id=p["company_id"],
                             coach_id=p["coach_id"], at=at, channel=rng.choice(["paa_stedet", "paa_stedet",
                             "telefon", "video"]), status=status, participants="Borger, kontaktperson, jobcoach",
                             notes=note_text(rng, rng.randint(2, 6)) if status == "afholdt" else "",
                             next_contact=(at + timedelta(days=30)).date()))
            if n % 15 == 0:
                actions.append(dict(citizen_id=citizen_id, visit_id=None, text=rng.choice(
                    ["Send ugeskema til virksomheden", "Ring til kontaktpersonen", "Aftal nyt lønmøde",
                     "Bestil hjælpemiddel"]), owner="Jobcoach",
                    due_date=self.today + timedelta(days=rng.randint(-20, 30)), done_on=None))
            if len(rows) >= 5000:
                bulk_insert(self.s, Visit, rows)
                self.progress(0.8 + 0.2 * n / len(plan), f"Besøg med noter ({n})")
                rows = []
        bulk_insert(self.s, Visit, rows)
        bulk_insert(self.s, Action, actions)
        return {"visits": len(plan), "actions": len(actions)}


def build_demo(ctx: Context, size: str = "small", seed: int = 1, progress: Progress | None = None) -> dict[str, int]:
    from app.demo_signing import sign_some

    counts = DemoBuilder(ctx, SIZES[size], seed, progress).run()
    return counts | sign_some(ctx, seed)
