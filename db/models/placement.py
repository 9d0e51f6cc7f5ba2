from __future__ import annotations

from datetime import date, time

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Synced


class Placement(Synced, Base):
    """One citizen at one company (or internal unit) in one employment type."""

    __tablename__ = "placement"
    # The team leader's report reads every live placement by citizen and
    # start (app/reports/reads.py): covering, so never the wide rows.
    __table_args__ = (Index("ix_placement_report", "deleted_at", "citizen_id", "start_date", "id",
                            "placement_type", "end_date", "planned_end", "company_id", "coach_id"),)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id"), index=True)
    company_id: Mapped[str | None] = mapped_column(ForeignKey("company.id"), index=True)
    internal_unit: Mapped[str] = mapped_column(String(200), default="")
    placement_type: Mapped[str] = mapped_column(String(30))
    start_date: Mapped[date] = mapped_column(Date)
    planned_end: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    job_title: Mapped[str] = mapped_column(String(200), default="")
    tasks: Mapped[str] = mapped_column(Text, default="")
    tasks_not_to_do: Mapped[str] = mapped_column(Text, default="")
    contact_person_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    coach_id: Mapped[str | None] = mapped_column(ForeignKey("coach.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="aktiv")
    adjustment_text: Mapped[str] = mapped_column(Text, default="")  # how the agreement is adjusted
    citizen_goal: Mapped[str] = mapped_column(Text, default="")  # the citizen's own goal, in their words
    purpose: Mapped[str] = mapped_column(Text, default="")  # formål (required for a virksomhedspraktik)
    benefit: Mapped[str] = mapped_column(String(100), default="")  # ydelse kept during the forløb


class ScheduleSlot(Synced, Base):
    """Ugeskema: one weekday's hours in one placement (weekday 0 = Monday)."""

    __tablename__ = "schedule_slot"
    placement_id: Mapped[str] = mapped_column(ForeignKey("placement.id"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)


class WageAgreement(Synced, Base):
    """Lønaftale: one version, valid from a date; a new version never overwrites."""

    __tablename__ = "wage_agreement"
    # Every wage version for the report, by placement: covering.
    __table_args__ = (Index("ix_wage_agreement_report", "placement_id", "deleted_at", "valid_from",
                            "version_no", "attendance_hours"),)
    placement_id: Mapped[str] = mapped_column(ForeignKey("placement.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    hourly_wage_ore: Mapped[int] = mapped_column(Integer)  # øre, to keep money exact
    overenskomst: Mapped[str] = mapped_column(String(200), default="")
    attendance_hours: Mapped[float] = mapped_column(Float)
    work_intensity: Mapped[int] = mapped_column(Integer)  # percent, 1-100
    paid_hours: Mapped[float] = mapped_column(Float)      # derived: attendance x intensity
    payer: Mapped[str] = mapped_column(String(30))
    subsidy_per_hour_ore: Mapped[int] = mapped_column(Integer, default=0)
    ordinary_hours: Mapped[float] = mapped_column(Float, default=0.0)  # paid ordinary hours a week
    note: Mapped[str] = mapped_column(Text, default="")
