"""The "I dag" overview: the coach's own to-do list in sections (overdue,
today, this week, læringsforløb ending, milestones, actions, and whatever
other modules register, e.g. unsigned agreements).

Sources live in app/services/today_sources.py; another module adds its own
kind of item with `register_source(kind, section, source)`. A coach_id
limits everything to that coach's citizens (the default in the window);
None is the whole team."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from app.context import Context

SOON_DAYS = 14
WEEK_DAYS = 7


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    colour: str  # the header's colour in the window (hex)


SECTIONS: list[Section] = [
    Section("overdue", "Overskredet", "#b00020"),
    Section("today", "I dag", "#c25e00"),
    Section("week", "Denne uge", "#1f5fa8"),
    Section("learning", "Læringsforløb der slutter", "#6a3fa0"),
    Section("milestones", "Delmål", "#2e7d32"),
    Section("actions", "Handlinger", "#455a64"),
    Section("unsigned", "Aftaler der mangler underskrift", "#8d6e00"),
]


@dataclass(frozen=True)
class TodayItem:
    kind: str          # followup | visit_today | learning_ending | milestone_due | action_open | (registered)
    citizen_id: str | None
    citizen_name: str
    text: str          # what to do, once (the section and the date say the rest)
    due: date | None
    visit_id: str | None = None
    placement_id: str | None = None
    section: str = ""  # filled in by overview()
    when: str = ""     # "i dag", "om 3 dage", "5 dage for sent", "20 mdr. for sent"


Source = Callable[..., list[TodayItem]]  # (session, today, coach_id) -> items
# kind -> section; "by_date" puts the item in Overskredet / I dag / Denne uge by its date
KIND_SECTION: dict[str, str] = {"followup": "by_date", "visit_today": "today",
                                "learning_ending": "learning", "milestone_due": "milestones",
                                "action_open": "actions", "addendum_unsigned": "unsigned"}
_SOURCES: list[Source] = []


def register_source(kind: str, section: str, source: Source) -> None:
    """Add a kind of item (e.g. "Aftaler der mangler underskrift") to I dag."""
    KIND_SECTION[kind] = section
    if source not in _SOURCES:
        _SOURCES.append(source)


def how_late(due: date | None, today: date) -> str:
    """Days or months before or after today, in Danish."""
    if due is None:
        return ""
    days = (due - today).days
    if days == 0:
        return "i dag"
    span = abs(days)
    amount = f"{span} dag{'e' if span != 1 else ''}" if span < 60 else f"{span // 30} mdr."
    return f"om {amount}" if days > 0 else f"{amount} for sent"


def section_of(item: TodayItem, today: date) -> str:
    section = KIND_SECTION.get(item.kind, "actions")
    if section != "by_date":
        return section
    if item.due is None or item.due < today:
        return "overdue"
    return "today" if item.due == today else "week"


def overview(ctx: Context, today: date | None = None, coach_id: str | None = None) -> list[TodayItem]:
    """Every item, with its section and how late, in section order then by date."""
    from app.services import today_sources

    today = today or date.today()
    with ctx.uow() as s:
        items = [item for source in today_sources.BUILT_IN + _SOURCES for item in source(s, today, coach_id)]
    order = {section.key: n for n, section in enumerate(SECTIONS)}
    placed = [replace(i, section=section_of(i, today), when=i.when or how_late(i.due, today)) for i in items]
    return sorted(placed, key=lambda i: (order.get(i.section, len(order)), i.due or today, i.citizen_name))


def counts(items: list[TodayItem]) -> dict[str, int]:
    out = {section.key: 0 for section in SECTIONS}
    for item in items:
        out[item.section] = out.get(item.section, 0) + 1
    return out
