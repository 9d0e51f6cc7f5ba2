"""The change bus: after a write, one announcement of what changed (the
kinds of rows, named after their tables, and their ids). Pages listen and
refresh what they show instead of being refreshed by hand from elsewhere.

    changes.bus().changed.connect(self.on_changes)

    def on_changes(self, change: Changes) -> None:
        if change.touches(changes.VISIT, changes.PLACEMENT):
            self.refresh()
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

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
    """Application-wide signals: `changed` after a write, `settings_changed`
    (with the new app.settings.Settings) after Indstillinger is saved."""
    changed = Signal(object)           # Changes
    settings_changed = Signal(object)  # Settings

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


class Follower(QObject):
    """Calls `refresh` when a change of one of `kinds` is announced: at once
    (after this turn of the event loop, so a burst gives one refresh) while
    `widget` is visible, else the next time it is shown. With `ids`, only
    changes naming one of those ids (or naming none) count."""

    def __init__(self, widget: QWidget, kinds: Iterable[str], refresh: Callable[[], None],
                 ids: Callable[[], Iterable[str | None]] | None = None) -> None:
        super().__init__(widget)
        self.widget, self.kinds, self.refresh, self.ids = widget, tuple(kinds), refresh, ids
        self.stale = self.queued = False
        bus().changed.connect(self._on_change)
        widget.installEventFilter(self)

    def _on_change(self, change: Changes) -> None:
        if not change.touches(*self.kinds):
            return
        if self.ids is not None and change.ids and SYNC not in change.kinds:
            wanted = {i for i in self.ids() if i}
            if not wanted or wanted.isdisjoint(change.ids):
                return
        self.stale = True
        if self.widget.isVisible() and not self.queued:
            self.queued = True
            QTimer.singleShot(0, self._run)

    def _run(self) -> None:
        self.queued = False
        if self.stale:
            self.stale = False
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stale and not self.queued:
            self.queued = True
            QTimer.singleShot(0, self._run)
        return False


def follow(widget: QWidget, kinds: Iterable[str], refresh: Callable[[], None],
           ids: Callable[[], Iterable[str | None]] | None = None) -> Follower:
    """Keep `widget` up to date: see Follower."""
    return Follower(widget, kinds, refresh, ids)
