"""Searching placements for the Forløb list: by the citizen's or the
company's name (or CVR), every match counted and fetched a page at a time
as the list scrolls. The citizen and the workplace are columns of the list,
so the row itself shows why it matched."""
from __future__ import annotations

from sqlalchemy import select, text

from app.context import Context
from app.services.dto import Page, PlacementDTO, to_dto
from app.services.search import fts_query
from db.models import Citizen, Company, Placement

_IDS = text("""
WITH hit AS (
    SELECT d.kind AS kind, d.row_id AS row_id
    FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid
    WHERE search_fts MATCH :q AND d.kind IN ('citizen', 'company')
)
SELECT p.id AS id
FROM placement p JOIN citizen c ON c.id = p.citizen_id
WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL
  AND (p.citizen_id IN (SELECT row_id FROM hit WHERE kind = 'citizen')
       OR p.company_id IN (SELECT row_id FROM hit WHERE kind = 'company'))
ORDER BY p.start_date DESC, p.id
""")


def find(ctx: Context, user_text: str) -> list[str]:
    """The ids of all matching placements, newest first."""
    query = fts_query(user_text)
    if not query:
        return []
    with ctx.store.engine.connect() as conn:
        return [r.id for r in conn.execute(_IDS, {"q": query})]


def page(ctx: Context, ids: list[str], offset: int, limit: int) -> Page:
    part = ids[offset:offset + limit]
    with ctx.uow() as s:
        q = (select(Placement, Citizen.name, Company.name)
             .join(Citizen, Citizen.id == Placement.citizen_id)
             .outerjoin(Company, Company.id == Placement.company_id)
             .where(Placement.id.in_(part)))
        rows = {p.id: to_dto(p, PlacementDTO, citizen_name=cn, company_name=co or p.internal_unit)
                for p, cn, co in s.execute(q)}
    return Page([rows[i] for i in part if i in rows], len(ids))
