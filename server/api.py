"""The sync server's HTTP API (FastAPI). No state outside the database:
any number of these processes can serve one PostgreSQL."""
from __future__ import annotations

import gc
import sys
import time
from collections.abc import AsyncIterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Annotated, Any, cast

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.gcpause import gc_paused
from server import auth, checksum, throttle
from server.authorize import sees_access_log_of_others
from server.database import make_engine, read_engine, server_meta, upgrade_schema
from server.limits import BodyLimit, QuietErrors, max_body, validation_error
from server.prepare import BadChange, Prepared, prepare
from server.protocol import (
    MIN_CLIENT_PROTOCOL,
    OUT_OF_ORDER,
    OUT_OF_ORDER_CODE,
    PROTOCOL_VERSION,
    RESYNC,
    TOO_OLD,
    Health,
    PullAnswer,
    PushAnswer,
    PushBody,
    PushRequest,
    RegisterAnswer,
    RegisterRequest,
)
from server.pull import Gone, pull_page_json
from server.push import NotYet, Pusher, push_batch
from server.pushbody import read_push_body

PREFIX = "/api/v1"
MAX_DATA_IDS = 100  # ids per /checksum/data request (they travel in the URL)
TOO_MANY_LOGINS = "For mange forkerte forsøg. Prøv igen senere."


# A pushed batch or a pulled page builds hundreds of thousands of short-lived
# objects; with the default threshold (700) the collector rescans them over
# and over and a first full sync spends half its time there. Fewer, later
# collections; the objects of the code base itself are frozen out of them.
GC_THRESHOLD = (50_000, 20, 100)
GC_PAUSE_FROM = 1024 * 1024  # bytes of a push body
# A device's request gives up the GIL at every database round trip and must
# win it back each time; while a big batch's thread computes, each return
# waited up to the switch interval (5 ms by default), a dozen times a request.
SWITCH_INTERVAL_S = 0.001
# A batch that names a predecessor (`after`) not applied yet is tried again
# this often, this long, before it is answered 409: the predecessor is
# usually a moment behind it (read by another worker, or still arriving).
ORDER_POLL_S = 0.025
ORDER_WAIT_S = 2.0


def tune_interpreter() -> None:
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def create_app(url: str | None = None) -> FastAPI:
    engine = make_engine(url)
    upgrade_schema(engine)
    app = FastAPI(title="Jobcoach synkroniseringsserver", version=str(PROTOCOL_VERSION))
    app.state.engine = engine
    app.state.read_engine = read_engine(engine)
    _errors(app)
    app.add_middleware(BodyLimit, limit=max_body())
    app.add_middleware(QuietErrors)  # added last: the outer one
    _routes(app)
    _openapi(app)
    tune_interpreter()
    return app


def _errors(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)

    @app.exception_handler(Gone)
    def gone(_req: Request, _exc: Gone) -> JSONResponse:
        return JSONResponse({"detail": RESYNC}, status_code=410)

    @app.exception_handler(OutOfOrder)
    def out_of_order(_req: Request, _exc: OutOfOrder) -> JSONResponse:
        return JSONResponse({"detail": OUT_OF_ORDER, "code": OUT_OF_ORDER_CODE}, status_code=409)

    @app.exception_handler(BadChange)
    def bad(_req: Request, exc: BadChange) -> JSONResponse:
        return JSONResponse({"detail": f"Ugyldig ændring: {exc}"}, status_code=422)


def _session(request: Request) -> Session:
    """The request's session, made and closed on the event loop: neither
    does I/O, so neither needs a hop to a worker thread. Its connection is
    taken on first use, in the thread that runs the endpoint, and each
    endpoint ends its transaction there (a push commits or rolls back,
    /devices in `begin()`); a GET only reads, and its statements commit by
    themselves (server.database.read_engine). So no connection waits for a
    thread while a thread waits for a connection."""
    engine: Engine = request.app.state.read_engine if request.method == "GET" else request.app.state.engine
    return Session(engine)


async def session(request: Request) -> AsyncIterator[Session]:
    with _session(request) as sess:
        yield sess


def _check_protocol(version: int | None) -> None:
    if version is not None and version < MIN_CLIENT_PROTOCOL:
        raise HTTPException(426, TOO_OLD)


async def protocol(x_jobcoach_protocol: Annotated[int | None, Header()] = None) -> None:
    _check_protocol(x_jobcoach_protocol)


