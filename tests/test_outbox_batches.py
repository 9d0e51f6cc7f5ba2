"""A push batch is JSON written around each entry's stored `fields` text:
whatever a value holds (quotes, backslashes, line breaks, tabs, letters
beyond ASCII, a NaN that JSON has not) the batch parses to the changes the
outbox holds, in order, within the byte budget."""
from __future__ import annotations

import json
import math

from sqlalchemy import select, update

from app.context import Context
from app.sync import outbox
from db.models import Citizen, OutboxEntry

AWKWARD = ['Anne "Mette" Ærø', "C:\\sti\\til\\fil", "to\nlinjer\ttab\r", "☃ NaN Infinity", "\u2028slut"]


def _entries(ctx: Context) -> list[dict]:
    with ctx.uow() as s:
        return [{"change_id": e.change_id, "entity": e.entity, "row_id": e.row_id, "op": e.op,
                 "base_version": e.base_version, "hlc": e.hlc, "fields": json.loads(e.fields)}
                for e in s.scalars(select(OutboxEntry).where(OutboxEntry.sent.is_(False)).order_by(OutboxEntry.seq))]


def test_a_batch_parses_to_the_stored_changes_whatever_their_text(ctx: Context) -> None:
    with ctx.uow() as s:
        for name in AWKWARD:
            s.add(Citizen(name=name, city=name[::-1]))
    with ctx.uow() as s:
        batch = outbox.next_batch(s, "node", 5000)
    assert batch is not None
    assert batch.changes == _entries(ctx)
    assert {c["fields"]["name"][1] for c in batch.changes if c["entity"] == "citizen"} == set(AWKWARD)


def test_a_stored_nan_goes_as_null_as_sqlite_json_writes_it(ctx: Context) -> None:
    with ctx.uow() as s:
        s.add(Citizen(name="Tal"))
    with ctx.uow() as s:
        s.execute(update(OutboxEntry).values(fields=json.dumps({"name": [None, "Tal"], "x": [None, math.nan]})))
        batch = outbox.next_batch(s, "node", 5000)
    assert batch is not None
    assert all(c["fields"]["x"] == [None, None] for c in batch.changes)  # every entry was given the NaN


def test_a_batch_is_cut_at_its_byte_budget_and_the_next_starts_after_it(ctx: Context) -> None:
    with ctx.uow() as s:
        for i in range(30):
            s.add(Citizen(name=f"Borger {i} " + "x" * 200))
    everything = _entries(ctx)
    with ctx.uow() as s:
        first = outbox.next_batch(s, "node", 5000, max_bytes=2000)
        assert first is not None
        second = outbox.next_batch(s, "node", 5000, after=first.seqs[-1], max_bytes=2000)
    assert second is not None
    assert 1 <= len(first.seqs) < len(everything)
    assert len(first.raw) <= 2000 + 2
    assert first.changes + second.changes == everything[:len(first.seqs) + len(second.seqs)]
    assert first.change_ids == [c["change_id"] for c in first.changes]


def test_ids_and_stamps_not_as_made_here_are_quoted_as_json(ctx: Context) -> None:
    with ctx.uow() as s:
        s.add(Citizen(name="Almindelig"))
    with ctx.uow() as s:
        s.execute(update(OutboxEntry).values(row_id='id "med" \\ og\nlinje', hlc="ø\t\u2028", entity="borger æ"))
        batch = outbox.next_batch(s, "node", 5000)
    assert batch is not None
    assert batch.changes == _entries(ctx)
    assert batch.changes[0]["row_id"] == 'id "med" \\ og\nlinje'


def test_mark_sent_marks_exactly_the_given_entries_runs_and_scattered_alike(ctx: Context) -> None:
    with ctx.uow() as s:
        for i in range(120):
            s.add(Citizen(name=f"Borger {i}"))
    with ctx.uow() as s:
        seqs = sorted(s.scalars(select(OutboxEntry.seq)))
    given = seqs[3:60] + seqs[61:64] + seqs[70:71] + seqs[80:110:2] + seqs[111:112]
    with ctx.uow() as s:
        outbox.mark_sent(s, list(reversed(given)))
    with ctx.uow() as s:
        sent = set(s.scalars(select(OutboxEntry.seq).where(OutboxEntry.sent.is_(True))))
    assert sent == set(given)


def _as_sent(entry: OutboxEntry) -> bytes:
    """A change exactly as a batch writes it: its stored `fields` text as
    it is, the other values quoted as JSON (SQLite's json_quote escapes as
    json.dumps does without ensure_ascii)."""
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    return (f'{{"change_id": {q(entry.change_id)}, "entity": {q(entry.entity)}, "row_id": {q(entry.row_id)}, '
            f'"op": {q(entry.op)}, "base_version": {int(entry.base_version)}, "hlc": {q(entry.hlc)}, '
            f'"fields": {entry.fields}}}').encode()


def test_a_batch_is_byte_for_byte_its_changes_as_written_around_the_stored_fields(ctx: Context) -> None:
    with ctx.uow() as s:  # (text with a NaN goes through json(): test_a_stored_nan_goes_as_null...)
        for name in [text for text in AWKWARD if "NaN" not in text] + ["styre\x01tegn \x7f"]:
            s.add(Citizen(name=name, city=name[::-1]))
    with ctx.uow() as s:
        first = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).first()
        assert first is not None
        s.execute(update(OutboxEntry).where(OutboxEntry.seq == first.seq)
                  .values(row_id='id "med" \\ og\nlinje\x01', hlc="ø\t\u2028", base_version=7))
    with ctx.uow() as s:
        entries = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
        batch = outbox.next_batch(s, "node", 5000)
    assert batch is not None
    assert batch.raw == b"[" + b",".join(_as_sent(e) for e in entries) + b"]"
    assert batch.seqs == [e.seq for e in entries] and batch.change_ids == [e.change_id for e in entries]
