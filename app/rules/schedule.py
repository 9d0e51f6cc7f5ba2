"""Weekly schedule: slots of one citizen may not overlap across placements."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from app.rules.errors import ValidationError

WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")


@dataclass(frozen=True)
class Slot:
    weekday: int
    start: time
    end: time
    placement_id: str = ""


def check_slot(slot: Slot, field: str = "schedule") -> None:
    if not 0 <= slot.weekday <= 6:
        raise ValidationError.single(field, "Ugedagen er ugyldig.")
    if slot.end <= slot.start:
        raise ValidationError.single(field, "Sluttidspunktet skal ligge efter starttidspunktet.")


def overlaps(a: Slot, b: Slot) -> bool:
    return a.weekday == b.weekday and a.start < b.end and b.start < a.end


def check_no_overlap(new: list[Slot], existing: list[Slot], field: str = "schedule") -> None:
    """`existing` are the citizen's other slots (other placements, or kept ones)."""
    for i, slot in enumerate(new):
        check_slot(slot, field)
        for other in list(existing) + new[i + 1:]:
            if overlaps(slot, other):
                raise ValidationError.single(
                    field,
                    f"{WEEKDAYS[slot.weekday]} {slot.start:%H:%M}-{slot.end:%H:%M} overlapper "
                    f"{other.start:%H:%M}-{other.end:%H:%M} samme dag.",
                )


def weekly_hours(slots: list[Slot]) -> float:
    total = 0
    for s in slots:
        total += (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)
    return round(total / 60, 2)
