"""The coach's own profile (name, phone, e-mail): printed on the
tillægsaftale as the coach and on the signature line. It comes from the
server account at login and can be changed in Indstillinger; the OS login
name is never used as a person's name."""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.context import Context
from app.rules import text
from app.rules.errors import Collector
from app.services import audit
from app.services.crud import get_live
from db.models import Coach

PHONE = re.compile(r"^\+?[0-9 ]{8,16}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class CoachProfile:
    full_name: str
    phone: str
    email: str


def get_profile(ctx: Context) -> CoachProfile:
    with ctx.uow() as s:
        coach = s.get(Coach, ctx.coach_id)
        if coach is None:
            return CoachProfile("", "", "")
        name = coach.full_name if coach.full_name != coach.username else ""
        return CoachProfile(name, coach.phone or "", coach.email or "")


def clean_profile(full_name: str, phone: str, email: str) -> CoachProfile:
    c = Collector()
    name = c.check("full_name", text.optional_line, full_name, "full_name", "Dit navn") or ""
    phone, email = (phone or "").strip(), (email or "").strip()
    if phone and not PHONE.match(phone):
        c.add("phone", "Skriv 8 cifre, evt. med +45 foran.")
    if email and not EMAIL.match(email):
        c.add("email", "Skriv en e-mailadresse som navn@kommune.dk.")
    c.raise_if_any()
    return CoachProfile(name.strip(), phone, email)


def set_profile(ctx: Context, full_name: str, phone: str, email: str) -> CoachProfile:
    profile = clean_profile(full_name, phone, email)
    with ctx.uow() as s:
        coach = get_live(s, Coach, ctx.coach_id, "Jobcoachen")
        coach.full_name, coach.phone, coach.email = profile.full_name, profile.phone, profile.email
        s.flush()
        audit.record(s, ctx, "change", None, "coach", coach.id, "profil")
    return profile
