"""Everything the store holds about one citizen, as plain JSON-ready data.

For an access request (GDPR art. 15): personal data, placements with their
company, schedule, wage versions, milestones, hours and addenda metadata;
skånehensyn with every version; visits with notes, checks and actions; and
the access log entries about the citizen. Soft-deleted rows are included
(marked "slettet"), because the store still holds them.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from db.models import (
    AccessLog,
    Accommodation,
    AccommodationCheck,
    Action,
    Addendum,
    AddendumFile,
    AddendumSignature,
    Citizen,
    Company,
    ContactPerson,
    HoursRecord,
    Milestone,
    Placement,
    ScheduleSlot,
    Visit,
    WageAgreement,
)
from db.values import to_json

FORMAT = "jobcoach-indsigt/1"
_SKIP = {"version"}
# Addendum content is a snapshot of the same data; its metadata identifies the signed file.
_ADDENDUM_FIELDS = ("id", "placement_id", "version_no", "printed_at", "signed_on", "file_sha256",
                    "content_hash", "deleted_at")

_SIGNATURE_FIELDS = ("id", "party", "signer_name", "signer_title", "signed_at", "terms_hash", "strokes",
                     "deleted_at")
_FILE_FIELDS = ("id", "kind", "media_type", "file_name", "file_hash", "added_at", "terms_hash", "deleted_at")


def row_dict(row: Any, only: tuple[str, ...] | None = None) -> dict[str, Any]:
    keys = only or [c.key for c in inspect(type(row)).column_attrs if c.key not in _SKIP]
    out = {k: to_json(getattr(row, k)) for k in keys}
    out["slettet"] = row.deleted_at is not None
    return out


def _rows(s: Session, model, column, value, order) -> list:
    return list(s.scalars(select(model).where(column == value).order_by(order)))


def _placement(s: Session, p: Placement) -> dict[str, Any]:
    out = row_dict(p)
    company = s.get(Company, p.company_id) if p.company_id else None
    contact = s.get(ContactPerson, p.contact_person_id) if p.contact_person_id else None
    out["company"] = row_dict(company, ("id", "name", "cvr", "p_number", "address", "postal_code",
                                        "city", "deleted_at")) if company else None
    out["contact_person"] = row_dict(contact, ("id", "name", "title", "phone", "email",
                                               "deleted_at")) if contact else None
    out["schedule"] = [row_dict(r) for r in _rows(s, ScheduleSlot, ScheduleSlot.placement_id, p.id,
                                                  ScheduleSlot.weekday)]
    out["wage_versions"] = [row_dict(r) for r in _rows(s, WageAgreement, WageAgreement.placement_id,
                                                       p.id, WageAgreement.version_no)]
    out["milestones"] = [row_dict(r) for r in _rows(s, Milestone, Milestone.placement_id, p.id,
                                                    Milestone.target_date)]
    out["hours"] = [row_dict(r) for r in _rows(s, HoursRecord, HoursRecord.placement_id, p.id,
                                               HoursRecord.week_start)]
    out["addenda"] = [_addendum(s, r) for r in _rows(
        s, Addendum, Addendum.placement_id, p.id, Addendum.version_no)]
    return out


def export_file_name(row: AddendumFile) -> str:
    """Ids only, never a name (see app.services.privacy)."""
    suffix = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(row.media_type, "")
    return f"tillaegsaftale-{row.addendum_id}-{row.kind}-{row.id}{suffix}"


def _addendum(s: Session, row: Addendum) -> dict[str, Any]:
    """The version's metadata, its signatures (drawn strokes included) and
    its kept files (written next to the export as files of their own)."""
    out = row_dict(row, _ADDENDUM_FIELDS)
    out["signatures"] = [row_dict(r, _SIGNATURE_FIELDS) for r in _rows(
        s, AddendumSignature, AddendumSignature.addendum_id, row.id, AddendumSignature.signed_at)]
    files = _rows(s, AddendumFile, AddendumFile.addendum_id, row.id, AddendumFile.added_at)
    out["files"] = [row_dict(f, _FILE_FIELDS) | {"export_file": export_file_name(f)} for f in files]
    return out


def _visit(s: Session, v: Visit) -> dict[str, Any]:
    out = row_dict(v)
    out["accommodation_checks"] = [row_dict(r) for r in _rows(
        s, AccommodationCheck, AccommodationCheck.visit_id, v.id, AccommodationCheck.created_at)]
    out["actions"] = [row_dict(r) for r in _rows(s, Action, Action.visit_id, v.id, Action.created_at)]
    return out


def collect(s: Session, citizen: Citizen) -> dict[str, Any]:
    cid = citizen.id
    loose_actions = s.scalars(select(Action).where(Action.citizen_id == cid, Action.visit_id.is_(None))
                              .order_by(Action.created_at))
    return {
        "citizen": row_dict(citizen),
        "placements": [_placement(s, p) for p in _rows(s, Placement, Placement.citizen_id, cid,
                                                       Placement.start_date)],
        "accommodations": [row_dict(r) for r in _rows(s, Accommodation, Accommodation.citizen_id, cid,
                                                      Accommodation.created_at)],
        "visits": [_visit(s, v) for v in _rows(s, Visit, Visit.citizen_id, cid, Visit.at)],
        "actions": [row_dict(r) for r in loose_actions],
        "access_log": [row_dict(r, ("id", "at", "user", "action", "entity", "entity_id", "detail",
                                    "deleted_at"))
                       for r in _rows(s, AccessLog, AccessLog.citizen_id, cid, AccessLog.at)],
    }
