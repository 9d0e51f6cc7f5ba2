"""The sync API as anyone holding a device token can use it: raw HTTP, no
laptop code. "Refused" is checked in either form the server may give it (a
4xx for the batch, or a per-change refusal in the answer): the change did not
apply, and the server answered without a 5xx."""
from __future__ import annotations

import time
import uuid
from typing import Any

import httpx

API = "/api/v1"


def stamp(node: str = "raw") -> str:
    return f"{int(time.time() * 1000):015d}-00000-{node}"


def register(base: str, username: str, password: str = "hemmelig-kode", name: str = "raw") -> str:
    answer = httpx.post(base + API + "/devices", json={"username": username, "password": password, "name": name})
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


def change(entity: str, row_id: str, op: str, fields: dict[str, Any], base_version: int = 0,
           node: str = "raw") -> dict[str, Any]:
    return {"change_id": str(uuid.uuid4()), "entity": entity, "row_id": row_id, "op": op,
            "fields": {k: list(v) for k, v in fields.items()}, "base_version": base_version,
            "hlc": stamp(node)}


def push(base: str, token: str, *changes: dict[str, Any]) -> httpx.Response:
    body = {"key": uuid.uuid4().hex, "changes": list(changes)}
    return httpx.post(base + API + "/push", json=body, headers={"Authorization": f"Bearer {token}"},
                      timeout=60)


def applied(answer: httpx.Response, one: dict[str, Any]) -> bool:
    """Did the server accept this change? Never a 5xx, whatever it says."""
    assert answer.status_code < 500, answer.text
    if answer.status_code != 200:
        return False
    outcome = answer.json()["results"].get(one["change_id"], "applied")
    return outcome in ("applied", "merged", "conflict")


def pull(base: str, token: str) -> dict[str, dict[str, Any]]:
    """Every record the device receives, by id (all pages)."""
    out: dict[str, dict[str, Any]] = {}
    cursor = 0
    while True:
        answer = httpx.get(base + API + "/pull", params={"cursor": cursor},
                           headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        for record in page["records"]:
            out[record["id"]] = record
        cursor = page["cursor"]
        if not page["more"]:
            return out
