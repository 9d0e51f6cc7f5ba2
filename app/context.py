"""What a service needs to act: the open store and who is acting."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.settings import Settings
from db.engine import Store


@dataclass
class Context:
    store: Store
    coach_id: str
    username: str
    settings: Settings = field(default_factory=Settings)

    @contextmanager
    def uow(self) -> Iterator[Session]:
        with self.store.unit_of_work() as session:
            yield session

    def close(self) -> None:
        self.store.close()


def open_context(passphrase: str | None = None) -> Context:
    """Open the user's store (keyring key unless a passphrase is given)."""
    from app.store import open_store, store_key

    opened = open_store(key=store_key(passphrase) if passphrase is not None else None)
    return Context(opened.store, opened.coach_id, opened.username, Settings.load())
