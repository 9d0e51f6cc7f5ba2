"""Start the Qt program: open the store (asking for a passphrase where no
keyring works), build the main window, install the error handler."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.logsetup import setup_logging
from app.secrets import KeyringUnavailable
from db.engine import StoreError

log = logging.getLogger(__name__)


def install_excepthook() -> None:
    def hook(exc_type, exc, tb) -> None:
        log.error("uventet fejl: %s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is not None:
            QMessageBox.critical(None, "Jobcoach – uventet fejl",
                                 "Der opstod en uventet fejl. Dine gemte data er i behold.\n\n"
                                 f"{exc_type.__name__}: {exc}")
    sys.excepthook = hook


def run_gui(smoke_test: bool = False) -> int:
    setup_logging()
    if smoke_test:
        import os
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Jobcoach")
    app.setOrganizationName("Jobcoach")
    from ui.translations import install_danish
    install_danish(app)
    from PySide6.QtGui import QIcon

    from app import paths
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "jobcoach.png")))
    try:
        from ui.startup_checks import open_store_guarded  # lock, integrity check, restore offer
        ctx = open_store_guarded(smoke_test)
    except (StoreError, KeyringUnavailable) as exc:
        if smoke_test:
            print(f"smoke-test fejlede: {exc}", file=sys.stderr)
            return 1
        QMessageBox.critical(None, "Jobcoach", str(exc))
        return 3
    if ctx is None:
        return 3
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    if smoke_test:
        window.show()
        app.processEvents()
        ok = window.isVisible()
        window.close()
        ctx.close()
        if ok:
            from ui.startup_checks import mark_clean_exit
            mark_clean_exit()
        print("smoke-test ok" if ok else "smoke-test fejlede: vinduet blev ikke vist", file=sys.stderr)
        return 0 if ok else 1
    install_excepthook()
    window.show()
    QTimer.singleShot(0, window.after_show)  # starts the runtime (ui/runtime.py)
    from ui.first_start import maybe_show_guide
    QTimer.singleShot(0, lambda: maybe_show_guide(window, ctx))  # an empty store: "start here"
    code = app.exec()
    ctx.close()
    return code
