"""Whether step 3 is reached: at least 30 ordinary hours in a month
(app.rules.hours.step3_reached). A week counts in the month it starts in."""
from __future__ import annotations

from collections import defaultdict

from app.formatting import fmt_hours
from app.rules.hours import ORDINARY_HOURS_GOAL_PER_MONTH, step3_reached
from app.services.dto import HoursDTO

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")


def ordinary_by_month(hours: list[HoursDTO]) -> dict[tuple[int, int], float]:
    totals: dict[tuple[int, int], float] = defaultdict(float)
    for h in hours:
        totals[(h.week_start.year, h.week_start.month)] += h.ordinary_hours
    return dict(sorted(totals.items()))


def _hours(value: float) -> str:
    return fmt_hours(value).removesuffix(" t")


def month_name(key: tuple[int, int]) -> str:
    return f"{MONTHS[key[1] - 1]} {key[0]}"


def step3_status(hours: list[HoursDTO]) -> tuple[bool, str]:
    """(reached, a Danish sentence for the widget)."""
    totals = ordinary_by_month(hours)
    if not totals:
        return False, "Trin 3: ingen timer registreret endnu (mål: 30 ordinære timer på en måned)."
    goal = _hours(ORDINARY_HOURS_GOAL_PER_MONTH)
    reached = [key for key, total in totals.items() if step3_reached(total)]
    if reached:
        first = reached[0]
        return True, (f"Trin 3 er nået: {_hours(totals[first])} ordinære timer i {month_name(first)} "
                      f"(mål {goal} på en måned).")
    best = max(totals, key=lambda key: totals[key])
    return False, (f"Trin 3 er ikke nået: højst {_hours(totals[best])} ordinære timer på en måned "
                   f"({month_name(best)}); målet er {goal}.")
