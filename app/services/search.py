"""Search as you type over the FTS5 index (names, CVR, note text)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from app.context import Context

_TOKEN = re.compile(r"\w+", re.UNICODE)


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


_SQL = text("""
SELECT d.kind, d.row_id, d.citizen_id,
       coalesce(c.name, co.name, vc.name, '') AS title,
       snippet(search_fts, 0, '', '', '…', 12) AS snip
FROM search_fts
JOIN search_doc d ON d.id = search_fts.rowid
LEFT JOIN citizen c ON d.kind = 'citizen' AND c.id = d.row_id
LEFT JOIN company co ON d.kind = 'company' AND co.id = d.row_id
LEFT JOIN citizen vc ON d.kind = 'visit' AND vc.id = d.citizen_id
WHERE search_fts MATCH :q
ORDER BY CASE d.kind WHEN 'citizen' THEN 0 WHEN 'company' THEN 1 ELSE 2 END, rank
LIMIT :limit
""")


def search(ctx: Context, user_text: str, limit: int = 50) -> list[Hit]:
    query = fts_query(user_text)
    if not query:
        return []
    with ctx.store.engine.connect() as conn:
        rows = conn.execute(_SQL, {"q": query, "limit": limit}).all()
    return [Hit(r.kind, r.row_id, r.citizen_id, r.title, r.snip) for r in rows]