@dataclass(frozen=True)
class DeviceRequest:
    """A device's request: its session and the device token it sent. The
    device behind the token is looked up (`caller`) by the endpoint, in the
    thread that does its work and on its connection: one hop to a worker
    thread and one pooled connection per request, not two of each."""
    session: Session
    token: str

    def caller(self) -> auth.Caller:
        found = auth.caller_for_token(self.session, self.token)
        if found is None:
            raise _not_logged_in()
        return found


async def device_request(request: Request, authorization: Annotated[str | None, Header()] = None,
                         x_jobcoach_protocol: Annotated[int | None, Header()] = None
                         ) -> AsyncIterator[DeviceRequest]:
    """The protocol checked, then the token read from its header: on the
    event loop, one dependency (FastAPI's work grows with their number)."""
    _check_protocol(x_jobcoach_protocol)
    token = (authorization or "").removeprefix("Bearer ").strip()
    if not token or "\x00" in token:
        raise _not_logged_in()
    with _session(request) as sess:
        yield DeviceRequest(sess, token)


class OutOfOrder(Exception):
    """The batch named in `after` was not applied in time: 409, nothing applied."""


def _not_logged_in() -> HTTPException:
    return HTTPException(401, "Enheden er ikke logget ind eller er spærret.", headers={"WWW-Authenticate": "Bearer"})


def _push(device: DeviceRequest, raw: bytes) -> dict:
    """The caller, then the body read and prepared (server.prepare: the
    work that needs no lock, done while another batch may hold it), then the
    batch applied (`_in_order`), in the thread that does the work. A big
    batch (a first sync's are 3-4 MB) is read and applied with the cyclic
    collector paused (app.gcpause): its hundreds of thousands of live
    objects would otherwise be scanned again and again."""
    sess = device.session
    try:
        who = device.caller()
        with gc_paused() if len(raw) >= GC_PAUSE_FROM else nullcontext():
            try:
                body = read_push_body(raw)
            except ValidationError as exc:
                raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from None
            if body.get("epoch") and body["epoch"] != who.epoch:
                raise Gone("epoch")
            pusher = Pusher(who.device_id, who.team, who.leader, who.username)
            changes = cast(list[dict[str, Any]], body["changes"])  # read ChangeBody values are plain dicts
            return _in_order(sess, pusher, body, changes, prepare(pusher, changes))
    except BaseException:
        sess.rollback()
        raise


def _in_order(sess: Session, pusher: Pusher, body: PushBody, changes: list[dict[str, Any]],
              prepared: Prepared) -> dict:
    """One transaction (READ COMMITTED: each statement sees what is committed
    when it runs; the lock comes first in push_batch), committed here. A
    batch whose predecessor (`after`) is not applied yet is rolled back,
    which releases the team's lock (the predecessor needs it), and tried
    again a little later; the body is not read again."""
    deadline = time.monotonic() + ORDER_WAIT_S
    while True:
        try:
            answer = push_batch(sess, pusher, body["key"], changes, body.get("client_ms"), body.get("after"),
                                prepared)
            sess.commit()
            return answer
        except NotYet:
            sess.rollback()
            if time.monotonic() >= deadline:
                raise OutOfOrder() from None
            time.sleep(ORDER_POLL_S)


# The push body is read by server.pushbody (PUSH_BODY's rules); the spec shows PushRequest.
PUSH_OPENAPI = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}}}}


PUSH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {}, 403: {}, 410: {}, 422: {}, 426: {},
    409: {"description": "the batch named in `after` is not applied, so this one is not either "
                         "(code out_of_order): send it again"}}


def _openapi(app: FastAPI) -> None:
    def build() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes,
                                 openapi_version=app.openapi_version)
            body = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(body.pop("$defs", {}), PushRequest=body)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]


SessionDep = Annotated[Session, Depends(session)]
DeviceDep = Annotated[DeviceRequest, Depends(device_request)]


