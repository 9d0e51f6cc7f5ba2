"""The follow-up plan: when the next contact with a citizen is due.

- Contact at least once a month in the first year of a placement
  (seeds/001, kerneelement 7), then quarterly.
- Fleksjob of 10 hours or less a week: every 4th week in the first
  3 months, then quarterly (seeds/003, section D).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.rules.dates import add_months
from db.enums import PlacementType

SMALL_FLEX_JOB_HOURS = 10.0
FOUR_WEEKS = timedelta(weeks=4)
# No plan asks for the next contact sooner than this after the last one (a
# month is at least 28 days): a contact that soon is on time under any plan.
SHORTEST_INTERVAL = FOUR_WEEKS


@dataclass(frozen=True)
class FollowUpInput:
    placement_type: str
    start: date
    weekly_hours: float | None
    last_contact: date | None


def is_small_flex_job(placement_type: str, weekly_hours: float | None) -> bool:
    """A fleksjob of at most 10 hours a week: seen every 4th week at first."""
    return placement_type == PlacementType.FLEX_JOB and (weekly_hours or 0) <= SMALL_FLEX_JOB_HOURS


def next_due(plan: FollowUpInput) -> date:
    """The date by which the next contact is due."""
    small = is_small_flex_job(plan.placement_type, plan.weekly_hours)
    return plan_for(plan.start, small).due_after(plan.last_contact)


@dataclass(frozen=True, slots=True)
class Plan:
    """One placement's plan: from its start a contact a month (every 4th week
    for a small fleksjob) until `closer_until`, then quarterly."""

    start: date
    small_flex_job: bool
    closer_until: date

    def due_after(self, last_contact: date | None) -> date:
        anchor = last_contact or self.start
        if anchor < self.closer_until:
            return anchor + FOUR_WEEKS if self.small_flex_job else add_months(anchor, 1)
        return add_months(anchor, 3)


def plan_for(start: date, small_flex_job: bool) -> Plan:
    """The plan, made once per placement where the next contact is asked for
    again and again (the team leader's report: every held visit of a year)."""
    return Plan(start, small_flex_job, add_months(start, 3 if small_flex_job else 12))


PLAN_LENGTH = 40  # dates; monthly for a year then quarterly: about seven years


def plan_dates(placement_type: str, start: date, weekly_hours: float | None,
               until: date | None) -> list[date]:
    """The contacts due by the rule from the start, each after the one before,
    up to `until` (the agreement's end) or PLAN_LENGTH dates."""
    dates: list[date] = []
    anchor: date | None = None
    while len(dates) < PLAN_LENGTH:
        due = next_due(FollowUpInput(placement_type, start, weekly_hours, anchor))
        if until is not None and due > until:
            break
        dates.append(due)
        anchor = due
    return dates
