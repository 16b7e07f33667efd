"""The desk's line to its database: every write of the desk and the register's queries run on a
worker thread, each with a deadline, and the window knows when the server has gone.

On a server a silent network link held an intake on the GUI thread for 60 s and more (issue
20): the window froze and nothing said why.  Here the GUI thread hands the call to a worker and
waits for its answer while still painting (clicks and keys are held back, so a second Enter
cannot save twice), at most ``deadline_ms``; the server cuts the statement a
little earlier itself (``Ward.deadline_ms``).  A call that fails the way a lost connection does,
or outlives the deadline, is checked with a ``SELECT 1`` (``Ward.ping``); if that fails too the
status bar shows a red badge and ``LOST``, a timer tries again every ``retry_ms`` and, once the
server answers, clears the badge and runs the actions left pending (the intake's save, which
its desk-made key makes safe to send twice).

Waiting rather than going fully asynchronous keeps every screen's code in the order a clerk
reads it ("save, then show the code"), and the tests that drive it unchanged.
"""

from __future__ import annotations

import threading
import time

from ui.qt import (
    QApplication,
    QEventLoop,
    QLabel,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
    alive,
    tr,
)
from wardapp.common import may_be_disconnection

LOST = "Mất kết nối tới máy chủ — dữ liệu đang nhập vẫn còn, đang thử lại"
BACK = "Đã kết nối lại máy chủ."
DEADLINE_MS = 20_000  # the server's own cut (Ward.deadline_ms) is 15 s
RETRY_MS = 3_000
PING_MS = 5_000  # the check after a failure: a reachable server answers a SELECT 1 at once


class Unanswered(Exception):
    """The database did not answer within the deadline (the call may still finish later)."""

    def __init__(self, seconds: float):
        super().__init__(f"Máy chủ không trả lời trong {seconds:g} giây: thao tác chưa xác nhận.")


class _Relay(QObject):
    """Carries one call's answer from the worker into the GUI thread (it lives there, so the
    connection to its slot is queued)."""

    answered = Signal(bool, object)

    def __init__(self, line: DeskLine, deliver):
        super().__init__()
        self.line, self.deliver = line, deliver
        self.answered.connect(self._answer)

    @Slot(bool, object)
    def _answer(self, ok: bool, value) -> None:
        self.line._relays.discard(self)  # the worker is done with it
        self._deliver(ok, value)

    def _deliver(self, ok: bool, value) -> None:
        deliver, self.deliver = self.deliver, None  # once: the answer or the deadline
        if deliver is not None:
            deliver(ok, value)

    def give_up(self, seconds: float) -> None:
        self._deliver(False, Unanswered(seconds))


class _Call(QRunnable):
    def __init__(self, work):
        super().__init__()
        self.work = work

    def run(self) -> None:
        self.work()


def _answering(relay: _Relay, fn, args, kwargs):
    def work() -> None:
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to judge
            relay.answered.emit(False, exc)
        else:
            relay.answered.emit(True, result)

    return work


