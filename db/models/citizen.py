from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Synced


class Citizen(Synced, Base):
    """Borger. CPR is optional (data minimisation)."""

    __tablename__ = "citizen"
    # The report joins each placement to its citizen's coach: covering, so
    # the citizen's personal data is not read for it.
    __table_args__ = (Index("ix_citizen_report", "id", "deleted_at", "coach_id"),)
    name: Mapped[str] = mapped_column(String(200))
    cpr: Mapped[str | None] = mapped_column(String(11), default=None)
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(4), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default="aktiv")
    coach_id: Mapped[str | None] = mapped_column(ForeignKey("coach.id"), index=True)
    support: Mapped[str] = mapped_column(Text, default="")  # mentor, aids, other support
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)
