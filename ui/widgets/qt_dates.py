"""Qt's date values as Python's and back. PySide6 types `toPython()` as
`object`; these say what it returns for a QDate and a QDateTime."""
from __future__ import annotations

from datetime import date, datetime
from typing import cast

from PySide6.QtCore import QDate, QDateTime, QTime


def to_date(value: QDate) -> date:
    return cast(date, value.toPython())


def to_datetime(value: QDateTime) -> datetime:
    return cast(datetime, value.toPython())


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day),
                     QTime(value.hour, value.minute, value.second, value.microsecond // 1000))
