"""What a report is about (scope) and what it holds (frozen results)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from db.enums import PlacementType as PT

# The pilot's figure of success (seeds/003, section 5): 10 % of the
# citizens had raised their weekly hours; the goal is 35 %.
PILOT_START_SHARE = 10.0
PILOT_GOAL_SHARE = 35.0

# The ladder of seeds/000: internal -> external -> ordinary job.
INTERNAL, EXTERNAL, ORDINARY = "intern", "ekstern", "ordinaer"
LEVELS = (INTERNAL, EXTERNAL, ORDINARY)
LEVEL_OF: dict[str, str] = {  # keyed by the stored type text (PlacementType is a StrEnum)
    PT.INTERNAL_EMPLOYMENT: INTERNAL, PT.INTERNAL_LEARNING: INTERNAL,
    PT.EXTERNAL_EMPLOYMENT: EXTERNAL, PT.EXTERNAL_LEARNING: EXTERNAL, PT.WAGE_SUBSIDY: EXTERNAL,
    PT.FLEX_JOB: EXTERNAL, PT.INTERNSHIP: EXTERNAL, PT.SMALL_JOB: ORDINARY,
}
LEVEL_LABELS = {INTERNAL: "Intern", EXTERNAL: "Ekstern", ORDINARY: "Ordinært job"}
# What counts as employment after an eksternt læringsforløb.
EMPLOYMENT_TYPES = frozenset({PT.WAGE_SUBSIDY, PT.EXTERNAL_EMPLOYMENT, PT.FLEX_JOB, PT.SMALL_JOB})


@dataclass(frozen=True)
class ReportScope:
    """A period (both days included) and a team, a coach, or everybody."""

    start: date
    end: date
    team_id: str | None = None
    coach_id: str | None = None
    label: str = "Alle"


@dataclass(frozen=True)
class Group:
    """The citizens behind one figure, with a short Danish detail each."""

    key: str
    label: str
    citizen_ids: tuple[str, ...]
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HoursRaised:
    measured: int            # citizens with a baseline and an end level
    raised: int
    from_hours_log: int      # of the measured: counted from HoursRecord
    from_wages: int          # of the measured: counted from wage agreements
    not_measured: int        # citizens in scope with neither
    mean_rise: float | None  # hours/week, among those who raised
    median_rise: float | None
    mean_change: float | None  # hours/week, among all measured

    @property
    def share(self) -> float | None:
        return 100.0 * self.raised / self.measured if self.measured else None


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int
    total: int | None = None  # the denominator, when the count is a share

    @property
    def share(self) -> float | None:
        return 100.0 * self.count / self.total if self.total else None


@dataclass(frozen=True)
class FollowUps:
    on_time: int        # held visits no later than the follow-up plan's due date
    late: int           # held visits after the due date
    overdue_open: int   # citizens whose next contact was overdue at the period's end

    @property
    def late_share(self) -> float | None:
        total = self.on_time + self.late
        return 100.0 * self.late / total if total else None


@dataclass(frozen=True)
class Learning:
    ended: int            # eksterne læringsforløb that ended in the period
    to_employment: int    # ... followed by employment of the same citizen
    same_company: int     # ... of those, at the same company

    @property
    def share(self) -> float | None:
        return 100.0 * self.to_employment / self.ended if self.ended else None


@dataclass(frozen=True)
class MonthRow:
    month: date                  # the first day of the month
    citizens: int                # citizens with hours recorded that month
    weeks: int                   # citizen-weeks recorded
    mean_attendance: float | None  # hours present per citizen-week
    mean_paid: float | None        # paid hours per citizen-week
    intensity: float | None        # paid / present, percent
    ordinary_total: float


@dataclass(frozen=True)
class PilotReport:
    scope: ReportScope
    today: date
    citizens: int
    hours: HoursRaised
    types: tuple[Count, ...]
    moves: tuple[Count, ...]
    ordinary: Count
    followups: FollowUps
    learning: Learning
    months: tuple[MonthRow, ...]
    groups: dict[str, Group]
