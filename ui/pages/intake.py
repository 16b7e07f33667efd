"""Tiếp nhận: the intake form in the order of the paper slip.  The procedure picker searches code
or name without diacritics; every field is checked as it is typed (the service's own rule,
``dossiers.problems``), all problems are listed at once under the form and "Lưu" stays greyed
until there are none; the due time is shown live with its working-day reasoning on hover;
Enter saves; after saving the receipt slip (Mẫu 01) can be saved as PDF straight away."""

from __future__ import annotations

import json
import uuid

from ui.access import offer
from ui.desk_line import LOST, line_of, run_desk
from ui.pages.intake_checks import id_message, phone_message
from ui.pages.intake_draft import IntakeDraft
from ui.preview import show_document
from ui.qt import (
    QT_TR_NOOP,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from wardapp.calendar import compute_due, explain_due, parse_hhmm
from wardapp.catalogue import in_force, ranked
from wardapp.common import fold, now_local
from wardapp.dossiers import IntakeData, drafts, intake, problems
from wardapp.trust import auth

CHANNELS = (
    ("direct", QT_TR_NOOP("Trực tiếp")),
    ("online", QT_TR_NOOP("Trực tuyến")),
    ("postal", QT_TR_NOOP("Qua bưu chính")),
)
# How letters address the applicant: the 12-digit ID decides when there is one.
SALUTATIONS = (
    ("", QT_TR_NOOP("Theo số định danh (không ghi nếu không có)")),
    ("ong", QT_TR_NOOP("Ông")),
    ("ba", QT_TR_NOOP("Bà")),
    ("none", QT_TR_NOOP("Không ghi")),
    ("org", QT_TR_NOOP("Tổ chức (ghi tên tổ chức)")),
)


class IntakePage(IntakeDraft, QWidget):
    saved = Signal(str)  # dossier code

    def __init__(self, ward, actor: str):
        super().__init__()
        self.ward, self.actor = ward, actor
        self.last_code: str | None = None
        self._saving = False  # a second Enter while the first is being saved
        self._just_saved = False  # the form was reset by a save and not touched since
        # This citizen's intake, named by the desk: a save sent again (the connection lost
        # before the server's answer) finds the dossier instead of making a second one.
        self.intake_key = str(uuid.uuid4())
        self.receipt_tip = ""
        self.procs = self.load_procedures()
        self.proc_search = QLineEdit(
            placeholderText=tr("Gõ mã hoặc tên thủ tục, không cần dấu (vd: khai sinh)")
        )
        self.proc_box = QComboBox()
        self.name = QLineEdit()
        self.id_number = QLineEdit(placeholderText=tr("12 chữ số"))
        self.id_msg = QLabel()
        self.salutation = QComboBox()
        for key, label in SALUTATIONS:
            self.salutation.addItem(tr(label), key)
        self.phone = QLineEdit(placeholderText="0912 345 678")
        self.phone_msg = QLabel()
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.channel = QComboBox()
        for key, label in CHANNELS:
            self.channel.addItem(tr(label), key)
        self.full_online = QCheckBox(tr("Trực tuyến toàn trình"))
        self.paid_online = QCheckBox(tr("Đã thanh toán trực tuyến"))
        self.sets = QSpinBox(minimum=1, maximum=99, value=1)
        self.docs = QListWidget()
        self.docs.setMaximumHeight(130)
        self.due = QLabel()
        self.due.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.save_btn = QPushButton(tr("Lưu và cấp giấy hẹn (Enter)"))
        self.receipt_btn = QPushButton(tr("Xem và in giấy tiếp nhận…"))
        self.receipt_btn.setEnabled(False)
        self.result = QLabel()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        for w in (self.id_msg, self.phone_msg, self.problems):
            w.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(tr("Thủ tục"), self.proc_search)
        form.addRow("", self.proc_box)
        form.addRow(tr("Họ tên người nộp"), self.name)
        form.addRow(tr("Số định danh cá nhân"), self.id_number)
        form.addRow("", self.id_msg)
        form.addRow(tr("Xưng hô trong văn bản"), self.salutation)
        form.addRow(tr("Điện thoại"), self.phone)
        form.addRow("", self.phone_msg)
        form.addRow(tr("Email"), self.email)
        form.addRow(tr("Địa chỉ"), self.address)
        form.addRow(tr("Kênh nộp"), self.channel)
        row = QHBoxLayout()
        row.addWidget(self.full_online)
        row.addWidget(self.paid_online)
        form.addRow("", row)
        form.addRow(tr("Số bộ hồ sơ"), self.sets)
        form.addRow(tr("Thành phần hồ sơ"), self.docs)
        form.addRow(tr("Hẹn trả kết quả"), self.due)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.receipt_btn)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.problems)
        lay.addLayout(buttons)
        lay.addWidget(self.result)
        lay.addStretch(1)
        # Tab order follows the paper form.
        order = [
            self.proc_search,
            self.proc_box,
            self.name,
            self.id_number,
            self.salutation,
            self.phone,
            self.email,
            self.address,
            self.channel,
            self.full_online,
            self.paid_online,
            self.sets,
            self.docs,
            self.save_btn,
        ]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.proc_search.textChanged.connect(self.filter_procedures)
        self.proc_box.currentIndexChanged.connect(lambda _i: self.procedure_changed())
        self.id_number.textChanged.connect(self.check_id)
        self.phone.textChanged.connect(self.check_phone)
        for w in (self.name, self.id_number, self.phone, self.email, self.address):
            w.textChanged.connect(lambda _t: self.validate())
        self.save_btn.clicked.connect(self.save)
        self.receipt_btn.clicked.connect(self.save_receipt)
        for w in (
            self.proc_search,
            self.name,
            self.id_number,
            self.phone,
            self.email,
            self.address,
        ):
            w.returnPressed.connect(self.save)
            w.textChanged.connect(lambda _t: self._next_citizen())
        self.filter_procedures("")
        self._setup_draft()
        self.refresh_access()

    def refresh_access(self) -> None:
        """Only roles that take in dossiers may save (an administrator does not, a city has
        no desk); the receipt belongs to the dossier just saved."""
        self.validate()
        why = auth.refusal(self.ward, "dossier")
        offer(self.receipt_btn, why, self.receipt_tip)
        self.receipt_btn.setEnabled(why is None and bool(self.last_code))

    # -- live feedback ------------------------------------------------------------------------
    def load_procedures(self) -> list[tuple]:
        return [
            (
                p.code,
                p.name,
                p.limit_days,
                p.cutoff,
                json.loads(p.documents or "[]"),
                fold(f"{p.code} {p.name}"),
            )
            for p in in_force(self.ward, now_local().date())
        ]

    def catalogue_changed(self) -> None:
        code = self.proc_box.currentData()
        self.procs = self.load_procedures()
        self.filter_procedures(self.proc_search.text())
        i = self.proc_box.findData(code)
        if i >= 0:
            self.proc_box.setCurrentIndex(i)

    def filter_procedures(self, text: str) -> None:
        key = fold(text)
        self.proc_box.blockSignals(True)
        self.proc_box.clear()
        # folded is "code name": the code's own fold is its first word (codes have no spaces)
        for code, name, *_rest, _folded in ranked(
            key, self.procs, code=lambda p: p[-1].split(" ", 1)[0], name=_folded_name
        ):
            self.proc_box.addItem(f"{code} — {name}", code)
        self.proc_box.blockSignals(False)
        self.procedure_changed()

    def current_procedure(self):
        code = self.proc_box.currentData()
        return next((p for p in self.procs if p[0] == code), None)

    def procedure_changed(self) -> None:
        p = self.current_procedure()
        self.docs.clear()
        self.validate()
        if p is None:
            self.due.setText(tr("Chưa chọn thủ tục"))
            self.due.setToolTip("")
            return
        for d in p[4]:
            item = QListWidgetItem(d)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.docs.addItem(item)
        rules = self.ward.rules()
        now = now_local()
        cutoff = parse_hhmm(p[3]) if p[3] else rules.cutoff
        due = compute_due(rules.calendar, rules.hours, now, p[2], cutoff)
        limit = "trong ngày" if p[2] == 0 else f"{p[2]:g} ngày làm việc".replace(".", ",")
        self.due.setText(f"<b>{due:%H:%M ngày %d/%m/%Y}</b> ({limit}) — di chuột để xem cách tính")
        self.due.setToolTip(explain_due(rules.calendar, rules.hours, now, p[2], cutoff))

    def check_id(self, text: str) -> None:
        self.id_msg.setText(id_message(text))

    def check_phone(self, text: str) -> None:
        self.phone_msg.setText(phone_message(text))

    # -- the whole form -------------------------------------------------------------------------
    def form_data(self) -> IntakeData | None:
        p = self.current_procedure()
        if p is None:
            return None
        docs = [
            self.docs.item(i).text()
            for i in range(self.docs.count())
            if self.docs.item(i).checkState() == Qt.Checked
        ]
        return IntakeData(
            procedure_code=p[0],
            applicant_name=self.name.text(),
            applicant_id=self.id_number.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            channel=self.channel.currentData(),
            full_online=self.full_online.isChecked(),
            paid_online=self.paid_online.isChecked(),
            sets_count=self.sets.value(),
            documents=docs,
            salutation=self.salutation.currentData(),
        )

    def problem_list(self) -> list[str]:
        """Every problem of the form at once, in the order of the fields."""
        data = self.form_data()
        out = [] if data is not None else [tr("Thủ tục: chưa chọn")]
        data = data or IntakeData(procedure_code="", applicant_name=self.name.text())
        return out + list(problems(data).values())

    def validate(self) -> list[str]:
        """Lists what is wrong under the form and greys "Lưu" until nothing is (the role's
        reason first: a clerk's form is valid but an administrator still may not save)."""
        found = self.problem_list()
        self.problems.setText("\n".join(f"• {p}" for p in found))
        why = auth.refusal(self.ward, "dossier")
        if why is None and found:
            why = tr("Cần sửa trước khi lưu: {first}").format(first=found[0])
        offer(self.save_btn, why)
        return found

    # -- save -----------------------------------------------------------------------------------
    def _next_citizen(self) -> None:
        """The next citizen's details are being typed: the slip button no longer offers the
        previous one's (it printed it, under the new person's data)."""
        if not self._just_saved:
            return
        self._just_saved = False
        self.last_code = None
        self.receipt_btn.setText(tr("Xem và in giấy tiếp nhận…"))
        self.receipt_tip = tr("Giấy của hồ sơ đã lưu: in lại từ Sổ theo dõi (chuột phải vào hồ sơ)")
        self.refresh_access()

    def save(self) -> None:
        """Enter saves once: again while saving, or on the form a save has just emptied, does
        nothing."""
        if self._saving or self._just_saved:
            return
        self._saving = True
        try:
            self._save()
        finally:
            self._saving = False

    def _save(self) -> None:
        if self.validate() or not self.save_btn.isEnabled():  # Enter on an invalid form
            return
        data = self.form_data()
        data.intake_key = self.intake_key
        d = run_desk(self, intake, self.ward, data, self.actor, retry=self._retry_save)
        if d is None:
            line = line_of(self)
            if line is not None and not line.online:  # kept on screen and in the draft
                self.save_draft()
                self.result.setText(f"<span style='color:#b00020'>⚠ {LOST}</span>")
            return
        self._draft_timer.stop()
        drafts.clear_draft(self.draft_file)
        self.last_code = d.code
        self.result.setText(
            f"Đã tiếp nhận hồ sơ <b>{d.code}</b>, hẹn trả <b>{d.due_at:%H:%M ngày %d/%m/%Y}</b>. Hãy in giấy tiếp nhận cho người nộp."
        )
        self.reset_form()
        self._just_saved = True
        self.receipt_btn.setText(tr("In giấy tiếp nhận {code}…").format(code=d.code))
        self.receipt_tip = tr("Giấy tiếp nhận của {name}").format(name=d.applicant_name)
        self.refresh_access()
        self.proc_search.setFocus()
        self.saved.emit(d.code)

    def _retry_save(self) -> None:
        """The server answers again: the save that was cut off is sent again, with its key,
        unless the clerk has saved or started another citizen meanwhile."""
        if not self._just_saved:
            self.save()

    def reset_form(self) -> None:
        """Every field as for a new citizen (the procedure too: the next one is searched anew)."""
        self.intake_key = str(uuid.uuid4())
        for w in (self.proc_search, self.name, self.id_number, self.phone, self.email):
            w.clear()
        self.address.clear()
        for box in (self.salutation, self.channel):
            box.setCurrentIndex(0)
        self.full_online.setChecked(False)
        self.paid_online.setChecked(False)
        self.sets.setValue(1)
        self.id_msg.clear()
        self.phone_msg.clear()

    def save_receipt(self) -> None:
        if not self.last_code:
            return
        from wardapp.documents import receipt_pdf

        code = self.last_code
        show_document(
            self,
            "Giấy tiếp nhận hồ sơ",
            f"{code}.pdf",
            lambda path: receipt_pdf(self.ward, code, path),
        )


def _folded_name(p: tuple) -> str:
    return p[-1].split(" ", 1)[1] if " " in p[-1] else ""
