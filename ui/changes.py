"""The change bus: after a write, one announcement of what changed (the
kinds of rows, named after their tables, and their ids). Pages listen and
refresh what they show instead of being refreshed by hand from elsewhere.

    changes.bus().changed.connect(self.on_changes)

    def on_changes(self, change: Changes) -> None:
        if change.touches(changes.VISIT, changes.PLACEMENT):
            self.refresh()
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

# Kinds are the table names of the rows that changed.
CITIZEN = "citizen"
COMPANY = "company"
CONTACT_PERSON = "contact_person"
PLACEMENT = "placement"
SCHEDULE_SLOT = "schedule_slot"
VISIT = "visit"
ACCOMMODATION = "accommodation"
ACCOMMODATION_CHECK = "accommodation_check"
WAGE_AGREEMENT = "wage_agreement"
HOURS_RECORD = "hours_record"
MILESTONE = "milestone"
ACTION = "action"
ADDENDUM = "addendum"
CONFLICT = "conflict"
SYNC = "sync"          # rows arrived from the server (any table)
SETTINGS = "settings"  # the local settings file
ALL = frozenset({CITIZEN, COMPANY, CONTACT_PERSON, PLACEMENT, SCHEDULE_SLOT, VISIT, ACCOMMODATION,
                 ACCOMMODATION_CHECK, WAGE_AGREEMENT, HOURS_RECORD, MILESTONE, ACTION, ADDENDUM,
                 CONFLICT, SYNC, SETTINGS})


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[str]
    ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, kinds: Iterable[str], ids: Iterable[str] = ()) -> Changes:
        unknown = set(kinds) - ALL
        if unknown:  # a typo here would silently refresh nothing
            raise ValueError(f"unknown change kinds: {sorted(unknown)}")
        return cls(frozenset(kinds), frozenset(i for i in ids if i))

    def touches(self, *kinds: str) -> bool:
        """True when any of `kinds` changed; a sync touches everything."""
        return SYNC in self.kinds or not self.kinds.isdisjoint(kinds)


class ChangeBus(QObject):
    changed = Signal(object)  # Changes

    def announce(self, kinds: Iterable[str], ids: Iterable[str] = ()) -> Changes:
        change = Changes.of(kinds, ids)
        self.changed.emit(change)
        return change


_BUS_NAME = "jobcoach_change_bus"


def bus() -> ChangeBus:
    """The application's one bus (a child of the QApplication, so it lives
    as long as the application and a new application in tests gets a new one)."""
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("the change bus needs a QApplication")
    found = app.findChild(ChangeBus, _BUS_NAME)
    if found is None:
        found = ChangeBus(app)
        found.setObjectName(_BUS_NAME)
    return found


def announce(kinds: Iterable[str], ids: Iterable[str] = ()) -> Changes:
    return bus().announce(kinds, ids)
