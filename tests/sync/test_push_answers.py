"""A push of batches holding every kind of change a server refuses (and
good ones around them, big enough for COPY) gets exactly the answers, and
leaves exactly the database, that it did before the push body was read by
server.pushbody and prepared by server.prepare's quick path: ANSWERS and
STATE were taken from the server as it was then (commit c498e6b).
Fixed ids, stamps and user names make both the same on every run."""
from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from server.merge import node_of
from server.prepare import _Batch, _quick, prepare, prepare_one
from server.push import Pusher
from server.writer import COPY_FROM, record_line, team_text
from tests.sync.http_api import API, register
from tests.sync.support import RECORD_STATE, add_user

pytestmark = pytest.mark.postgres
GONE = {"deleted_at": [None, "2026-11-30T11:00:00"]}
NOW = "2026-11-01T10:00:00"


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


class _Changes:
    """Changes with fixed ids and stamps, one after the other."""

    def __init__(self, node: str) -> None:
        self.node, self.count, self.made = node, 0, []

    def __call__(self, entity: str, row: str, op: str, fields: dict[str, Any], base_version: int = 0,
                 change_id: str | None = None, node: str | None = None) -> dict[str, Any]:
        self.count += 1
        made = {"change_id": change_id or _id(f"{self.node}-change-{self.count}"), "entity": entity,
                "row_id": _id(row), "op": op, "fields": fields, "base_version": base_version,
                "hlc": f"{1764500000000 + self.count:015d}-00000-{node or self.node}"}
        self.made.append(made)
        return made


def _citizen(name: str = "Navn") -> dict[str, Any]:
    return {"name": [None, name], "cpr": [None, "300369-2197"], "status": [None, "aktiv"],
            "coach_id": [None, None], "ended_on": [None, None], "created_at": [None, NOW], "deleted_at": [None, None]}


def _batches(user: str) -> list[list[dict[str, Any]]]:
    make = _Changes("anna")
    first = [make("citizen", "parent", "insert", _citizen("Forælder")),
             make("citizen", "kept", "insert", _citizen("Findes")),
             make("placement", "placement", "insert", {
                 "citizen_id": [None, _id("kept")], "placement_type": [None, "praktik"],
                 "start_date": [None, "2026-11-02"]}),
             make("citizen", "parent", "delete", GONE, base_version=1)]
    good = [make("citizen", f"good-{i}", "insert", _citizen(f"Navn\t{i} \\N ø")) for i in range(COPY_FROM)]
    slot = {"placement_id": [None, _id("placement")], "weekday": [None, 1], "start_time": [None, "08:00"],
            "end_time": [None, "15:30"]}
    hours = {"placement_id": [None, _id("placement")], "week_start": [None, "2026-11-02"],
             "attendance_hours": [None, 7.5], "paid_hours": [None, 7], "note": [None, "Æ\n\"x\"\\"]}
    visit = {"citizen_id": [None, _id("parent")], "at": [None, "2026-11-02T10:00:00"], "notes": [None, "n"]}
    bad = [
        make("no_such_table", "b1", "insert", _citizen()),
        make("visit", "kept", "update", {"notes": ["", "x"]}, base_version=1),
        make("conflict", "b3", "insert", {"entity": [None, "citizen"]}),
        make("conflict", "b4", "update", {"resolution": [None, "keep"]}, base_version=1),
        make("access_log", "b5", "update", {"detail": ["", "x"]}, base_version=1),
        make("access_log", "b6", "insert", {"at": [None, NOW], "user": [None, "someone-else"],
                                            "action": [None, "view"]}),
        make("access_log", "b6b", "insert", {"at": [None, NOW], "user": [None, user], "action": [None, "view"]}),
        make("citizen", "b7", "insert", _citizen() | {"shoe_size": [None, 44]}),
        make("citizen", "b8", "insert", _citizen() | {"version": [None, 3]}),
        make("citizen", "b9", "insert", _citizen() | {"name": [None, 5]}),
        make("citizen", "b10", "insert", _citizen("a\x00b")),
        make("citizen", "b11", "insert", _citizen("x" * 201)),
        make("citizen", "b12", "insert", _citizen() | {"ended_on": [None, "2026-13-01"]}),
        make("citizen", "b13", "insert", _citizen() | {"created_at": [None, "2026-11-01T10:00:00+01:00"]}),
        make("visit", "b14", "insert", visit | {"citizen_id": [None, "not an id!"]}),
        make("schedule_slot", "b15", "insert", slot | {"weekday": [None, 2**63]}),
        make("schedule_slot", "b15b", "insert", slot | {"weekday": [None, 1.5]}),
        make("schedule_slot", "b15c", "insert", slot | {"weekday": [None, True]}),
        make("hours_record", "b16", "insert", hours | {"attendance_hours": [None, "7"]}),
        make("schedule_slot", "b17", "insert", slot | {"start_time": [None, "25:00"]}),
        make("citizen", "b18", "insert", _citizen() | {"name": [None, None]}),
        make("citizen", "b19", "insert", {k: v for k, v in _citizen().items() if k != "name"}),
        make("citizen", "b20", "update", {"name": ["a", "b"]}, base_version=1),
        make("citizen", "kept", "delete", {"name": ["Findes", "Findes"]}, base_version=1),
        make("citizen", "kept", "update", {"name": ["\x00", "Nyt"]}, base_version=1),
        make("citizen", "carls", "update", {"name": ["Carls", "Mit"]}, base_version=1),
        make("citizen", "b24", "insert", _citizen(), change_id=first[0]["change_id"]),
        make("citizen", "b25", "insert", _citizen() | {"name": ["Før", "Efter"]}),
        make("citizen", "b27", "insert", {"name": [None, "Kun navn"]}),
        make("citizen", "b28", "insert", {}),
        make("visit", "v1", "insert", visit, node="bo"),
        make("visit", "v1", "update", {"notes": ["n", "m"]}, base_version=1, node="bo"),
        make("visit", "v2", "insert", visit | {"deleted_at": [None, NOW]}, node="bo"),
        make("visit", "v3", "insert", visit),
        make("citizen", "kept", "update", {"name": ["Gammel", "Bos"], "cpr": ["1", "2"]}, base_version=1,
             node="bo"),
        make("citizen", "good-0", "update", {"name": ["Navn\t0 \\N ø", "Nyt"]}, base_version=1),
        make("citizen", "good-1", "delete", GONE, base_version=1),
        make("citizen", "kept", "update", {"name": ["Findes", "Ændret"]}, base_version=1),
        make("schedule_slot", "s1", "insert", slot),
        make("hours_record", "h1", "insert", hours),
        make("wage_agreement", "w1", "insert", {
            "placement_id": [None, _id("placement")], "version_no": [None, 1], "valid_from": [None, "2026-11-02"],
            "hourly_wage_ore": [None, 12000], "attendance_hours": [None, 37], "work_intensity": [None, 100],
            "paid_hours": [None, 37.0], "payer": [None, "kommune"], "ordinary_hours": [None, 1e300]}),
    ]
    return [first, good + bad]


