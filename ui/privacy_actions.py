"""The "Eksportér" button of a citizen: an access request's files (JSON and
PDF) written into a folder the user picks, off the GUI thread."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.context import Context
from app.services.privacy import ExportResult, export_citizen
from ui.worker import Job, run_in_background


def ask_folder(parent: QWidget | None) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, "Vælg mappe til udtræk (indsigt)")
    return Path(folder) if folder else None


def export_citizen_interactive(parent: QWidget | None, ctx: Context, citizen_id: str,
                               folder: Path | None = None) -> Job | None:
    """Ask for a folder (unless given), then export in the background."""
    folder = folder or ask_folder(parent)
    if folder is None:
        return None

    def done(result: ExportResult) -> None:
        QMessageBox.information(
            parent, "Jobcoach – indsigt",
            "Udtrækket er gemt:\n\n"
            f"{result.pdf_path.name} (til at læse)\n{result.json_path.name} (maskinlæsbart)\n\n"
            f"i mappen {folder}.\n\nFilerne indeholder følsomme personoplysninger: "
            "opbevar og send dem sikkert.")

    return run_in_background(parent, lambda _report: export_citizen(ctx, citizen_id, folder), on_done=done,
                             progress_label="Samler alle oplysninger om borgeren …")
