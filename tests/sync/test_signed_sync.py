"""A signed tillægsaftale — the signatures, the sealed PDF and a paper copy
— goes from one laptop through the real server to another, byte for byte."""
from __future__ import annotations

import pytest

from app import seal_keys
from app.documents import seal
from app.services import addendum_files, signatures, signing_state
from tests.signing_support import sign_latest
from tests.sync.support import snapshot
from tests.test_addendum_helpers import make_placement

pytestmark = pytest.mark.postgres


def test_signed_file_and_paper_copy_reach_a_second_laptop(laptops) -> None:
    a, b = laptops("a"), laptops("b")
    made = make_placement(a.ctx)
    dto, result = sign_latest(a.ctx, made.placement_id)
    assert result.seal_error == ""
    scan = b"%PDF-1.4\n% scanned copy\n" + bytes(range(256)) * 40
    paper = addendum_files.attach_paper(a.ctx, dto.id, "scan.pdf", scan)
    sealed = signatures.sealed_pdf(a.ctx, dto.id)
    pushed = a.sync()
    assert pushed.conflicts == 0
    b.sync()
    assert signatures.sealed_pdf(b.ctx, dto.id) == sealed
    assert addendum_files.file_data(b.ctx, paper.id) == scan
    on_b = {s.party: s for s in signatures.signatures(b.ctx, dto.id)}
    on_a = {s.party: s for s in signatures.signatures(a.ctx, dto.id)}
    assert on_b == on_a and len(on_b) == 3
    state = signing_state.states(b.ctx, made.placement_id)[dto.id]
    assert state.sealed and state.paper_copies == 1
    check = seal.check(sealed, seal_keys.stored().certs_pem)
    assert check.intact and check.trusted
    a.sync()
    first, second = snapshot(a), snapshot(b)
    assert {k: v for k, v in first.items() if k.startswith("addendum")} == \
        {k: v for k, v in second.items() if k.startswith("addendum")}