def _raw_batch() -> bytes:
    """Numbers only pydantic reads as sent (NaN, 1e400, an int beyond 64 bits)
    and a nested value: the body is read by PUSH_BODY, its old way."""
    make = _Changes("annaraw")
    hours = {"placement_id": [None, _id("placement")], "week_start": [None, "2026-11-02"],
             "attendance_hours": [None, 7.5], "paid_hours": [None, 7]}
    changes = [make("hours_record", "r1", "insert", hours), make("hours_record", "r2", "insert", hours),
               make("hours_record", "r3", "insert", hours), make("hours_record", "r4", "insert", hours),
               make("citizen", "r5", "insert", _citizen() | {"ended_on": [None, [1, 2]]})]
    raw = json.dumps({"key": "raw", "changes": changes}).encode()
    return raw.replace(b"7.5", b"NaN", 1).replace(b"7.5", b"1e400", 1).replace(b"7.5", b"100000000000000000000000", 1)


# Taken from the server at commit c498e6b (tests/sync/test_push_answers.py's own batches).
ANSWERS: list[dict[str, Any]] = [{'accepted': 1,
  'batch': 'carl-1',
  'counts': {'applied': 1},
  'ordered': True,
  'refused': {},
  'results': {},
  'seq': 1},
 {'accepted': 4,
  'batch': 'anna-0',
  'counts': {'applied': 4},
  'ordered': True,
  'refused': {},
  'results': {},
  'seq': 4},
 {'accepted': 215,
  'batch': 'anna-1',
  'counts': {'applied': 211, 'conflict': 3, 'duplicate': 1, 'refused': 26},
  'ordered': True,
  'refused': {'00dda0ec-dcb0-51f6-bba1-9f314025792c': "feltet 'name' skal være tekst",
              '0215bf4b-e23a-59a5-96b7-41912a805220': "feltet 'created_at' skal være et tidspunkt "
                                                      '(ÅÅÅÅ-MM-DDTtt:mm:ss)',
              '048e7120-ba21-55d6-b77a-72b9e546335a': "feltet 'version' kan ikke sendes",
              '053450ae-3dca-5d0f-8797-3f75e9be9c20': "feltet 'name' indeholder et NUL-tegn (gammel værdi)",
              '0a29b0e1-6ffa-5916-aaf5-b863d7a0f829': "feltet 'citizen_id' er ikke et gyldigt id",
              '12484ae7-9a82-5165-8b35-76aa69b16402': "feltet 'name' mangler",
              '147dd0a2-11b5-5640-86a7-f93b58c45623': "feltet 'name' skal udfyldes",
              '1f762865-af22-5dd2-a890-71eb15a29fb0': 'adgangsloggen kan ikke ændres eller slettes, kun tilføjes',
              '2a0074a6-7da3-5924-b0c4-ea79bae7f1d6': 'konflikter oprettes af serveren; de kan kun markeres som '
                                                      'løst',
              '32ed3b18-3f27-5687-8661-642d187383e2': "feltet 'weekday' skal være et helt tal",
              '3594583b-d3ab-5e4e-9a4c-5b59508d3bcf': "feltet 'name' er for langt (højst 200 tegn)",
              '3fef2b7a-e184-5279-919c-8b9c1424cfb0': 'en post i adgangsloggen skal være skrevet af den bruger, '
                                                      'der sender den',
              '6addb6c7-68e2-5847-ba26-a429ac5718f6': "feltet 'ended_on' skal være en dato (ÅÅÅÅ-MM-DD)",
              '712a5294-565b-5ab1-9e30-4997cbfc52af': 'posten tilhører et andet team',
              '74163424-a9aa-50d3-b954-e312aaeffaa1': "feltet 'name' mangler",
              '7cd67355-a6de-5cf7-a6ee-9f4c2135a4cd': 'konflikter oprettes af serveren; de kan kun markeres som '
                                                      'løst',
              'b44e06e9-065f-5c90-9c76-0d77195dfbf3': "id'et tilhører en post af en anden slags",
              'b609ed3b-09e4-59bc-a96c-0d6991a7b1db': "feltet 'start_time' skal være et klokkeslæt (tt:mm)",
              'bc20ed1a-d36a-5753-8c34-6e4c28ce5170': "ukendt tabel 'no_such_table'",
              'd93936dc-1d34-5478-80cc-b7894dbed573': 'posten findes ikke på serveren',
              'dca21371-7054-5643-8726-f70976725c4c': "feltet 'weekday' er et for stort tal",
              'e2194146-ddd8-5edd-8fe2-ff72d6a2f4b8': "feltet 'weekday' skal være et helt tal",
              'ec2929a8-6ba5-5896-89e2-39852407238f': "feltet 'attendance_hours' skal være et endeligt tal",
              'ecd7679e-86e9-52d8-b79e-22729b0ee935': "feltet 'name' indeholder et NUL-tegn",
              'ecfcdfff-f6c4-505c-81c2-9f41402e29e1': 'en sletning skal angive tidspunktet (deleted_at)',
              'f8c71ab8-3808-5836-b70a-fd4dbabec8d5': "ukendt felt 'shoe_size'"},
  'results': {'00dda0ec-dcb0-51f6-bba1-9f314025792c': 'refused',
              '0215bf4b-e23a-59a5-96b7-41912a805220': 'refused',
              '048e7120-ba21-55d6-b77a-72b9e546335a': 'refused',
              '053450ae-3dca-5d0f-8797-3f75e9be9c20': 'refused',
              '0a29b0e1-6ffa-5916-aaf5-b863d7a0f829': 'refused',
              '12484ae7-9a82-5165-8b35-76aa69b16402': 'refused',
              '147dd0a2-11b5-5640-86a7-f93b58c45623': 'refused',
              '1f762865-af22-5dd2-a890-71eb15a29fb0': 'refused',
              '2a0074a6-7da3-5924-b0c4-ea79bae7f1d6': 'refused',
              '2e730a9f-e1dd-56bc-92ec-3c88c12d2a5e': 'duplicate',
              '32ed3b18-3f27-5687-8661-642d187383e2': 'refused',
              '3594583b-d3ab-5e4e-9a4c-5b59508d3bcf': 'refused',
              '3eb5a374-5617-57ed-a610-fb90efce00bc': 'conflict',
              '3fef2b7a-e184-5279-919c-8b9c1424cfb0': 'refused',
              '6addb6c7-68e2-5847-ba26-a429ac5718f6': 'refused',
              '712a5294-565b-5ab1-9e30-4997cbfc52af': 'refused',
              '74163424-a9aa-50d3-b954-e312aaeffaa1': 'refused',
              '7cd67355-a6de-5cf7-a6ee-9f4c2135a4cd': 'refused',
              '914ec8d8-70f9-5481-b4a8-432963f83b05': 'conflict',
              'b44e06e9-065f-5c90-9c76-0d77195dfbf3': 'refused',
              'b609ed3b-09e4-59bc-a96c-0d6991a7b1db': 'refused',
              'bc20ed1a-d36a-5753-8c34-6e4c28ce5170': 'refused',
              'c6e63a0a-9e05-5375-bec9-a72ce5849b94': 'conflict',
              'd93936dc-1d34-5478-80cc-b7894dbed573': 'refused',
              'dca21371-7054-5643-8726-f70976725c4c': 'refused',
              'e2194146-ddd8-5edd-8fe2-ff72d6a2f4b8': 'refused',
              'ec2929a8-6ba5-5896-89e2-39852407238f': 'refused',
              'ecd7679e-86e9-52d8-b79e-22729b0ee935': 'refused',
              'ecfcdfff-f6c4-505c-81c2-9f41402e29e1': 'refused',
              'f8c71ab8-3808-5836-b70a-fd4dbabec8d5': 'refused'},
  'seq': 222},
 {'accepted': 1,
  'batch': 'raw',
  'counts': {'applied': 1, 'refused': 4},
  'ordered': True,
  'refused': {'640fe3f2-f087-5cb0-b8df-0c29b8d5f769': "feltet 'ended_on' skal være en dato (ÅÅÅÅ-MM-DD)",
              '9d095bf8-adf7-5a1c-96cc-f499c4c2ec21': "feltet 'attendance_hours' skal være et endeligt tal",
              'b3dc1422-6a5f-5505-8921-7822ca50ae8d': "feltet 'attendance_hours' skal være et endeligt tal",
              'b57af195-fcfe-5ee6-b78c-f6c5657d6b80': "feltet 'attendance_hours' er et for stort tal"},
  'results': {'640fe3f2-f087-5cb0-b8df-0c29b8d5f769': 'refused',
              '9d095bf8-adf7-5a1c-96cc-f499c4c2ec21': 'refused',
              'b3dc1422-6a5f-5505-8921-7822ca50ae8d': 'refused',
              'b57af195-fcfe-5ee6-b78c-f6c5657d6b80': 'refused'},
  'seq': 223}]
