"""One device's sync round as the device benchmarks time it: push a batch,
then pull until the server has nothing more, on the device's own HTTP
connection. Shared by `50 devices syncing at once` (bench.bench_sync) and
`devices_50_mixed` (bench.mixed_clients)."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

PAGE = 5000  # rows a pull asks for, as a laptop does (app.sync.client)


@dataclass(frozen=True)
class Round:
    start: float          # time.monotonic() when the round began: one clock for every process of the machine
    seconds: float
    error: str | None     # the exception's type name when the round failed
    cursor: int           # where the device's next pull starts
    epoch: str | None = None  # the server's, from the last pull: sent with the next round, as a laptop does


def device_round(transport: Any, key: str, changes: list[dict[str, Any]], cursor: int,
                 epoch: str | None = None) -> Round:
    """Push `changes` as one batch with idempotency key `key`, then pull from
    `cursor` to the end; the round's wall time, whatever its outcome. Both
    name `epoch` (the server's, as the last pull gave it) as a laptop's do:
    the server checks it."""
    start = time.monotonic()
    error = None
    try:
        transport.push(key, epoch, changes, int(time.time() * 1000))
        while True:
            page = transport.pull(cursor, epoch, PAGE)
            cursor, epoch = page["cursor"], page["epoch"]
            if not page["more"]:
                break
    except Exception as exc:  # counted, not raised: one failed round must not hide the others' times
        error = type(exc).__name__
    return Round(start, time.monotonic() - start, error, cursor, epoch)


def register(base: str, user: str, device: str, password: str = "hemmelig-kode") -> str:
    """A new device of `user` on the server at `base`: its token."""
    from app.sync.transport import Transport

    with Transport(base, retries=0) as t:
        return t.register(user, password, device)["token"]


def run_devices(threads: list[Any], transports: list[Any]) -> None:
    """Start every device's thread at once, wait for all, then close their connections."""
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for transport in transports:
        transport.close()
