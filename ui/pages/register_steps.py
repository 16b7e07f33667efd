"""The two steps a clerk takes most often, made deliberate: "Có kết quả" and "Trả kết quả" open
a small dialog with the time (now unless changed, within the rules a backdated step keeps) and,
for the return, who took the result (the applicant or a named person with a checked ID), and
record only on "Ghi nhận".  One click used to record at once, with no time and no collector.

The dialog runs the service itself and stays open on a refusal, so nothing typed is lost; it
is opened non-modally (``open``) so the window, and a test, can reach it while it is shown.  It
opens at once and reads its dossier behind ("Đang tải…", "Ghi nhận" greyed until it is in): on
a far or silent server that read froze the window (issue 20); a lost server says so in the
dialog, which keeps what was typed and reads again once the server answers.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from ui import ask
from ui.dates import DateField, show_minute
from ui.desk_line import LOST, behind, fetch, line_of, run_desk
from ui.errors import run_action
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    tr,
)
from wardapp.common import ValidationError, now_local
from wardapp.dossiers import (
    EVENT_LABELS,
    FUTURE_SLACK,
    LastStep,
    closing,
    get_dossier,
    last_event,
    processing,
    undo_last_step,
)

TITLES = {"resolve": "Ghi nhận có kết quả", "return": "Ghi nhận trả kết quả"}


class StepDialog(QDialog):
    """``key``: ``resolve`` or ``return``.  ``taken`` is the service's answer after a
    successful "Ghi nhận" (None until then)."""

    def __init__(self, page, key: str, code: str):
        super().__init__(page)
        self.page, self.key, self.code = page, key, code
        self.taken = None
        self.setWindowTitle(tr(TITLES[key]))
        self.applicant, self.earliest = "", None  # None until the dossier is read
        self.gone = ""  # the lost-connection message while the dossier could not be read
        self.opened_at = now_local()
        self.tolerance = int(page.ward.rules().settings["backdate_tolerance_minutes"])
        self.when = DateField(tr("Thời điểm"), with_time=True, value=self.opened_at)
        self.when.edited.connect(self.check)
        form = QFormLayout()
        self.intro = intro = QLabel(f"<b>{code}</b><br>" + tr("Đang tải…"))
        intro.setWordWrap(True)
        form.addRow(tr("Thời điểm"), self.when)
        self.by_applicant = QRadioButton(tr("Người nộp hồ sơ"))
        self.by_other = QRadioButton(tr("Người khác nhận thay"))
        self.other_name = QLineEdit(placeholderText=tr("Họ tên người nhận"))
        self.other_id = QLineEdit(placeholderText=tr("Số định danh (12 chữ số) hoặc CMND (9)"))
        if key == "return":
            self.by_applicant.setChecked(True)
            form.addRow(tr("Người nhận kết quả"), self.by_applicant)
            form.addRow("", self.by_other)
            form.addRow(tr("Họ tên"), self.other_name)
            form.addRow(tr("Số định danh"), self.other_id)
            for w in (self.by_applicant, self.by_other):
                w.toggled.connect(lambda _on: self.check())
            for w in (self.other_name, self.other_id):
                w.textChanged.connect(lambda _t: self.check())
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #9a5b00;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.ok.setText(tr("Ghi nhận"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("Hủy"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addWidget(self.problems)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.check()
        line = line_of(page)
        if line is not None:  # the server back after a loss: the dossier is read again
            line.changed.connect(self._line_changed)
        self.load()

    def _line_changed(self, up: bool) -> None:
        if up and not self.ready:
            self.gone = ""
            self.check()
            self.load()

    @property
    def ready(self) -> bool:
        """The dossier is read: the dialog can record."""
        return self.earliest is not None

    def load(self) -> None:
        behind(self, step_facts, self.page.ward, self.code, done=self._loaded, lost=self._lost)

    def _loaded(self, facts) -> None:
        heading, self.applicant, self.earliest = facts
        self.intro.setText(heading)
        self.by_applicant.setText(tr("Người nộp hồ sơ ({name})").format(name=self.applicant))
        self.check()

    def _lost(self) -> None:
        self.gone = LOST
        self.check()

    # -- what is typed ------------------------------------------------------------------------
    def when_value(self) -> datetime | None:
        """None while the time shown is the one the dialog opened with: the step is then
        recorded at the moment of "Ghi nhận", never a minute early."""
        at = self.when.value()
        return None if at == self.opened_at.replace(second=0) else at

    def collected_by(self):
        if self.key != "return":
            return None
        if self.by_applicant.isChecked():
            return closing.APPLICANT
        return closing.collector(self.other_name.text(), self.other_id.text())

    def problem_list(self) -> list[str]:
        """Every problem at once (the same checks the service makes), as the clerk types."""
        out = []
        try:
            at = self.when.value()
        except ValidationError as exc:
            out.append(str(exc))
            at = None
        if at is not None:
            if at > now_local() + FUTURE_SLACK:
                out.append(tr("Thời điểm: {at} ở tương lai").format(at=show_minute(at)))
            elif self.earliest is not None and at < self.earliest.replace(second=0):
                out.append(
                    tr("Thời điểm: {at} sớm hơn bước trước của hồ sơ ({last})").format(
                        at=show_minute(at), last=show_minute(self.earliest)
                    )
                )
        if self.key == "return":
            self.other_name.setEnabled(self.by_other.isChecked())
            self.other_id.setEnabled(self.by_other.isChecked())
            if self.by_other.isChecked():  # the name and the ID each said, not the first only
                name, number = self.other_name.text(), self.other_id.text()
                for check in (  # the name alone (a valid 9-digit stand-in), then the ID alone
                    lambda: closing.collector(name, "000000000"),
                    lambda: closing.collector(name or "x", number),
                ):
                    try:
                        check()
                    except ValidationError as exc:
                        out.append(str(exc))
        return out

    def check(self) -> None:
        problems = self.problem_list()
        self.problems.setText("\n".join([*problems, self.gone] if self.gone else problems))
        self.ok.setEnabled(not problems and self.ready)
        note = ""
        try:
            at = self.when.value()
        except ValidationError:
            at = None
        if at is not None and now_local() - at > timedelta(minutes=self.tolerance):
            note = tr(
                "Thời điểm sớm hơn lúc ghi quá {n} phút: lịch sử sẽ đánh dấu 'nhập lùi'."
            ).format(n=self.tolerance)
        self.note.setText(note)
        self.note.setVisible(bool(note))

    # -- recording ------------------------------------------------------------------------------
    def confirm(self) -> None:
        """Record the step; the dialog closes only when the service took it."""
        page = self.page
        typed = run_action(self, lambda: (self.when_value(), self.collected_by()))
        if typed is None:
            return
        at, collected_by = typed  # read here: widgets belong to the GUI thread

        def record():
            if self.key == "resolve":
                return processing.resolve(page.ward, self.code, page.actor, at=at)
            return closing.return_result(
                page.ward, self.code, page.actor, at=at, collected_by=collected_by
            )

        self.taken = run_desk(self, record)
        if self.taken is not None:
            self.accept()
            page.refresh()
            page.changed.emit()


def step_facts(ward, code: str):
    """On a worker: the dialog's heading, the applicant's name and the earliest time the step
    may take (the dossier's last step, or its receipt)."""
    with ward.read() as s:
        d = get_dossier(s, code)
        last = last_event(s, d)
        heading = f"<b>{d.code}</b> — {d.applicant_name}<br>{d.procedure.name}"
        return heading, d.applicant_name, last.at if last else d.received_at


def _last_shown(ward, code: str) -> tuple[str, str]:
    with ward.read() as s:
        last = last_event(s, get_dossier(s, code))
        return EVENT_LABELS.get(last.kind, last.kind), show_minute(last.at)


def undo_last(page, code: str) -> None:
    """Take back the selected dossier's last step after asking (its name and time said); the
    step is read on the window's line (the badge says when the server is gone)."""
    ok, got = fetch(page, _last_shown, page.ward, code)
    if not ok:
        return
    label, when = got
    if not ask.confirm(
        page,
        tr("Hoàn tác bước cuối"),
        tr(
            "Hoàn tác bước '{step}' ({at}) của hồ sơ {code}?\n"
            "Lịch sử vẫn giữ bước đó và ghi thêm một dòng 'Hoàn tác'."
        ).format(step=label, at=when, code=code),
    ):
        return
    if run_desk(page, undo_last_step, page.ward, code, page.actor) is not None:
        page.refresh()
        page.changed.emit()


def last_step(ward, code: str):
    """The dossier's last history entry as the undo rule reads it (one indexed query)."""
    with ward.read() as s:
        ev = last_event(s, get_dossier(s, code))
        return LastStep(ev.kind, ev.recorded_at) if ev is not None else None


def open_step_dialog(page, key: str, code: str) -> StepDialog:
    dlg = StepDialog(page, key, code)
    page.step_dialog = dlg
    dlg.open()
    return dlg


def step_note(e, applicant: str) -> str:
    """What the history line of a return or an undo adds: who took the result, which step
    was taken back."""
    if e.kind not in ("returned", "undone"):
        return ""
    data = json.loads(e.data or "{}")
    if e.kind == "returned":
        who = closing.collector_text(data.get("collector"), applicant)
        return tr("Người nhận: {who}").format(who=who) if who else ""
    undid = EVENT_LABELS.get(data.get("undid_kind", ""), data.get("undid_kind", ""))
    return tr("Hoàn tác: {step} (bước số {seq})").format(step=undid, seq=data.get("undid_seq"))
