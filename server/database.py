"""The server's database: engine from JOBCOACH_SERVER_DATABASE_URL and the
schema brought up to date (Alembic) on start."""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, exc, insert, select
from sqlalchemy.orm import Session

from server.models import ServerMeta

URL_ENV = "JOBCOACH_SERVER_DATABASE_URL"
DEFAULT_URL = "sqlite:///jobcoach-server.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
THREADS = 40     # anyio's default limit for FastAPI's sync endpoints and dependencies
POOL_SIZE = 30   # connections kept open per worker process


def database_url() -> str:
    return os.environ.get(URL_ENV) or DEFAULT_URL


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; take it over so a
        # push holds the write lock from its first statement.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    # Each worker runs at most THREADS requests on the database at once (the
    # thread pool of FastAPI's sync code). The pool keeps POOL_SIZE of them
    # open, so a burst of devices does not open and close a connection per
    # request (each costs a PostgreSQL process fork; with 10 it was 645
    # connects for 450 requests). PostgreSQL's max_connections must allow
    # workers x THREADS (100 by default: 2 workers).
    # hide_parameters: a database error in the server's log must not carry
    # the statement's values (names, notes).
    engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=THREADS - POOL_SIZE, hide_parameters=True)
    event.listen(engine.pool, "checkin", _checked_in)
    event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


# A connection that has waited in the pool may have been closed by
# PostgreSQL (a restart, an idle timeout): it is pinged before use, and
# replaced if it does not answer. One given back moments ago was alive then;
# a ping on every checkout (pool_pre_ping) cost each request a round trip.
IDLE_PING_S = 5.0


def _checked_in(_dbapi_conn: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    if time.monotonic() - record.info.get("idle_since", 0.0) < IDLE_PING_S:
        return
    try:
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT 1")
        dbapi_conn.rollback()  # the ping's own transaction
    except Exception as error:
        raise exc.DisconnectionError() from error  # the pool connects anew and tries again


def read_engine(engine: Engine) -> Engine:
    """The engine for what only reads (GET requests, the token look-up): on
    PostgreSQL each statement commits by itself, with no BEGIN and ROLLBACK
    round trips. Under READ COMMITTED a transaction gave those statements no
    common snapshot anyway."""
    if engine.dialect.name != "postgresql":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None
    dbapi_conn.execute("PRAGMA journal_mode = WAL")
    dbapi_conn.execute("PRAGMA busy_timeout = 30000")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema, then make sure the meta row exists."""
    config = alembic_config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Several workers start at once: one migrates, the others wait.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727001)")
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        if conn.execute(select(ServerMeta.id)).first() is None:
            conn.execute(insert(ServerMeta).values(id=1, epoch=str(uuid.uuid4()), oldest_cursor=0))


def new_epoch(engine: Engine) -> str:
    """After a restore from backup: every client's cursor becomes invalid (410)."""
    epoch = str(uuid.uuid4())
    with Session(engine) as session, session.begin():
        server_meta(session, lock=True).epoch = epoch
    return epoch


def server_meta(session: Session, lock: bool = False) -> ServerMeta:
    """The one meta row (epoch, seq); upgrade_schema writes it, so only a
    database that was never migrated lacks it."""
    meta = session.get(ServerMeta, 1, with_for_update=lock)
    if meta is None:
        raise RuntimeError("server database has no meta row; run the migrations first")
    return meta
