"""Plain data objects returned by the services."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import Any, TypeVar

T = TypeVar("T")


def to_dto(row: Any, cls: type[T], **extra: Any) -> T:
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values = {n: getattr(row, n) for n in names if n not in extra and hasattr(row, n)}
    return cls(**values, **extra)


@dataclass(frozen=True)
class CompanyDTO:
    id: str
    name: str
    cvr: str
    p_number: str
    address: str
    postal_code: str
    city: str
    phone: str
    email: str
    industry: str
    employees: int | None
    notes: str
    version: int


@dataclass(frozen=True)
class ContactDTO:
    id: str
    company_id: str
    name: str
    title: str
    phone: str
    email: str


@dataclass(frozen=True)
class CitizenDTO:
    id: str
    name: str
    cpr: str | None
    phone: str
    email: str
    address: str
    postal_code: str
    city: str
    status: str
    coach_id: str | None
    support: str
    ended_on: date | None
    version: int

    @property
    def cpr_masked(self) -> str:
        return f"{self.cpr[:6]}-xxxx" if self.cpr else ""


@dataclass(frozen=True)
class PlacementDTO:
    id: str
    citizen_id: str
    company_id: str | None
    internal_unit: str
    placement_type: str
    start_date: date
    planned_end: date | None
    end_date: date | None
    job_title: str
    tasks: str
    tasks_not_to_do: str
    contact_person_id: str | None
    coach_id: str | None
    status: str
    adjustment_text: str
    version: int
    citizen_name: str = ""
    company_name: str = ""
    citizen_goal: str = ""
    purpose: str = ""
    benefit: str = ""


@dataclass(frozen=True)
class SlotDTO:
    id: str
    placement_id: str
    weekday: int
    start_time: time
    end_time: time


@dataclass(frozen=True)
class WageDTO:
    id: str
    placement_id: str
    version_no: int
    valid_from: date
    hourly_wage_ore: int
    overenskomst: str
    attendance_hours: float
    work_intensity: int
    paid_hours: float
    payer: str
    subsidy_per_hour_ore: int
    note: str
    ordinary_hours: float = 0.0


@dataclass(frozen=True)
class AccommodationDTO:
    id: str
    citizen_id: str
    placement_id: str | None
    category: str
    text: str
    source: str
    start_date: date
    end_date: date | None
    supersedes_id: str | None
    superseded: bool
    created_at: datetime
    share_consent: bool = False


@dataclass(frozen=True)
class MilestoneDTO:
    id: str
    placement_id: str
    kind: str
    text: str
    target_date: date
    status: str
    achieved_on: date | None


@dataclass(frozen=True)
class HoursDTO:
    id: str
    placement_id: str
    week_start: date
    attendance_hours: float
    paid_hours: float
    ordinary_hours: float
    note: str


@dataclass(frozen=True)
class VisitDTO:
    id: str
    citizen_id: str | None
    placement_id: str | None
    company_id: str | None
    coach_id: str | None
    at: datetime
    channel: str
    status: str
    participants: str
    notes: str
    next_contact: date | None
    version: int


@dataclass(frozen=True)
class CheckDTO:
    id: str
    visit_id: str
    accommodation_id: str
    status: str
    comment: str


@dataclass(frozen=True)
class ActionDTO:
    id: str
    citizen_id: str | None
    visit_id: str | None
    text: str
    owner: str
    due_date: date | None
    done_on: date | None


@dataclass(frozen=True)
class Page:
    rows: list
    total: int
