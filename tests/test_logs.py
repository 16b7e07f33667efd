"""The program's log: rotating, redacted, and fed by uncaught exceptions and Qt's warnings."""

import logging
import sys

from wardapp.trust import logs


def test_log_is_redacted_and_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = logs.setup(tmp_path / "a b #1" / "wardapp.log")
    log = logging.getLogger("wardapp.test")
    log.error("CCCD 001089012345, ĐT 0912 345 678, thư a.b@example.vn")
    text = path.read_text(encoding="utf-8")
    assert (
        "ERROR wardapp.test: CCCD [số], ĐT[số], thư [email]" in text
    )  # redact takes the space too
    for i in range(300):
        log.info("dòng %d %s", i, "x" * 40)
    backups = sorted(p.name for p in path.parent.iterdir())
    assert backups[:3] == ["wardapp.log", "wardapp.log.1", "wardapp.log.2"]
    assert len(backups) == logs.BACKUPS + 1


def test_uncaught_exception_is_logged_redacted(tmp_path, monkeypatch):
    path = logs.setup(tmp_path / "wardapp.log")
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: seen.append(a[0]))
    logs.install_excepthook()
    try:
        raise RuntimeError("hỏng ở hồ sơ của 0912345678")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL wardapp: unhandled exception" in text
    assert "RuntimeError: hỏng ở hồ sơ của[số]" in text and "0912345678" not in text
    assert seen == [RuntimeError]  # Python's own report still happens


def test_qt_warnings_go_to_the_log(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from ui import errors

    monkeypatch.setattr(logs, "log_path", lambda: tmp_path / "wardapp.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.start_logging()
    try:
        qWarning("cảnh báo của Qt 0912345678")
    finally:
        qInstallMessageHandler(None)
    text = (tmp_path / "wardapp.log").read_text(encoding="utf-8")
    assert "WARNING wardapp.qt: cảnh báo của Qt[số]" in text
