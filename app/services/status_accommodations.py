"""Skånehensyn in force on a day and how they changed in a period.

A change never overwrites a skånehensyn: it writes a new version that
supersedes the old one (`app.services.accommodations`). A new version takes
over from its own start date when that was moved forward, else from the
day it was recorded. A version that only corrects the dates (same area,
text and source) takes the old one's place from the day that one took
over: it is a correction, not a change of what was agreed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.labels import ACCOMMODATION_CATEGORIES, ACCOMMODATION_SOURCES, label
from app.services.status_model import AccommodationChange, AccommodationLine
from db.enums import AccommodationCategory

# Compensating measures (kompenserende ordninger): aids and personal support.
COMPENSATING = (AccommodationCategory.AIDS.value, AccommodationCategory.SOCIAL.value)
INTRODUCED, CHANGED, ENDED = "Indført", "Ændret", "Ophørt"


@dataclass(frozen=True)
class Version:
    id: str
    supersedes_id: str | None
    category: str
    text: str
    source: str
    start: date
    end: date | None
    recorded_on: date       # local day the version was written


def _same_terms(a: Version, b: Version) -> bool:
    return (a.category, a.text, a.source) == (b.category, b.text, b.source)


class Timeline:
    def __init__(self, versions: list[Version]) -> None:
        self.by_id = {v.id: v for v in versions}
        self.next = {v.supersedes_id: v for v in versions if v.supersedes_id in self.by_id}

    def previous(self, v: Version) -> Version | None:
        return self.by_id.get(v.supersedes_id) if v.supersedes_id else None

    def takes_over(self, v: Version) -> date:
        """The day version `v` replaces the one it supersedes."""
        before = self.previous(v)
        if before is None:
            return v.start
        if _same_terms(v, before):  # a correction: it takes the place of the one it corrects
            return self.takes_over(before)
        return v.start if v.start > before.start else max(v.recorded_on, v.start)

    def in_force(self, day: date) -> list[Version]:
        out = []
        for v in self.by_id.values():
            after = self.next.get(v.id)
            if (v.start <= day and (v.end is None or v.end >= day)
                    and (self.previous(v) is None or self.takes_over(v) <= day)
                    and (after is None or self.takes_over(after) > day)):
                out.append(v)
        return sorted(out, key=lambda v: (v.category, v.start, v.id))

    def changes(self, start: date, end: date) -> list[AccommodationChange]:
        out = []
        for v in self.by_id.values():
            before, after = self.previous(v), self.next.get(v.id)
            if before is None and start <= v.start <= end:
                out.append(_change(v.start, INTRODUCED, v))
            if before is not None and not _same_terms(v, before) and start <= self.takes_over(v) <= end:
                out.append(_change(self.takes_over(v), CHANGED, v, before.text))
            if after is None and v.end is not None and start <= v.end <= end:
                out.append(_change(v.end, ENDED, v))
        return sorted(out, key=lambda c: (c.day, c.category, c.what))


def _change(day: date, what: str, v: Version, before: str = "") -> AccommodationChange:
    return AccommodationChange(day, what, label(ACCOMMODATION_CATEGORIES, v.category), v.text, before)


def line(v: Version) -> AccommodationLine:
    return AccommodationLine(label(ACCOMMODATION_CATEGORIES, v.category), v.text,
                             label(ACCOMMODATION_SOURCES, v.source), v.start, v.end, v.category in COMPENSATING)
