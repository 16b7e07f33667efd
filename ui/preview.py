"""Document preview and printing: the PDF the program generated is shown page by page and
printed through the Qt print dialog, or saved.  Pages are rasterised with PDFium (pypdfium2),
because Qt's own PDF module is not part of PySide6-Essentials."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from ui.errors import report_error, run_action
from ui.qt import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    tr,
)
from ui.save import ask_path, saved
from ui.tasks import Cancelled, run_long

PRINT_DPI = 300


def page_image(page, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True)
    fmt = QImage.Format_RGB888 if bitmap.mode == "RGB" else QImage.Format_RGBA8888
    img = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
    return img.copy()  # own the pixels before PDFium frees its bitmap


def _open_pdf(path: str | Path):
    import pypdfium2 as pdfium  # 0.1 s to import: when a document is shown, not at start

    return pdfium.PdfDocument(str(path))


def print_pdf(path: str | Path, printer: QPrinter) -> int:
    """Draw every page at printer resolution, fitted to the printable area; returns pages sent."""
    pdf = _open_pdf(path)
    count = len(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("không mở được máy in")
    try:
        for i in range(count):
            if i:
                printer.newPage()
            img = page_image(pdf[i], PRINT_DPI / 72)
            area = painter.viewport()
            size = img.size().scaled(area.size(), Qt.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(img.rect())
            painter.drawImage(0, 0, img)
            painter.setViewport(area)
    finally:
        painter.end()
        pdf.close()
    return count


class PreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: str | Path, title: str, name: str):
        super().__init__(parent)
        self.path, self.name = Path(path), name
        self.setWindowTitle(f"{title} — xem trước")
        self.resize(760, 900)
        pages = QWidget()
        col = QVBoxLayout(pages)
        pdf = _open_pdf(path)
        self.page_count = len(pdf)
        for i in range(len(pdf)):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(page_image(pdf[i], 1.2)))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            col.addWidget(label, alignment=Qt.AlignHCenter)
        pdf.close()
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        print_btn, save_btn, close_btn = (
            QPushButton(tr("In… (Ctrl+P)")),
            QPushButton(tr("Lưu PDF…")),
            QPushButton(tr("Đóng")),
        )
        print_btn.setShortcut("Ctrl+P")
        print_btn.clicked.connect(self.print_)
        save_btn.clicked.connect(self.save)
        close_btn.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"{self.page_count} trang"))
        row.addStretch(1)
        for b in (print_btn, save_btn, close_btn):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addLayout(row)

    def print_(self) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.Accepted:
            run_action(self, print_pdf, self.path, printer)

    def save(self) -> None:
        path = ask_path(self, "Lưu PDF", self.name)
        if path and run_action(self, shutil.copyfile, self.path, path) is not None:
            saved(self, path, "văn bản")


def show_document(parent: QWidget, title: str, name: str, make) -> object | None:
    """``make(path)`` writes the PDF (through a wardapp service) into a temporary folder; the
    preview then prints or saves it.  Returns make's result, None when it failed."""
    tmp = Path(tempfile.mkdtemp(prefix="wardapp-doc-"))
    path = tmp / name
    result = run_action(parent, make, str(path))
    if result is None:
        shutil.rmtree(tmp, ignore_errors=True)
        return None
    _preview(parent, tmp, path, title, name)
    return result


def _preview(parent: QWidget, tmp: Path, path: Path, title: str, name: str) -> None:
    try:
        PreviewDialog(parent, path, title, name).exec()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def show_long_document(parent: QWidget, title: str, name: str, make) -> None:
    """Like ``show_document`` for a document that takes long (a quarter's logbook):
    ``make(path, progress)`` runs as long work (``ui.tasks.run_long``) and the preview opens
    when it is done."""
    tmp = Path(tempfile.mkdtemp(prefix="wardapp-doc-"))
    path = tmp / name

    def failed(exc):
        shutil.rmtree(tmp, ignore_errors=True)
        if not isinstance(exc, Cancelled):
            report_error(parent, exc)

    run_long(
        parent,
        lambda progress: make(str(path), progress),
        title=tr("Đang lập {name}…").format(name=title),
        on_done=lambda _r: _preview(parent, tmp, path, title, name),
        on_error=failed,
    )
