"""The visit editor: the path from the car park to typing notes.

Opening it for a new visit creates the visit at once (now, på stedet,
afholdt) and puts the cursor in the notes, which are saved as they are
typed (ui/editors/autosave.py). Everything else is saved when it is changed
and again when the dialog closes; Escape never loses notes. Cancelling a
brand-new visit that is still empty deletes it again (soft delete) and
returns Rejected; every other close returns Accepted (the visit is kept and
saved), so the caller knows to refresh. `visit_saved` fires on each write."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.context import Context
from app.formatting import fmt_datetime
from app.labels import PLACEMENT_TYPES, label
from app.rules.errors import ValidationError
from app.services import accommodations, citizens, visits
from app.services.followup_plan import current_placement, propose_next_contact
from app.services.placements import placements_of_citizen
from db.enums import VisitChannel, VisitStatus
from ui import changes
from ui.editors.autosave import NotesAutosaver
from ui.editors.choosers import select_data
from ui.editors.fields import read_date
from ui.editors.visit_form import VisitForm
from ui.errors import show_error
from ui.widgets.fit import fit
from ui.widgets.qt_dates import to_datetime, to_qdatetime


class VisitEditor(QDialog):
    visit_saved = Signal(str)  # the visit id, after anything was written

    def __init__(self, ctx: Context, citizen_id: str, visit_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.citizen_id, self.is_new = ctx, citizen_id, visit_id is None
        now = datetime.now().replace(second=0, microsecond=0)
        if visit_id is None:
            placement = current_placement(ctx, citizen_id, now.date())
            self.visit = visits.create_visit(ctx, citizen_id, at=now, channel=VisitChannel.ON_SITE,
                                             status=VisitStatus.HELD, placement_id=placement)
        else:
            self.visit = visits.get_visit(ctx, visit_id)
        self.visit_id = self.visit.id
        self.citizen_name = citizens.get_citizen(ctx, citizen_id, log_view=False).name
        self.header = QLabel()
        self.header.setObjectName("visit_header")
        self.header.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.form = VisitForm(ctx, citizen_id, self.visit_id)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton("&Luk", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.form, 1)
        layout.addWidget(buttons)
        self._fill()
        self._name_whose()
        self.autosaver = NotesAutosaver(self.form.notes, self._save_notes)
        self.autosaver.saved.connect(self._show_saved)
        self.autosaver.failed.connect(self._show_save_failed)
        app = QCoreApplication.instance()
        if app is not None:  # always, in the program: notes typed are saved when it quits
            app.aboutToQuit.connect(self.autosaver.flush)
        self._connect()
        # One announcement when the dialog closes, not one per autosave: nothing
        # behind a modal dialog can be looked at meanwhile.
        self.wrote = False
        self.visit_saved.connect(lambda _id: setattr(self, "wrote", True))
        self.finished.connect(self._announce)
        self.form.set_tab_order()
        fit(self, 1180, 680)
        self.form.notes.setFocus()
        self.next_contact_touched = visit_id is not None and self.visit.next_contact is not None
        if not self.next_contact_touched:
            self._propose_next_contact()

    # -- filling and wiring -------------------------------------------------
    def _fill(self) -> None:
        f, v = self.form, self.visit
        f.at.setDateTime(to_qdatetime(v.at))
        select_data(f.channel, v.channel)
        select_data(f.status, v.status)
        f.placement.addItem("(Intet forløb)", None)
        for p in placements_of_citizen(self.ctx, self.citizen_id):
            f.placement.addItem(f"{p.company_name} – {label(PLACEMENT_TYPES, p.placement_type)}", p.id)
        select_data(f.placement, v.placement_id)
        f.participants.setText(v.participants)
        f.notes.setPlainText(v.notes)
        f.next_contact.set_date(v.next_contact)
        on = v.at.date()
        f.checks.set_accommodations(accommodations.active_accommodations(
            self.ctx, self.citizen_id, on=on, placement_id=v.placement_id))

    def _name_whose(self) -> None:
        """Title and header say whose visit this is, so notes go to the right person."""
        where = self.form.placement.currentText() if self.form.placement.currentData() else "intet forløb"
        self.setWindowTitle(f"Besøg hos {self.citizen_name} – {where} – {fmt_datetime(self.visit.at)}")
        self.header.setText(f"Besøg hos {self.citizen_name} · {where}")

    def _connect(self) -> None:
        f = self.form
        f.at.editingFinished.connect(self._meta_changed)
        for combo in (f.channel, f.status, f.placement):
            combo.currentIndexChanged.connect(self._meta_changed)
        f.participants.editingFinished.connect(self.save_meta)
        f.next_contact.textEdited.connect(lambda _: setattr(self, "next_contact_touched", True))
        f.next_contact.editingFinished.connect(self.save_meta)
        f.actions_panel.added.connect(lambda: self.visit_saved.emit(self.visit_id))
        f.placement.currentIndexChanged.connect(self._name_whose)

    def _meta_changed(self) -> None:
        if not self.next_contact_touched:
            self._propose_next_contact()
        self.save_meta()

    def _propose_next_contact(self) -> None:
        f = self.form
        at = to_datetime(f.at.dateTime())
        proposal = propose_next_contact(self.ctx, f.placement.currentData(), at.date())
        if proposal is None:
            f.next_reason.setText("Intet forløb valgt – skriv selv datoen for næste kontakt.")
            return
        f.next_contact.set_date(proposal.due)
        f.next_reason.setText(f"Forslag efter opfølgningsplanen: {proposal.reason}")

    # -- saving ---------------------------------------------------------------
    def _announce(self, _result: int = 0) -> None:
        if self.wrote:
            self.wrote = False
            changes.announce({changes.VISIT, changes.ACTION, changes.ACCOMMODATION_CHECK},
                             {self.citizen_id, self.visit_id})

    def _save_notes(self, text: str) -> None:
        visits.save_notes(self.ctx, self.visit_id, text)
        self.visit_saved.emit(self.visit_id)

    def _show_saved(self, _when: float) -> None:
        self.form.save_state.setText(f"Noterne er gemt kl. {datetime.now():%H:%M:%S}")
        self.form.errors.show({})

    def _show_save_failed(self, exc: Exception) -> None:
        message = "; ".join(exc.errors.values()) if isinstance(exc, ValidationError) else \
            "Noterne kunne ikke gemmes lige nu – der prøves igen. Luk ikke programmet."
        self.form.errors.show({"notes": message})
        self.form.save_state.setText("Ikke gemt")

    def meta_values(self, errors: dict[str, str]) -> dict[str, Any]:
        f = self.form
        return {"at": to_datetime(f.at.dateTime()).replace(second=0, microsecond=0),
                "channel": f.channel.currentData(), "status": f.status.currentData(),
                "placement_id": f.placement.currentData(), "participants": f.participants.text().strip(),
                "next_contact": read_date(f.next_contact, "next_contact", errors, False, "Datoen")}

    def save_meta(self) -> bool:
        """Save the fields around the notes that differ from what is stored."""
        errors: dict[str, str] = {}
        values = self.meta_values(errors)
        edits = {k: v for k, v in values.items() if getattr(self.visit, k) != v}
        try:
            if errors:
                raise ValidationError(errors)
            if edits:
                self.visit = visits.update_visit(self.ctx, self.visit_id, **edits)
                self.visit_saved.emit(self.visit_id)
        except ValidationError as exc:
            self.form.errors.show_exception(exc)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        for name in values:
            if self.form.errors.message(name):
                self.form.errors.fields[name][1].show_message("")
        return True

    def save_all(self) -> bool:
        """Everything typed, written now; False (with the message at its field) if not."""
        notes_ok = self.autosaver.flush()
        meta_ok = self.save_meta()
        checks_ok = self.form.checks.save_all()
        actions_ok = not self.form.actions_panel.pending() or self.form.actions_panel.add()
        return notes_ok and meta_ok and checks_ok and actions_ok

    def is_empty(self) -> bool:
        f = self.form
        return not (f.notes.toPlainText().strip() or f.participants.text().strip() or f.checks.has_marks()
                    or f.actions_panel.list.count() or f.actions_panel.pending())

    # -- closing: Escape / Luk / the window's close button ----------------------
    def accept(self) -> None:
        if self.save_all():
            super().accept()

    def reject(self) -> None:
        if self.is_new and self.is_empty():
            self.autosaver.flush()
            visits.delete_visit(self.ctx, self.visit_id)  # a visit opened by mistake
            self.visit_saved.emit(self.visit_id)
            super().reject()
        elif self.save_all():
            # Escape on a visit with content: everything is saved, so the caller
            # gets Accepted and refreshes; only an empty visit is "cancelled".
            super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = self.focusWidget()
        in_actions = focus is not None and self.form.actions_panel.isAncestorOf(focus)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and in_actions:
            event.accept()  # Enter there adds the action; it does not close the visit
            return
        super().keyPressEvent(event)

