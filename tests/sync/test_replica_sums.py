"""The laptop's replica checksum (app/sync/replica.py) is the one the
server's definition gives (server/checksum.py): built by SQLite in id
order, it equals the lines sorted and hashed in Python. No server needed."""
from __future__ import annotations

from datetime import datetime

from app.sync import replica
from db.models import Citizen, Visit
from server.checksum import digest as server_digest
from server.checksum import line as server_line


def test_local_sums_equal_the_definition_for_rows_written_out_of_id_order(ctx) -> None:
    with ctx.uow() as s:
        ids = [f"{n:02d}-{'f' if n % 2 else '0'}" for n in range(40)]
        for row_id in reversed(ids):
            s.add(Citizen(id=row_id, name="Navn"))
        s.flush()
        for row_id in ids[::3]:
            s.add(Visit(citizen_id=row_id, at=datetime(2026, 1, 5, 9, 0), notes="x" * 3000))
        s.get(Citizen, ids[5]).deleted_at = datetime(2026, 2, 1)
        s.get(Citizen, ids[7]).name = "Andet navn"
    with ctx.store.reading() as s:
        fast = replica.local_sums(s)
        for entity in ("citizen", "visit"):
            rows = replica._local_rows(s, entity, set())
            assert rows == sorted(rows, key=lambda r: r[0].encode())
            lines = [server_line(*r) for r in rows]
            assert fast[entity] == {"count": len(rows), "hash": server_digest(lines)}
            assert replica.digest(lines) == server_digest(lines)
    assert fast["citizen"]["count"] == 40
