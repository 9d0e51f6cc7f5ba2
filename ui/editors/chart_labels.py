"""Where chart labels go so that they never overlap: axis labels are thinned
to those that fit side by side; marker labels are stacked in a few rows and
left out (the marker line stays) when no row has room. Plain geometry, so
the rule is tested without painting."""
from __future__ import annotations

GAP = 6.0


def thin_axis(centres: list[float], width: float, left: float, right: float) -> list[int]:
    """Indexes of the axis labels to draw: each `width` wide, centred at its
    x but kept within [left, right], at least GAP apart."""
    kept: list[int] = []
    edge = float("-inf")
    for i, x in enumerate(centres):
        start = min(max(left, x - width / 2), right - width)
        if start >= edge + GAP:
            kept.append(i)
            edge = start + width
    return kept


def axis_start(x: float, width: float, left: float, right: float) -> float:
    return min(max(left, x - width / 2), right - width)


def stack(starts: list[float], widths: list[float], rows: int) -> list[int | None]:
    """For labels starting at `starts` (sorted), the row each goes in, or None
    when none of the `rows` rows has room left."""
    ends = [float("-inf")] * rows
    placed: list[int | None] = []
    for start, width in zip(starts, widths):
        row = next((r for r in range(rows) if start >= ends[r] + GAP), None)
        if row is not None:
            ends[row] = start + width
        placed.append(row)
    return placed
