"""Test support for sync: a PostgreSQL database per test, the real server in
a subprocess on a free loopback port, and laptops as separate encrypted
stores (each its own data folder, key and HLC node)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

import db.changes  # noqa: F401  (registers the outbox hook, as the services do)
from tests.conftest import ROOT

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    import psycopg

    try:
        with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL at 127.0.0.1:5432 does not answer ({type(exc).__name__})"


# The server's records as two runs that apply the same batches must leave
# them: a conflict row gets a new id and creation time each run, so those are left out.
RECORD_STATE = ("select case when entity = 'conflict' then '' else id end, entity, team,"
                " case when entity = 'conflict' then (data::jsonb - 'created_at')::text else data::text end,"
                " stamps::text, version, deleted, seq, author, created_at = updated_at from record order by seq")


def require_pg() -> None:
    reason = pg_available()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " — required under CI=true")
    pytest.skip(reason)


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(sql)


def create_database() -> tuple[str, str]:
    name = f"jobcoach_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    return name, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_database(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["JOBCOACH_SERVER_DATABASE_URL"] = url
    env["PYTHONPATH"] = str(ROOT)
    return env


@dataclass
class ServerProcess:
    url: str          # database URL
    workers: int = 1
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port),
             "--workers", str(self.workers)],
            env=server_env(self.url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server died: " + self.proc.stderr.read().decode()[-2000:])
            try:
                if httpx.get(self.base + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stderr:
            self.proc.stderr.close()


_ENGINES: dict = {}


def server_engine(db_url: str):
    """One engine per test database, schema made on first use."""
    from server.database import make_engine, upgrade_schema

    if db_url not in _ENGINES:
        engine = make_engine(db_url)
        upgrade_schema(engine)
        _ENGINES[db_url] = engine
    return _ENGINES[db_url]


def forget_engine(db_url: str) -> None:
    engine = _ENGINES.pop(db_url, None)
    if engine is not None:
        engine.dispose()


def add_user(db_url: str, username: str, team: str, password: str = "hemmelig-kode",
             leader: bool = False) -> None:
    from sqlalchemy.orm import Session

    from server.auth import add_user as add

    with Session(server_engine(db_url)) as session, session.begin():
        add(session, username, team, password, leader=leader)


class Laptop:
    """One jobcoach's laptop: its own encrypted store, in this process."""

    def __init__(self, root: Path, name: str, clock_offset_ms: int = 0) -> None:
        from app import secrets
        from app.context import Context
        from app.store import open_store

        self.name = name
        self.dir = root / name
        self.dir.mkdir(parents=True)
        self.key = secrets.new_key()
        opened = open_store(self.dir / "jobcoach.db", self.key)
        self.ctx = Context(opened.store, opened.coach_id, opened.username)
        if clock_offset_ms:  # a laptop whose clock is wrong: every stamp it makes from now on
            from db.hlc import HybridClock

            node = opened.store.clock.now().node
            opened.store.clock = HybridClock(node, lambda: int(time.time() * 1000) + clock_offset_ms)
        self.token: str | None = None
        self.base = ""

    def register(self, base: str, username: str, password: str = "hemmelig-kode") -> None:
        from app.sync.account import take_account
        from app.sync.transport import Transport

        with Transport(base, retries=0) as t:
            answer = t.register(username, password, self.name)
        self.token = answer["token"]
        with self.ctx.uow() as s:  # as `jobcoach login` does: the laptop's user becomes the account
            take_account(self.ctx, s, answer)
        self.base = base

    def transport(self, **kwargs: Any):
        from app.sync.transport import Transport

        return Transport(self.base, self.token, retries=kwargs.pop("retries", 1), backoff=0.05, **kwargs)

    def sync(self):
        from app.sync.client import sync_round

        with self.transport() as t:
            return sync_round(self.ctx, t)

    @property
    def node(self) -> str:
        from app.sync import state

        with self.ctx.uow() as s:
            return state.get(s, state.NODE)

    def close(self) -> None:
        self.ctx.close()


def snapshot(laptop: Laptop) -> dict[str, dict[str, Any]]:
    """Every synced row's user data (no local bookkeeping), and conflicts."""
    from sqlalchemy import inspect, select

    from db.base import BOOKKEEPING
    from db.models import MODEL_BY_TABLE, Conflict
    from db.values import to_json

    out: dict[str, dict[str, Any]] = {}
    with laptop.ctx.uow() as s:
        for table, model in list(MODEL_BY_TABLE.items()) + [("conflict", Conflict)]:
            keys = [c.key for c in inspect(model).column_attrs if c.key not in BOOKKEEPING or c.key == "id"]
            if table == "conflict":
                keys = [k for k in keys if k != "created_at"]
            for obj in s.execute(select(model)).scalars():
                out[f"{table}:{obj.id}"] = {k: to_json(getattr(obj, k)) for k in keys}
                if hasattr(obj, "version"):
                    out[f"{table}:{obj.id}"]["version"] = obj.version
    return out
