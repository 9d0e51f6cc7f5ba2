"""The encrypted local store: SQLCipher under SQLAlchemy 2.

The key is 64 hex digits (256 bits) used raw (`x'...'`), so opening costs no
key derivation. WAL, foreign keys and a busy timeout are set on every
connection.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

import db.changes  # noqa: F401  (registers the outbox hook before any session exists)
from db.hlc import HybridClock

_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
# How long a writer waits for another one (a sync page applied in the
# background takes about a second; a migration or retention run longer).
BUSY_TIMEOUT_MS = 30000
READ_ONLY = "jobcoach_read_only"  # execution option: a read, begun as a deferred transaction


def _null(_value: None) -> None:
    return None


# The driver binds None (SQL NULL) through its adapter lookup, which without
# an adapter for None tries `__adapt__` and `__conform__` by name, raising and
# clearing an AttributeError for each: about a microsecond a NULL, a fifth of
# the binding of a first sync's hundred thousand rows. Found in the registry,
# None is bound as NULL all the same.
sqlcipher.register_adapter(type(None), _null)


class StoreError(RuntimeError):
    """The store cannot be opened; the message is Danish and safe to show."""


class WrongKeyError(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "Databasen kunne ikke åbnes med den gemte nøgle. Filen er enten beskadiget "
            "eller krypteret med en anden nøgle (fx fra en anden computer)."
        )


def _connect_factory(path: Path, key: str):
    if not _HEX_KEY.match(key):
        raise StoreError("Ugyldig databasenøgle.")

    def connect() -> sqlcipher.Connection:
        conn = sqlcipher.connect(str(path), timeout=10, check_same_thread=False)
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        return conn

    return connect


def _on_connect(dbapi_conn, _record) -> None:
    # Take transaction control from the driver: SQLAlchemy emits BEGIN itself
    # (see the "begin" listener), so every write runs in one transaction.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise WrongKeyError() from exc
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous = FULL")  # WAL + FULL: a commit survives a power loss (README)
    cur.close()


def make_engine(path: Path, key: str) -> Engine:
    engine = create_engine(
        "sqlite://", creator=_connect_factory(path, key), module=sqlcipher,
        # A file store needs a real pool: the URL "sqlite://" alone would pick
        # SingletonThreadPool, which closes connections of busy threads.
        # Last in, first out: a thread working step after step (a push reads
        # a batch, then marks one sent) gets the connection it just used back,
        # with the pages it just read still decrypted in its page cache
        # (first in, first out went round every idle connection).
        poolclass=QueuePool, pool_size=5, max_overflow=20, pool_use_lifo=True,
        pool_pre_ping=False, hide_parameters=True,  # row values never in errors or logs
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin)
    return engine


def _begin(conn) -> None:
    """Every transaction begins as a writer (BEGIN IMMEDIATE): it takes the
    write lock at once, waiting out another writer under the busy timeout.
    A deferred transaction that has read and then writes cannot wait: SQLite
    answers "database is locked" at once when another writer committed since
    its snapshot (WAL), and an autosave during a sync page would be lost.
    Reads opened through `Store.reading()` begin deferred, beside a writer."""
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def check_key(path: Path, key: str) -> None:
    """Raise WrongKeyError unless `key` opens the file at `path`."""
    conn = _connect_factory(path, key)()
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise WrongKeyError() from exc
    finally:
        conn.close()


@contextmanager
def committing(session: Session) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error, and close
    the session either way."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class Store:
    """An open store: engine, session factory and the hybrid clock."""

    def __init__(self, path: Path, key: str, node: str) -> None:
        self.path = path
        self.engine = make_engine(path, key)
        self.clock = HybridClock(node)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)

    def session(self) -> Session:
        session = self._sessions()
        session.info["hlc"] = self.clock
        return session

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: commit on success, roll back on any error."""
        with committing(self.session()) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only: it begins deferred, so it does not wait
        for a writer (a WAL reader sees the last commit). Nothing is committed."""
        session = self._readers()
        session.info["hlc"] = self.clock
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def integrity_ok(self) -> bool:
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    def close(self) -> None:
        self.engine.dispose()
