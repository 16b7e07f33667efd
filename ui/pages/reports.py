"""Báo cáo: Biểu 06 for a quarter, a month or any period, shown on screen and saved as PDF or
Excel with the same numbers; the logbook of the period as PDF.  At a city, its wards are also
shown side by side and ranked."""

from __future__ import annotations

from ui.dates import DateField, show_day
from ui.errors import run_action
from ui.evidence import open_evidence
from ui.late_by_agency import agency_box
from ui.loading import LoadsBehind
from ui.preview import show_document, show_long_document
from ui.qt import QComboBox, QHBoxLayout, QPushButton, QSpinBox, QTextBrowser, QVBoxLayout, QWidget
from ui.save import save_with
from wardapp.calendar import periods
from wardapp.common import ValidationError, now_local
from wardapp.indicators import (
    COLUMN_LABELS,
    COLUMNS,
    INDICATOR_LABELS,
    INDICATORS,
    build_report,
    late_by_agency,
    ranked_offices,
    write_late_xlsx,
    write_report_xlsx,
)

KINDS = ("Quý", "Tháng", "6 tháng", "Năm", "Từ ngày … đến ngày")
CUSTOM = KINDS[-1]


def _documents():
    """The PDF side (reportlab, a second's import) when a document is asked for, not when the
    page is first shown."""
    from wardapp import documents

    return documents


