"""Searching citizens for the Borgere list: every match is counted (not
the first 200), the rows are fetched a page at a time as the list scrolls,
and each row says why it matched: the field (Navn, By) or a snippet of the
newest visit note with the words marked «like this».

The search runs in two steps: `find` collects the ordered ids of all
matching citizens (cheap: ids only, grouped per citizen), `page` builds the
rows and snippets for one slice."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select, text

from app.context import Context
from app.services.dto import CitizenDTO, Page, to_dto
from app.services.search import _TOKEN, fts_query
from db.models import Citizen

_BY_NAME = text("""
SELECT d.row_id AS id, c.name AS name, coalesce(c.city, '') AS city
FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid
JOIN citizen c ON c.id = d.row_id
WHERE search_fts MATCH :q AND d.kind = 'citizen' AND c.deleted_at IS NULL
""")
_BY_NOTES = text("""
SELECT d.citizen_id AS id, max(d.id) AS doc
FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid
JOIN citizen c ON c.id = d.citizen_id
WHERE search_fts MATCH :q AND d.kind = 'visit' AND c.deleted_at IS NULL
GROUP BY d.citizen_id ORDER BY doc DESC
""")
_SNIPPETS = text("""
SELECT search_fts.rowid AS doc, snippet(search_fts, 0, '«', '»', '…', 6) AS snip
FROM search_fts WHERE search_fts MATCH :q AND search_fts.rowid IN :docs
""").bindparams(bindparam("docs", expanding=True))


@dataclass(frozen=True)
class CitizenMatch(CitizenDTO):
    why: str = ""  # "Navn", "By", or "Note: …«ærø»-turen…"


@dataclass(frozen=True)
class Matches:
    query: str
    found: list[tuple[str, str, int | None]]  # (citizen id, "Navn" | "By" | "Note", visit doc id)

    @property
    def total(self) -> int:
        return len(self.found)


def _field(words: list[str], name: str) -> str:
    """Navn when every word starts a word of the name, else By."""
    name_words = [w.casefold() for w in _TOKEN.findall(name)]
    hits = all(any(n.startswith(w.casefold()) for n in name_words) for w in words)
    return "Navn" if hits else "By"


def find(ctx: Context, user_text: str) -> Matches:
    """All matching citizens: by name or city (alphabetical), then by notes (newest note first)."""
    query, words = fts_query(user_text), _TOKEN.findall(user_text or "")[:8]
    if not query:
        return Matches("", [])
    with ctx.store.engine.connect() as conn:
        named = sorted(conn.execute(_BY_NAME, {"q": query}).all(), key=lambda r: r.name.casefold())
        found: list[tuple[str, str, int | None]] = [(r.id, _field(words, r.name), None) for r in named]
        seen = {r.id for r in named}
        found += [(r.id, "Note", r.doc) for r in conn.execute(_BY_NOTES, {"q": query}) if r.id not in seen]
    return Matches(query, found)


def page(ctx: Context, matches: Matches, offset: int, limit: int) -> Page:
    """Rows offset..offset+limit of the matches, each with why it matched."""
    part = matches.found[offset:offset + limit]
    docs = [doc for _id, _field_, doc in part if doc is not None]
    with ctx.store.engine.connect() as conn:
        snippets: dict[int, str] = (
            dict(conn.execute(_SNIPPETS, {"q": matches.query, "docs": docs}).all()) if docs else {})
    with ctx.uow() as s:
        rows = {r.id: r for r in s.scalars(select(Citizen).where(Citizen.id.in_([p[0] for p in part])))}
        out = []
        for citizen_id, field, doc in part:
            row = rows.get(citizen_id)
            if row is None:
                continue
            why = f"Note: {' '.join(snippets.get(doc, '').split())}" if doc is not None else field
            out.append(to_dto(row, CitizenMatch, why=why))
    return Page(out, matches.total)
