"""Early / on time / late per week or month, painted with QPainter (QtCharts is not in
PySide6-Essentials).  Each outcome has its own fill pattern as well as its own colour, so the
chart still reads on a black-and-white printout or for a colour-blind chairman."""

from __future__ import annotations

from ui.qt import QBrush, QColor, QPainter, QPen, QRectF, QSize, Qt, QWidget, tr

SERIES = (  # outcome, colour, pattern
    ("early", QColor("#2e7d32"), Qt.SolidPattern),
    ("on_time", QColor("#1565c0"), Qt.Dense4Pattern),
    ("late", QColor("#c62828"), Qt.BDiagPattern),
)


def series_labels() -> dict[str, str]:
    return {"early": tr("Trước hạn"), "on_time": tr("Đúng hạn"), "late": tr("Quá hạn")}


class TimelinessChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars = []
        self.setMinimumHeight(210)
        self.setMouseTracking(True)

    def sizeHint(self):  # noqa: N802 - Qt's name
        return QSize(640, 240)

    def set_bars(self, bars) -> None:
        self.bars = list(bars)
        self.setToolTip("")
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(44, 26, max(10, self.width() - 56), max(10, self.height() - 58))

    def _slot(self, plot: QRectF) -> float:
        return plot.width() / max(1, len(self.bars))

    def paintEvent(self, _event):  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, False)
        plot = self._plot()
        top = max([b.total for b in self.bars] + [1])
        step = _nice_step(top)
        top = step * -(-top // step)
        p.setPen(QPen(QColor("#bbbbbb")))
        for v in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * v / top
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(QColor("#555555"))
            p.drawText(
                QRectF(0, y - 8, plot.left() - 6, 16), Qt.AlignRight | Qt.AlignVCenter, str(v)
            )
            p.setPen(QPen(QColor("#dddddd")))
        slot = self._slot(plot)
        width = max(4.0, slot * 0.62)
        for i, bar in enumerate(self.bars):
            x = plot.left() + i * slot + (slot - width) / 2
            y = plot.bottom()
            for key, colour, pattern in SERIES:
                h = plot.height() * getattr(bar, key) / top
                if h <= 0:
                    continue
                rect = QRectF(x, y - h, width, h)
                p.fillRect(rect, QColor("white"))
                p.fillRect(rect, QBrush(colour, pattern))
                p.setPen(QPen(colour))
                p.drawRect(rect)
                y -= h
            p.setPen(QColor("#333333"))
            p.drawText(
                QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, 16),
                Qt.AlignHCenter | Qt.AlignTop,
                bar.label,
            )
        legend_x = plot.left()
        for key, colour, pattern in SERIES:
            box = QRectF(legend_x, 6, 14, 12)
            p.fillRect(box, QBrush(colour, pattern))
            p.setPen(QPen(colour))
            p.drawRect(box)
            p.setPen(QColor("#222222"))
            text = series_labels()[key]
            p.drawText(QRectF(legend_x + 19, 2, 140, 20), Qt.AlignLeft | Qt.AlignVCenter, text)
            legend_x += 28 + p.fontMetrics().horizontalAdvance(text)
        p.end()

    def bar_at(self, x: float):
        plot = self._plot()
        if not self.bars or not plot.left() <= x < plot.right():
            return None
        return self.bars[min(len(self.bars) - 1, int((x - plot.left()) // self._slot(plot)))]

    def mouseMoveEvent(self, event):  # noqa: N802
        bar = self.bar_at(event.position().x())
        if bar is None:
            self.setToolTip("")
            return
        labels = series_labels()
        self.setToolTip(
            f"{bar.label} ({bar.start:%d/%m/%Y})\n"
            + "\n".join(f"{labels[k]}: {getattr(bar, k)}" for k, _c, _p in SERIES)
        )


def _nice_step(top: int) -> int:
    """A round grid step giving four or five lines."""
    raw = max(1, top / 4)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for m in (1, 2, 5, 10):
        if magnitude * m >= raw:
            return magnitude * m
    return magnitude * 10
