"""Rows for the browsing lists when a search narrows them: the search gives
ids, these give the rows the lists show (no access log: a list row is not
an opened record)."""
from __future__ import annotations

from sqlalchemy import select

from app.context import Context
from app.services.dto import CitizenDTO, CompanyDTO, to_dto
from db.models import Citizen, Company

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

