"""Draw the program's icon (a red seal with a white "W" on the one-stop desk's blue) into
resources/icons/: wardapp.png for the window, wardapp.ico (16-256 px) for the executables and
the installer.  Run once after changing the drawing; the results are kept in the repository."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format_ARGB32)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(QColor("#1f4e8c"))
    p.setPen(Qt.NoPen)
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    p.setBrush(QColor("#c8102e"))
    p.drawEllipse(QRectF(size * 0.14, size * 0.14, size * 0.72, size * 0.72))
    p.setPen(QColor("white"))
    f = QFont("DejaVu Sans")
    f.setPixelSize(max(int(size * 0.46), 6))
    f.setBold(True)
    p.setFont(f)
    p.drawText(QRectF(0, 0, size, size), Qt.AlignCenter, "W")
    p.end()
    return img


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "wardapp.png"))
    # Qt's ico writer stores one image per file: write the largest; Windows scales it down.
    if not draw(256).save(str(OUT / "wardapp.ico")):
        print("no ICO writer in this Qt", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
