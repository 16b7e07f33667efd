"""Cam kết: the year's commitment targets against the values reached so far, month by month,
each figure opening the dossiers behind it; the signed form (with its annex) as PDF, every
issued form kept and reprinted identically; and, in a second tab, the register of reform
initiatives the "at least one a year" target counts."""

from __future__ import annotations

from ui.access import offer_role
from ui.dates import DateField
from ui.evidence import open_evidence
from ui.loading import LoadsBehind
from ui.pages.initiatives_box import InitiativesBox
from ui.preview import show_document
from ui.qt import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    tr,
)
from wardapp.calendar import year as year_period
from wardapp.common import now_local
from wardapp.indicators import (
    COMPARATOR_SYMBOLS,
    STATUS_WORDS,
    build_report,
    current,
    evaluate,
    missing_targets,
    monthly_trend,
)


def _unit(t) -> str:
    return t.unit if t.unit == "%" else f" {t.unit}"


def _committed(t) -> str:
    """ "≥ 98%", or "Chưa cam kết" where the signed commitment holds no target (no default
    level shown as if it had been signed)."""
    if t.threshold is None:
        return tr("Chưa cam kết")
    return f"{COMPARATOR_SYMBOLS[t.comparator]} {t.threshold:g}{_unit(t)}"


def _amount(t) -> str:
    """'96.70%' for a rate, '1 sáng kiến' for a count."""
    if t.actual is None:
        return "—"
    return f"{t.actual:.2f}%" if t.unit == "%" else f"{t.actual:g}{_unit(t)}"


def _lacking_note(signed_on, lacking: list[str]) -> str:
    """Why some rows read "Chưa cam kết": the signed commitment predates those indicators."""
    if not lacking:
        return ""
    signed = f" ký ngày {signed_on:%d/%m/%Y}" if signed_on else ""
    return (
        f"<p>Bản cam kết{signed} không có chỉ tiêu cho: {', '.join(lacking)}. "
        "Bản đã ký được giữ nguyên; Chủ tịch ký cam kết sửa đổi, bổ sung để thêm các chỉ tiêu này.</p>"
    )


