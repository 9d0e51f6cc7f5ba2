"""The statusudtalelse as plain data: what the PDF and the text show.

Built by `app.services.status_report` from the store; read by the PDF and
text renderers. Code values are already Danish labels here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class PlacementLine:
    kind: str               # Danish label of the employment type
    workplace: str          # company name or internal unit
    job_title: str
    start: date
    end: date | None        # actual end, else the planned end, else None (running)
    ended: bool             # True when `end` is the actual end date


@dataclass(frozen=True)
class MonthHours:
    """One calendar month of the period. Recorded figures sum the weeks of
    the hours log whose Monday falls in the month (and in the period)."""

    month: date                       # first day of the month
    weeks: int                        # weeks recorded
    present: float                    # fremmødetimer
    effective: float                  # effektive timer (fremmøde x intensitet)
    ordinary: float                   # ordinære timer
    agreed_present: float | None      # hours a week by agreement at the month's end
    agreed_intensity: float | None    # percent, by agreement at the month's end

    @property
    def per_week(self) -> float | None:
        return self.present / self.weeks if self.weeks else None

    @property
    def intensity(self) -> float | None:
        return 100.0 * self.effective / self.present if self.present else None


@dataclass(frozen=True)
class Trend:
    first_month: date
    last_month: date
    first: float            # hours present a week
    last: float
    source: str             # "timer" (hours log) or "aftale" (wage versions / schedule)

    @property
    def change(self) -> float:
        return round(self.last - self.first, 2)

    @property
    def direction(self) -> str:
        return "stigende" if self.change > 0 else "faldende" if self.change < 0 else "uændret"


@dataclass(frozen=True)
class IntensityStep:
    """A wage version in force during the period."""

    valid_from: date
    workplace: str
    present: float          # agreed hours present a week
    intensity: int          # percent
    effective: float        # agreed effective (paid) hours a week


@dataclass(frozen=True)
class AccommodationLine:
    category: str
    text: str
    source: str
    since: date
    until: date | None
    compensating: bool      # hjælpemidler or social støtte (aids, mentor)


@dataclass(frozen=True)
class AccommodationChange:
    day: date
    what: str               # "Indført", "Ændret", "Ophørt"
    category: str
    text: str
    before: str = ""        # the earlier text, when it changed


@dataclass(frozen=True)
class MilestoneLine:
    kind: str
    text: str
    target: date
    status: str             # "Nået", "Ikke nået", "Frist overskredet", "Planlagt"
    achieved_on: date | None
    workplace: str


@dataclass(frozen=True)
class FollowUpLine:
    day: date
    what: str               # "Afholdt", "Afholdt for sent", "Frist uden kontakt", "Aflyst", ...
    channel: str = ""       # "På stedet", "Telefon", "Video"
    due: date | None = None


@dataclass(frozen=True)
class Quote:
    """A passage of a visit's notes the coach may quote (never the whole notes)."""

    day: date
    text: str

    def as_quote(self) -> str:
        return f"»{self.text}« (besøg {self.day:%d.%m.%Y})"


@dataclass(frozen=True)
class StatusReport:
    unit_name: str
    citizen_id: str
    citizen_name: str
    coach_name: str
    coach_contact: str      # phone and e-mail, as one line
    start: date
    end: date
    made_at: datetime       # UTC, naive
    made_on: date           # local day
    placements: list[PlacementLine]
    months: list[MonthHours]
    trend: Trend | None
    intensity_steps: list[IntensityStep]
    accommodations: list[AccommodationLine]       # in force at the period's end
    accommodation_changes: list[AccommodationChange]
    support_text: str                             # the citizen's "support" field (mentor, aids)
    milestones: list[MilestoneLine]               # with a target date or achievement in the period
    followups: list[FollowUpLine]
    assessment: str = ""
    recommendation: str = ""
    upcoming: list[MilestoneLine] = field(default_factory=list)

    @property
    def compensating(self) -> list[AccommodationLine]:
        return [a for a in self.accommodations if a.compensating]

    def milestones_with(self, *status: str) -> list[MilestoneLine]:
        return [m for m in self.milestones if m.status in status]

    def followups_with(self, *what: str) -> list[FollowUpLine]:
        return [f for f in self.followups if f.what in what]

    def totals(self) -> tuple[float, float, float]:
        """Hours present, effective and ordinary over the period's recorded weeks."""
        return (sum(m.present for m in self.months), sum(m.effective for m in self.months),
                sum(m.ordinary for m in self.months))
