"""The server's pooled database connections (server.database): pinged only
after a while idle, not on every request; one that PostgreSQL has closed
under a busy server costs a 503, which a laptop retries, and the next
request gets a fresh connection."""
from __future__ import annotations

import httpx
import psycopg

from tests.sync.support import add_user


def _login(base: str, user: str) -> str:
    answer = httpx.post(base + "/api/v1/devices", json={"username": user, "password": "hemmelig-kode",
                                                        "name": "pc"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


def _close_server_connections(db_url: str) -> int:
    """Ends every backend of the server's database but this one, as a restart of PostgreSQL does."""
    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        return len(conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall())


def test_a_connection_closed_by_postgresql_costs_one_503_then_the_server_reconnects(fresh_server) -> None:
    server = fresh_server()
    add_user(server.url, "erik", "nord")
    token = _login(server.base, "erik")
    with httpx.Client(base_url=server.base + "/api/v1", headers={"Authorization": f"Bearer {token}"},
                      timeout=30) as client:
        assert client.get("/pull").status_code == 200
        assert _close_server_connections(server.url) >= 1
        answers = [client.get("/pull") for _ in range(3)]
    assert answers[0].status_code == 503 and answers[0].headers["Retry-After"] == "1"
    assert "Serveren kunne ikke nå sin database" in answers[0].json()["detail"]
    assert [a.status_code for a in answers[1:]] == [200, 200]
