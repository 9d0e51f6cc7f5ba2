"""One sync round: the team checked, the outbox pushed in batches, the
team's changes pulled page by page, then this replica compared with the
server's (a checksum per entity). A 410 from the server (restored from
backup, or a cursor too old) or a checksum that differs starts over: every
change is sent again (the server skips those it has), every row the server
lacks is queued and sent again, and everything is pulled, this store's own
rows included, so unsent and lost changes both survive.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from app import secrets
from app.context import Context
from app.gcpause import gc_paused
from app.sync import outbox, replica, state, teammove
from app.sync.account import default_device_name, take_account
from app.sync.apply import apply_page
from app.sync.bulkpull import FIRST_SYNC_ROWS, RESYNC_ROWS, Pulled, apply_pages
from app.sync.errors import GoneError, NotLoggedIn, OutOfOrder
from app.sync.faults import AFTER_PUSH, maybe_crash
from app.sync.transport import NotFound, Transport
from db import coalesce
from db.base import utcnow
from db.models import MODEL_BY_TABLE

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
    repaired: int = 0          # rows the server lacked, sent again from this laptop
    apart: bool = False        # the replicas differed (and a resync from zero ran)
    still_apart: bool = False  # ... and still differ afterwards
    team_moved: bool = False   # the account moved to another team

    @property
    def notice(self) -> str:
        """What the user is told beyond the counts (Danish), or ""."""
        parts = []
        if self.team_moved:
            parts.append("Din bruger er flyttet til et andet team: det gamle teams data er fjernet "
                         "(ikke-synkroniseret arbejde er beholdt), og det nye teams data er hentet.")
        if self.apart:
            parts.append("Denne computer og serveren var ikke ens; der er synkroniseret forfra.")
        elif self.resynced:
            parts.append("Serveren var gendannet; der er synkroniseret forfra.")
        if self.repaired:
            parts.append(f"{self.repaired} rækker, som serveren manglede, er sendt igen.")
        if self.still_apart:
            parts.append("Computeren og serveren er stadig ikke ens; det prøves igen ved næste synkronisering.")
        return " ".join(parts)


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
    """Team check, push, pull, then the replicas compared: a mismatch (or a
    410) resyncs from zero and sends again what the server lacks."""
    report = progress or _quiet
    started = time.perf_counter()
    own = transport is None
    transport = transport or transport_for(ctx)
    try:
        moved = teammove.check(ctx, transport, lambda: push_all(ctx, transport, report))
        pushed, pulled, resynced, resent = _exchange(ctx, transport, report, from_zero=moved)
        more, again, repaired, apart, still_apart = _settle(ctx, transport, report)
    finally:
        if own:
            transport.close()
    with ctx.uow() as session:
        outbox.prune_acknowledged(session)  # a step of its own, after the round
        state.put(session, state.LAST_SYNC, utcnow().isoformat(timespec="seconds"))
        conflicts = state.open_conflicts(session)
    report(1.0, "Synkronisering færdig")
    return SyncReport(pushed + more, pulled + again, conflicts, resynced or apart or moved,
                      time.perf_counter() - started, resent + repaired, apart, still_apart, moved)


def _exchange(ctx: Context, transport: Transport, report: Progress,
              from_zero: bool = False) -> tuple[int, int, bool, int]:
    """Push then pull; a 410 (server restored, or a new epoch) starts over.
    Returns (changes sent, rows pulled, started over, rows sent again)."""
    if from_zero:
        pushed, pulled, _queued = _start_over(ctx, transport, report, [])
        return pushed, pulled, True, 0
    with ctx.uow() as session:  # set by a restore from backup, or a round cut off while starting over
        from_zero = state.get(session, state.FULL_PULL) is not None
    try:
        pushed = push_all(ctx, transport, report)
    except GoneError:
        pushed, pulled, queued = _start_over(ctx, transport, report, sorted(MODEL_BY_TABLE))
        return pushed, pulled, True, queued
    try:
        pulled = pull_all(ctx, transport, report)
    except GoneError:
        more, pulled, queued = _start_over(ctx, transport, report, sorted(MODEL_BY_TABLE))
        return pushed + more, pulled, True, queued
    _pulled_all(ctx)
    return pushed, pulled, from_zero, 0


def _settle(ctx: Context, transport: Transport, report: Progress) -> tuple[int, int, int, bool, bool]:
    """Compare the replicas; on a mismatch resync from zero once, sending
    what the server lacks, and compare again. Returns (changes sent, rows
    pulled, rows sent again, were apart, still apart)."""
    verdict = replica.check(ctx, transport)
    with ctx.uow() as session:
        if not verdict.apart:
            state.put(session, state.APART, None)
        recent = verdict.apart and state.apart_recently(session)
    if not verdict.apart:
        return 0, 0, 0, False, False
    if recent:  # a resync from zero did not make them equal a moment ago: not every round
        log.warning("replica still differs (%d entities); next resync later", len(verdict.apart))
        return 0, 0, 0, False, True
    log.warning("replica differs from the server (%d entities%s); resync from zero",
                len(verdict.apart), ", server behind" if verdict.server_behind else "")
    pushed, pulled, queued = _start_over(ctx, transport, report, verdict.apart, older_too=verdict.server_behind)
    after = replica.check(ctx, transport)
    if after.apart:
        log.warning("replica still differs after the resync (%d entities)", len(after.apart))
        with ctx.uow() as session:
            state.put(session, state.APART, utcnow().isoformat(timespec="seconds"))
    return pushed, pulled, queued, True, bool(after.apart)


def _start_over(ctx: Context, transport: Transport, report: Progress, entities: list[str],
                older_too: bool = True) -> tuple[int, int, int]:
    """From zero: every change sent again (the server skips those it has),
    then every row of `entities` the server lacks or has older queued and
    sent, then everything pulled, this store's own rows included. Returns
    (changes sent, rows pulled, rows queued again)."""
    log.warning("full resync from zero")
    report(0.0, "Synkroniserer forfra")
    with ctx.uow() as session:
        state.start_over(session)
    pushed = push_all(ctx, transport, report)
    queued = replica.queue_missing(ctx, transport, entities, older_too)
    if queued:
        log.warning("sending %d rows the server lacked", queued)
        pushed += push_all(ctx, transport, report)
    pulled = pull_all(ctx, transport, report)
    _pulled_all(ctx)
    return pushed, pulled, queued


def _pulled_all(ctx: Context) -> None:
    with ctx.uow() as session:
        state.pull_done(session)


IN_FLIGHT = 2  # batches on their way at once, to a server that keeps their order
# The first batch of a long push goes alone (its answer tells whether the
# server keeps the order) while the server's lock waits idle: it is kept
# small, so the full batches after it start sooner.
FIRST_BATCH = 500


@dataclass(frozen=True)
class _Sending:
    batch: outbox.Batch
    after: str | None  # the key of the batch sent just before, which the server applies first
    answer: Future


def push_all(ctx: Context, transport: Transport, report: Progress) -> int:
    """Batches go in order, and the server applies them in order. The first
    goes alone; while the server's answers say it keeps the order that a
    batch's `after` names ("ordered"), IN_FLIGHT are on their way at once,
    each naming the one sent before it: the next one travels and is read
    by the server while the one before is applied. Answers are taken
    strictly in order, and a batch is marked sent only from its own answer,
    after every batch before it was answered; if one fails the round fails,
    and what was not marked is sent again next time (the server answers a
    repeat from its stored answer). The local work runs beside the requests:
    the next batch is read, and the one before marked sent, meanwhile.
    No autosave is folded into another meanwhile (db.coalesce.pushing)."""
    with coalesce.pushing(ctx.store.engine):
        return _push_batches(ctx, transport, report)


def _push_batches(ctx: Context, transport: Transport, report: Progress) -> int:
    with ctx.uow() as session:  # a write transaction: an autosave under way has committed (db.coalesce)
        node = state.get(session, state.NODE, "node") or "node"
        epoch = state.get(session, state.EPOCH)
    sent, window, ordered, previous = 0, 1, True, None
    with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as local, \
            ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="sync-send") as wire, gc_paused():
        marks: list[Future] = []
        flight: deque[_Sending] = deque()
        ahead = local.submit(_read_batch, ctx, node, 0, _first_size(ctx))
        counted = local.submit(_waiting, ctx)  # while the first batch travels, not before it
        while True:
            while len(flight) < window and (batch := ahead.result()) is not None:
                ahead = local.submit(_read_batch, ctx, node, batch.seqs[-1])
                after = previous if window > 1 else None
                flight.append(_Sending(batch, after, wire.submit(
                    transport.push_raw, batch.key, epoch, batch.raw, wall_ms(ctx), after)))
                previous = batch.key
            if not flight:
                break
            head = flight.popleft()
            answer, plain = _answer(ctx, transport, head, epoch)
            maybe_crash(AFTER_PUSH)
            ordered = ordered and not plain and bool(answer.get("ordered"))
            window = IN_FLIGHT if ordered else 1
            marks.append(local.submit(_mark_answered, ctx, head.batch, answer.get("refused") or {}))
            sent += len(head.batch.seqs)
            total = counted.result()
            report(min(sent / max(total, 1), 1.0) * 0.5, f"Sendt {sent} af {total} ændringer")
        for done in marks:
            done.result()  # a failed mark surfaces here (the batch is simply sent again next time)
    return sent


def _answer(ctx: Context, transport: Transport, head: _Sending, epoch: str | None) -> tuple[dict, bool]:
    """The server's answer to the oldest batch in flight, and whether it came
    from a server without ordered pushes. Every batch before it has been
    answered, so one refused as out of order (its predecessor was not
    applied in time) is simply sent again; one that reached a server without
    /push/ordered (an older worker, mid-upgrade: nothing applied) is sent
    the plain way, and the rest of the round goes one batch at a time."""
    batch = head.batch
    try:
        return head.answer.result(), False
    except OutOfOrder:
        log.info("batch came before its predecessor was applied; sent again")
        return transport.push_raw(batch.key, epoch, batch.raw, wall_ms(ctx), head.after), False
    except NotFound:
        if head.after is None:
            raise
        log.warning("the server has no ordered pushes; batches go one at a time")
        return transport.push_raw(batch.key, epoch, batch.raw, wall_ms(ctx)), True


def _waiting(ctx: Context) -> int:
    """How many changes this push is to send, for its progress only: read
    beside the first batch's request (a first full push reads its whole
    outbox for it, a third of a second), and beside an autosave (a read)."""
    with ctx.store.reading() as session:
        return state.waiting(session)


def _first_size(ctx: Context) -> int:
    """The size of the batch that goes alone: small when more than one batch
    waits (a push of one batch is not split: that would add a round trip).
    Asked of the index of unsent entries alone, not counted (`_waiting`)."""
    with ctx.store.reading() as session:
        return min(FIRST_BATCH, PUSH_BATCH) if outbox.unsent_beyond(session, PUSH_BATCH) else PUSH_BATCH


def _read_batch(ctx: Context, node: str, after: int, size: int | None = None) -> outbox.Batch | None:
    with ctx.uow() as session:
        return outbox.next_batch(session, node, size or PUSH_BATCH, after)


def _mark_answered(ctx: Context, batch: outbox.Batch, refused: dict[str, str]) -> None:
    with ctx.uow() as session:
        if outbox.mark_answered(session, batch, refused):
            log.warning("server refused %d change(s); held in the outbox", len(refused))


def pull_all(ctx: Context, transport: Transport, report: Progress) -> int:
    """Pages are fetched one ahead: the next page is on its way (the server
    reads it, the network carries it) while this one is applied. Each page is
    still applied, and the cursor moved, in one local transaction; the next
    request asks from the cursor the page being applied will leave. From
    cursor 0 (a first sync, a resync from zero) many pages go into one
    transaction (app.sync.bulkpull)."""
    with ctx.uow() as session:
        cursor, epoch = state.cursor(session), state.get(session, state.EPOCH)
        node = state.pull_node(session)
        first = state.get(session, state.LAST_SYNC) is None  # never synced: nobody works in it yet

    def shown(pulled: int, more: bool) -> None:
        report(0.5 if more else 0.99, f"Hentet {pulled} ændringer")

    with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as pool, gc_paused():
        pages = _pages(pool, ctx, transport, cursor, epoch, node)
        try:
            if cursor == 0:
                return apply_pages(ctx.store, pages, shown, FIRST_SYNC_ROWS if first else RESYNC_ROWS)
            pulled = 0
            for page, offset in pages:
                pulled += apply_page(ctx.store, page, offset)
                shown(pulled, page["more"])
            return pulled
        finally:
            pages.close()


def _pages(pool: ThreadPoolExecutor, ctx: Context, transport: Transport, cursor: int, epoch: str | None,
           node: str | None) -> Generator[Pulled, None, None]:
    """The pages from `cursor` on, each with its clock offset; the next one
    is requested as soon as one is handed out, and comes while it is written.
    (Reading its rows there too, beside the writing, was slower: the two
    threads then took turns with the interpreter lock for every row.)"""
    ahead: Future = pool.submit(_fetch, ctx, transport, cursor, epoch, node)
    try:
        while True:
            page, offset = ahead.result()
            if page["more"]:
                ahead = pool.submit(_fetch, ctx, transport, page["cursor"], page["epoch"], node)
            yield page, offset
            if not page["more"]:
                return
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
            state.put(session, state.TEAM, None)  # another server's team: not a team move
        take_account(ctx, session, answer)
    return answer["device_id"]