class DeskLine(QObject):
    """One per window.  ``call`` waits (with the deadline), ``submit`` does not."""

    changed = Signal(bool)  # True: the database answers again; False: it went away

    def __init__(self, window, ward, deadline_ms: int = DEADLINE_MS, retry_ms: int = RETRY_MS):
        super().__init__(window)
        self.window, self.ward = window, ward
        self.deadline_ms = deadline_ms
        ward.deadline_ms = max(1000, deadline_ms * 3 // 4)
        self.online = True
        self.pending: list = []  # run again, in order, once the database answers
        self._relays: set[_Relay] = set()  # alive until their worker answered
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(4)  # a call outliving its deadline must not block the next
        self.badge = QLabel()
        self.badge.setStyleSheet(
            "QLabel { background: #c62828; color: white; border-radius: 8px; padding: 1px 8px; }"
        )
        self.badge.setText(tr("● Mất kết nối"))
        self.badge.setToolTip(LOST)
        self.badge.hide()
        window.statusBar().addPermanentWidget(self.badge)
        self.retry = QTimer(self, interval=retry_ms)
        self.retry.timeout.connect(self.probe)
        self._probing = False

    # -- running calls ---------------------------------------------------------------------------
    def submit(self, fn, *args, on_answer=None, within_ms: int | None = None, **kwargs) -> None:
        """Run ``fn`` on a worker; ``on_answer(ok, value)`` in the GUI thread when it ends, or
        ``(False, Unanswered)`` once ``within_ms`` passed without an answer (a late answer is
        then dropped: the screen has moved on and said so)."""
        relay = _Relay(self, on_answer)
        self._relays.add(relay)
        if within_ms is not None:
            QTimer.singleShot(within_ms, relay, lambda: relay.give_up(within_ms / 1000))
        self.pool.start(_Call(_answering(relay, fn, args, kwargs)))

    def call(self, fn, *args, within_ms: int | None = None, **kwargs):
        """``fn(*args, **kwargs)`` on a worker; its result, or its exception raised here, or
        ``Unanswered`` after the deadline.  Meanwhile the GUI thread keeps painting and its
        timers run, but input waits and nothing scheduled for deletion is deleted (a local
        event loop would delete a page a signal is still running in)."""
        done = threading.Event()
        answer: list = []

        def work() -> None:
            try:
                answer.append((True, fn(*args, **kwargs)))
            except BaseException as exc:  # noqa: BLE001 - raised again in the GUI thread
                answer.append((False, exc))
            finally:
                done.set()

        self.pool.start(_Call(work))
        limit_ms = within_ms or self.deadline_ms
        give_up = time.monotonic() + limit_ms / 1000
        app = QApplication.instance()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            while not done.wait(0.01):
                if time.monotonic() > give_up:
                    raise Unanswered(limit_ms / 1000)
                app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            # what the worker signalled before it finished (a progress bar's last step) is
            # shown before the caller goes on
            app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            QApplication.restoreOverrideCursor()
        ok, value = answer[0]
        if not ok:
            raise value
        return value

    def failed(self, exc: BaseException, retry=None) -> bool:
        """After a call failed: True if the database is unreachable (the badge is then shown,
        ``retry`` kept for when it answers again); False for any other failure."""
        if not isinstance(exc, Unanswered):
            if not may_be_disconnection(exc):
                return False
            try:
                self.call(self.ward.ping, within_ms=PING_MS)
            except Exception:  # noqa: BLE001 - unreachable whatever the reason
                pass
            else:
                return False  # the database answers: the failure was the action's own
        if retry is not None:
            self.pending.append(retry)
        self.went_away()
        return True

    @property
    def busy(self) -> bool:
        """A call submitted has not answered yet (tests and scripts wait for it)."""
        return bool(self._relays)

    # -- the connection's state ------------------------------------------------------------------
    def went_away(self) -> None:
        if self.online:
            self.online = False
            self.badge.show()
            self.window.statusBar().showMessage(LOST)
            self.changed.emit(False)
        if not self.retry.isActive():
            self.retry.start()

    def probe(self) -> None:
        """One ``SELECT 1`` off the GUI thread; its answer decides."""
        if self._probing:
            return
        self._probing = True
        self.submit(self.ward.ping, on_answer=self._probed)

    def _probed(self, ok: bool, _value) -> None:
        self._probing = False
        if not ok:
            return
        self.retry.stop()
        self.online = True
        self.badge.hide()
        self.window.statusBar().showMessage(BACK, 5000)
        self.changed.emit(True)
        pending, self.pending = self.pending, []
        for action in pending:
            action()

    def close(self) -> None:
        """Let the workers finish (a call cut by its deadline still ends: the server cancels
        it) before the window and its ward go."""
        self.retry.stop()
        self.pool.waitForDone(self.deadline_ms)


def run_desk(widget, fn, /, *args, retry=None, within_ms: int | None = None, **kwargs):
    """``run_action`` for the desk's database work: on the window's line (off the GUI thread,
    with its deadline, or ``within_ms`` for work known to be long) when there is one, else at
    once.  None after a failure, which the user was told of: the lost connection by the badge,
    anything else by ``report_error``."""
    from ui.errors import report_error

    line = line_of(widget)
    try:
        if line is None:
            return fn(*args, **kwargs)
        return line.call(fn, *args, within_ms=within_ms, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the user must get a message, the log the detail
        if line is None or not line.failed(exc, retry):
            report_error(widget, exc)
    return None


def fetch(widget, fn, /, *args, **kwargs) -> tuple[bool, object]:
    """A screen's query on the window's line: ``(True, result)``, or ``(False, None)`` when the
    database cannot be reached (the badge says so; the screen keeps what it shows).  Any other
    failure is raised, as the query itself would have raised it."""
    line = line_of(widget)
    if line is None:
        return True, fn(*args, **kwargs)
    try:
        return True, line.call(fn, *args, **kwargs)
    except Exception as exc:
        if line.failed(exc):
            return False, None
        raise


def line_of(widget) -> DeskLine | None:
    """The line of the main window ``widget`` is in, through any dialogs over it."""
    while widget is not None:
        top = widget.window()
        line = getattr(top, "desk_line", None)
        if isinstance(line, DeskLine):
            return line
        widget = top.parentWidget()
    return None


def behind(widget, fn, /, *args, done, lost=None, **kwargs) -> None:
    """A screen's read that the GUI thread does not wait for (the clerk sees "Đang tải…"
    meanwhile and can type on): ``fn`` on the window's line with its deadline, then
    ``done(result)`` in the GUI thread; ``lost()`` instead when the database cannot be reached
    (the badge says so; the screen keeps what was typed), any other failure reported.  A
    screen standing alone (a test, a script) reads at once."""
    from ui.errors import report_error

    line = line_of(widget)
    if line is None:
        done(fn(*args, **kwargs))
        return

    def answered(ok: bool, value) -> None:
        shown = alive(widget)  # a dialog closed meanwhile has nobody to show it to
        if ok:
            if shown:
                done(value)
        elif line.failed(value):
            if lost is not None and shown:
                lost()
        elif shown:
            report_error(widget, value)

    line.submit(fn, *args, on_answer=answered, within_ms=line.deadline_ms, **kwargs)