class CommitmentPage(LoadsBehind, QWidget):
    def __init__(self, ward, *, deferred: bool = False):
        super().__init__()
        self.ward = ward
        self.year = QSpinBox(minimum=2000, maximum=2100, value=now_local().year)
        self.approver = QLineEdit(placeholderText=tr("Chủ tịch UBND cấp trên (người phê duyệt)"))
        # The day the chairman signs (the city's conference), not the day it is printed.
        self.signed_on = DateField(tr("Ngày ký"))
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)  # a figure's link opens its dossiers
        self.view.anchorClicked.connect(self.open_figure)
        button = QPushButton(tr("Lập bản cam kết (PDF)…"))
        button.clicked.connect(self.save)
        # Shown while the year's commitment lacks a target for a measured indicator.
        self.amend = QPushButton(tr("Ký cam kết sửa đổi, bổ sung chỉ tiêu (PDF)…"))
        self.amend.clicked.connect(self.save_amendment)
        self.button = button
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Năm")))
        top.addWidget(self.year)
        top.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("Người phê duyệt"), self.approver)
        form.addRow(tr("Ngày ký"), self.signed_on)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addLayout(top)
        lay.addWidget(self.loading_label())
        lay.addWidget(self.view, 1)
        lay.addLayout(form)
        lay.addWidget(button)
        lay.addWidget(self.amend)
        self.initiatives = InitiativesBox(ward)
        self.tabs = QTabWidget()
        self.tabs.addTab(page, tr("Chỉ tiêu cam kết"))
        self.tabs.addTab(self.initiatives, tr("Sáng kiến cải cách hành chính"))
        self.tabs.currentChanged.connect(self._tab_changed)
        QVBoxLayout(self).addWidget(self.tabs)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.period_ = year_period(self.year.value(), ward.rules().settings["quarter_scheme"])
        if not deferred:  # in the window, it loads once placed (``LoadsBehind``)
            self.refresh()
        self.refresh_access()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.initiatives:
            self.initiatives.refresh()
        else:
            self.refresh()

    def refresh_access(self) -> None:
        offer_role(self.ward, self.button, "sign")
        offer_role(self.ward, self.amend, "sign")
        self.initiatives.refresh_access()

    def load_args(self) -> tuple[int]:
        return (self.year.value(),)

    def load(self, y: int) -> dict:
        """The year's targets, values and monthly trend: twelve reports on the whole register."""
        with self.ward.read() as s:
            office = self.ward.office(s)
            c = current(s, office.id, y)
            lacking = [label for _i, _o, _v, _u, label in missing_targets(c)] if c else []
            period = year_period(y, self.ward.rules().settings["quarter_scheme"])
            targets = evaluate(
                s, office.id, y, build_report(s, period, office.id).total.indicators()
            )
            trend = monthly_trend(s, office.id, y, targets)
            signed = None if c is None else (c.approver, c.signed_on, c.signer)
        return {
            "year": y,
            "office": office.name,
            "signed": signed,
            "period": period,
            "targets": targets,
            "trend": trend,
            "lacking": lacking,
        }

    def render(self, data: dict) -> None:
        y, period, targets, trend = data["year"], data["period"], data["targets"], data["trend"]
        approver, signed_on, signer = data["signed"] or ("", None, None)
        self.period_ = period
        # a figure load ending while the chairman types the approver must not wipe it
        if y != getattr(self, "_filled_year", None) or not self.approver.isModified():
            self.approver.setText(approver or "")
            self.signed_on.set_value(signed_on or now_local().date())
            self._filled_year = y
        rows = "".join(
            f"<tr><td>{t.label}</td><td>{_committed(t)}</td>"
            f"<td><a href='ev:{t.indicator}'>{_amount(t)}</a></td><td>{STATUS_WORDS[t.status]}</td></tr>"
            for t in targets
        )
        months = "".join(f"<th>T{m}</th>" for m in range(1, 13))
        trend_rows = "".join(
            f"<tr><td>{t.label}</td>"
            + "".join(
                f"<td align=right>{'' if p.actual is None else f'{p.actual:.1f}' if t.unit == '%' else f'{p.actual:g}'}</td>"
                for p in trend[t.indicator]
            )
            + "</tr>"
            for t in targets
        )
        self.view.setHtml(
            f"<h3>Cam kết năm {y} — {data['office']}</h3>"
            + (
                "<p>Chưa có cam kết cho năm này.</p>"
                if data["signed"] is None
                else f"<p>Người cam kết: {signer or '(chưa nhập)'} · Kỳ tính: {period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}</p>"
                f"<table border=1 cellspacing=0 cellpadding=4><tr><th>Chỉ tiêu</th><th>Cam kết</th><th>Đạt được</th><th>Đánh giá</th></tr>{rows}</table>"
                + _lacking_note(signed_on, data["lacking"])
                + "<p><i>Bấm vào kết quả để xem đúng các hồ sơ (sáng kiến) tạo nên số liệu.</i></p>"
                f"<h4>Diễn biến theo tháng năm {y} (% hoặc số sáng kiến lũy kế)</h4>"
                f"<table border=1 cellspacing=0 cellpadding=3><tr><th>Chỉ tiêu</th>{months}</tr>{trend_rows}</table>"
            )
        )
        self.amend.setVisible(bool(data["lacking"]))
        if self.tabs.currentWidget() is self.initiatives:
            self.initiatives.refresh()

    def open_figure(self, url) -> None:
        kind, _, key = url.toString().partition(":")
        if kind == "ev":
            with self.ward.read() as s:
                office_id = self.ward.office(s).id
            open_evidence(self, self.ward, key, self.period_, office_id=office_id)

    def save(self) -> None:
        from wardapp.documents import commitment_pdf  # reportlab: when asked, not at start

        y = self.year.value()
        if (
            show_document(
                self,
                "Bản cam kết",
                f"cam-ket-{y}.pdf",
                lambda path: commitment_pdf(
                    self.ward,
                    y,
                    path,
                    approver=self.approver.text() or None,
                    signed_on=self.signed_on.value(),
                ),
            )
            is not None
        ):
            self.approver.setModified(False)  # stored now: the reload may show it
            self.refresh()

    def save_amendment(self) -> None:
        """The amended commitment, signed on the date field's day, superseding the year's."""
        from wardapp.documents import commitment_pdf  # reportlab: when asked, not at start

        y = self.year.value()
        if (
            show_document(
                self,
                "Bản cam kết sửa đổi, bổ sung",
                f"cam-ket-{y}-sua-doi.pdf",
                lambda path: commitment_pdf(
                    self.ward,
                    y,
                    path,
                    approver=self.approver.text() or None,
                    signed_on=self.signed_on.value(),
                    amend=True,
                ),
            )
            is not None
        ):
            self.refresh()
