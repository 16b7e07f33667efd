"""Saving a generated file: ask where (the dialog remembers the last folder), run the service,
tell the user, and offer to open it with the system viewer (from which it can be printed)."""

from __future__ import annotations

from pathlib import Path

from ui.errors import run_action
from ui.qt import QDesktopServices, QFileDialog, QMessageBox, QSettings, QUrl, QWidget


def ask_path(parent: QWidget, title: str, name: str, filter_: str = "PDF (*.pdf)") -> str | None:
    settings = QSettings("wardapp", "wardapp")
    folder = settings.value("last_save_dir", str(Path.home()))
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name), filter_)
    if not path:
        return None
    settings.setValue("last_save_dir", str(Path(path).parent))
    return path


def saved(parent: QWidget, path: str, what: str) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("wardapp")
    box.setText(f"Đã lưu {what}:\n{path}")
    open_btn = box.addButton("Mở để xem / in", QMessageBox.AcceptRole)
    box.addButton("Đóng", QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is open_btn:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def save_with(parent: QWidget, title: str, name: str, make, filter_: str = "PDF (*.pdf)"):
    """``make(path)`` writes the file (through a wardapp service); None if cancelled or failed."""
    path = ask_path(parent, title, name, filter_)
    if path is None:
        return None
    result = run_action(parent, make, path)
    if result is not None:
        saved(parent, path, title.lower())
    return result
