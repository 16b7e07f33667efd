"""Long work off the GUI thread: a worker thread runs a ``wardapp`` function, the window stays
responsive, an optional progress dialog shows how far it got and can cancel it.

The function receives a :class:`Progress` it may report to (``progress(done, total)``) and poll
(``progress.cancelled``); cancelling is cooperative, so a service stops between transactions and
never leaves half a write.  Results and errors come back to the GUI thread through signals.
"""

from __future__ import annotations

from ui.qt import QObject, QProgressDialog, Qt, QThread, Signal, Slot


class Cancelled(Exception):
    pass


class Progress:
    def __init__(self, emit):
        self._emit = emit
        self.cancelled = False

    def __call__(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled()
        self._emit(done, total)


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, fn, args, kwargs):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.progress = Progress(self.progressed.emit)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, progress=self.progress, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to report
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class Task(QObject):
    """``Task(parent, fn, *args, title=…).start(on_done, on_error)``; keep a reference (the
    window does) until ``done`` fires."""

    done = Signal()

    def __init__(self, parent, fn, *args, title: str | None = None, **kwargs):
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = _Worker(fn, args, kwargs)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.dialog = None
        if title is not None:
            self.dialog = QProgressDialog(title, "Hủy", 0, 0, parent)
            self.dialog.setWindowTitle("wardapp")
            self.dialog.setWindowModality(Qt.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.canceled.connect(self.cancel)
            self.worker.progressed.connect(self._progress)

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def cancel(self) -> None:
        self.worker.progress.cancelled = True

    def start(self, on_done=None, on_error=None) -> Task:
        # bound methods of this GUI-thread object: Qt queues the call into the GUI thread
        self._on_done, self._on_error = on_done, on_error
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.thread.start()
        return self

    @Slot(object)
    def _finished(self, result) -> None:
        self._finish(self._on_done, result)

    @Slot(object)
    def _failed(self, exc) -> None:
        self._finish(self._on_error, exc)

    def _finish(self, callback, value) -> None:
        self.thread.quit()
        self.thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
        if callback is not None:
            callback(value)
        self.done.emit()


def run_long(widget, fn, *args, title: str, on_done, on_error=None, **kwargs) -> None:
    """Long work started from a screen: ``fn(*args, progress=…, **kwargs)`` through the
    window's task runner (off the GUI thread, behind a progress dialog that can cancel it);
    run at once, with no progress, when the screen stands alone without such a window.
    Either way ``on_done(result)`` or ``on_error(exc)``; without ``on_error`` a failure is
    reported to the user and a cancel is silent."""
    runner = getattr(widget.window(), "run_task", None)
    if runner is not None:
        runner(fn, *args, title=title, on_done=on_done, on_error=on_error, **kwargs)
        return
    try:
        result = fn(*args, progress=None, **kwargs)
    except Exception as exc:  # noqa: BLE001 - handed on like a worker thread's failure
        if on_error is not None:
            on_error(exc)
        elif not isinstance(exc, Cancelled):
            from ui.errors import report_error

            report_error(widget, exc)
        return
    on_done(result)
