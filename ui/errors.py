"""Every action a screen runs goes through ``run_action``: a refused step or bad input becomes a
readable Vietnamese message; an unexpected exception is logged to a file in the data folder and
the user is told where — never a traceback on screen."""

from __future__ import annotations

import logging

from ui.qt import QMessageBox, QtMsgType, QWidget, qInstallMessageHandler
from wardapp.common import WardError, failure_message
from wardapp.trust import logs

log = logging.getLogger("wardapp.ui")
qt_log = logging.getLogger("wardapp.qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_file():
    return logs.log_path()


def start_logging() -> None:
    """The log file, uncaught exceptions and Qt's own messages (which a windowed program would
    otherwise print to a console nobody sees) all go to ``wardapp.trust.logs``."""
    logs.setup()
    logs.install_excepthook()
    qInstallMessageHandler(_qt_message)


def _qt_message(kind, context, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), message)


def run_action(widget: QWidget, fn, /, *args, **kwargs):
    """Run ``fn``; returns its result, or None after telling the user what went wrong."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the user must get a message, the log the detail
        report_error(widget, exc)
    return None


def report_error(widget: QWidget, exc: BaseException) -> None:
    """What ``run_action`` shows for a failure, also for failures from a worker thread."""
    from db.changes import DatabaseReplaced  # a restore by another program: restart

    if isinstance(exc, (WardError, DatabaseReplaced)):
        QMessageBox.warning(widget, "wardapp", str(exc))
        return
    machine = failure_message(exc)  # disk full, read-only medium, a lock held too long…
    if machine is not None:
        QMessageBox.warning(widget, "wardapp", f"{machine}. Thao tác chưa được thực hiện.")
        return
    path = log_file()
    try:
        logs.setup(path)  # redacted: never an ID or phone number (the message may quote input)
        log.error("unexpected error", exc_info=exc)
    except OSError:
        pass
    QMessageBox.critical(
        widget,
        "wardapp",
        f"Có lỗi không mong muốn; thao tác chưa được thực hiện. Chi tiết đã ghi vào {path}.",
    )
