"""Changing the program's settings (Indstillinger): checked, then saved."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.context import Context
from app.rules import text
from app.rules.errors import Collector, ValidationError
from app.settings import Settings

# field -> (lowest, highest, Danish label)
RANGES = {
    "retention_days": (30, 36_500, "Opbevaringstiden"),
    "backup_keep_days": (1, 365, "Antal dage med sikkerhedskopier"),
    "idle_lock_minutes": (0, 240, "Låsning efter inaktivitet"),
    "sync_interval_minutes": (1, 120, "Synkroniseringsintervallet"),
}


def _in_range(value: Any, field: str) -> int:
    low, high, label = RANGES[field]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValidationError.single(field, f"{label} skal være mellem {low} og {high}.")
    return value


def change_settings(ctx: Context, **changes: Any) -> Settings:
    """Validate every changed value (Danish message per field), then save."""
    c = Collector()
    clean: dict[str, Any] = {}
    if "unit_name" in changes:
        clean["unit_name"] = c.check("unit_name", text.required_line, changes["unit_name"], "unit_name",
                                     "Enhedens navn", 200)
    for field in RANGES:
        if field in changes:
            clean[field] = c.check(field, _in_range, changes[field], field)
    unknown = set(changes) - set(clean) - {"unit_name"} - set(RANGES)
    for field in unknown:
        c.add(field, "Indstillingen findes ikke.")
    c.raise_if_any()
    ctx.settings = replace(ctx.settings, **clean)
    ctx.settings.save()
    return ctx.settings