class ReportsPage(LoadsBehind, QWidget):
    def __init__(self, ward, *, deferred: bool = False):
        super().__init__()
        self.ward = ward
        today = now_local().date()
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.number = QSpinBox(minimum=1, maximum=12, value=(today.month - 1) // 3 + 1)
        self.year = QSpinBox(minimum=2000, maximum=2100, value=today.year)
        # any period, typed or picked the way dates are written (from the 1st of the month)
        self.start = DateField("Từ ngày", value=today.replace(day=1))
        self.end = DateField("Đến ngày", value=today)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)  # a figure's link opens its dossiers, not a page
        self.view.anchorClicked.connect(self.open_figure)
        self.fields: list[str] = []
        row = QHBoxLayout()
        for w in (self.kind, self.number, self.year, self.start, self.end):
            row.addWidget(w)
        for label, fn in (
            ("Xem / in PDF…", self.save_pdf),
            ("Lưu Excel…", self.save_xlsx),
            ("Sổ theo dõi (xem / in)…", self.save_logbook),
            ("Quá hạn theo cơ quan (Excel)…", self.save_late_xlsx),
        ):
            b = QPushButton(label)
            b.clicked.connect(fn)
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.loading_label())
        lay.addWidget(self.view, 1)
        self.late_holder = QVBoxLayout()
        lay.addLayout(self.late_holder)
        for w in (self.kind, self.number, self.year):
            (w.currentIndexChanged if w is self.kind else w.valueChanged).connect(
                lambda *_: self.refresh()
            )
        for w in (self.start, self.end):
            w.edited.connect(self.refresh)
        self.ranks: list = []
        if not deferred:  # in the window, it loads once placed (``LoadsBehind``)
            self.refresh()

    def period(self) -> periods.Period:
        scheme = self.ward.rules().settings["quarter_scheme"]
        kind, n, y = self.kind.currentText(), self.number.value(), self.year.value()
        if kind == CUSTOM:
            start, end = self.start.value(), self.end.value()
            if end < start:
                raise ValidationError(
                    "Đến ngày", f"{show_day(end)} trước ngày bắt đầu {show_day(start)}"
                )
            return periods.Period(start, end, f"Từ {show_day(start)} đến {show_day(end)}")
        if kind == "Quý":
            return periods.quarter(y, min(n, 4), scheme)
        if kind == "Tháng":
            return periods.month(y, n)
        if kind == "6 tháng":
            return periods.half(y, min(n, 2), scheme)
        return periods.year(y, scheme)

    def report(self, period=None):
        """Biểu 06 for ``period`` (default: the one the widgets say); safe off the GUI thread
        when ``period`` is given."""
        period = period or self.period()
        with self.ward.read() as s:
            office = self.ward.office(s)
            r = build_report(s, period, None if office.kind == "city" else office.id)
            r.office = office.name
        return r

    def late(self, period=None):
        period = period or self.period()
        with self.ward.read() as s:
            office = self.ward.office(s)
            r = late_by_agency(
                s, self.ward.rules(), period, None if office.kind == "city" else office.id
            )
            r.office = office.name
        return r

    def load_args(self):
        custom = self.kind.currentText() == CUSTOM
        self.number.setVisible(not custom)
        self.year.setVisible(not custom)
        self.start.setVisible(custom)
        self.end.setVisible(custom)
        try:
            return (self.period(),)
        except ValidationError as exc:  # a period being typed: say what is wrong, keep it
            self.view.setHtml(f"<p style='color:#b00020'>{exc}</p>")
            return None

    def load(self, period) -> tuple:
        """Biểu 06, the wards' ranking at a city, and the late-by-agency split."""
        r = self.report(period)
        with self.ward.read() as s:
            city = self.ward.office(s).kind == "city"
            ranks = ranked_offices(s, period) if city else []
        return r, ranks, self.late(period)

    def save_late_xlsx(self) -> None:
        r = self.late()
        p = r.period
        save_with(
            self,
            "Hồ sơ quá hạn theo cơ quan (Excel)",
            f"qua-han-theo-co-quan_{p.start:%Y%m%d}-{p.end:%Y%m%d}.xlsx",
            lambda path: write_late_xlsx(r, path),
            "Excel (*.xlsx)",
        )

    def _ranks_html(self) -> str:
        """At a city: its wards side by side, ranked (the same numbers as Biểu 06 per ward)."""
        if not self.ranks:
            return ""
        labels = {  # both "Quá hạn" columns of Biểu 06 side by side need their group's name
            "received_total": "Tiếp nhận",
            "resolved_total": "Đã giải quyết",
            "resolved_early": "Trước hạn",
            "resolved_on_time": "Đúng hạn",
            "resolved_late": "Giải quyết quá hạn",
            "in_progress_late": "Đang giải quyết quá hạn",
        }
        cols = tuple(labels)
        head = "".join(f"<th>{labels[k]}</th>" for k in cols)
        head += "".join(f"<th>{INDICATOR_LABELS[k]}</th>" for k in INDICATORS)
        head += "<th>Sáng kiến được công nhận trong năm</th>"
        body = ""
        for r in self.ranks:
            c, ind = r.counts.columns(), r.counts.indicators()
            body += (
                f"<tr><td align=right>{r.rank}</td><td>{r.name}<br><small>{r.code}</small></td>"
                + "".join(f"<td align=right>{c[k]}</td>" for k in cols)
                + "".join(
                    f"<td align=right>{'—' if ind[k] is None else f'{ind[k] * 100:.2f}%'}</td>"
                    for k in INDICATORS
                )
                + f"<td align=right>{r.initiatives}</td></tr>"
            )
        return (
            "<h3>Xếp hạng các phường, xã (theo tỷ lệ giải quyết đúng hạn)</h3>"
            f"<table border=1 cellspacing=0 cellpadding=3><tr><th>Hạng</th><th>Đơn vị</th>{head}</tr>"
            f"{body}</table>"
        )

    def render(self, data: tuple) -> None:
        r, self.ranks, late = data
        custom = self.kind.currentText() == CUSTOM
        p = r.period
        head = "".join(f"<th>{COLUMN_LABELS[k]}</th>" for k in COLUMNS)
        rows = "".join(
            f"<tr><td>{f}</td>"
            + "".join(
                f"<td align=right><a href='ev:{k}:{i}'>{v}</a></td>" for k, v in c.columns().items()
            )
            + "</tr>"
            for i, (f, c) in enumerate(r.rows.items())
        )
        total = "".join(
            f"<td align=right><b><a href='ev:{k}'>{v}</a></b></td>"
            for k, v in r.total.columns().items()
        )
        asked = r.total.values["rated_asked"]
        ind = "".join(
            f"<li>{INDICATOR_LABELS[k]}: <b><a href='ev:{k}'>{'—' if v is None else f'{v * 100:.2f}%'}</a></b>"
            + (f" ({asked} người được hỏi)" if k == "satisfaction_rate" else "")
            + "</li>"
            for k, v in r.total.indicators().items()
        )
        span = "" if custom else f" (từ {p.start:%d/%m/%Y} đến {p.end:%d/%m/%Y})"  # said once
        self.fields = list(r.rows)
        self.view.setHtml(
            f"<h3>Biểu 06/VPCP/KSTT — {p.label}{span}</h3>"
            f"<table border=1 cellspacing=0 cellpadding=3><tr><th>Lĩnh vực</th>{head}</tr>{rows}"
            f"<tr><td><b>Tổng cộng</b></td>{total}</tr></table>"
            "<p><i>Bấm vào một số để xem đúng các hồ sơ tạo nên số đó.</i></p>"
            f"<ul>{ind}</ul>" + self._ranks_html()
        )
        while self.late_holder.count():
            self.late_holder.takeAt(0).widget().deleteLater()
        title = f"Hồ sơ quá hạn theo cơ quan — {p.label}"
        self.late_holder.addWidget(agency_box(self, late, title))

    def open_figure(self, url) -> None:
        """'ev:KEY' (the total) or 'ev:KEY:ROW' (a field's row of Biểu 06)."""
        parts = url.toString().split(":")
        if parts[0] != "ev":
            return
        field = self.fields[int(parts[2])] if len(parts) > 2 else None
        with self.ward.read() as s:
            office = self.ward.office(s)
            scope = None if office.kind == "city" else office.id
        open_evidence(self, self.ward, parts[1], self.period(), office_id=scope, field=field)

    def _name(self, ext: str) -> str:
        p = self.period()
        return f"bieu06_{p.start:%Y%m%d}-{p.end:%Y%m%d}.{ext}"

    def save_pdf(self) -> None:
        if run_action(self, self.period) is None:
            return
        show_document(
            self,
            "Biểu 06 (PDF)",
            self._name("pdf"),
            lambda path: _documents().report_pdf(self.ward, self.report(), path),
        )

    def _heading(self):
        with self.ward.read() as s:
            return _documents().report_heading(self.ward, s)

    def save_xlsx(self) -> None:
        r = run_action(self, self.report)
        if r is None:
            return
        save_with(
            self,
            "Biểu 06 (Excel)",
            self._name("xlsx"),
            lambda path: write_report_xlsx(r, path, r.office, self._heading()),
            "Excel (*.xlsx)",
        )

    def save_logbook(self) -> None:
        p = run_action(self, self.period)
        if p is None:
            return
        show_long_document(
            self,
            "Sổ theo dõi hồ sơ",
            f"so-theo-doi_{p.start:%Y%m%d}-{p.end:%Y%m%d}.pdf",
            lambda path, progress: _documents().logbook_pdf(self.ward, p, path, progress),
        )
