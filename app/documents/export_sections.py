"""The text of the access-request PDF, section by section: (style, text)
pairs built from the collected data, with Danish labels and formats."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from app import labels
from app.formatting import fmt_date, fmt_datetime, fmt_hours, fmt_kr
from app.rules.schedule import WEEKDAYS
from app.services.access_log import ACTION_LABELS, ENTITY_LABELS

Line = tuple[str, str]


def _d(value: str | None) -> str:
    return fmt_date(date.fromisoformat(value[:10])) if value else ""


def _dt(value: str | None) -> str:
    return fmt_datetime(datetime.fromisoformat(value)) if value else ""


def _local(value: str) -> str:
    """Log times are stored in UTC; people read local time."""
    return fmt_datetime(datetime.fromisoformat(value).replace(tzinfo=UTC).astimezone())


def _deleted(row: dict[str, Any]) -> str:
    return " (slettet)" if row.get("slettet") else ""


def _citizen(c: dict[str, Any]) -> Iterator[Line]:
    yield "h1", "Personoplysninger"
    for label, key in (("Navn", "name"), ("CPR-nummer", "cpr"), ("Telefon", "phone"),
                       ("E-mail", "email"), ("Adresse", "address"), ("Postnummer", "postal_code"),
                       ("By", "city"), ("Støtte (mentor, hjælpemidler)", "support")):
        yield "body", f"{label}: {c.get(key) or '–'}"
    yield "body", f"Status: {labels.label(labels.CITIZEN_STATUS, c.get('status'))}" \
                  f"{' – afsluttet ' + _d(c['ended_on']) if c.get('ended_on') else ''}"
    yield "body", f"Oprettet: {_dt(c.get('created_at'))}; senest ændret: {_dt(c.get('updated_at'))}"


def _placement(p: dict[str, Any]) -> Iterator[Line]:
    where = (p.get("company") or {}).get("name") or p.get("internal_unit") or ""
    yield "h2", f"{labels.label(labels.PLACEMENT_TYPES, p['placement_type'])} – {where}{_deleted(p)}"
    yield "body", (f"Periode: {_d(p['start_date'])} – "
                   f"{_d(p.get('end_date') or p.get('planned_end')) or 'ingen slutdato'}; "
                   f"jobtitel: {p.get('job_title') or '–'}; status: "
                   f"{labels.label(labels.PLACEMENT_STATUS, p.get('status'))}")
    if p.get("contact_person"):
        yield "body", f"Kontaktperson: {p['contact_person']['name']}"
    for label, key in (("Arbejdsopgaver", "tasks"), ("Opgaver, borgeren ikke skal lave", "tasks_not_to_do"),
                       ("Justering af aftalen", "adjustment_text")):
        if p.get(key):
            yield "body", f"{label}: {p[key]}"
    for s in p["schedule"]:
        yield "small", f"Ugeskema: {WEEKDAYS[s['weekday']]} {s['start_time'][:5]}–{s['end_time'][:5]}{_deleted(s)}"
    for w in p["wage_versions"]:
        yield "small", (f"Lønaftale version {w['version_no']} fra {_d(w['valid_from'])}: "
                        f"{fmt_kr(w['hourly_wage_ore'])} i timen, {fmt_hours(w['attendance_hours'])} fremmøde, "
                        f"{w['work_intensity']} % intensitet, {fmt_hours(w['paid_hours'])} løn; "
                        f"{labels.label(labels.PAYERS, w['payer'])}. {w.get('note') or ''}{_deleted(w)}")
    for m in p["milestones"]:
        yield "small", (f"Delmål ({labels.label(labels.MILESTONE_KINDS, m['kind'])}) til {_d(m['target_date'])}: "
                        f"{m.get('text') or ''} – {labels.label(labels.MILESTONE_STATUS, m['status'])}{_deleted(m)}")
    for h in p["hours"]:
        yield "small", (f"Uge fra {_d(h['week_start'])}: {fmt_hours(h['attendance_hours'])} fremmøde, "
                        f"{fmt_hours(h['paid_hours'])} løn, {fmt_hours(h['ordinary_hours'])} ordinære. "
                        f"{h.get('note') or ''}")
    for a in p["addenda"]:
        yield "small", (f"Tillægsaftale version {a['version_no']} udskrevet {_dt(a['printed_at'])}"
                        f"{', underskrevet ' + _d(a['signed_on']) if a.get('signed_on') else ''}; "
                        f"filens SHA-256: {a['file_sha256']}")
        for sig in a.get("signatures", []):
            yield "small", (f"– underskrevet på skærm af {sig['signer_name']} ({sig['party']}) "
                            f"{_local(sig['signed_at'])}{_deleted(sig)}")
        for f in a.get("files", []):
            kind = "underskrevet og forseglet kopi" if f["kind"] == "sealed" else "underskrevet papirkopi"
            yield "small", f"– {kind}: {f['export_file']}{_deleted(f)}"


def _accommodation(a: dict[str, Any]) -> Line:
    state = "tidligere version" if a.get("superseded") else "gældende"
    return "body", (f"{labels.label(labels.ACCOMMODATION_CATEGORIES, a['category'])} ({state}, "
                    f"kilde: {labels.label(labels.ACCOMMODATION_SOURCES, a['source'])}, "
                    f"{_d(a['start_date'])} – {_d(a.get('end_date'))}): {a['text']}{_deleted(a)}")


def _visit(v: dict[str, Any]) -> Iterator[Line]:
    yield "h2", (f"{_dt(v['at'])} – {labels.label(labels.VISIT_CHANNELS, v['channel'])}, "
                 f"{labels.label(labels.VISIT_STATUS, v['status'])}{_deleted(v)}")
    if v.get("participants"):
        yield "small", f"Deltagere: {v['participants']}"
    yield "body", v.get("notes") or "(ingen noter)"
    for c in v["accommodation_checks"]:
        yield "small", (f"Skånehensyn: {labels.label(labels.CHECK_STATUS, c['status'])}. "
                        f"{c.get('comment') or ''}")
    for a in v["actions"]:
        yield "small", (f"Aftalt handling: {a['text']} (ansvarlig: {a.get('owner') or '–'}, "
                        f"frist {_d(a.get('due_date'))})")


def sections(data: dict[str, Any]) -> Iterator[Line]:
    yield from _citizen(data["citizen"])
    yield "h1", "Forløb, ugeskema, lønaftaler, delmål og timer"
    for p in data["placements"]:
        yield from _placement(p)
    yield "h1", "Skånehensyn (med historik)"
    for a in data["accommodations"]:
        yield _accommodation(a)
    yield "h1", "Besøg og opfølgning"
    for v in data["visits"]:
        yield from _visit(v)
    yield "h1", "Øvrige aftalte handlinger"
    if not data["actions"]:
        yield "body", "(ingen)"
    for a in data["actions"]:
        yield "body", f"{a['text']} (ansvarlig: {a.get('owner') or '–'}, frist {_d(a.get('due_date'))})"
    yield "h1", "Adgangslog: hvem har set eller ændret oplysningerne"
    for e in data["access_log"]:
        yield "small", (f"{_local(e['at'])} – {e['user']} – {ACTION_LABELS.get(e['action'], e['action'])} – "
                        f"{ENTITY_LABELS.get(e['entity'], e['entity'])} {e.get('detail') or ''}")
