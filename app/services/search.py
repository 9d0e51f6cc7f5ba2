"""Search as you type over the FTS5 index (names, CVR, note text).

Fast on the large data set because nothing is ranked over all matches: a
short prefix like "a" matches tens of thousands of notes, and bm25 over all
of them costs hundreds of milliseconds. Names (citizens, companies) come
first, then visit notes newest first (rowid order, which FTS5 walks lazily
and stops at the limit).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import bindparam, text

from app.context import Context

_TOKEN = re.compile(r"\w+", re.UNICODE)
NAME_KINDS = ("citizen", "company")
ALL_KINDS = NAME_KINDS + ("visit",)


@dataclass(frozen=True)
class Hit:
    kind: str        # citizen | company | visit
    row_id: str
    citizen_id: str | None
    title: str
    snippet: str


def fts_query(user_text: str) -> str:
    """Each word becomes a quoted prefix term; FTS syntax in the input is inert."""
    words = _TOKEN.findall(user_text or "")
    return " ".join(f'"{w}"*' for w in words[:8])


_NAMES_SQL = text("""
SELECT d.kind, d.row_id, d.citizen_id, coalesce(c.name, co.name, '') AS title,
       snippet(search_fts, 0, '', '', '…', 12) AS snip
FROM search_fts
JOIN search_doc d ON d.id = search_fts.rowid
LEFT JOIN citizen c ON d.kind = 'citizen' AND c.id = d.row_id
LEFT JOIN company co ON d.kind = 'company' AND co.id = d.row_id
WHERE search_fts MATCH :q AND d.kind IN :kinds
LIMIT :limit
""").bindparams(bindparam("kinds", expanding=True))

_VISITS_SQL = text("""
SELECT d.kind, d.row_id, d.citizen_id, coalesce(vc.name, '') AS title,
       snippet(search_fts, 0, '', '', '…', 12) AS snip
FROM search_fts
JOIN search_doc d ON d.id = search_fts.rowid
LEFT JOIN citizen vc ON vc.id = d.citizen_id
WHERE search_fts MATCH :q AND d.kind = 'visit'
ORDER BY search_fts.rowid DESC
LIMIT :limit
""")


def search(ctx: Context, user_text: str, limit: int = 50,
           kinds: tuple[str, ...] = ALL_KINDS) -> list[Hit]:
    """Citizens first, then companies (each by name), then visit notes
    (newest first); at most `limit` hits in all."""
    query = fts_query(user_text)
    if not query:
        return []
    hits: list[Hit] = []
    with ctx.store.engine.connect() as conn:
        names = tuple(k for k in NAME_KINDS if k in kinds)
        if names:
            rows = conn.execute(_NAMES_SQL, {"q": query, "kinds": names, "limit": limit}).all()
            hits = sorted((_hit(r) for r in rows), key=lambda h: (h.kind != "citizen", h.title.casefold()))
            if len(hits) >= limit:
                return hits
        if "visit" in kinds:
            rows = conn.execute(_VISITS_SQL, {"q": query, "limit": limit - len(hits)}).all()
            hits += [_hit(r) for r in rows]
    return hits


def _hit(row) -> Hit:
    return Hit(row.kind, row.row_id, row.citizen_id, row.title, row.snip)
