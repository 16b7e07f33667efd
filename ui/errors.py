"""Every action a screen runs goes through ``run_action``: a refused step or bad input becomes a
readable Vietnamese message; an unexpected exception is logged to a file in the data folder and
the user is told where — never a traceback on screen."""

from __future__ import annotations

import logging
import traceback

from ui.qt import QMessageBox, QWidget
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.office.paths import data_dir
from wardapp.trust.privacy import redact

log = logging.getLogger("wardapp.ui")


def log_file():
    return data_dir() / "wardapp-errors.log"


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
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            # never an ID or phone number in a log file (the message may quote input)
            detail = "".join(traceback.format_exception(exc))
            fh.write(f"{now_local():%Y-%m-%d %H:%M:%S} " + redact(detail) + "\n")
    except OSError:
        pass
    QMessageBox.critical(
        widget,
        "wardapp",
        f"Có lỗi không mong muốn; thao tác chưa được thực hiện. Chi tiết đã ghi vào {path}.",
    )
