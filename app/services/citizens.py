"""Citizens (borgere). Every view and change is in the access log."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.context import Context
from app.rules import dates, text
from app.rules import identifiers as ids
from app.rules.errors import Collector, ValidationError
from app.services import audit
from app.services.crud import apply_changes, get_live, reference, restore, soft_delete
from app.services.dto import CitizenDTO, Page, to_dto
from db.enums import CitizenStatus
from db.models import Citizen

_LINES = {"address": "Adressen", "city": "Byen"}


def clean_citizen(values: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    c = Collector()
    out: dict[str, Any] = {}
    if "name" in values or not partial:
        out["name"] = c.check("name", text.required_line, values.get("name"), "name", "Navnet")
    checks = {"phone": ids.normalize_phone, "postal_code": ids.normalize_postal_code,
              "email": ids.normalize_email}
    for key, normalize in checks.items():
        if key in values:
            out[key] = c.check(key, normalize, values[key] or "", key)
    if "cpr" in values:
        out["cpr"] = c.check("cpr", ids.normalize_cpr, values["cpr"])
    for key, label in _LINES.items():
        if key in values:
            out[key] = c.check(key, text.optional_line, values[key], key, label)
    if "support" in values:
        out["support"] = c.check("support", text.note, values["support"], "support")
    if "status" in values:
        if values["status"] not in [s.value for s in CitizenStatus]:
            c.add("status", "Ukendt status.")
        else:
            out["status"] = values["status"]
    if "coach_id" in values:
        out["coach_id"] = c.check("coach_id", reference, values["coach_id"], "coach_id")
    if "ended_on" in values:
        out["ended_on"] = c.check("ended_on", dates.plausible, values["ended_on"], "ended_on", "Slutdatoen")
    c.raise_if_any()
    return out


def create_citizen(ctx: Context, **values: Any) -> CitizenDTO:
    clean = clean_citizen(values)
    clean.setdefault("coach_id", ctx.coach_id)
    with ctx.uow() as s:
        row = Citizen(**clean)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", row.id, "citizen", row.id)
        return to_dto(row, CitizenDTO)


def update_citizen(ctx: Context, citizen_id: str, **changes: Any) -> CitizenDTO:
    clean = clean_citizen(changes, partial=True)
    with ctx.uow() as s:
        row = get_live(s, Citizen, citizen_id, "Borgeren")
        apply_changes(row, clean)
        s.flush()
        audit.record(s, ctx, "change", row.id, "citizen", row.id, ",".join(sorted(clean)))
        return to_dto(row, CitizenDTO)


def get_citizen(ctx: Context, citizen_id: str, log_view: bool = True, via: str = "view") -> CitizenDTO:
    with ctx.uow() as s:
        row = get_live(s, Citizen, citizen_id, "Borgeren")
        if log_view:
            audit.record(s, ctx, via, row.id, "citizen", row.id)
        return to_dto(row, CitizenDTO)


def reveal_cpr(ctx: Context, citizen_id: str) -> str:
    """The full CPR; the look is logged."""
    with ctx.uow() as s:
        row = get_live(s, Citizen, citizen_id, "Borgeren")
        audit.record(s, ctx, "reveal_cpr", row.id, "citizen", row.id)
        return row.cpr or ""


def end_citizen(ctx: Context, citizen_id: str, ended_on) -> CitizenDTO:
    return update_citizen(ctx, citizen_id, status=CitizenStatus.ENDED.value, ended_on=ended_on)


def delete_citizen(ctx: Context, citizen_id: str) -> None:
    with ctx.uow() as s:
        soft_delete(get_live(s, Citizen, citizen_id, "Borgeren"))
        audit.record(s, ctx, "delete", citizen_id, "citizen", citizen_id)


def undelete_citizen(ctx: Context, citizen_id: str) -> None:
    with ctx.uow() as s:
        row = s.get(Citizen, citizen_id)
        if row is None:
            raise ValidationError.single("id", "Borgeren findes ikke.")
        restore(row)
        audit.record(s, ctx, "change", citizen_id, "citizen", citizen_id, "fortryd sletning")


def list_citizens(ctx: Context, offset: int = 0, limit: int = 200) -> Page:
    with ctx.uow() as s:
        live = Citizen.deleted_at.is_(None)
        total = s.scalar(select(func.count()).select_from(Citizen).where(live))
        rows = s.scalars(select(Citizen).where(live).order_by(Citizen.name).offset(offset).limit(limit))
        return Page([to_dto(r, CitizenDTO) for r in rows], total or 0)
