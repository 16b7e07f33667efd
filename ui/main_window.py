"""Interim main window: the ward at a glance (the full desk arrives with the GUI issue).

Reads only through ``wardapp`` services; shows office, database, the desk counts and this
quarter's indicators against the year's commitment.
"""

from __future__ import annotations

import os
import sys

from ui.qt import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from wardapp.clock import now_local
from wardapp.commitment import evaluate
from wardapp.dashboard import desk_summary
from wardapp.demo import DEMO_OFFICE
from wardapp.errors import WardError
from wardapp.exchange.export import export_reminder
from wardapp.periods import quarter_of
from wardapp.report import INDICATOR_LABELS, build_report

COMPARATOR_TEXT = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}
STATUS_TEXT = {
    "met": "✔ đạt",
    "at_risk": "⚠ có nguy cơ",
    "missed": "✘ chưa đạt",
    "no_data": "— chưa có số liệu",
}


def _pct(v):
    return "—" if v is None else f"{v * 100:.2f}%"


class MainWindow(QMainWindow):
    def __init__(self, ward):
        super().__init__()
        self.ward = ward
        self.setWindowTitle("wardapp — Bộ phận Một cửa")
        self.resize(820, 620)
        central = QWidget()
        self.layout_ = QVBoxLayout(central)
        self.setCentralWidget(central)
        self.refresh()

    def refresh(self) -> None:
        now = now_local()
        rules = self.ward.rules()
        with self.ward.read() as s:
            office = self.ward.office(s)
            summary = desk_summary(s, rules, now, office.id)
            period = quarter_of(now.date(), rules.settings["quarter_scheme"])
            report = build_report(s, period, office.id)
            targets = evaluate(s, office.id, now.year, report.total.indicators())
        is_demo = office.agency_code == DEMO_OFFICE["agency_code"]
        title = office.name + (" — dữ liệu mẫu" if is_demo else "")
        head = QLabel(f"<h2>{title}</h2><div>{office.parent_name}</div>")
        self.layout_.addWidget(head)
        box = QGroupBox("Hôm nay")
        form = QFormLayout(box)
        for label, value in (
            ("Đang giải quyết", summary.open_total),
            ("Đến hạn hôm nay", summary.due_today),
            ("Sắp đến hạn", summary.due_soon),
            ("Quá hạn", summary.late),
            ("Quá hạn chưa xin lỗi", summary.late_without_apology),
            ("Quá hạn không cập nhật", summary.backlog_no_update),
            ("Có kết quả chưa ghi trả", summary.resolved_not_returned),
        ):
            form.addRow(label, QLabel(f"<b>{value}</b>"))
        self.layout_.addWidget(box)
        box = QGroupBox(f"Chỉ số {period.label} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})")
        form = QFormLayout(box)
        for key, value in report.total.indicators().items():
            form.addRow(INDICATOR_LABELS[key], QLabel(_pct(value)))
        self.layout_.addWidget(box)
        box = QGroupBox(f"Cam kết năm {now.year}")
        form = QFormLayout(box)
        for t in targets:
            actual = "—" if t.actual is None else f"{t.actual:.2f}{t.unit}"
            form.addRow(
                t.label,
                QLabel(
                    f"{COMPARATOR_TEXT[t.comparator]} {t.threshold:g}{t.unit}: {actual} "
                    f"{STATUS_TEXT[t.status]}"
                ),
            )
        self.layout_.addWidget(box)
        if office.kind == "ward":
            reminder = export_reminder(self.ward, now)
            if reminder:
                self.layout_.addWidget(QLabel(f"⚠ {reminder}"))
        self.statusBar().showMessage(f"{office.name} — {self.ward.path}")


def run_gui(db_arg: str | None) -> int:
    from db.engine import DatabaseError
    from wardapp import demo
    from wardapp.paths import default_db_path, demo_db_path
    from wardapp.store import Ward

    app = QApplication.instance() or QApplication(sys.argv)
    path = default_db_path(db_arg)
    try:
        fresh = not path.exists()
        if fresh and db_arg is None and "WARDAPP_DB" not in os.environ:
            # First start: show demo data from a separate file, never in the office's real one.
            path = demo_db_path()
            fresh = not path.exists()
        ward = Ward.open(path)
        if fresh:
            demo.generate(ward)
        window = MainWindow(ward)
    except (WardError, DatabaseError) as exc:
        QMessageBox.critical(None, "wardapp", str(exc))
        return 1
    window.show()
    return app.exec()
