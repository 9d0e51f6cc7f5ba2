"""A whole data set (the small demo: every table, every column type) goes
from one laptop through the server to a fresh one and arrives identical."""
from __future__ import annotations

import pytest

from app.demo import build_demo
from tests.sync.support import snapshot

pytestmark = pytest.mark.postgres


def test_demo_data_set_arrives_identical_on_a_fresh_laptop(laptops) -> None:
    a, b = laptops("a"), laptops("b")
    build_demo(a.ctx, "small", 1, lambda _f, _m: None)
    pushed = a.sync()
    assert pushed.pushed > 1000 and pushed.conflicts == 0
    b.sync()
    a.sync()
    first, second = snapshot(a), snapshot(b)
    assert len(first) > 1000
    assert first == second
