"""The main window's menus and shortcuts (Danish, with mnemonics)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from ui.views.page_ids import TITLES, Page

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WindowActions:
    def __init__(self, w: MainWindow) -> None:
        self.w = w
        bar = w.menuBar()
        file = bar.addMenu("&Filer")
        self.new_citizen = self._add(file, "Ny &borger …", None, lambda: w.go(Page.CITIZENS).new_citizen())
        self.new_company = self._add(file, "Ny &virksomhed …", None, lambda: w.go(Page.COMPANIES).new_company())
        file.addSeparator()
        self.save = self._add(file, "&Gem", QKeySequence("Ctrl+S"), w.save_current)
        self.print = self._add(file, "&Udskriv tillægsaftale …", QKeySequence("Ctrl+P"), w.print_addendum)
        file.addSeparator()
        self.settings = self._add(file, "&Indstillinger …", None, self.open_settings)
        self._add(file, "&Afslut", QKeySequence("Ctrl+Q"), w.close)
        edit = bar.addMenu("&Rediger")
        self.undo = self._add(edit, "Fortryd sletning", QKeySequence("Ctrl+Z"), w.undo_delete)
        self.undo.setEnabled(False)
        self.search = self._add(edit, "&Søg", QKeySequence("Ctrl+F"), w.focus_search)
        self.new_visit = self._add(edit, "Nyt &besøg …", QKeySequence("Ctrl+N"), w.new_visit)
        go = bar.addMenu("&Gå til")
        for i, name in enumerate(w.names):
            self._add(go, TITLES[name], QKeySequence(f"Ctrl+{i + 1}"), lambda n=name: w.go(n))
        help_ = bar.addMenu("&Hjælp")
        self._add(help_, "&Om Jobcoach", None, self.about)

    def _add(self, menu, text: str, keys: QKeySequence | None, slot) -> QAction:
        action = QAction(text, self.w)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def open_settings(self) -> None:
        from ui.views.settings_dialog import SettingsDialog

        SettingsDialog(self.w.ctx, self.w).exec()

    def about(self) -> None:
        QMessageBox.about(self.w, "Om Jobcoach",
                          "Jobcoach – feltværktøj for kommunale jobcoaches.\n\n"
                          "Besøg, lønaftaler, skånehensyn og tillægsaftaler. Data gemmes krypteret på "
                          "denne computer og synkroniseres med kontorets server.")
