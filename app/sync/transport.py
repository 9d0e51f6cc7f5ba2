"""HTTP to the sync server (httpx): timeouts, retries with backoff, TLS
verified against the system's trust store unless the settings turn it off.

Retrying a push is safe: the batch carries an idempotency key and the server
answers a repeat with its stored answer. One Transport may be used from
several threads at once (httpx.Client can be shared between threads; each
request in flight has a connection of its own).
"""
from __future__ import annotations

import json
import logging
import random
import socket
import ssl
import time
from functools import lru_cache
from typing import Any

import httpx
import orjson

from app.sync.errors import AuthError, ForbiddenError, GoneError, OutOfOrder, SyncError, UpdateRequired

log = logging.getLogger(__name__)
PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Jobcoach-Protocol"
API = "/api/v1"
RETRY_STATUS = {502, 503, 504}
NODELAY = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]


@lru_cache(maxsize=1)
def _system_trust() -> ssl.SSLContext:
    return ssl.create_default_context()  # the system's CA store, as the OS has it


def tls_context(verify: bool) -> ssl.SSLContext | bool:
    return _system_trust() if verify else False


class Transport:
    def __init__(self, base_url: str, token: str | None = None, verify_tls: bool = True,
                 timeout: float = 60.0, retries: int = 3, backoff: float = 0.5,
                 protocol: int = PROTOCOL_VERSION) -> None:
        headers = {PROTOCOL_HEADER: str(protocol)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        # TCP_NODELAY: a request goes out as two writes (head, body); with
        # Nagle's algorithm the body waits for the server's delayed ACK of the
        # head, 40 ms on Linux, on every push.
        transport = httpx.HTTPTransport(verify=tls_context(verify_tls), socket_options=NODELAY)
        self._client = httpx.Client(base_url=base_url.rstrip("/") + API, headers=headers,
                                    transport=transport, timeout=httpx.Timeout(timeout, connect=10.0))
        self.retries, self.backoff = retries, backoff

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def register(self, username: str, password: str, name: str) -> dict[str, Any]:
        return self._call("POST", "/devices", json={"username": username, "password": password, "name": name})

    def push(self, key: str, epoch: str | None, changes: list[dict[str, Any]],
             client_ms: int | None = None) -> dict[str, Any]:
        body = {"key": key, "epoch": epoch, "changes": changes, "client_ms": client_ms}
        return self._call("POST", "/push", json=body)

    def push_raw(self, key: str, epoch: str | None, changes_json: bytes | str, client_ms: int | None,
                 after: str | None = None) -> dict[str, Any]:
        """As `push`, with the changes already a JSON array, best in UTF-8
        (big batches: no re-encoding). `after`: the key of the batch sent
        just before this one, which the server must apply first (OutOfOrder
        if it has not). Such a batch goes to /push/ordered, which a server
        that would ignore `after` does not have (NotFound, nothing applied)."""
        if isinstance(changes_json, str):
            changes_json = changes_json.encode("utf-8")
        fields: dict[str, Any] = {"key": key, "epoch": epoch, "client_ms": client_ms}
        if after is not None:
            fields["after"] = after
        head = json.dumps(fields)
        body = head[:-1].encode("utf-8") + b', "changes": ' + changes_json + b"}"
        path = "/push" if after is None else "/push/ordered"
        return self._call("POST", path, content=body, headers={"Content-Type": "application/json"})

    def pull(self, cursor: int, epoch: str | None, limit: int, node: str | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if node:
            params["node"] = node  # rows this store itself wrote last are not sent back
        if epoch:
            params["epoch"] = epoch
        return self._call("GET", "/pull", params=params)

    def whoami(self) -> dict[str, Any] | None:
        """The device's account as the server has it now (its team may have
        changed); None from a server without this endpoint (older)."""
        return self._optional("/whoami", {})

    def checksum(self, cursor: int | None) -> dict[str, Any] | None:
        """The team's checksum (server/checksum.py), computed when `cursor`
        is the team's last seq; None from a server without it (older)."""
        return self._optional("/checksum", {} if cursor is None else {"cursor": cursor})

    def _optional(self, path: str, params: dict[str, Any]) -> dict[str, Any] | None:
        try:
            return self._call("GET", path, params=params)
        except NotFound:
            return None

    def checksum_rows(self, entity: str) -> dict[str, Any]:
        """Every (id, version, deleted) of one entity of the team, sorted by id."""
        return self._call("GET", "/checksum/rows", params={"entity": entity})

    def checksum_data(self, entity: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The server's data of these rows (at most 100 ids a request)."""
        return self._call("GET", "/checksum/data", params={"entity": entity, "ids": ",".join(ids)})["rows"]

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        attempt = 0
        while True:
            try:
                response = self._client.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                if attempt >= self.retries:
                    raise SyncError(f"Serveren kunne ikke nås ({type(exc).__name__}). "
                                    "Prøv igen, når der er netværk.") from None
            else:
                if response.status_code not in RETRY_STATUS or attempt >= self.retries:
                    return _checked(response)
            attempt += 1
            delay = self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 2)
            log.info("sync request failed; retry %d in %.1f s", attempt, delay)
            time.sleep(delay)


class NotFound(SyncError):
    """The server has no such endpoint (an older server): the caller goes without."""


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = None
    return detail if isinstance(detail, str) else f"HTTP {response.status_code}"


def _code(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None


def _json(response: httpx.Response) -> Any:
    """The body as JSON: orjson reads a pulled page of 6 MB in a fraction of
    the stdlib's time; what it refuses (an integer beyond 64 bits, say) is
    read the stdlib's way."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return response.json()


def _checked(response: httpx.Response) -> dict[str, Any]:
    status = response.status_code
    if status == 200:
        return _json(response)
    errors = {401: AuthError, 403: ForbiddenError, 410: GoneError, 426: UpdateRequired}
    if status in errors:
        raise errors[status](_detail(response))
    if status == 409 and _code(response) == "out_of_order":
        raise OutOfOrder(_detail(response))
    if status == 404:
        raise NotFound(f"Serveren svarede med en fejl: {_detail(response)}"[:300])
    raise SyncError(f"Serveren svarede med en fejl: {_detail(response)}"[:300])
