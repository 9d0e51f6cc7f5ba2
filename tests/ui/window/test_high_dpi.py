"""A 4K laptop screen (scale factor 2): the main window and the citizen
view render at 1366x768 logical pixels without clipping; the picture is
written for a person to look at."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import subprocess_env
from tests.ui.conftest import SCREENS

SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.context import open_context
from app.services import citizens
from ui.main_window import MainWindow
from ui.views.page_ids import Page
from ui.worker import wait_for_all
ctx = open_context()
c = citizens.create_citizen(ctx, name="Ærlige Åse Østergård", cpr="010190-1234", city="Århus")
w = MainWindow(ctx)
w.resize(1366, 768)
w.show()
w.open_citizen(c.id)
for _ in range(50):
    wait_for_all(2000)
    app.processEvents()
image = w.grab()
print(image.width(), image.height(), image.devicePixelRatio(), w.page(Page.CITIZENS).view.title.text())
image.save(sys.argv[1])
w.close()
ctx.close()
"""


def test_main_window_at_scale_factor_two() -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    target = SCREENS / "main_high_dpi_x2.png"
    env = subprocess_env({"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"})
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(target)], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    width, height, ratio, title = out.stdout.split(maxsplit=3)
    assert (int(width), int(height), float(ratio)) == (2732, 1536, 2.0)
    assert title.strip() == "Ærlige Åse Østergård"
    assert target.exists()
