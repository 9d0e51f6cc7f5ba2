"""Rows for the browsing lists when a search narrows them: the search gives
ids, these give the rows the lists show (no access log: a list row is not
an opened record)."""
from __future__ import annotations

from sqlalchemy import or_, select

from app.context import Context
from app.services.dto import CitizenDTO, CompanyDTO, PlacementDTO, to_dto
from db.models import Citizen, Company, Placement

MAX_IDS = 500


def _ordered(rows: dict[str, object], ids: list[str]) -> list:
    return [rows[i] for i in ids if i in rows]


def citizens_by_ids(ctx: Context, ids: list[str]) -> list[CitizenDTO]:
    ids = list(dict.fromkeys(ids))[:MAX_IDS]
    with ctx.uow() as s:
        rows = s.scalars(select(Citizen).where(Citizen.id.in_(ids), Citizen.deleted_at.is_(None)))
        return _ordered({r.id: to_dto(r, CitizenDTO) for r in rows}, ids)


def companies_by_ids(ctx: Context, ids: list[str]) -> list[CompanyDTO]:
    ids = list(dict.fromkeys(ids))[:MAX_IDS]
    with ctx.uow() as s:
        rows = s.scalars(select(Company).where(Company.id.in_(ids), Company.deleted_at.is_(None)))
        return _ordered({r.id: to_dto(r, CompanyDTO) for r in rows}, ids)


def placements_for(ctx: Context, citizen_ids: list[str], company_ids: list[str],
                   limit: int = MAX_IDS) -> list[PlacementDTO]:
    """Placements of the given citizens or at the given companies, newest first."""
    citizen_ids, company_ids = citizen_ids[:MAX_IDS], company_ids[:MAX_IDS]
    with ctx.uow() as s:
        q = (select(Placement, Citizen.name, Company.name)
             .join(Citizen, Citizen.id == Placement.citizen_id)
             .outerjoin(Company, Company.id == Placement.company_id)
             .where(Placement.deleted_at.is_(None), Citizen.deleted_at.is_(None),
                    or_(Placement.citizen_id.in_(citizen_ids), Placement.company_id.in_(company_ids)))
             .order_by(Placement.start_date.desc()).limit(limit))
        return [to_dto(p, PlacementDTO, citizen_name=cn, company_name=co or p.internal_unit)
                for p, cn, co in s.execute(q)]
