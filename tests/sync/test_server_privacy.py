"""Nothing personal leaves the server by its errors: validation errors name
the place and the rule, never the input; a database error carries no
statement parameters; a body over the limit gets 413 before it is read
(by Content-Length, and when streamed without one)."""
from __future__ import annotations

import socket
import uuid

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from server.database import make_engine
from server.limits import DEFAULT_MAX_BODY_MB
from tests.sync.http_api import API

pytestmark = pytest.mark.postgres
SECRET = "Ingeborg Kvistgaard 0101901234"


def test_validation_errors_do_not_echo_the_input(server) -> None:
    answer = httpx.post(server.base + API + "/devices",
                        json={"username": SECRET + "\x00", "password": SECRET * 100, "name": SECRET})
    assert answer.status_code == 422
    assert "Ingeborg" not in answer.text and len(answer.content) < 2000
    assert answer.json()["detail"][0]["loc"]


def test_a_pushed_body_that_fails_validation_is_not_echoed(server, users) -> None:
    token = httpx.post(server.base + API + "/devices", json={
        "username": users["anna"], "password": "hemmelig-kode", "name": "t"}).json()["token"]
    bad = {"key": "k1", "changes": [{"change_id": str(uuid.uuid4()), "entity": "citizen", "row_id": "x",
                                     "op": "update", "fields": {"name": [SECRET, SECRET]},
                                     "base_version": -1, "hlc": "nope"}]}
    answer = httpx.post(server.base + API + "/push", json=bad, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422
    assert "Ingeborg" not in answer.text


def test_a_database_error_is_logged_without_values(server, caplog) -> None:
    """PostgreSQL's own message quotes the value ("invalid input syntax ...:
    'Ingeborg ...'"): SQLAlchemy hides the parameters, and the server logs
    only the error's type and place."""
    import asyncio
    import gc

    from server.api import create_app

    threshold = gc.get_threshold()
    app = create_app(server.url)
    gc.unfreeze()  # create_app tunes the collector for a server process, not for this one
    gc.set_threshold(*threshold)

    @app.get("/boom")
    def boom() -> None:
        with app.state.engine.connect() as conn:
            conn.execute(text("SELECT CAST(:v AS integer)"), {"v": SECRET})

    async def call() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            return await client.get("/boom")

    with caplog.at_level("DEBUG"):
        answer = asyncio.run(call())
    app.state.engine.dispose()
    assert answer.status_code == 500 and "Ingeborg" not in answer.text
    assert "DataError" in caplog.text and "Ingeborg" not in caplog.text
    engine = make_engine(server.url)
    try:
        with pytest.raises(DBAPIError) as caught, engine.connect() as conn:
            conn.execute(text("SELECT CAST(:v AS integer)"), {"v": SECRET})
        assert "SQL parameters hidden" in str(caught.value)
    finally:
        engine.dispose()


def _raw_request(port: int, head: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode())
        return sock.recv(4096).decode(errors="replace")


def test_a_declared_large_body_gets_413_before_it_is_read(server) -> None:
    size = (DEFAULT_MAX_BODY_MB + 1) * 1024 * 1024
    head = (f"POST {API}/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {size}\r\n\r\n")
    # Nothing of the body is sent: the answer comes without it.
    assert _raw_request(server.port, head).startswith("HTTP/1.1 413")


def test_a_streamed_large_body_gets_413(server) -> None:
    chunk = b"[" + b" " * (1024 * 1024 - 1)

    def body():
        for _ in range(DEFAULT_MAX_BODY_MB + 2):
            yield chunk

    try:
        answer = httpx.post(server.base + API + "/push", content=body(), timeout=60,
                            headers={"Authorization": "Bearer x", "Content-Type": "application/json"})
    except httpx.TransportError:
        pytest.fail("the server should answer, not drop the connection")
    assert answer.status_code in (401, 413)  # refused unread either way, never a 5xx
    anon = httpx.post(server.base + API + "/devices", content=body(), timeout=60,
                      headers={"Content-Type": "application/json"})
    assert anon.status_code == 413
