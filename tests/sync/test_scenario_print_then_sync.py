"""Issue 12, item 1: printing a tillægsaftale must not block sync. The
printed version (with its `file_sha256`) reaches the other laptop, and the
laptop's later work still goes through."""
from __future__ import annotations

import pytest

from app.services import addenda, citizens
from tests.test_addendum_helpers import make_placement

pytestmark = pytest.mark.postgres


def test_printed_version_reaches_the_other_laptop_and_sync_goes_on(laptops) -> None:
    a, b = laptops("a"), laptops("b", user="bo")
    made = make_placement(a.ctx, n_accommodations=1, milestones=1)
    version, pdf, is_new = addenda.print_addendum(a.ctx, made.placement_id)
    assert is_new and pdf.startswith(b"%PDF")
    a.sync()
    later = citizens.create_citizen(a.ctx, name="Efter Udskrift")
    a.sync()
    b.sync()
    on_b = addenda.versions(b.ctx, made.placement_id)
    assert [(v.id, v.version_no, v.file_sha256) for v in on_b] == [(version.id, 1, addenda.sha256(pdf))]
    assert addenda.verify(b.ctx, version.id)  # the snapshot arrived whole: same file again
    assert citizens.get_citizen(b.ctx, later.id).name == "Efter Udskrift"
