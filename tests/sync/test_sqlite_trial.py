"""The one-laptop trial: the server on a SQLite file instead of PostgreSQL.
Needs no PostgreSQL, so it runs everywhere."""
from __future__ import annotations

from pathlib import Path

from db.models import Citizen
from tests.sync.support import Laptop, ServerProcess, add_user, forget_engine


def test_server_on_sqlite_syncs_two_laptops(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    add_user(url, "anna", "nord")
    forget_engine(url)
    server = ServerProcess(url).start()
    a, b = Laptop(tmp_path, "a"), Laptop(tmp_path, "b")
    try:
        a.register(server.base, "anna")
        b.register(server.base, "anna")
        with a.ctx.uow() as s:
            s.add(Citizen(name="Prøve Borger"))
        a.sync()
        b.sync()
        with b.ctx.uow() as s:
            assert s.query(Citizen).filter_by(name="Prøve Borger").count() == 1
    finally:
        a.close()
        b.close()
        server.stop()
