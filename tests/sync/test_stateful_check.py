"""The stateful sync fuzz (test_stateful.py) can fail when one side's
free-text edit is dropped: its check looks for the lines the edit changed,
not merely for some later edit of the same field. No PostgreSQL needed."""
from __future__ import annotations

from tests.sync.test_stateful import edit_survives

BASE = "Mentor: Per\nHjælpemiddel: stol\n"
MINE = "Mentor: Lis\nHjælpemiddel: stol\n"
THEIRS = "Mentor: Per\nHjælpemiddel: bord\n"
MERGED = "Mentor: Lis\nHjælpemiddel: bord\n"


def test_both_sides_of_a_text_merge_survive() -> None:
    assert edit_survives(True, BASE, MINE, MERGED, [], [])
    assert edit_survives(True, BASE, THEIRS, MERGED, [], [])


def test_a_dropped_text_edit_is_caught_even_when_the_field_changed_again() -> None:
    # The row holds only their text; a later edit of the field had not seen mine; no conflict keeps it.
    assert not edit_survives(True, BASE, MINE, THEIRS, [THEIRS], [])
    assert not edit_survives(True, BASE, MINE, BASE, [], [])  # undone


def test_a_text_edit_kept_in_a_conflict_or_seen_by_a_later_edit_survives() -> None:
    assert edit_survives(True, BASE, MINE, THEIRS, [], [THEIRS, MINE])
    assert edit_survives(True, BASE, MINE, "Ingen\n", [MERGED], [])


def test_plain_values_survive_only_where_they_are() -> None:
    assert edit_survives(False, "Aarhus", "Odense", "Odense", [], [])
    assert not edit_survives(False, "Aarhus", "Odense", "Aalborg", ["Aarhus"], [])
    assert edit_survives(False, "Aarhus", "Odense", "Aalborg", ["Odense"], [])
