"""Companies (virksomheder) and their contact persons."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.context import Context
from app.rules import identifiers as ids
from app.rules import text
from app.rules.errors import Collector, ValidationError
from app.services import audit
from app.services.crud import apply_changes, get_live, restore, soft_delete
from app.services.dto import CompanyDTO, ContactDTO, Page, to_dto
from db.models import Company, ContactPerson

_LINES = {"address": "Adressen", "city": "Byen", "industry": "Branchen"}


def clean_company(values: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    c = Collector()
    out: dict[str, Any] = {}
    if "name" in values or not partial:
        out["name"] = c.check("name", text.required_line, values.get("name"), "name", "Navnet")
    checks = {
        "cvr": ids.normalize_cvr, "p_number": ids.normalize_p_number, "phone": ids.normalize_phone,
        "postal_code": ids.normalize_postal_code, "email": ids.normalize_email,
    }
    for key, normalize in checks.items():
        if key in values:
            out[key] = c.check(key, normalize, values[key] or "", key)
    for key, label in _LINES.items():
        if key in values:
            out[key] = c.check(key, text.optional_line, values[key], key, label)
    if "notes" in values:
        out["notes"] = c.check("notes", text.note, values["notes"], "notes")
    if "employees" in values:
        out["employees"] = c.check("employees", _employees, values["employees"])
    c.raise_if_any()
    return out


def _employees(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1_000_000:
        raise ValidationError.single("employees", "Antal ansatte skal være et helt tal fra 0.")
    return value


def create_company(ctx: Context, **values: Any) -> CompanyDTO:
    clean = clean_company(values)
    with ctx.uow() as s:
        row = Company(**clean)
        s.add(row)
        s.flush()
        return to_dto(row, CompanyDTO)


def update_company(ctx: Context, company_id: str, **changes: Any) -> CompanyDTO:
    clean = clean_company(changes, partial=True)
    with ctx.uow() as s:
        row = get_live(s, Company, company_id, "Virksomheden")
        apply_changes(row, clean)
        s.flush()
        return to_dto(row, CompanyDTO)


def get_company(ctx: Context, company_id: str) -> CompanyDTO:
    with ctx.uow() as s:
        return to_dto(get_live(s, Company, company_id, "Virksomheden"), CompanyDTO)


def delete_company(ctx: Context, company_id: str) -> None:
    with ctx.uow() as s:
        soft_delete(get_live(s, Company, company_id, "Virksomheden"))


def undelete_company(ctx: Context, company_id: str) -> None:
    with ctx.uow() as s:
        row = s.get(Company, company_id)
        if row is not None:
            restore(row)
            audit.record(s, ctx, "change", None, "company", row.id, "fortryd sletning")


def list_companies(ctx: Context, offset: int = 0, limit: int = 200) -> Page:
    with ctx.uow() as s:
        live = Company.deleted_at.is_(None)
        total = s.scalar(select(func.count()).select_from(Company).where(live))
        rows = s.scalars(select(Company).where(live).order_by(Company.name).offset(offset).limit(limit))
        return Page([to_dto(r, CompanyDTO) for r in rows], total or 0)


def clean_contact(values: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    c = Collector()
    out: dict[str, Any] = {}
    if "name" in values or not partial:
        out["name"] = c.check("name", text.required_line, values.get("name"), "name", "Navnet")
    if "title" in values:
        out["title"] = c.check("title", text.optional_line, values["title"], "title", "Titlen")
    if "phone" in values:
        out["phone"] = c.check("phone", ids.normalize_phone, values["phone"] or "")
    if "email" in values:
        out["email"] = c.check("email", ids.normalize_email, values["email"] or "")
    c.raise_if_any()
    return out


def add_contact(ctx: Context, company_id: str, **values: Any) -> ContactDTO:
    clean = clean_contact(values)
    with ctx.uow() as s:
        get_live(s, Company, company_id, "Virksomheden")
        row = ContactPerson(company_id=company_id, **clean)
        s.add(row)
        s.flush()
        return to_dto(row, ContactDTO)


def update_contact(ctx: Context, contact_id: str, **changes: Any) -> ContactDTO:
    clean = clean_contact(changes, partial=True)
    with ctx.uow() as s:
        row = get_live(s, ContactPerson, contact_id, "Kontaktpersonen")
        apply_changes(row, clean)
        s.flush()
        return to_dto(row, ContactDTO)


def delete_contact(ctx: Context, contact_id: str) -> None:
    with ctx.uow() as s:
        soft_delete(get_live(s, ContactPerson, contact_id, "Kontaktpersonen"))


def list_contacts(ctx: Context, company_id: str) -> list[ContactDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(ContactPerson).where(
            ContactPerson.company_id == company_id, ContactPerson.deleted_at.is_(None)
        ).order_by(ContactPerson.name))
        return [to_dto(r, ContactDTO) for r in rows]
