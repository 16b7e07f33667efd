"""The program's log: one rotating file in the data folder, for whoever fixes the program.

The window has no console, so what would have been a traceback on a terminal (an unexpected
exception, a Qt warning) goes here.  Every line passes through ``privacy.redact``: an error
message may quote what the clerk typed, and the log must never carry an ID or phone number.
Five files of 1 MB at most: a PC left on for months does not fill its disk.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from wardapp.office.paths import data_dir
from wardapp.trust.privacy import redact

LOGGER = "wardapp"
MAX_BYTES, BACKUPS = 1_000_000, 5


class RedactingFormatter(logging.Formatter):
    """Redacts the message and the traceback; not the time stamp, whose digits would read as
    a phone number."""

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)  # other handlers see the original
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info:
            record.exc_text = redact(self.formatException(record.exc_info))
            record.exc_info = None
        return super().format(record)


def log_path() -> Path:
    return data_dir() / "wardapp.log"


def setup(path: Path | None = None) -> Path:
    """Attach the rotating file to the ``wardapp`` logger (again only if the data folder moved,
    as it does between tests); returns the file."""
    path = Path(path or log_path())
    logger = logging.getLogger(LOGGER)
    # a logging.config call elsewhere (import-linter's, in the test suite) disables every
    # logger that exists by then, wardapp.ui and wardapp.qt included: they must log again
    for name, existing in logging.root.manager.loggerDict.items():
        if name.split(".")[0] == LOGGER and isinstance(existing, logging.Logger):
            existing.disabled = False
    for h in list(logger.handlers):
        if isinstance(h, RotatingFileHandler):
            if Path(h.baseFilename) == path.resolve():
                return path
            logger.removeHandler(h)
            h.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def install_excepthook() -> None:
    """An exception nothing caught is logged (redacted) before Python's own report."""
    previous = sys.excepthook

    def hook(kind, value, tb):
        if not issubclass(kind, KeyboardInterrupt):
            logging.getLogger(LOGGER).critical("unhandled exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    sys.excepthook = hook
