"""Property tests of the pure merge code, without PostgreSQL: the per-field
three-way merge (server.merge), the text merge (server.textmerge), the
clock cap (server.prepare.capped) and the hybrid logical clock (db.hlc)."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from db.hlc import HybridClock, Stamp
from server.merge import State, apply_change
from server.prepare import MAX_AHEAD_MS, capped
from server.textmerge import merge3

LINES = st.text(alphabet="abcæø ", min_size=1, max_size=6).map(lambda s: s + "\n")
TEXTS = st.lists(LINES, max_size=6).map("".join)
VALUES = st.one_of(st.none(), st.integers(-5, 5), st.sampled_from(["Aarhus", "Odense", ""]))
WALLS = st.integers(10**12, 2 * 10**12)
NODES = st.sampled_from(["aaaa", "bbbb", "cccc"])


def _stamp(wall: int, counter: int, node: str) -> str:
    return str(Stamp(wall, counter, node))


# --- text merge ---------------------------------------------------------------

@given(TEXTS, TEXTS)
def test_one_sided_edits_are_taken_whole(base: str, other: str) -> None:
    assert merge3(base, base, other) == other
    assert merge3(base, other, base) == other
    assert merge3(base, other, other) == other


@given(TEXTS, TEXTS, TEXTS)
def test_text_merge_is_symmetric(base: str, ours: str, theirs: str) -> None:
    assert merge3(base, ours, theirs) == merge3(base, theirs, ours)


@given(st.lists(LINES, min_size=3, max_size=8, unique=True), st.data())
def test_edits_of_lines_apart_keep_both(lines: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(lines) - 3))
    j = data.draw(st.integers(i + 2, len(lines) - 1))
    ours, theirs = list(lines), list(lines)
    ours[i], theirs[j] = "vores ændring\n", "deres ændring\n"
    expected = list(lines)
    expected[i], expected[j] = ours[i], theirs[j]
    assert merge3("".join(lines), "".join(ours), "".join(theirs)) == "".join(expected)


@given(TEXTS, TEXTS, TEXTS)
def test_a_merge_keeps_what_each_side_added(base: str, ours: str, theirs: str) -> None:
    merged = merge3(base, ours, theirs)
    if merged is None:
        return  # overlapping: the caller keeps both texts in a conflict
    have = merged.splitlines()
    for side in (ours, theirs):
        for line in set(side.splitlines()) - set(base.splitlines()):
            assert line in have


# --- three-way field merge ----------------------------------------------------

def _state(value: object, stamp: str) -> State:
    return State({"city": value, "notes": "a\nb\nc\n"}, {"*": stamp}, 1, False)


def _run(order: list[tuple[str, dict, str]], start: str, field_value: object) -> tuple[State, list]:
    state, clashes = _state(field_value, start), []
    for op, fields, stamp in order:
        clashes += apply_change(state, op, fields, 1, stamp, frozenset({"notes"})).clashes
    return state, clashes


@given(VALUES, VALUES, VALUES, WALLS, WALLS, NODES, NODES)
def test_concurrent_edits_converge_and_lose_nothing(base, a, b, wall_a, wall_b, node_a, node_b) -> None:
    assume(a != base and b != base)  # a laptop sends only fields it changed
    start = _stamp(10**12 - 1, 0, "zzzz")
    sa, sb = _stamp(wall_a, 0, node_a), _stamp(wall_b, 1, node_b)
    first = ("update", {"city": [base, a]}, sa)
    second = ("update", {"city": [base, b]}, sb)
    one, clashes_one = _run([first, second], start, base)
    two, clashes_two = _run([second, first], start, base)
    assert one.data == two.data  # the order of arrival does not decide
    if a != b:
        assert one.data["city"] == (a if sa > sb else b)  # the later stamp wins
    for state, clashes in ((one, clashes_one), (two, clashes_two)):
        kept = {state.data["city"]} | {c.set_aside for c in clashes} | {c.kept for c in clashes}
        assert a in kept and b in kept  # nothing lost


@given(VALUES, VALUES, WALLS, WALLS)
def test_an_edit_and_a_delete_keep_the_row_in_either_order(base, new, wall_a, wall_b) -> None:
    start = _stamp(10**12 - 1, 0, "zzzz")
    edit = ("update", {"city": [base, new]}, _stamp(wall_a, 0, "aaaa"))
    delete = ("delete", {"deleted_at": [None, "2026-11-30T10:00:00"]}, _stamp(wall_b, 0, "bbbb"))
    for order in ([edit, delete], [delete, edit]):
        state, clashes = _run(order, start, base)
        if new == base:
            continue  # no edit at all
        assert not state.deleted and state.data["city"] == new
        assert [c.kind for c in clashes] == ["delete"]


@given(TEXTS, TEXTS, TEXTS, WALLS, WALLS)
def test_concurrent_text_edits_are_merged_or_kept_aside(base, ours, theirs, wall_a, wall_b) -> None:
    state = State({"notes": base}, {"*": _stamp(1, 0, "zzzz")}, 1, False)
    out_a = apply_change(state, "update", {"notes": [base, ours]}, 1, _stamp(wall_a, 0, "aaaa"),
                         frozenset({"notes"}))
    out_b = apply_change(state, "update", {"notes": [base, theirs]}, 1, _stamp(wall_b, 0, "bbbb"),
                         frozenset({"notes"}))
    assert not out_a.clashes
    merged = merge3(base, ours, theirs)
    if merged is not None:
        assert state.data["notes"] == merged and not out_b.clashes
    else:
        [clash] = out_b.clashes
        assert {clash.kept, clash.set_aside} == {ours, theirs} and clash.kind == "text"


# --- clock cap and hybrid logical clock ---------------------------------------

@given(st.integers(0, 10**15 - 1), st.integers(0, 99999), NODES, WALLS)
def test_no_stamp_is_later_than_its_arrival(wall: int, counter: int, node: str, now: int) -> None:
    stamp = _stamp(wall, counter, node)
    out = Stamp.parse(capped(stamp, now))
    assert out.wall_ms <= now + MAX_AHEAD_MS and out.node == node
    if wall <= now + MAX_AHEAD_MS:
        assert str(out) == stamp  # a truthful stamp is left alone


@given(st.integers(0, 10**15 - 1), st.integers(0, 10**15 - 1), WALLS)
def test_the_cap_keeps_the_order_of_walls(w1: int, w2: int, now: int) -> None:
    low, high = sorted((w1, w2))
    first, second = (Stamp.parse(capped(_stamp(w, 0, "a"), now)) for w in (low, high))
    assert first.wall_ms <= second.wall_ms


@settings(max_examples=200)
@given(st.lists(st.integers(0, 10**13), min_size=1, max_size=30), st.integers(-10**9, 10**9))
def test_hlc_stamps_only_go_forward_whatever_the_wall_clock_does(walls: list[int], offset: int) -> None:
    feed = iter(walls + walls)
    clock = HybridClock("node", lambda: next(feed))
    clock.offset_ms = offset
    stamps = [clock.now() for _ in walls]
    assert all(a < b for a, b in zip(stamps, stamps[1:]))
    assert all(str(a) < str(b) for a, b in zip(stamps, stamps[1:]) if a.wall_ms >= 0)


@given(st.integers(10**12, 2 * 10**12), st.integers(1, 10**11))
def test_a_learned_offset_puts_new_stamps_on_the_servers_clock(true_ms: int, ahead: int) -> None:
    clock = HybridClock("node", lambda: true_ms + ahead)  # a laptop clock that is ahead
    assert clock.now().wall_ms == true_ms + ahead
    clock.set_offset(-ahead)  # measured at a pull
    assert clock.now().wall_ms == true_ms  # the stamp made earlier does not hold the clock ahead
    assert clock.now() > Stamp(true_ms, 0, "node")
