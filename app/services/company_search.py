"""Searching companies for the Virksomheder list: every match counted (not
the first 200) and fetched a page at a time as the list scrolls. Name, CVR
and city are columns of the list, so the row itself shows why it matched."""
from __future__ import annotations

from sqlalchemy import select, text

from app.context import Context
from app.services.dto import CompanyDTO, Page, to_dto
from app.services.search import fts_query
from db.models import Company

_IDS = text("""
SELECT d.row_id AS id, co.name AS name
FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid
JOIN company co ON co.id = d.row_id
WHERE search_fts MATCH :q AND d.kind = 'company' AND co.deleted_at IS NULL
""")


def find(ctx: Context, user_text: str) -> list[str]:
    """The ids of all matching companies, by name."""
    query = fts_query(user_text)
    if not query:
        return []
    with ctx.store.engine.connect() as conn:
        rows = conn.execute(_IDS, {"q": query}).all()
    return [r.id for r in sorted(rows, key=lambda r: r.name.casefold())]


def page(ctx: Context, ids: list[str], offset: int, limit: int) -> Page:
    part = ids[offset:offset + limit]
    with ctx.uow() as s:
        rows = {r.id: to_dto(r, CompanyDTO) for r in s.scalars(select(Company).where(Company.id.in_(part)))}
    return Page([rows[i] for i in part if i in rows], len(ids))
