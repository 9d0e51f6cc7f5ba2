from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Synced


class Accommodation(Synced, Base):
    """Skånehensyn. A change writes a new row that supersedes the old one."""

    __tablename__ = "accommodation"
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id"), index=True)
    placement_id: Mapped[str | None] = mapped_column(ForeignKey("placement.id"), index=True)
    category: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(30))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("accommodation.id"), default=None)
    superseded: Mapped[bool] = mapped_column(default=False)
    # The citizen agreed that the employer may see where a health-related one comes from.
    share_consent: Mapped[bool] = mapped_column(default=False)


class Milestone(Synced, Base):
    """Delmål / milepæl with a target date."""

    __tablename__ = "milestone"
    placement_id: Mapped[str] = mapped_column(ForeignKey("placement.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planlagt")
    achieved_on: Mapped[date | None] = mapped_column(Date, default=None)


class HoursRecord(Synced, Base):
    """Hours of one week (week_start is a Monday) in one placement."""

    __tablename__ = "hours_record"
    # Every recorded week for the report, by placement (app/reports/weeks.py): covering.
    __table_args__ = (Index("ix_hours_record_report", "placement_id", "deleted_at", "week_start",
                            "attendance_hours", "paid_hours", "ordinary_hours"),)
    placement_id: Mapped[str] = mapped_column(ForeignKey("placement.id"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    attendance_hours: Mapped[float] = mapped_column(Float)
    paid_hours: Mapped[float] = mapped_column(Float)
    ordinary_hours: Mapped[float] = mapped_column(Float, default=0.0)
    note: Mapped[str] = mapped_column(String(500), default="")
