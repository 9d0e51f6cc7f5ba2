"""One sync round: push the outbox in batches, then pull the team's changes
page by page. A 410 from the server (restored from backup, or a cursor too
old) starts over: every change is sent again (the server skips those it has)
and everything is pulled, so unsent and lost changes both survive.
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from app import secrets
from app.context import Context
from app.sync import outbox, state
from app.sync.account import default_device_name, take_account
from app.sync.apply import apply_page
from app.sync.errors import GoneError, NotLoggedIn
from app.sync.faults import AFTER_PUSH, maybe_crash
from app.sync.gcpause import gc_paused
from app.sync.transport import Transport
from db.base import utcnow

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
PUSH_BATCH = 5000
PULL_PAGE = 10000  # the most the server gives; a page is also one local transaction


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    pulled: int
    conflicts: int
    resynced: bool
    seconds: float


def wall_ms(ctx: Context) -> int:
    """The clock the outbox stamps come from, sent with each push so the
    server can measure this laptop's clock skew and correct its stamps."""
    wall = getattr(ctx.store.clock, "_wall", None)
    return int(wall()) if callable(wall) else int(time.time() * 1000)


def _quiet(_fraction: float, _message: str) -> None:
    pass


def transport_for(ctx: Context, verify_tls: bool = True) -> Transport:
    """Certificate checks are on unless this one command switched them off."""
    url = ctx.settings.sync_server_url
    token = secrets.get_secret(secrets.DEVICE_TOKEN_NAME)
    if not url or not token:
        raise NotLoggedIn()
    return Transport(url, token, verify_tls=verify_tls)


def sync_round(ctx: Context, transport: Transport | None = None, progress: Progress | None = None) -> SyncReport:
    report = progress or _quiet
    started = time.perf_counter()
    own = transport is None
    transport = transport or transport_for(ctx)
    resynced = False
    try:
        try:
            pushed = push_all(ctx, transport, report)
        except GoneError:
            pushed, resynced = _start_over(ctx, transport, report), True
        try:
            pulled = pull_all(ctx, transport, report)
        except GoneError:
            pushed += _start_over(ctx, transport, report)
            pulled, resynced = pull_all(ctx, transport, report), True
    finally:
        if own:
            transport.close()
    with ctx.uow() as session:
        outbox.prune_acknowledged(session)  # a step of its own, after the round
        state.put(session, state.LAST_SYNC, utcnow().isoformat(timespec="seconds"))
        conflicts = state.open_conflicts(session)
    report(1.0, "Synkronisering færdig")
    return SyncReport(pushed, pulled, conflicts, resynced, time.perf_counter() - started)


def _start_over(ctx: Context, transport: Transport, report: Progress) -> int:
    log.warning("server asked for a full resync (410)")
    report(0.0, "Serveren er gendannet – synkroniserer forfra")
    with ctx.uow() as session:
        state.start_over(session)
    return push_all(ctx, transport, report)


def push_all(ctx: Context, transport: Transport, report: Progress) -> int:
    """Batches go one at a time, in order (the server must apply them in
    order). The local work runs beside the request in flight: the next batch
    is read, and the one before marked sent, while the server works."""
    with ctx.uow() as session:
        node = state.get(session, state.NODE, "node") or "node"
        total = state.waiting(session)
        epoch = state.get(session, state.EPOCH)
    sent = 0
    with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as local, gc_paused():
        marks: list[Future] = []
        batch = _read_batch(ctx, node, 0)
        while batch is not None:
            ahead = local.submit(_read_batch, ctx, node, batch.seqs[-1])
            answer = transport.push_raw(batch.key, epoch, batch.raw, wall_ms(ctx))
            maybe_crash(AFTER_PUSH)
            marks.append(local.submit(_mark_answered, ctx, batch, answer.get("refused") or {}))
            sent += len(batch.seqs)
            report(min(sent / max(total, 1), 1.0) * 0.5, f"Sendt {sent} af {total} ændringer")
            batch = ahead.result()
        for done in marks:
            done.result()  # a failed mark surfaces here (the batch is simply sent again next time)
    return sent


def _read_batch(ctx: Context, node: str, after: int) -> outbox.Batch | None:
    with ctx.uow() as session:
        return outbox.next_batch(session, node, PUSH_BATCH, after)


def _mark_answered(ctx: Context, batch: outbox.Batch, refused: dict[str, str]) -> None:
    with ctx.uow() as session:
        if outbox.mark_answered(session, batch, refused):
            log.warning("server refused %d change(s); held in the outbox", len(refused))


def pull_all(ctx: Context, transport: Transport, report: Progress) -> int:
    """Pages are fetched one ahead: the next page is on its way (the server
    reads it, the network carries it) while this one is applied. Each page is
    still applied, and the cursor moved, in one local transaction; the next
    request asks from the cursor the page being applied will leave."""
    with ctx.uow() as session:
        cursor, epoch = state.cursor(session), state.get(session, state.EPOCH)
        node = state.get(session, state.NODE)
    pulled = 0
    with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as pool, gc_paused():
        ahead: Future = pool.submit(_fetch, ctx, transport, cursor, epoch, node)
        try:
            while True:
                page, offset = ahead.result()
                if page["more"]:
                    ahead = pool.submit(_fetch, ctx, transport, page["cursor"], page["epoch"], node)
                pulled += apply_page(ctx.store, page, clock_offset=offset)
                report(0.5 if page["more"] else 0.99, f"Hentet {pulled} ændringer")
                if not page["more"]:
                    return pulled
        finally:
            ahead.cancel()


CLOCK_TOLERANCE_MS = 1000  # a smaller difference is network delay, not a wrong clock


def _fetch(ctx: Context, transport: Transport, cursor: int, epoch: str | None,
           node: str | None) -> tuple[dict, int]:
    """A page and the server's clock minus this laptop's when it came: new
    stamps are made on the server's clock from now on (see db.hlc)."""
    sent = ctx.store.clock.wall_ms()
    page = transport.pull(cursor, epoch, PULL_PAGE, node)
    here = (sent + ctx.store.clock.wall_ms()) // 2
    offset = int(page.get("server_ms", here)) - here
    return page, 0 if abs(offset) <= CLOCK_TOLERANCE_MS else offset


def login(ctx: Context, url: str, username: str, password: str, transport: Transport | None = None,
          device_name: str | None = None, verify_tls: bool = True) -> str:
    """Register this laptop (under `device_name`, else "host (user)");
    the token goes to the keyring only. Returns the device id."""
    own = transport is None
    transport = transport or Transport(url, verify_tls=verify_tls)
    try:
        answer = transport.register(username, password, (device_name or default_device_name(username))[:100])
    finally:
        if own:
            transport.close()
    secrets.set_secret(secrets.DEVICE_TOKEN_NAME, answer["token"])
    changed_server = ctx.settings.sync_server_url.rstrip("/") != url.rstrip("/")
    ctx.settings.sync_server_url, ctx.settings.sync_username = url, answer["username"]
    ctx.settings.save()
    with ctx.uow() as session:
        state.put(session, state.DEVICE_ID, answer["device_id"])
        if changed_server:
            state.start_over(session)
        take_account(ctx, session, answer)
    return answer["device_id"]
