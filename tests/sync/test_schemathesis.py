"""Schemathesis against the server's own OpenAPI spec: whatever the requests
(with a valid token and without), the server never answers with a 5xx."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from app.sync.transport import Transport
from tests.conftest import FULL
from tests.sync.support import add_user

pytestmark = pytest.mark.postgres


def test_no_request_makes_the_server_fail(fresh_server) -> None:
    # A server of its own: the fuzzed logins fail, and failed logins from one
    # address are throttled (429), which would lock the other tests out.
    server = fresh_server()
    add_user(server.url, "anna", "nord")
    with Transport(server.base, retries=0) as t:
        token = t.register("anna", "hemmelig-kode", "schemathesis")["token"]
    schema = schemathesis.openapi.from_url(server.base + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/push", "/api/v1/pull", "/api/v1/devices"}
    for operation in operations:
        # Registration checks a password with argon2 (slow on purpose): fewer examples there.
        examples = (150 if FULL else 20) // (5 if operation.path.endswith("/devices") else 1)
        for headers in ({"Authorization": f"Bearer {token}"}, {}):
            _fuzz(operation, server.base, headers, examples)()


def _fuzz(operation, base: str, headers: dict[str, str], examples: int):
    """One operation's fuzz run with these headers (bound here, not to a loop variable)."""
    @given(case=operation.as_strategy())
    @settings(max_examples=examples, deadline=None,
              suppress_health_check=list(HealthCheck), derandomize=not FULL)
    def call(case) -> None:
        case.call_and_validate(base_url=base, headers=headers, checks=[not_a_server_error])

    return call
