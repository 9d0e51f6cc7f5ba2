"""Three-way merge of free text, line by line (difflib).

Edits by the two sides that touch different lines of the common base merge;
edits that touch the same lines, or lines next to each other, do not: the
caller then keeps both texts in a conflict record.
"""
from __future__ import annotations

from difflib import SequenceMatcher


def _hunks(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """(base_start, base_end, replacement) for each change from base to other."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _touch(a: tuple[int, int, list[str]], b: tuple[int, int, list[str]]) -> bool:
    # Two hunks clash when their base ranges overlap or meet (an insertion at
    # the edge of another edit has no defined order).
    return a[0] <= b[1] and b[0] <= a[1]


def merge3(base: str, ours: str, theirs: str) -> str | None:
    """The merged text, or None when the edits overlap."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    base_l, ours_l, theirs_l = (t.splitlines(keepends=True) for t in (base, ours, theirs))
    mine, other = _hunks(base_l, ours_l), _hunks(base_l, theirs_l)
    hunks: list[tuple[int, int, list[str]]] = []
    for hunk in mine + other:
        same = [h for h in hunks if h[:2] == hunk[:2] and h[2] == hunk[2]]
        if same:
            continue
        if any(_touch(hunk, h) for h in hunks):
            return None
        hunks.append(hunk)
    out, pos = [], 0
    for start, end, lines in sorted(hunks, key=lambda h: (h[0], h[1])):
        out.extend(base_l[pos:start])
        out.extend(lines)
        pos = end
    out.extend(base_l[pos:])
    merged = "".join(out)
    return merged if _line_endings_ok(merged, ours, theirs) else None


def _line_endings_ok(merged: str, ours: str, theirs: str) -> bool:
    # A last line without newline on one side and an append on the other can
    # glue two lines together; treat that as overlapping.
    return merged.endswith("\n") or not (ours.endswith("\n") and theirs.endswith("\n"))
