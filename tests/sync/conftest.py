"""Fixtures of the sync tests. One PostgreSQL database and server process
serve the whole session; each test gets its own teams and users (the server
keeps teams apart, which the tests check too). Tests that change the server
itself (epoch, restore, two processes) make their own with `fresh_server`.
Where PostgreSQL does not answer, the tests skip with the reason — under
CI=true they fail."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.support import (
    Laptop,
    ServerProcess,
    add_user,
    create_database,
    drop_database,
    forget_engine,
    require_pg,
)


@pytest.fixture(scope="session")
def shared_server() -> Iterator[ServerProcess]:
    require_pg()
    name, url = create_database()
    proc = ServerProcess(url)
    try:
        yield proc.start()
    finally:
        proc.stop()
        forget_engine(url)
        drop_database(name)


@pytest.fixture
def fresh_server() -> Iterator:
    """A factory of servers on new databases, stopped and dropped after the test."""
    require_pg()
    made: list[tuple[str, ServerProcess]] = []

    def make(workers: int = 1) -> ServerProcess:
        name, url = create_database()
        proc = ServerProcess(url, workers=workers)
        made.append((name, proc))
        return proc.start()

    yield make
    for name, proc in made:
        proc.stop()
        forget_engine(proc.url)
        drop_database(name)


@pytest.fixture
def server(shared_server: ServerProcess) -> ServerProcess:
    return shared_server


@pytest.fixture
def users(server: ServerProcess) -> dict[str, str]:
    """Fresh user names for this test: anna and bo in one team, carl in another."""
    tag = uuid.uuid4().hex[:8]
    names = {"anna": f"anna-{tag}", "bo": f"bo-{tag}", "carl": f"carl-{tag}"}
    teams = {"anna": f"nord-{tag}", "bo": f"nord-{tag}", "carl": f"syd-{tag}"}
    for key, user in names.items():
        add_user(server.url, user, teams[key])
    return names


@pytest.fixture
def laptops(tmp_path: Path, server: ServerProcess, users: dict[str, str]):
    made: list[Laptop] = []

    def make(name: str, user: str = "anna", on: ServerProcess | None = None, clock_offset_ms: int = 0) -> Laptop:
        laptop = Laptop(tmp_path / "laptops", name, clock_offset_ms)
        laptop.register((on or server).base, users.get(user, user))
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()