def _routes(app: FastAPI) -> None:
    @app.get(PREFIX + "/health", response_model=Health)
    def health() -> Health:
        return Health(status="ok", protocol=PROTOCOL_VERSION, min_client_protocol=MIN_CLIENT_PROTOCOL)

    @app.post(PREFIX + "/devices", response_model=RegisterAnswer, dependencies=[Depends(protocol)],
              responses={401: {"description": "wrong user name or password"},
                         429: {"description": "too many failed logins; see Retry-After"}})
    def register(body: RegisterRequest, sess: SessionDep, request: Request) -> RegisterAnswer:
        names = throttle.keys(body.username, request.client.host if request.client else None)
        with sess.begin():
            wait = throttle.retry_after(sess, names)
            if wait is not None:
                raise HTTPException(429, TOO_MANY_LOGINS, headers={"Retry-After": str(wait)})
            account = auth.check_password(sess, body.username, body.password)
            if account is None:
                throttle.record_failure(request.app.state.engine, names)
                raise HTTPException(401, "Forkert brugernavn eller adgangskode.")
            device, token = auth.register_device(sess, account, body.name)
            epoch = server_meta(sess).epoch
            return RegisterAnswer(device_id=device.id, token=token, team=account.team,
                                  username=account.username, epoch=epoch, leader=account.leader,
                                  full_name=account.full_name, phone=account.phone, email=account.email)

    # A laptop sends a batch that names its predecessor (`after`) to
    # /push/ordered: a server from before `after` existed would ignore the
    # field and might apply it first, but it has no such path (404, nothing
    # applied). /push honours `after` too.
    @app.post(PREFIX + "/push", response_model=PushAnswer, responses=PUSH_RESPONSES,
              openapi_extra=PUSH_OPENAPI)
    @app.post(PREFIX + "/push/ordered", response_model=PushAnswer, responses=PUSH_RESPONSES,
              openapi_extra=PUSH_OPENAPI)
    async def push(request: Request, device: DeviceDep) -> Response:
        raw = await request.body()
        # The answer is made by push_batch in PushAnswer's shape (a stored
        # one from before `refused` existed gets its default): sent as it
        # is, saying that this server keeps the order `after` asks for.
        answer = await run_in_threadpool(_push, device, raw)
        return JSONResponse({"refused": {}} | answer | {"ordered": True})

    @app.get(PREFIX + "/pull", response_model=PullAnswer,
             responses={401: {}, 410: {}, 426: {}})
    def pull(device: DeviceDep,
             cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
             epoch: Annotated[str | None, Query(max_length=36, pattern=r"^[0-9A-Za-z-]*$")] = None,
             limit: Annotated[int, Query(ge=1, le=10000)] = 2000,
             node: Annotated[str | None, Query(max_length=36, pattern=r"^[0-9A-Za-z]*$")] = None) -> Response:
        # Written as JSON text by pull_page_json: a page of thousands of rows
        # need not be parsed, validated and encoded again.
        who, sess = device.caller(), device.session
        own_log = None if sees_access_log_of_others(who.leader) else who.username
        return Response(pull_page_json(sess, who.team, cursor, epoch, limit, node, own_log),
                        media_type="application/json")

    _replica_routes(app)


def _replica_routes(app: FastAPI) -> None:
    """Who the device is now (its team may have changed), and the checksum
    of the team's records that laptops compare their replica with."""
    @app.get(PREFIX + "/whoami", response_model=checksum.Identity,
             responses={401: {}, 426: {}})
    def whoami(device: DeviceDep) -> checksum.Identity:
        who = device.caller()
        return checksum.Identity(team=who.team, username=who.username, leader=who.leader,
                                 device_id=who.device_id, epoch=who.epoch)

    @app.get(PREFIX + "/checksum", response_model=checksum.ChecksumAnswer,
             responses={401: {}, 426: {}})
    def team_checksum(device: DeviceDep,
                      cursor: Annotated[int | None, Query(ge=0, le=2**62)] = None) -> checksum.ChecksumAnswer:
        who, sess = device.caller(), device.session
        return checksum.checksum(sess, who.team, cursor, sees_access_log_of_others(who.leader))

    @app.get(PREFIX + "/checksum/rows", response_model=checksum.RowsAnswer,
             responses={401: {}, 426: {}})
    def checksum_rows(device: DeviceDep,
                      entity: Annotated[str, Query(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")]
                      ) -> checksum.RowsAnswer:
        who, sess = device.caller(), device.session
        return checksum.rows(sess, who.team, entity)

    @app.get(PREFIX + "/checksum/data", response_model=checksum.DataAnswer,
             responses={401: {}, 426: {}})
    def checksum_data(device: DeviceDep,
                      entity: Annotated[str, Query(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")],
                      ids: Annotated[str, Query(min_length=1, max_length=MAX_DATA_IDS * 37,
                                                pattern=r"^[0-9A-Za-z-]+(,[0-9A-Za-z-]+)*$")]
                      ) -> checksum.DataAnswer:
        who, sess = device.caller(), device.session
        return checksum.data(sess, who.team, entity, ids.split(",")[:MAX_DATA_IDS])
