"""The status bar's lasting parts: online/offline, changes not yet synced,
and the Fortryd button after a deletion. Fetched off the GUI thread when
ui/runtime.py's poll or the change bus asks."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

from app.context import Context
from app.formatting import fmt_number
from app.services import status
from ui.worker import run_in_background


class StatusParts:
    def __init__(self, ctx: Context, bar: QStatusBar) -> None:
        self.ctx, self.bar = ctx, bar
        self.busy = False
        self.undo_button = QPushButton("Fortryd sletning")
        self.undo_button.setObjectName("undo_button")
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.online = QLabel("Offline")
        self.online.setObjectName("online_state")
        self.unsynced = QLabel("")
        self.unsynced.setObjectName("unsynced_count")
        bar.addPermanentWidget(self.undo_button)
        bar.addPermanentWidget(self.unsynced)
        bar.addPermanentWidget(self.online)

    def refresh(self) -> None:
        if self.busy:
            return
        self.busy = True
        run_in_background(self.bar, lambda: status.current_status(self.ctx), on_done=self.show,
                          on_error=lambda _exc: setattr(self, "busy", False))

    def show(self, st: status.Status) -> None:
        self.busy = False
        if not st.server_configured:
            self.online.setText("Offline (ingen server sat op)")
        else:
            self.online.setText("Online" if st.online else "Offline")
        word = "ændring" if st.unsynced == 1 else "ændringer"
        self.unsynced.setText(f"{fmt_number(st.unsynced, 0)} {word} ikke synkroniseret"
                              if st.unsynced else "Alt er synkroniseret")
