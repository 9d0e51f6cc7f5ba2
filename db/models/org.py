from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Synced


class Team(Synced, Base):
    __tablename__ = "team"
    name: Mapped[str] = mapped_column(String(200))


class Coach(Synced, Base):
    """A user of the program (jobkonsulent, virksomhedskonsulent, leader)."""

    __tablename__ = "coach"
    team_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"), index=True)
    username: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    role: Mapped[str] = mapped_column(String(20), default="coach")