ANSWERS.insert(3, ANSWERS[2])  # anna-1 sent again: answered from its stored answer, the same
STATE = '7cdf85afba66aaef762b2502ce28a62ddb35af581e3e16cc770220656d9b3318'


def _push(base: str, token: str, key: str, body: bytes | dict[str, Any]) -> dict[str, Any]:
    content = body if isinstance(body, bytes) else json.dumps({"key": key, "changes": body}).encode()
    answer = httpx.post(base + API + "/push", content=content, timeout=60,
                        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _state(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            records = conn.execute(text(RECORD_STATE)).all()
            log = conn.execute(text("select team, seq, change_id, entity, row_id, op, outcome, hlc"
                                    " from change_log order by seq")).all()
    finally:
        engine.dispose()
    return hashlib.sha256(repr((records, log)).encode()).hexdigest()


def _answers_and_state(server: Any) -> tuple[list[dict[str, Any]], str]:
    add_user(server.url, "anna-fixed", "nord")
    add_user(server.url, "carl-fixed", "syd")
    anna, carl = register(server.base, "anna-fixed"), register(server.base, "carl-fixed")
    carls = _Changes("carl")
    answers = [_push(server.base, carl, "carl-1", [carls("citizen", "carls", "insert", _citizen("Carls"))])]
    for number, batch in enumerate(_batches("anna-fixed")):
        answers.append(_push(server.base, anna, f"anna-{number}", batch))
    answers.append(_push(server.base, anna, "anna-1", _batches("anna-fixed")[1]))  # a repeat: the stored answer
    answers.append(_push(server.base, anna, "raw", _raw_batch()))
    return answers, _state(server.url)


def test_every_kind_of_bad_change_gets_the_answer_it_got_before(fresh_server) -> None:
    answers, state = _answers_and_state(fresh_server())
    assert answers == ANSWERS
    assert state == STATE


def test_a_plain_batch_is_prepared_quickly_as_each_change_alone() -> None:
    """server.prepare's quick path (a plain batch's good inserts) makes what
    the long way makes of each change: the same refusal, stamp, new state and
    COPY line."""
    who = Pusher("dev-1", "hold\t1", False, "anna-fixed")
    for batch in _batches("anna-fixed"):
        prepared = prepare(who, batch)
        for change, ready in zip(batch, prepared.ready, strict=True):
            alone = prepare_one(who, change, prepared.now_ms)
            assert _shown(ready) == _shown(alone), change
            if ready.line is not None:
                state = alone.take_state(change, alone.capped())
                made = record_line(change["row_id"], change["entity"], who.team, state.data, state.stamps,
                                   state.version, state.deleted, node_of(change["hlc"]))
                assert ready.line == made, change
        quick = _Batch(who, team_text(who.team), True)
        assert sum(_quick(quick, change) is not None for change in batch) >= len(batch) * 3 // 4


def _shown(ready: Any) -> str:
    """A Ready as text (an exception it holds by its type and message)."""
    return repr((ready.absent, ready.stamp, ready.erased, ready.state))
