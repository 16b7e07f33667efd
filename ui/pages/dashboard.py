"""Tổng quan: what is due and late today, and this quarter's indicators against the year's
commitment.  Each count is a button that opens the register filtered to exactly those dossiers."""

from __future__ import annotations

from dataclasses import dataclass

from ui.chart import TimelinessChart
from ui.evidence import open_evidence
from ui.late_by_agency import agency_box
from ui.loading import LoadsBehind
from ui.qt import (
    QT_TR_NOOP,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from wardapp.calendar import quarter_of
from wardapp.common import now_local
from wardapp.dossiers import Filters
from wardapp.exchange import export_reminder
from wardapp.indicators import (
    COMPARATOR_SYMBOLS,
    INDICATOR_LABELS,
    build_report,
    desk_summary,
    evaluate,
    late_by_agency,
    timeliness_series,
)
from wardapp.setup import DEMO_OFFICE

STATUS_TEXT = {
    "met": QT_TR_NOOP("✔ đạt"),
    "at_risk": QT_TR_NOOP("⚠ có nguy cơ"),
    "missed": QT_TR_NOOP("✘ chưa đạt"),
    "no_data": QT_TR_NOOP("— chưa có số liệu"),
    "not_committed": QT_TR_NOOP("— chưa cam kết"),
}


def _pct(v):
    return "—" if v is None else f"{v * 100:.2f}%"


@dataclass
class DashboardData:
    office: object
    settings: dict
    now: object
    summary: object
    period: object
    report: object
    targets: list
    bars: list
    reminder: str | None
    late: object = None  # Hồ sơ quá hạn theo cơ quan over the quarter


def chart_bars(s, now, unit: str):
    """The chart's twelve weeks or months (a city's chart covers all its wards)."""
    return timeliness_series(s, now.date(), unit, 12, None)


def load_dashboard(ward, chart_unit: str = "week", progress=None) -> DashboardData:
    """Every figure of the screen, read in one go: the window runs this off the GUI thread at
    start-up (a million dossiers take about half a second), the page only lays it out."""
    now = now_local()
    rules = ward.rules()
    with ward.read() as s:
        office = ward.office(s)
        s.expunge(office)
        # a ward database holds only its own dossiers; a city's dashboard covers all its wards
        summary = desk_summary(s, rules, now, None)
        period = quarter_of(now.date(), rules.settings["quarter_scheme"])
        report = build_report(s, period, None)
        targets = evaluate(s, office.id, now.year, report.total.indicators())
        bars = chart_bars(s, now, chart_unit)
        late = late_by_agency(s, rules, period, None, now)
    reminder = export_reminder(ward, now) if office.kind == "ward" else None
    return DashboardData(
        office, rules.settings, now, summary, period, report, targets, bars, reminder, late
    )


class DashboardPage(LoadsBehind, QWidget):
    open_register = Signal(object, str)  # Filters, title

    def __init__(self, ward, *, deferred: bool = False):
        super().__init__()
        self.ward = ward
        # The figures scroll inside the page: their height must not set the window's minimum
        # (it made the whole window 908 px high, taller than a 1366×768 screen).
        self.scroll = QScrollArea(frameShape=QFrame.NoFrame, widgetResizable=True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self._clear()
        self.count_buttons: dict[str, QPushButton] = {}
        self.chart_unit = "week"
        if deferred:  # in the window, it loads once placed (``LoadsBehind``)
            self.layout_.addWidget(QLabel(tr("Đang tải số liệu…")))
            self.layout_.addStretch(1)
        else:
            self.refresh()

    def _clear(self):
        """A fresh sheet: the scroll area deletes the previous one with everything on it."""
        inner = QWidget()
        self.layout_ = QVBoxLayout(inner)
        self.scroll.setWidget(inner)

    def load_args(self) -> tuple[str]:
        return (self.chart_unit,)

    def load(self, chart_unit: str) -> DashboardData:
        return load_dashboard(self.ward, chart_unit)

    def render(self, data: DashboardData) -> None:
        self._clear()
        office, summary, period, report, targets = (
            data.office,
            data.summary,
            data.period,
            data.report,
            data.targets,
        )
        now = data.now
        self.period = period  # what the figures' rows are drawn from
        title = office.name + (
            tr(" — dữ liệu mẫu") if office.agency_code == DEMO_OFFICE["agency_code"] else ""
        )
        self.layout_.addWidget(QLabel(f"<h2>{title}</h2><div>{office.parent_name}</div>"))
        box = QGroupBox(tr(tr("Hôm nay — bấm vào số để xem danh sách")))
        form = QFormLayout(box)
        soon = int(data.settings["soon_working_days"])
        self.count_buttons = {}
        for key, label, value, filters in (
            (
                "open",
                tr(tr("Đang giải quyết")),
                summary.open_total,
                Filters(
                    statuses=(
                        "received",
                        "in_progress",
                        "supplement_requested",
                        "forwarded",
                        "paused",
                    )
                ),
            ),
            ("today", tr(tr("Đến hạn hôm nay")), summary.due_today, Filters(due_within_days=0)),
            (
                "soon",
                tr("Đến hạn trong {n} ngày làm việc").format(n=soon),
                summary.due_today + summary.due_soon,
                Filters(due_within_days=soon),
            ),
            ("late", tr(tr("Quá hạn")), summary.late, Filters(late=True)),
            (
                "late_no_apology",
                tr(tr("Quá hạn chưa xin lỗi")),
                summary.late_without_apology,
                Filters(late_without_apology=True),
            ),
            (
                "backlog",
                tr(tr("Quá hạn không cập nhật")),
                summary.backlog_no_update,
                Filters(backlog=True),
            ),
            (
                "not_returned",
                tr(tr("Có kết quả chưa ghi trả")),
                summary.resolved_not_returned,
                Filters(resolved_not_returned=True),
            ),
        ):
            b = QPushButton(str(value))
            b.setFlat(True)
            b.setStyleSheet("font-weight: bold; text-align: left;")
            b.clicked.connect(lambda _=False, f=filters, t=label: self.open_register.emit(f, t))
            self.count_buttons[key] = b
            form.addRow(label, b)
        # today's counts and the chart on the left, the quarter's figures and the year's targets
        # on the right: one screen high at 1366×768
        grid = QGridLayout()
        grid.addWidget(box, 0, 0)
        box = QGroupBox(
            tr("Chỉ số {period} ({start} – {end})").format(
                period=period.label, start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}"
            )
        )
        form = QFormLayout(box)
        self.figure_buttons = {}
        asked = report.total.values["rated_asked"]
        for key, value in report.total.indicators().items():
            text = _pct(value) + (
                tr(" ({n} người được hỏi)").format(n=asked) if key == "satisfaction_rate" else ""
            )
            form.addRow(tr(INDICATOR_LABELS[key]), self._figure(key, text, period))
        grid.addWidget(box, 0, 1)
        box = QGroupBox(tr("Cam kết năm {year}").format(year=now.year))
        form = QFormLayout(box)
        for t in targets:
            unit = t.unit if t.unit == "%" else f" {t.unit}"
            actual = (
                "—"
                if t.actual is None
                else f"{t.actual:.2f}{unit}"
                if t.unit == "%"
                else f"{t.actual:g}{unit}"
            )
            level = (
                f"{COMPARATOR_SYMBOLS[t.comparator]} {t.threshold:g}{unit}: "
                if t.threshold is not None
                else ""
            )  # a target the signed commitment lacks shows its value and "chưa cam kết" only
            text = f"{level}{actual} {tr(STATUS_TEXT[t.status])}"
            form.addRow(t.label, self._figure(f"target:{t.indicator}", text, period))
        # the year's targets under the quarter's figures and the late split beside those: side
        # by side with the targets they overflowed a 1366-pixel screen
        grid.addWidget(box, 1, 1, 1, 2)
        if data.late is not None:
            title = tr("Hồ sơ quá hạn theo cơ quan — {period}").format(period=period.label)
            grid.addWidget(agency_box(self, data.late, title, column=True), 0, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 1)
        # the chart under today's counts: with a target per indicator the right-hand column is
        # as tall as the screen, and a chart below both would fall off a 768-pixel one
        grid.addWidget(self._chart_box(data.bars), 1, 0)
        self.layout_.addLayout(grid)
        if data.reminder:
            self.layout_.addWidget(QLabel(f"⚠ {data.reminder}"))
        self.layout_.addStretch(1)

    def _figure(self, key: str, text: str, period) -> QPushButton:
        """A figure as a flat button that opens exactly the dossiers (or initiatives) behind it."""
        b = QPushButton(text)
        b.setFlat(True)
        b.setStyleSheet("text-align: left;")
        indicator = key.removeprefix("target:")
        b.clicked.connect(lambda _=False: open_evidence(self, self.ward, indicator, period))
        self.figure_buttons[key] = b
        return b

    def _chart_box(self, bars) -> QGroupBox:
        box = QGroupBox(tr("Hồ sơ đã giải quyết: trước hạn, đúng hạn, quá hạn"))
        lay = QVBoxLayout(box)
        row = QHBoxLayout()
        self.unit_box = QComboBox()
        self.unit_box.addItem(tr("12 tuần gần nhất"), "week")
        self.unit_box.addItem(tr("12 tháng gần nhất"), "month")
        self.unit_box.setCurrentIndex(0 if self.chart_unit == "week" else 1)
        self.unit_box.currentIndexChanged.connect(self._unit_changed)
        row.addWidget(self.unit_box)
        row.addStretch(1)
        lay.addLayout(row)
        self.chart = TimelinessChart()
        self.chart.set_bars(bars)
        lay.addWidget(self.chart)
        return box

    def _unit_changed(self, _i: int) -> None:
        self.chart_unit = self.unit_box.currentData()
        with self.ward.read() as s:
            bars = chart_bars(s, now_local(), self.chart_unit)
        self.chart.set_bars(bars)
