"""Reading the access log: filters for the team leader and a CSV export.

Only reads: nothing here (or anywhere in the program) changes a log row; see
app.services.access_guard. Times are stored in UTC and shown in local time.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from app.context import Context
from app.formatting import fmt_datetime
from app.rules import dates
from app.rules.errors import Collector
from db.models import AccessLog, Citizen

ACTION_LABELS = {
    "view": "Set", "search_open": "Åbnet fra søgning", "create": "Oprettet", "change": "Ændret",
    "print": "Udskrevet", "export": "Udtræk (indsigt)", "delete": "Slettet",
    "reveal_cpr": "Fuldt CPR-nummer vist", "undelete": "Gendannet", "erase": "Slettet endeligt",
}
ENTITY_LABELS = {
    "citizen": "Borger", "visit": "Besøg", "placement": "Forløb", "accommodation": "Skånehensyn",
    "accommodation_check": "Skånehensyn (opfølgning)", "wage_agreement": "Lønaftale",
    "milestone": "Delmål", "hours_record": "Timer", "action": "Handling", "addendum": "Tillægsaftale",
    "report": "Rapport", "company": "Virksomhed", "contact_person": "Kontaktperson",
    "status_report": "Statusudtalelse",
}
CSV_HEADER = ["Tidspunkt", "Bruger", "Handling", "Borger-id", "Borger", "Type", "Post-id", "Detalje"]
MAX_ROWS = 100_000


@dataclass(frozen=True)
class AccessEntry:
    id: str
    at: datetime            # local time
    user: str
    action: str
    citizen_id: str | None
    citizen_name: str       # "" when erased or unknown
    entity: str
    entity_id: str | None
    detail: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, "Anden handling")  # never a raw English word

    @property
    def entity_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, "Andet")


def _to_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def query(ctx: Context, citizen_id: str | None = None, user: str | None = None,
          start: date | None = None, end: date | None = None, limit: int = MAX_ROWS) -> list[AccessEntry]:
    """Entries newest first; start/end are local days, both included."""
    _check_filters(citizen_id, user, start, end)
    q = (select(AccessLog, Citizen.name, Citizen.deleted_at)
         .outerjoin(Citizen, Citizen.id == AccessLog.citizen_id)
         .where(AccessLog.deleted_at.is_(None)))
    if citizen_id:
        q = q.where(AccessLog.citizen_id == citizen_id)
    if user:
        q = q.where(AccessLog.user == user)
    if start:
        q = q.where(AccessLog.at >= _to_utc(datetime.combine(_day(start), time.min)))
    if end:
        q = q.where(AccessLog.at < _to_utc(datetime.combine(_day(end) + timedelta(days=1), time.min)))
    q = q.order_by(AccessLog.at.desc(), AccessLog.id.desc()).limit(limit)
    with ctx.uow() as s:
        return [AccessEntry(r.id, _to_local(r.at), r.user, r.action, r.citizen_id,
                            name if name and gone is None else "", r.entity, r.entity_id, r.detail)
                for r, name, gone in s.execute(q)]


def _check_filters(citizen_id, user, start, end) -> None:
    c = Collector()
    for field, value in (("citizen_id", citizen_id), ("user", user)):
        if value is not None and not isinstance(value, str):
            c.add(field, "Filteret skal være tekst.")
    for field, value in (("start", start), ("end", end)):
        if value is not None and not (isinstance(value, date) and dates.EARLIEST <= _day(value) <= dates.LATEST):
            c.add(field, "Angiv en dato mellem 1990 og 2100.")
    c.raise_if_any()


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def users(ctx: Context) -> list[str]:
    with ctx.uow() as s:
        return sorted(s.scalars(select(AccessLog.user).distinct()))


def write_csv(entries: list[AccessEntry], path: Path) -> int:
    """Semicolon-separated, UTF-8 with BOM: opens right in a Danish Excel."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        out.writerow(CSV_HEADER)
        for e in entries:
            out.writerow([fmt_datetime(e.at) + e.at.strftime(":%S"), _csv_safe(e.user), e.action_label,
                          e.citizen_id or "", _csv_safe(e.citizen_name), e.entity_label,
                          e.entity_id or "", _csv_safe(e.detail)])
    return len(entries)


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_csv(ctx: Context, path: Path, **filters) -> int:
    return write_csv(query(ctx, **filters), path)
