"""1920×1080 at 150 % (QT_SCALE_FACTOR=1.5): the logical screen is 1280×720,
minus a task bar; the main window's default size fits it and the I dag page
renders without clipping (the picture is written for a person to look at)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import subprocess_env

SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.context import open_context
from app.services import citizens, placements
from datetime import date, timedelta
from ui.main_window import MainWindow
from ui.widgets.fit import fitted
from ui.worker import wait_for_all
from ui.views.page_ids import Page
ctx = open_context()
c = citizens.create_citizen(ctx, name="Ærlige Åse Østergård", city="Århus")
placements.create_placement(ctx, c.id, placement_type="skaanejob", internal_unit="Køkkenet",
                            start_date=date.today() - timedelta(days=80))
w = MainWindow(ctx)
# 1080 px - 40 px task bar - 30 px title bar, in logical pixels at 150 %
w.resize(*fitted(1920 * 2 // 3, (1080 - 70) * 2 // 3))
w.show()
w.after_show()
for _ in range(30):
    wait_for_all(2000)
    app.processEvents()
image = w.grab()
print(w.width(), w.height(), image.devicePixelRatio(), len(w.page(Page.TODAY).items))
image.save(sys.argv[1])
w.close()
ctx.close()
"""


def test_main_window_at_150_percent(tmp_path) -> None:
    target = Path("/tmp/screens/main_1920x1080_150.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    env = subprocess_env({"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"})
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(target)], env=env, capture_output=True,
                          text=True, timeout=120, cwd=Path(__file__).resolve().parents[3])
    assert done.returncode == 0, done.stderr[-2000:]
    width, height, ratio, items = done.stdout.split()
    assert int(width) <= 1280 and int(height) <= 673 and float(ratio) == 1.5 and int(items) == 1
