"""Follow-ups held and missed in a period, by the follow-up plan of
`app.rules.followup` (monthly in a placement's first year, then quarterly;
small fleksjob every 4th week, then quarterly).

A held visit is on time when it was held no later than the date the contact
was due (after the previous held visit, or after the start of the placement
running on the visit's day). A due date that passed with no contact at all
before the next one fell due is a missed follow-up ("Frist uden kontakt");
the contact that finally came is "Afholdt for sent". At the period's end (or
today, if earlier) every due date already passed without a contact is missed.
"""
from __future__ import annotations

from datetime import date

from app.reports.snapshot import P
from app.rules.followup import FollowUpInput, next_due
from app.services.status_hours import Wage, in_force
from app.services.status_model import FollowUpLine

HELD, LATE, MISSED = "Afholdt", "Afholdt for sent", "Frist uden kontakt"
CANCELLED, NOT_HELD = "Aflyst", "Planlagt, ikke afholdt"
MAX_STEPS = 500  # bounded: a gap of years steps through its monthly dues


def _running(placements: list[P], day: date, preferred: str | None) -> P | None:
    """The visit's own placement when it runs that day, else the latest started."""
    active = [p for p in placements if p.active_on(day)]
    own = [p for p in active if p.id == preferred]
    return own[0] if own else max(active, key=lambda p: p.start) if active else None


def passed_dues(p: P, wages: list[Wage], previous: date | None, day: date) -> tuple[list[date], date]:
    """The due dates of placement `p` that passed before `day` with no
    contact since `previous`, and the first due date on or after `day`."""
    anchor = previous if previous is not None and previous >= p.start else None
    passed: list[date] = []
    for _ in range(MAX_STEPS):
        wage = in_force(wages, anchor or p.start)
        due = next_due(FollowUpInput(p.type, p.start, wage.present if wage else None, anchor))
        if due >= day:
            return passed, due
        passed.append(due)
        anchor = due
    return passed, day


Held = tuple[date, str, str | None]  # day, channel label, placement id


def followup_lines(placements: list[P], wages: dict[str, list[Wage]], held: list[Held],
                   not_held: list[tuple[date, str, str]], start: date, end: date,
                   today: date) -> list[FollowUpLine]:
    """`held`: every held visit of the citizen, also before the period;
    `not_held`: (day, status code, channel label). The plan followed is that
    of the visit's placement (the last visit's, at the period's end)."""
    lines: list[FollowUpLine] = []
    stop = min(end, today)
    previous: date | None = None
    contacts = [c for c in sorted(held, key=lambda h: (h[0], h[1])) if c[0] <= stop]
    last_placement: str | None = None
    for day, channel, placement_id in [*contacts, (stop, None, None)]:  # None: the end, no contact
        p = _running(placements, day, placement_id or last_placement)
        if p is not None:
            passed, due = passed_dues(p, wages.get(p.id, []), previous, day)
            missed = passed if channel is None else passed[:-1]
            lines += [FollowUpLine(d, MISSED, due=d) for d in missed if start <= d <= end]
            if channel is not None and start <= day <= end:
                late = passed[-1] if passed else None
                lines.append(FollowUpLine(day, LATE if late else HELD, channel, late or due))
        elif channel is not None and start <= day <= end:
            lines.append(FollowUpLine(day, HELD, channel))
        previous, last_placement = day, placement_id or last_placement
    for day, status, channel in not_held:
        if start <= day <= end:
            lines.append(FollowUpLine(day, CANCELLED if status == "aflyst" else NOT_HELD, channel))
    return sorted(lines, key=lambda f: (f.day, f.what))
