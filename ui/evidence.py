"""The rows behind a figure: any number of the dashboard, the report screen or the commitment
opens this window listing exactly the dossiers it counts (``wardapp.indicators.behind``: for a
rate, its denominator with each row marked in or out of the numerator) or, for the initiatives
target, the initiatives recognised in the year.  It opens beside the page, not over it, so a
clerk can keep it while looking a dossier up in the register.  It opens at once saying
"Đang tải…" and lists the rows when the window's line has read them (issue 20: a figure's
rows can be thousands of dossiers on a far server)."""

from __future__ import annotations

from ui.desk_line import LOST
from ui.desk_line import behind as read_behind
from ui.qt import (
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    tr,
)
from wardapp.indicators import DEFINITIONS, behind, label
from wardapp.initiatives import recognised_in

HEAD = ("Mã hồ sơ", "Thủ tục", "Tiếp nhận", "Hẹn trả", "Có kết quả", "Trả kết quả", "Kết quả")
HEAD += ("Xin lỗi", "Ý kiến", "Tính vào tử số")
INITIATIVE_HEAD = ("Tên sáng kiến", "Tác giả", "Trạng thái", "Quyết định công nhận", "Tệp")
INITIATIVES = "initiatives_per_year"


def _t(v) -> str:
    return "" if v is None else f"{v:%d/%m/%Y %H:%M}"


class EvidenceDialog(QDialog):
    """``rows`` holds what was listed (EvidenceRow or initiative rows): the tests count them."""

    def __init__(self, parent, ward, key: str, period, *, office_id=None, field=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Hồ sơ tạo nên số liệu"))
        self.resize(1100, 560)
        self.key, self.period, self.field = key, period, field
        self.rows = None  # until read
        lay = QVBoxLayout(self)
        self.heading = QLabel(tr("Đang tải…"))
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        if key in DEFINITIONS:
            note = QLabel(f"<i>{DEFINITIONS[key]}</i>")
            note.setWordWrap(True)
            lay.addWidget(note)
        self.table = QTableWidget(0, len(INITIATIVE_HEAD if key == INITIATIVES else HEAD))
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        lay.addWidget(self.table, 1)
        read_behind(
            self,
            listed,
            ward,
            key,
            period,
            office_id,
            field,
            done=self.fill,
            lost=lambda: self.heading.setText(LOST),
        )

    def fill(self, rows) -> None:
        key, period, field = self.key, self.period, self.field
        self.rows = rows
        if key == INITIATIVES:
            year = period.end.year
            title = tr("Sáng kiến được công nhận năm {year}: {n}").format(
                year=year, n=len(self.rows)
            )
            cells = [
                (r.title, r.authors, r.status_label, r.decision, str(len(r.files)))
                for r in self.rows
            ]
            head = INITIATIVE_HEAD
        else:
            counted = sum(e.counted for e in self.rows)
            where = f" — {field}" if field else ""
            title = tr("{label}{where}, {start} – {end}: {n} hồ sơ, {k} tính vào tử số").format(
                label=label(key),
                where=where,
                start=f"{period.start:%d/%m/%Y}",
                end=f"{period.end:%d/%m/%Y}",
                n=len(self.rows),
                k=counted,
            )
            cells = [
                (
                    e.code,
                    e.procedure,
                    _t(e.received_at),
                    _t(e.due_at),
                    _t(e.resolved_at),
                    _t(e.returned_at),
                    e.outcome,
                    e.apologies,
                    e.rating,
                    tr("Có") if e.counted else tr("Không"),
                )
                for e in self.rows
            ]
            head = HEAD
        self.heading.setText(f"<b>{title}</b>")
        self.table.setRowCount(len(cells))
        self.table.setHorizontalHeaderLabels([tr(h) for h in head])
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)


def listed(ward, key: str, period, office_id, field):
    """On a worker: the dossiers behind the figure, or the year's recognised initiatives."""
    if key == INITIATIVES:
        return recognised_in(ward, period.end.year)
    with ward.read() as s:
        return behind(s, key, period, office_id, field=field)


def open_evidence(parent, ward, key: str, period, **kw) -> EvidenceDialog:
    dialog = EvidenceDialog(parent, ward, key, period, **kw)
    parent._evidence = dialog  # kept alive while shown (and reachable by the tests)
    dialog.show()
    return dialog
