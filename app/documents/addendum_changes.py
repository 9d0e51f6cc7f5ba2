"""What a new version of the tillægsaftale says about itself: the day it is
printed (local date), the day its terms apply from, the version it replaces
and which parts of the agreement changed since that version."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

# Snapshot keys as the reader knows them, in the order of the document.
PARTS = (("company", "Virksomheden"), ("contact", "Kontaktperson"), ("citizen", "Borgerens oplysninger"),
         ("coach", "Jobcoach"), ("unit_name", "Den kommunale enhed"), ("placement", "Forløbet"),
         ("schedule", "Ugeskema"), ("wage_versions", "Løn og timer"), ("accommodations", "Skånehensyn"),
         ("milestones", "Delmål"), ("followup", "Opfølgningsplan"), ("support", "Støtte"),
         ("clauses", "Standardvilkår"))
PLACEMENT_PARTS = (("type_code", "beskæftigelsestype"), ("start", "startdato"),
                   ("planned_end", "planlagt slutdato"), ("end", "slutdato"), ("status", "status"),
                   ("tasks", "arbejdsopgaver"), ("tasks_not_to_do", "opgaver borgeren ikke skal udføre"),
                   ("citizen_goal", "borgerens eget mål"), ("purpose", "formål"), ("benefit", "ydelse"),
                   ("job_title", "jobtitel"), ("adjustment", "justering af aftalen"))


def local_time(moment: datetime) -> datetime:
    """The moment on the laptop's clock (the OS time zone); a naive moment is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def local_date(moment: datetime) -> date:
    return local_time(moment).date()


def version_meta(new: dict[str, Any], previous: dict[str, Any] | None, previous_no: int,
                 printed_on: date) -> dict[str, Any]:
    start = date.fromisoformat(new["placement"]["start"])
    return {"printed_on": printed_on.isoformat(),
            # the first version applies from the start; a later one from its print day
            "effective_from": (max(start, printed_on) if previous is not None else start).isoformat(),
            "replaces": previous_no or None,
            "changes": changes(previous, new) if previous is not None else []}


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Danish lines naming what changed, e.g. "Forløbet: planlagt slutdato"."""
    out: list[str] = []
    for key, name in PARTS:
        if key == "placement":
            fields = [f for k, f in PLACEMENT_PARTS
                      if (old.get(key) or {}).get(k) != (new.get(key) or {}).get(k)]
            if fields:
                out.append(f"{name}: {', '.join(fields)}")
        elif old.get(key) != new.get(key):
            out.append(name)
    return out or ["Ingen ændrede vilkår (ny udskrift af samme aftale)."]
