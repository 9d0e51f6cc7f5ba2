from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Synced


class Visit(Synced, Base):
    """Besøg / opfølgning: a visit or contact, with notes."""

    __tablename__ = "visit"
    # "I dag" and the reports ask for each citizen's last held visit; covering,
    # so the notes are never read for it.
    # The team leader's report reads every held visit of a period: covering,
    # so a 12-month report reads the index and never a page of notes.
    # The replica checksum reads (id, version, deleted_at) of every visit in
    # id order: covering too, for the same reason.
    __table_args__ = (Index("ix_visit_citizen_status_at", "citizen_id", "status", "deleted_at", "at"),
                      Index("ix_visit_status_at_cover", "status", "at", "deleted_at", "citizen_id",
                            "placement_id"),
                      Index("ix_visit_replica", "id", "version", "deleted_at"))
    citizen_id: Mapped[str | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    placement_id: Mapped[str | None] = mapped_column(ForeignKey("placement.id"), index=True)
    company_id: Mapped[str | None] = mapped_column(ForeignKey("company.id"), index=True)
    coach_id: Mapped[str | None] = mapped_column(ForeignKey("coach.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(20), default="paa_stedet")
    status: Mapped[str] = mapped_column(String(20), default="afholdt")
    participants: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    next_contact: Mapped[date | None] = mapped_column(Date, default=None)


class AccommodationCheck(Synced, Base):
    """The mark a visit gives one active skånehensyn."""

    __tablename__ = "accommodation_check"
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    accommodation_id: Mapped[str] = mapped_column(ForeignKey("accommodation.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")


class Action(Synced, Base):
    """Aftalt handling: a follow-up task with an owner and a due date."""

    __tablename__ = "action"
    citizen_id: Mapped[str | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date, default=None)
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
