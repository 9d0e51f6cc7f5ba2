"""Everything the company view shows, fetched in one go off the GUI thread."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.context import Context
from app.services import companies, placements, visits
from app.services.dto import CompanyDTO, ContactDTO, PlacementDTO, VisitDTO
from db.enums import PlacementStatus


@dataclass(frozen=True)
class CompanyBundle:
    company: CompanyDTO
    contacts: list[ContactDTO]
    placements: list[PlacementDTO]
    visits: list[VisitDTO]


def load_company(ctx: Context, company_id: str) -> CompanyBundle:
    return CompanyBundle(companies.get_company(ctx, company_id), companies.list_contacts(ctx, company_id),
                         placements.placements_of_company(ctx, company_id),
                         visits.visits_of_company(ctx, company_id, limit=300))


def is_current(p: PlacementDTO, today: date) -> bool:
    return p.status != PlacementStatus.ENDED and (p.end_date is None or p.end_date >= today)
