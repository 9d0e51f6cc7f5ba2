"""The named columns of every list, in one place (Danish titles, Danish
formatting from app.formatting, labels from app.labels)."""
from __future__ import annotations

from datetime import date

from app import labels
from app.formatting import fmt_date, fmt_datetime
from app.rules.identifiers import mask_cpr
from ui.models.rows import Column


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _first_line(text: str, width: int = 120) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= width else line[: width - 1] + "…"


CITIZENS = [
    Column("Navn", lambda c: c.name, width=170),
    Column("CPR", lambda c: mask_cpr(c.cpr), width=95),
    Column("Telefon", lambda c: c.phone, width=80),
    Column("By", lambda c: f"{c.postal_code} {c.city}".strip(), width=130),
    Column("Status", lambda c: labels.label(labels.CITIZEN_STATUS, c.status), width=70),
    Column("Fundet i", lambda c: getattr(c, "why", ""), width=150, tooltip=lambda c: getattr(c, "why", "")),
]
CITIZEN_NAME = 0

COMPANIES = [
    Column("Navn", lambda c: c.name, width=170),
    Column("CVR", lambda c: c.cvr, width=75),
    Column("By", lambda c: f"{c.postal_code} {c.city}".strip()),
    Column("Branche", lambda c: c.industry),
    Column("Telefon", lambda c: c.phone, width=80),
]
COMPANY_NAME = 0

PLACEMENTS = [
    Column("Borger", lambda p: p.citizen_name, width=140),
    Column("Virksomhed / enhed", lambda p: p.company_name, width=150),
    Column("Type", lambda p: labels.label(labels.PLACEMENT_TYPES, p.placement_type), width=150,
           tooltip=lambda p: labels.label(labels.PLACEMENT_TYPES, p.placement_type)),
    Column("Start", lambda p: fmt_date(p.start_date), lambda p: _iso(p.start_date), width=82),
    Column("Planlagt slut", lambda p: fmt_date(p.planned_end), lambda p: _iso(p.planned_end), width=92),
    Column("Status", lambda p: labels.label(labels.PLACEMENT_STATUS, p.status), width=72),
]
# The same without the citizen (inside a citizen) or the company (inside a company).
CITIZEN_PLACEMENTS = [c for i, c in enumerate(PLACEMENTS) if i != 0]
COMPANY_PLACEMENTS = [c for i, c in enumerate(PLACEMENTS) if i != 1]

TODAY = [
    Column("Hvad", lambda i: i.text, width=380),
    Column("Borger", lambda i: i.citizen_name, width=200),
    Column("Dato", lambda i: fmt_date(i.due), lambda i: _iso(i.due), width=90),
    Column("Hvornår", lambda i: i.when, lambda i: _iso(i.due), width=120),
]

VISITS = [
    Column("Tidspunkt", lambda v: fmt_datetime(v.at), lambda v: v.at.isoformat(), width=125),
    Column("Kontaktform", lambda v: labels.label(labels.VISIT_CHANNELS, v.channel), width=90),
    Column("Status", lambda v: labels.label(labels.VISIT_STATUS, v.status), width=75),
    Column("Noter", lambda v: _first_line(v.notes), tooltip=lambda v: _first_line(v.notes, 600)),
]

ACCOMMODATIONS = [
    Column("Kategori", lambda a: labels.label(labels.ACCOMMODATION_CATEGORIES, a.category), width=170),
    Column("Beskrivelse", lambda a: _first_line(a.text), tooltip=lambda a: a.text, width=300),
    Column("Kilde", lambda a: labels.label(labels.ACCOMMODATION_SOURCES, a.source), width=130),
    Column("Fra", lambda a: fmt_date(a.start_date), lambda a: _iso(a.start_date), width=85),
    Column("Til", lambda a: fmt_date(a.end_date), lambda a: _iso(a.end_date), width=85),
    Column("Gældende", lambda a: "Nej (erstattet)" if a.superseded else "Ja"),
]

MILESTONES = [
    Column("Delmål", lambda m: labels.label(labels.MILESTONE_KINDS, m.kind), width=140),
    Column("Beskrivelse", lambda m: _first_line(m.text), width=260),
    Column("Måldato", lambda m: fmt_date(m.target_date), lambda m: _iso(m.target_date)),
    Column("Status", lambda m: labels.label(labels.MILESTONE_STATUS, m.status)),
]

ACTIONS = [
    Column("Handling", lambda a: _first_line(a.text), tooltip=lambda a: a.text, width=320),
    Column("Ansvarlig", lambda a: a.owner),
    Column("Frist", lambda a: fmt_date(a.due_date), lambda a: _iso(a.due_date)),
    Column("Udført", lambda a: fmt_date(a.done_on), lambda a: _iso(a.done_on)),
]

CONTACTS = [
    Column("Navn", lambda c: c.name, width=170),
    Column("Titel", lambda c: c.title),
    Column("Telefon", lambda c: c.phone, width=80),
    Column("E-mail", lambda c: c.email),
]
