"""What the server takes in and gives out about a request: bodies over
MAX_BODY are refused with 413 before they are read (by Content-Length, and
by counting a streamed body), and validation errors name the location and
the rule broken, never the input (a 50 MB body once came back as 52 MB)."""
from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_ENV = "JOBCOACH_SERVER_MAX_BODY_MB"
DEFAULT_MAX_BODY_MB = 16  # laptops send at most 4 MB a batch (app.sync.outbox.BATCH_BYTES)
TOO_LARGE = "Forespørgslen er for stor."
UNAVAILABLE = "Serveren kunne ikke nå sin database. Prøv igen om lidt."
log = logging.getLogger("jobcoach.server")


def max_body() -> int:
    try:
        return max(1, int(os.environ.get(MAX_BODY_ENV, DEFAULT_MAX_BODY_MB))) * 1024 * 1024
    except ValueError:
        return DEFAULT_MAX_BODY_MB * 1024 * 1024


class BodyLimit:
    """ASGI middleware: 413 for a body over `limit` bytes."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await JSONResponse({"detail": TOO_LARGE}, status_code=413)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # raised inside the route: answered by FastAPI as a 413
                    raise HTTPException(413, TOO_LARGE)
            return message

        await self.app(scope, counted, send)


def _plain(error: dict[str, Any]) -> dict[str, Any]:
    return {"loc": [str(part)[:60] for part in error.get("loc", ())][:10], "msg": str(error.get("msg", ""))[:200],
            "type": str(error.get("type", ""))[:60]}


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse({"detail": [_plain(e) for e in errors[:20]]}, status_code=422)


class QuietErrors:
    """ASGI middleware: an unexpected error is logged by its type and place
    only (a database error's text can quote a value), and answered with 500;
    a database connection found dead (PostgreSQL restarted: pooled
    connections are pinged only after 5 s idle, server.database) with 503,
    which laptops retry (a push is idempotent)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            log.error("unexpected %s in %s %s%s", type(exc).__name__, scope.get("method"), scope.get("path"),
                      _where(exc))
            if not started:
                lost = isinstance(exc, DBAPIError) and exc.connection_invalidated
                answer = JSONResponse({"detail": UNAVAILABLE}, status_code=503, headers={"Retry-After": "1"}) if lost \
                    else JSONResponse({"detail": "Serverfejl."}, status_code=500)
                await answer(scope, receive, send)


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f" at {tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}" if tb else ""
