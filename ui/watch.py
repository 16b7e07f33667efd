"""Screens that follow the file: the change counter (``db/changes.py``) is read every couple of
seconds and, when it moved, whoever moved it, the window refreshes what it shows (the
dashboard's counts, the register, the status bar's history count).  Before, the status bar's
count stayed as verified at start until a restart, and a dossier taken in from the command line
never appeared."""

from __future__ import annotations

from ui.qt import QMessageBox, QObject, QTimer, Signal, tr
from wardapp.common import may_be_disconnection
from wardapp.trust import chain

POLL_MS = 2000


class ChangeWatch(QObject):
    moved = Signal()

    def __init__(self, ward, parent=None, line=None):
        super().__init__(parent)
        self.ward, self.line = ward, line
        self.seen = ward.change_number()
        self._asking = False
        self.timer = QTimer(self, interval=POLL_MS, timeout=self.tick)
        self.timer.start()

    def tick(self) -> None:
        """The timer's read, on the window's line (``ui.desk_line``) when it has one: a server
        gone silent must not hold the GUI thread every two seconds.  A read failing as a lost
        connection shows the badge before the clerk's next save finds out."""
        if self.line is None:
            self.poll()
        elif self.line.online and not self._asking:
            self._asking = True
            self.line.submit(self.ward.change_number, on_answer=self._answered)

    def _answered(self, ok: bool, value) -> None:
        self._asking = False
        if not ok:
            if may_be_disconnection(value):
                self.line.went_away()
            return
        if value != self.seen:
            self.seen = value
            self.moved.emit()

    def poll(self) -> bool:
        """True (and ``moved``) when a change was committed since last seen."""
        try:
            now = self.ward.change_number()
        except Exception:  # noqa: BLE001 - a file being restored: the next tick asks again
            return False
        if now == self.seen:
            return False
        self.seen = now
        self.moved.emit()
        return True

    def mark(self) -> None:
        """The window refreshed itself for a change it made: nothing to do at the next tick."""
        self.seen = self.ward.change_number()


class HistoryCount:
    """The status bar's "Lịch sử: N bước": verified at start off the GUI thread, then followed
    step by step (the steps written after the last one counted)."""

    def __init__(self, label):
        self.label = label
        self.steps: int | None = None
        self.last_id = 0

    def checked(self, parent, result) -> None:
        reports, last_id = result
        broken = [r for r in reports if not r.ok]
        if broken:
            self.label.setText(
                "<span style='color:#a40000'>⚠ Lịch sử bị sửa ngoài chương trình</span>"
            )
            QMessageBox.warning(
                parent,
                "wardapp",
                "Kiểm tra lịch sử xử lý hồ sơ phát hiện dữ liệu bị sửa trực tiếp trong tệp:\n"
                + "\n".join(r.message() for r in broken)
                + "\n\nHãy báo quản trị; có thể khôi phục từ bản sao lưu (Cài đặt → Sao lưu).",
            )
            return
        self.steps, self.last_id = sum(r.events for r in reports), last_id
        self.show()

    def follow(self, ward) -> None:
        if self.steps is None:  # not verified yet (or found broken): the check says
            return
        with ward.read() as s:
            added, self.last_id = chain.events_after(s, self.last_id)
        self.steps += added
        self.show()

    def show(self) -> None:
        count = f"{self.steps:,}".replace(",", ".")  # Vietnamese thousands separator
        self.label.setText(tr("Lịch sử: {n} bước, nguyên vẹn").format(n=count))


def verify_chain(ward, progress=None):
    """The chain's reports, and the last step they covered (read in the same snapshot): run
    by the window at start, off the GUI thread; ``HistoryCount.checked`` shows it."""
    with ward.read() as s:
        return chain.verify(s, allow_gaps=ward.office(s).kind == "city"), chain.last_event_id(s)


def daily_backup(ward, progress=None):
    from wardapp.trust import backup

    return backup.backup_if_due(ward)
