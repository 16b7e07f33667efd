"""Trao đổi dữ liệu: at a ward, export this week's package (one button, with a reminder when
last week's is missing) and the history of what was sent; at the city, import packages — a dry
run first shows the per-file summary, then "Áp dụng" applies exactly that — and see which wards
sent what."""

from __future__ import annotations

from sqlalchemy import select

from db.models import ExportLog
from ui.access import offer, offer_role
from ui.errors import report_error, run_action
from ui.qt import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from ui.tasks import Cancelled, run_long
from wardapp.dossiers import import_logbook
from wardapp.exchange import (
    counts_in_words,
    describe,
    export_package,
    export_reminder,
    holes,
    import_packages,
    office_statuses,
    summary_in_words,
)
from wardapp.trust import auth


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(str(text)))
    table.resizeColumnsToContents()


class ExchangePage(QWidget):
    changed = Signal()

    def __init__(self, ward, actor: str = ""):
        super().__init__()
        self.ward, self.actor = ward, actor
        with ward.read() as s:
            self.is_city = ward.office(s).kind == "city"
        self.info = QLabel()
        self.table = QTableWidget()
        self.summary = QTextBrowser()
        self.pending: list[str] = []
        row = QHBoxLayout()
        if self.is_city:
            self.main_btn = QPushButton(tr("Chọn gói của các phường (chạy thử)…"))
            self.main_btn.clicked.connect(self.choose_packages)
            self.apply_btn = QPushButton(tr("Áp dụng các gói đã kiểm tra"))
            self.apply_btn.setEnabled(False)
            self.apply_btn.clicked.connect(self.apply)
            row.addWidget(self.main_btn)
            row.addWidget(self.apply_btn)
        else:
            self.main_btn = QPushButton(tr("Xuất gói tuần này…"))
            self.main_btn.clicked.connect(self.choose_folder)
            self.logbook_btn = QPushButton(tr("Nhập sổ theo dõi cũ (Excel/CSV)…"))
            self.logbook_tip = tr(
                "Hồ sơ đã ghi ở sổ giấy hoặc Excel trước khi dùng wardapp; kiểm tra trước khi ghi"
            )
            self.logbook_btn.setToolTip(self.logbook_tip)
            self.logbook_btn.clicked.connect(self.choose_logbook)
            row.addWidget(self.main_btn)
            row.addWidget(self.logbook_btn)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        self.why = QLabel(visible=False, wordWrap=True)  # said on the page, not only on hover
        self.why.setStyleSheet("color: #7a4d00;")
        lay.addWidget(self.why)
        lay.addLayout(row)
        lay.addWidget(self.table, 2)
        lay.addWidget(self.summary, 1)
        self.refresh()
        self.refresh_access()

    def refresh_access(self) -> None:
        """A city officer imports; at a ward a clerk exports and takes in an old logbook."""
        if self.is_city:
            offer_role(self.ward, self.main_btn, "import")
            why = auth.refusal(self.ward, "import")
            offer(self.apply_btn, why)
            self.apply_btn.setEnabled(why is None and bool(self.pending))
            if why:
                self.why.setText(
                    "⚠ "
                    + why
                    + " "
                    + tr("Đổi sang tài khoản đó: Tệp → Đổi người dùng (Ctrl+Shift+U).")
                )
            self.why.setVisible(bool(why))
        else:
            offer_role(self.ward, self.main_btn, "export")
            offer_role(self.ward, self.logbook_btn, "dossier", self.logbook_tip)

    def refresh(self) -> None:
        if self.is_city:
            sts = office_statuses(self.ward)
            self.info.setText(f"<h3>Các phường, xã gửi gói dữ liệu: {len(sts)}</h3>")
            _fill(
                self.table,
                ["Mã", "Đơn vị", "Số gói", "Gói cuối", "Tuần", "Thiếu gói số", "Thiếu thay đổi"],
                [
                    [
                        x.code,
                        x.name,
                        x.packages,
                        x.last_seq or "",
                        x.last_week,
                        ", ".join(map(str, x.missing)),
                        describe(x.change_holes),
                    ]
                    for x in sts
                ],
            )
            return
        reminder = export_reminder(self.ward)
        with self.ward.read() as s:
            logs = list(
                s.scalars(
                    select(ExportLog)
                    .where(ExportLog.kind == "ward-data")
                    .order_by(ExportLog.seq.desc())
                )
            )
        hole = describe(holes((x.seq, x.change_from, x.change_to) for x in logs))
        self.info.setText(
            "<h3>Gửi dữ liệu cho thành phố</h3>"
            + (f"<p>⚠ {reminder}</p>" if reminder else "<p>Gói tuần này đã xuất.</p>")
            + (
                f"<p>⚠ Các gói đã gửi {hole}: hãy xuất lại một gói đầy đủ từ dòng lệnh.</p>"
                if hole
                else ""
            )
        )
        _fill(
            self.table,
            ["Số", "Lúc", "Từ", "Đến", "Thay đổi số", "Bản ghi", "Tệp", "SHA-256"],
            [
                [
                    x.seq,
                    x.created_at.strftime("%d/%m/%Y %H:%M"),
                    f"{x.period_from:%d/%m/%Y}",
                    f"{x.period_to:%d/%m/%Y}",
                    "" if x.change_to is None else f"{x.change_from + 1}–{x.change_to}",
                    x.records,
                    x.file_name,
                    x.sha256[:16] + "…",
                ]
                for x in logs
            ],
        )

    # -- ward -------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục (USB, thư mục chia sẻ…)"))
        if folder:
            self.export_to(folder)

    def export_to(self, folder: str):
        res = run_action(self, export_package, self.ward, folder)
        if res is not None:
            self.summary.setPlainText(
                tr("Đã ghi {path}\nGói số {seq}: {counts}\nMã kiểm tra SHA-256: {sha}").format(
                    path=res.path, seq=res.seq, counts=counts_in_words(res.counts), sha=res.sha256
                )
            )
            self.refresh()
        return res

    def choose_logbook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Chọn sổ theo dõi cũ"), "", "Excel/CSV (*.xlsx *.csv)"
        )
        if path:
            self.import_logbook(path)

    def import_logbook(self, path: str) -> None:
        """Checked first (every bad row with its row number, nothing written); written only
        after the clerk confirms what the check found."""

        def checked(res):
            if not res.ok:
                self.summary.setPlainText(
                    tr("Sổ có dòng sai; chưa ghi gì. Sửa tệp rồi nhập lại:")
                    + "\n"
                    + "\n".join(f"Dòng {n}: {msg}" for n, msg in res.errors[:200])
                )
                return
            text = tr("Sổ có {n} hồ sơ hợp lệ. Ghi vào cơ sở dữ liệu?").format(n=res.rows)
            if res.new_procedures:
                text += "\n" + tr("Thủ tục chưa có trong danh mục (sẽ thêm, chưa xác nhận): ")
                text += ", ".join(res.new_procedures)
            if QMessageBox.question(self, "wardapp", text) == QMessageBox.Yes:
                self._run(
                    import_logbook,
                    self.ward,
                    path,
                    actor=self.actor,
                    title=tr("Đang ghi sổ theo dõi cũ…"),
                    on_done=written,
                )

        def written(res):
            self.summary.setPlainText(
                tr("Đã ghi {n} hồ sơ từ {file}.").format(n=res.written, file=path)
            )
            self.changed.emit()

        self._run(
            import_logbook,
            self.ward,
            path,
            dry_run=True,
            actor=self.actor,
            title=tr("Đang kiểm tra sổ theo dõi cũ…"),
            on_done=checked,
        )

    # -- city -------------------------------------------------------------------------------------
    def choose_packages(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, tr("Chọn gói .wardpkg"), "", "Gói wardapp (*.wardpkg)"
        )
        if files:
            self.check(files)

    def _run(self, fn, *args, title: str, on_done, **kwargs) -> None:
        """One long task at a time from this screen (``ui.tasks.run_long``); a stopped import
        says what it kept."""
        self._busy(True)

        def done(result):
            self._busy(False)
            on_done(result)

        def failed(exc):
            self._busy(False)
            if isinstance(exc, Cancelled):
                self.summary.setPlainText(
                    tr(
                        "Đã dừng. Các lô gói đã ghi trước khi dừng được giữ nguyên, mỗi gói trọn vẹn; "
                        "chọn lại các gói để nhập tiếp (gói đã nhập sẽ báo “đã nhập từ trước”)."
                    )
                )
                self.refresh()
                self.changed.emit()
            else:
                report_error(self, exc)

        run_long(self, fn, *args, title=title, on_done=done, on_error=failed, **kwargs)

    def _busy(self, busy: bool) -> None:
        """One long task at a time from this screen."""
        self.main_btn.setEnabled(not busy)
        if self.is_city:
            self.apply_btn.setEnabled(
                not busy and bool(self.pending) and auth.refusal(self.ward, "import") is None
            )
        else:
            self.logbook_btn.setEnabled(not busy)

    def check(self, files: list[str]) -> None:
        """Dry run: the exact summary of what applying would do; nothing is written."""

        def shown(result):
            self.summary.setPlainText(
                tr("Chạy thử (chưa ghi gì):")
                + "\n"
                + "\n".join(summary_in_words(s) for s in result)
            )
            self.pending = [f for f, s in zip(files, result, strict=True) if s.status == "dry-run"]
            self.apply_btn.setEnabled(bool(self.pending))

        self._run(
            import_packages,
            self.ward,
            files,
            dry_run=True,
            title=tr("Đang kiểm tra các gói…"),
            on_done=shown,
        )

    def apply(self) -> None:
        def applied(result):
            self.summary.setPlainText(
                tr("Đã nhập:") + "\n" + "\n".join(summary_in_words(s) for s in result)
            )
            self.pending = []
            self.apply_btn.setEnabled(False)
            self.refresh()
            self.changed.emit()

        self._run(
            import_packages,
            self.ward,
            self.pending,
            title=tr("Đang nhập các gói…"),
            on_done=applied,
        )
