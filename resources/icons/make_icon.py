"""Draw the program's icon once; the results are kept in the repository.

Run `python resources/icons/make_icon.py` after changing the drawing: it
writes jobcoach.png (256 px, the window icon), jobcoach.ico (Windows, several
sizes) and jobcoach.icns (macOS). Qt draws; Pillow writes .ico and .icns.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPen

HERE = Path(__file__).resolve().parent
SIZE = 256
BLUE = QColor("#1f5f99")
GREEN = QColor("#3fa36b")


def _font_family() -> str:
    """The shipped DejaVu Sans, so the icon looks the same on every machine."""
    font_id = QFontDatabase.addApplicationFont(str(HERE.parent / "fonts" / "DejaVuSans-Bold.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else "Sans Serif"


def draw(size: int = SIZE) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(BLUE))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)
    # A rising step line: progression, the point of the program.
    p.setPen(QPen(GREEN, 22 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    steps = [(48, 212), (96, 212), (96, 184), (144, 184), (144, 156), (208, 156)]
    for (x1, y1), (x2, y2) in zip(steps, steps[1:]):
        p.drawLine(int(x1 * s), int(y1 * s), int(x2 * s), int(y2 * s))
    p.setPen(QColor("white"))
    font = QFont(_font_family(), int(80 * s))
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 20 * s, size, 116 * s), Qt.AlignmentFlag.AlignCenter, "J")
    p.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv)
    png = HERE / "jobcoach.png"
    draw().save(str(png))
    with Image.open(png) as img:
        img.save(HERE / "jobcoach.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48),
                                               (64, 64), (128, 128), (256, 256)])
        img.save(HERE / "jobcoach.icns")
    print(f"wrote {png.name}, jobcoach.ico, jobcoach.icns in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
