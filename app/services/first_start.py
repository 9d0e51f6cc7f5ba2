"""The first-start guide's services: whether to show it (an empty store,
guide not yet done), and step 1: the user's own name and the unit's."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from app.context import Context
from app.rules import text
from app.rules.errors import Collector
from db.models import Citizen, Coach


def should_show(ctx: Context) -> bool:
    if ctx.settings.guide_done:
        return False
    with ctx.uow() as s:
        return not s.scalar(select(func.count()).select_from(Citizen))


def my_name(ctx: Context) -> str:
    with ctx.uow() as s:
        coach = s.get(Coach, ctx.coach_id)
        return coach.full_name if coach is not None else ""


def save_me(ctx: Context, full_name: str, unit_name: str) -> None:
    """Step 1: the name colleagues see on your records, and your unit (on agreements)."""
    c = Collector()
    name = c.check("full_name", text.required_line, full_name, "full_name", "Dit navn", 200)
    unit = c.check("unit_name", text.required_line, unit_name, "unit_name", "Enhedens navn", 200)
    c.raise_if_any()
    with ctx.uow() as s:
        coach = s.get(Coach, ctx.coach_id)
        if coach is not None and coach.full_name != name:
            coach.full_name = name
    if ctx.settings.unit_name != unit:
        ctx.settings = replace(ctx.settings, unit_name=unit)
        ctx.settings.save()


def mark_done(ctx: Context) -> None:
    ctx.settings = replace(ctx.settings, guide_done=True)
    ctx.settings.save()
