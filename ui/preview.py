"""Document preview and printing: the PDF the program generated is shown page by page and
printed through the Qt print dialog, or saved.  Pages are rasterised with PDFium (pypdfium2),
because Qt's own PDF module is not part of PySide6-Essentials."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

from ui.errors import report_error, run_action
from ui.qt import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSettings,
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


def page_setup(width_pt: float, height_pt: float, sizes: list[QPageSize] | None) -> QPageLayout:
    """The paper a PDF page goes to: its own size and orientation, no margins (the page is
    printed at 100%: an A5 slip on A5, the logbook landscape).  ``sizes``: the printer's papers
    (None: any); without the page's own, A4 in the page's orientation, the page centred on it
    unscaled rather than enlarged to fill it."""
    landscape = width_pt > height_pt
    own = QPageSize(
        QSizeF(min(width_pt, height_pt), max(width_pt, height_pt)),
        QPageSize.Point,
        "",
        QPageSize.FuzzyMatch,
    )
    if sizes is not None and not any(s.isEquivalentTo(own) for s in sizes):
        own = QPageSize(QPageSize.A4)
    orientation = QPageLayout.Landscape if landscape else QPageLayout.Portrait
    return QPageLayout(own, orientation, QMarginsF(0, 0, 0, 0))


def _papers(printer: QPrinter) -> list[QPageSize] | None:
    if printer.outputFormat() == QPrinter.PdfFormat:
        return None
    return QPrinterInfo(printer).supportedPageSizes() or None


def print_pdf(path: str | Path, printer: QPrinter, sizes: list[QPageSize] | None = None) -> int:
    """Each page at its true size, on paper of its own size and orientation (``page_setup``);
    returns pages sent.  ``sizes``: the papers to choose from (default: the printer's)."""
    pdf = _open_pdf(path)
    count = len(pdf)
    sizes = _papers(printer) if sizes is None else sizes
    pages = [pdf[i].get_size() for i in range(count)]
    printer.setFullPage(True)
    printer.setPageLayout(page_setup(*pages[0], sizes))
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("không mở được máy in")
    try:
        for i in range(count):
            if i:
                printer.setPageLayout(page_setup(*pages[i], sizes))  # from the next page on
                printer.newPage()
            img = page_image(pdf[i], PRINT_DPI / 72)
            dpi = printer.resolution()
            paper = printer.pageLayout().fullRectPixels(dpi)
            w, h = pages[i][0] / 72 * dpi, pages[i][1] / 72 * dpi
            target = QRectF((paper.width() - w) / 2, (paper.height() - h) / 2, w, h)
            painter.drawImage(target, img)
    finally:
        painter.end()
        pdf.close()
    return count


def remember_printer(kind: str, name: str) -> None:
    if name:
        QSettings("wardapp", "wardapp").setValue(f"print/{kind}/printer", name)


def available_printer(kind: str) -> str | None:
    """The printer last used for ``kind`` if it is still installed (a printer removed since
    must not swallow the job silently)."""
    name = QSettings("wardapp", "wardapp").value(f"print/{kind}/printer")
    return name if name and name in QPrinterInfo.availablePrinterNames() else None


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
        self.kind = title  # printer remembered per kind of document
        print_btn, save_btn, close_btn = (
            QPushButton(tr("In… (Ctrl+P)")),
            QPushButton(tr("Lưu PDF…")),
            QPushButton(tr("Đóng")),
        )
        self.print_now_btn = QPushButton(tr("In ngay"))
        self.print_now_btn.clicked.connect(self.print_now)
        self.print_now_btn.setVisible(available_printer(self.kind) is not None)
        print_btn.setShortcut("Ctrl+P")
        print_btn.clicked.connect(self.print_)
        save_btn.clicked.connect(self.save)
        close_btn.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"{self.page_count} trang"))
        row.addStretch(1)
        for b in (self.print_now_btn, print_btn, save_btn, close_btn):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addLayout(row)

    def print_(self) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        name = available_printer(self.kind)
        if name:
            printer.setPrinterName(name)
        dialog = QPrintDialog(printer, self)
        if (
            dialog.exec() == QDialog.Accepted
            and run_action(self, print_pdf, self.path, printer) is not None
        ):
            remember_printer(self.kind, printer.printerName())
            self.print_now_btn.setVisible(bool(printer.printerName()))

    def print_now(self) -> None:
        """Print at once ("In ngay") to the printer this kind of document went to last time: a
        clerk printing slips all day is not asked each time (the paper follows each page)."""
        name = available_printer(self.kind)
        if name is None:
            return
        printer = QPrinter(QPrinter.HighResolution)
        printer.setPrinterName(name)
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
