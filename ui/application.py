"""Start the Qt program: show the main window's frame, open the store behind
it (asking for a passphrase where no keyring works), fill in the pages,
install the error handler. SQLAlchemy and the services are imported while
the frame is on screen (ui/shell.py), so this module imports only Qt."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


def install_excepthook() -> None:
    def hook(exc_type, exc, tb) -> None:
        log.error("uventet fejl: %s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is not None:
            QMessageBox.critical(None, "Jobcoach – uventet fejl",
                                 "Der opstod en uventet fejl. Dine gemte data er i behold.\n\n"
                                 f"{exc_type.__name__}: {exc}")
    sys.excepthook = hook


def _store_problem(exc: Exception) -> bool:
    from app.secrets import KeyringUnavailable
    from db.engine import StoreError

    return isinstance(exc, (StoreError, KeyringUnavailable))


def run_gui(smoke_test: bool = False) -> int:
    # The log file is set up on the worker thread first thing (ui/shell.py).
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
    from ui.main_window import MainWindow
    from ui.shell import open_in_shell

    window = MainWindow()  # the frame, painted and taking input while the store opens
    try:
        ctx = open_in_shell(window, smoke_test)  # lock, integrity check, restore offer (ui/startup_checks.py)
    except Exception as exc:
        if not _store_problem(exc):
            raise
        window.close()
        if smoke_test:
            print(f"smoke-test fejlede: {exc}", file=sys.stderr)
            return 1
        QMessageBox.critical(None, "Jobcoach", str(exc))
        return 3
    if ctx is None:
        window.close()
        return 3
    if not window.isVisible():  # closed while the store was opening: a clean end
        ctx.close()
        from ui.startup_checks import mark_clean_exit
        mark_clean_exit()
        return 0
    window.attach(ctx)
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
