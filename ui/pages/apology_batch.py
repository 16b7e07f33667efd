"""The batch apology as a checklist: every candidate ticked by default, a shared reason that
each dossier may replace with its own, the first letter previewed exactly as it will be
printed, a confirmation naming how many letters, and a progress bar while they are issued.

One click used to number and record a letter for every late dossier with one reason; the
letters carry the chairman's signature and a number, so nothing is issued before "Phát hành"
is confirmed, and a wrong reason is corrected before, not after.

The candidates are read on the window's line once the dialog is open ("Đang tải…" until then,
the lost-connection message if the server is gone): on a far server that read held the window.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ui import ask
from ui.desk_line import LOST, behind
from ui.errors import run_action
from ui.preview import PreviewDialog, show_document
from ui.qt import (
    QT_TR_NOOP,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    Signal,
    tr,
)
from wardapp.common import now_local
from wardapp.documents import batch_candidate_rows

COLUMNS = (
    "",
    QT_TR_NOOP("Mã hồ sơ"),
    QT_TR_NOOP("Người nộp"),
    QT_TR_NOOP("Hẹn trả"),
    QT_TR_NOOP("Lý do riêng (để trống: lý do chung)"),
)
REASON = 4


def due_cell(d, now) -> str:
    """A candidate's due time as the Xin lỗi lists show it: ⚠ already late, ◷ due soon."""
    return ("⚠ " if d.due_at < now else "◷ ") + f"{d.due_at:%H:%M %d/%m/%Y}"


