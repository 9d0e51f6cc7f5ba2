"""Access requests: `export_citizen` writes everything about one citizen as
JSON (machine-readable) and PDF (readable) into a folder. The export is in
the access log, and the log entries about the citizen are in the export.

File names carry the citizen's id, never the name: names of files end up in
places (recent-files lists, logs) that are not encrypted.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.context import Context
from app.documents.citizen_export import write_pdf
from app.formatting import fmt_datetime
from app.services import audit
from app.services.addendum_files import write_addendum_files
from app.services.citizen_export import FORMAT, collect
from app.services.crud import NotFound
from db.models import Citizen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportResult:
    citizen_id: str
    json_path: Path
    pdf_path: Path
    counts: dict[str, int]


def _counts(data: dict) -> dict[str, int]:
    return {key: len(value) for key, value in data.items() if isinstance(value, list)}


def gather(ctx: Context, citizen_id: str) -> dict:
    """Collect the data and log the export in the same transaction."""
    with ctx.uow() as s:
        citizen = s.get(Citizen, citizen_id)
        if citizen is None or citizen.deleted_at is not None:
            raise NotFound("Borgeren findes ikke (længere).")
        audit.record(s, ctx, "export", citizen_id, "citizen", citizen_id, "indsigt")
        s.flush()  # the export's own entry is part of the export
        data = collect(s, citizen)
    return {"format": FORMAT, "generated_at": datetime.now().isoformat(timespec="seconds"),
            "generated_by": ctx.username, "unit": ctx.settings.unit_name} | data


def export_citizen(ctx: Context, citizen_id: str, out_dir: Path) -> ExportResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = gather(ctx, citizen_id)
    stem = f"indsigt-{citizen_id}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    json_path = out_dir / f"{stem}.json"
    tmp = json_path.with_suffix(".json.part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(json_path)
    header = {"Udtrukket": fmt_datetime(datetime.now()), "Af": ctx.username,
              "Enhed": ctx.settings.unit_name, "Borger-id": citizen_id}
    pdf_path = write_pdf(data, out_dir / f"{stem}.pdf", header)
    write_addendum_files(ctx, data, out_dir)
    counts = _counts(data)
    log.info("citizen export written (%s)", ", ".join(f"{k}={v}" for k, v in counts.items()))
    return ExportResult(citizen_id, json_path, pdf_path, counts)
