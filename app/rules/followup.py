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


@dataclass(frozen=True)
class FollowUpInput:
    placement_type: str
    start: date
    weekly_hours: float | None
    last_contact: date | None


def next_due(plan: FollowUpInput) -> date:
    """The date by which the next contact is due."""
    anchor = plan.last_contact or plan.start
    if plan.placement_type == PlacementType.FLEX_JOB and (plan.weekly_hours or 0) <= SMALL_FLEX_JOB_HOURS:
        if anchor < add_months(plan.start, 3):
            return anchor + timedelta(weeks=4)
        return add_months(anchor, 3)
    if anchor < add_months(plan.start, 12):
        return add_months(anchor, 1)
    return add_months(anchor, 3)