class BatchApologyDialog(QDialog):
    progressed = Signal(int)  # letters written, from the worker issuing them

    def __init__(self, page):
        super().__init__(page)
        self.page, self.ward = page, page.ward
        self.issued = None
        self.setWindowTitle(tr("Lập văn bản xin lỗi theo lô"))
        self.codes: list[str] | None = None  # until the candidates are read
        self.gone = ""  # the lost-connection message while they could not be read
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((28, 190, 160, 120)):
            self.table.setColumnWidth(col, width)
        self.reason = QLineEdit(placeholderText=tr("Lý do chậm trễ dùng chung (ghi trong văn bản)"))
        self.days = QSpinBox(
            minimum=1, maximum=60, value=int(self.ward.rules().settings["apology_extension_days"])
        )
        self.signer = QLineEdit(placeholderText=tr("Để trống: Chủ tịch ký"))
        self.count = QLabel()
        self.problems = QLabel()
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setWordWrap(True)
        self.progress = QProgressBar(minimum=0, maximum=1, value=0)
        self.progressed.connect(self.progress.setValue)
        self.progress.setFormat(tr("%v / %m văn bản"))
        self.progress.hide()
        self.preview_btn = QPushButton(tr("Xem trước văn bản đầu tiên…"))
        self.issue_btn = QPushButton(tr("Phát hành…"))
        self.issue_btn.setDefault(True)
        close = QPushButton(tr("Đóng"))
        self.preview_btn.clicked.connect(self.show_preview)
        self.issue_btn.clicked.connect(self.issue)
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("Lý do chung"), self.reason)
        form.addRow(tr("Gia hạn (ngày làm việc)"), self.days)
        form.addRow(tr("Người ký"), self.signer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for b in (self.preview_btn, self.issue_btn, close):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(tr("Bỏ chọn hồ sơ chưa cần xin lỗi; ghi lý do riêng nếu khác lý do chung."))
        )
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addWidget(self.problems)
        lay.addWidget(self.progress)
        lay.addLayout(buttons)
        self.resize(900, 560)
        self.table.itemChanged.connect(lambda _item: self.check())
        self.reason.textChanged.connect(lambda _t: self.check())
        self.check()
        behind(self, batch_candidate_rows, self.ward, done=self.fill, lost=self._lost)

    def _lost(self) -> None:
        self.gone = LOST
        self.check()

    def fill(self, candidates) -> None:
        self.codes, self.gone = [c.code for c in candidates], ""
        self.table.blockSignals(True)  # one check once filled, not one per cell
        self.table.setRowCount(len(self.codes))
        now = now_local()
        for i, d in enumerate(candidates):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled)
            tick.setCheckState(Qt.Checked)
            self.table.setItem(i, 0, tick)
            for j, text in enumerate((d.code, d.applicant_name, due_cell(d, now)), start=1):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)  # read-only
                self.table.setItem(i, j, item)
            self.table.setItem(i, REASON, QTableWidgetItem(""))
        self.table.blockSignals(False)
        self.progress.setMaximum(max(len(self.codes), 1))
        self.check()

    # -- the choice ---------------------------------------------------------------------------
    def chosen(self) -> list[str]:
        return [
            code
            for i, code in enumerate(self.codes or ())
            if self.table.item(i, 0).checkState() == Qt.Checked
        ]

    def reasons(self) -> dict[str, str]:
        """The dossiers given a reason of their own."""
        out = {}
        for i, code in enumerate(self.codes or ()):
            text = self.table.item(i, REASON).text().strip()
            if text:
                out[code] = text
        return out

    def reason_of(self, code: str) -> str:
        return self.reasons().get(code) or self.reason.text().strip()

    def problem_list(self) -> list[str]:
        if self.codes is None:
            return [self.gone or tr("Đang tải…")]
        chosen = self.chosen()
        if not chosen:
            return [tr("Chưa chọn hồ sơ nào.")]
        bare = [c for c in chosen if not self.reason_of(c)]
        if bare:
            return [
                tr(
                    "Chưa có lý do chậm trễ cho {n} hồ sơ: nhập lý do chung hoặc lý do riêng."
                ).format(n=len(bare))
            ]
        return []

    def check(self) -> None:
        problems = self.problem_list()
        self.problems.setText("\n".join(problems))
        self.issue_btn.setEnabled(not problems)
        self.preview_btn.setEnabled(not problems)
        self.count.setText(
            tr("Đã chọn {n}/{total} hồ sơ").format(
                n=len(self.chosen()), total=len(self.codes or ())
            )
        )

    # -- preview, confirm, issue ------------------------------------------------------------------
    def show_preview(self) -> PreviewDialog | None:
        """The first ticked dossier's letter as it would be printed; nothing is recorded."""
        from wardapp.documents import preview_letter  # reportlab: when asked, not at start

        code = self.chosen()[0]
        pdf = run_action(
            self,
            preview_letter,
            self.ward,
            code,
            reason=self.reason_of(code),
            signer=self.signer.text() or None,
            extra_days=self.days.value(),
        )
        if pdf is None:
            return None
        path = Path(tempfile.mkdtemp(prefix="wardapp-doc-")) / f"xem-truoc-{code}.pdf"
        path.write_bytes(pdf)
        self.preview = PreviewDialog(self, path, tr("Xem trước: văn bản xin lỗi"), path.name)
        self.preview.open()
        return self.preview

    def confirm(self, n: int) -> bool:
        return ask.confirm(
            self,
            tr("Phát hành văn bản xin lỗi"),
            tr("Phát hành {n} văn bản xin lỗi?").format(n=n)
            + "\n"
            + tr("Mỗi văn bản được cấp số và ghi vào lịch sử hồ sơ; không hoàn tác được."),
        )

    def issue(self) -> None:
        from wardapp.documents import issue_batch  # reportlab: when asked, not at start

        chosen = self.chosen()
        if self.problem_list() or not self.confirm(len(chosen)):
            return
        self.progress.setMaximum(len(chosen))
        self.progress.setValue(0)
        self.progress.show()

        def step(done: int, _total: int) -> None:  # on the worker: the bar is set by a signal
            self.progressed.emit(done)

        self.issued = show_document(
            self,
            "Văn bản xin lỗi",
            f"xin-loi-{now_local():%Y%m%d-%H%M}.pdf",
            lambda path: issue_batch(
                self.ward,
                self.page.actor,
                path,
                reason=self.reason.text(),
                signer=self.signer.text() or None,
                extra_days=self.days.value(),
                codes=chosen,
                reasons={c: r for c, r in self.reasons().items() if c in chosen},
                progress=step,
            ),
            within_ms=20_000 + 200 * len(chosen),  # about 10 ms a letter, with room for load
        )
        if self.issued is not None:
            self.accept()
        else:
            self.progress.hide()
