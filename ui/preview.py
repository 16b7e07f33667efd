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

from ui.desk_line import run_desk
from ui.errors import report_error, run_action
from ui.qt import (
    QDialog,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSettings,
    Qt,
    QTimer,
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


def _open_pdf_bytes(data: bytes):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


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


ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
FIT_WIDTH, FIT_PAGE, AUTO = "width", "page", "auto"
FITTING = (FIT_WIDTH, FIT_PAGE, AUTO)


class PreviewDialog(QDialog):
    """The pages at a zoom the clerk chooses: fit width, fit page, or a percentage (−/+ buttons,
    Ctrl+wheel, Ctrl+−/Ctrl++).  It opens at the width of the window but never above true size:
    a landscape logbook page fits across, an A5 slip is not blown up to 150 %.  The dialog is sized
    to the window it opens over, so a landscape logbook page fits a 1366×768 screen."""

    def __init__(self, parent: QWidget | None, path: str | Path, title: str, name: str):
        super().__init__(parent)
        self.path, self.name = Path(path), name
        self.setWindowTitle(tr("{title} — xem trước").format(title=title))
        # from bytes, not the path: no file stays open (the caller deletes its folder)
        self._pdf = _open_pdf_bytes(self.path.read_bytes())
        self.page_count = len(self._pdf)
        self._sizes = [self._pdf[i].get_size() for i in range(self.page_count)]
        self.mode: str = AUTO
        self.zoom = 1.0
        pages = QWidget()
        col = QVBoxLayout(pages)
        self.page_labels = []
        for _i in range(self.page_count):
            label = QLabel()
            label.setStyleSheet("border: 1px solid #999; background: white;")
            col.addWidget(label, alignment=Qt.AlignHCenter)
            self.page_labels.append(label)
        self.scroll = QScrollArea()
        self.scroll.setWidget(pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignHCenter)
        self.scroll.viewport().installEventFilter(self)  # Ctrl+wheel zooms
        self._refit = QTimer(self, singleShot=True, interval=60, timeout=self._render)
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
        self.fit_width_btn = QPushButton(tr("Vừa chiều ngang"))
        self.fit_page_btn = QPushButton(tr("Vừa trang"))
        self.zoom_out_btn, self.zoom_in_btn = QPushButton("−"), QPushButton("+")
        self.zoom_out_btn.setToolTip(tr("Thu nhỏ (Ctrl+−, Ctrl+lăn chuột)"))
        self.zoom_in_btn.setToolTip(tr("Phóng to (Ctrl++, Ctrl+lăn chuột)"))
        self.zoom_out_btn.setShortcut("Ctrl+-")
        self.zoom_in_btn.setShortcut("Ctrl+=")
        for b in (self.zoom_out_btn, self.zoom_in_btn):
            b.setFixedWidth(32)
        self.zoom_label = QLabel()
        for b in (self.fit_width_btn, self.fit_page_btn):
            b.setCheckable(True)
        self.fit_width_btn.clicked.connect(lambda: self.set_zoom(FIT_WIDTH))
        self.fit_page_btn.clicked.connect(lambda: self.set_zoom(FIT_PAGE))
        self.zoom_out_btn.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in_btn.clicked.connect(lambda: self.step_zoom(1))
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("{n} trang").format(n=self.page_count)))
        for w in (self.fit_width_btn, self.fit_page_btn, self.zoom_out_btn, self.zoom_label):
            row.addWidget(w)
        row.addWidget(self.zoom_in_btn)
        row.addStretch(1)
        for b in (self.print_now_btn, print_btn, save_btn, close_btn):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.scroll, 1)
        lay.addLayout(row)
        self._fit_to_screen(parent)
        self._render()

    def _fit_to_screen(self, parent) -> None:
        """Most of the window it opens over (else of the screen), never taller than it."""
        if parent is not None and parent.window().isVisible():
            area = parent.window().frameGeometry()
        else:
            area = self.screen().availableGeometry()
        self.resize(max(640, int(area.width() * 0.9)), max(480, int(area.height() * 0.94)))

    # -- zoom -------------------------------------------------------------------------------
    def scale(self) -> float:
        """Pixels per PDF point at the current zoom."""
        true_size = 96 / 72  # 100 %: the page at its true size on a 96 dpi screen
        if self.mode not in FITTING:
            return self.zoom * true_size
        view = self.scroll.viewport().size()
        width = max(w for w, _h in self._sizes)
        fit = (view.width() - 40) / width
        if self.mode == FIT_PAGE:
            height = max(h for _w, h in self._sizes)
            fit = min(fit, (view.height() - 24) / height)
        if self.mode == AUTO:
            fit = min(fit, true_size)
        return max(0.1, fit)

    def set_zoom(self, mode_or_factor) -> None:
        if mode_or_factor in (FIT_WIDTH, FIT_PAGE):
            self.mode = mode_or_factor
        else:
            self.mode, self.zoom = "zoom", max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], mode_or_factor))
        self._render()

    def step_zoom(self, direction: int) -> None:
        now = self.scale() * 72 / 96
        if direction > 0:
            bigger = [z for z in ZOOM_STEPS if z > now + 0.005]
            self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [z for z in ZOOM_STEPS if z < now - 0.005]
            self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def _render(self) -> None:
        if self._pdf is None:
            return
        scale = self.scale()
        ratio = self.devicePixelRatioF()
        for i, label in enumerate(self.page_labels):
            img = page_image(self._pdf[i], scale * ratio)
            img.setDevicePixelRatio(ratio)
            label.setPixmap(QPixmap.fromImage(img))
        self.zoom_label.setText(f"{scale * 72 / 96 * 100:.0f} %")
        self.fit_width_btn.setChecked(self.mode == FIT_WIDTH)
        self.fit_page_btn.setChecked(self.mode == FIT_PAGE)

    def showEvent(self, event):  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._render()  # the viewport has its real size only now

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if self.mode in FITTING:
            self._refit.start()  # once the resizing pauses, not at every step of a drag

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Wheel and event.modifiers() & Qt.ControlModifier:
            self.step_zoom(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(obj, event)

    def done(self, result: int) -> None:
        self.scroll.viewport().removeEventFilter(self)
        self._refit.stop()
        super().done(result)
        self.close_pdf()

    def close_pdf(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

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


def show_document(
    parent: QWidget, title: str, name: str, make, within_ms: int | None = None
) -> object | None:
    """``make(path)`` writes the PDF (through a wardapp service) into a temporary folder, on the
    window's line (``ui.desk_line``: off the GUI thread, with its deadline or ``within_ms``);
    the preview then prints or saves it.  Returns make's result, None when it failed."""
    tmp = Path(tempfile.mkdtemp(prefix="wardapp-doc-"))
    path = tmp / name
    result = run_desk(parent, make, str(path), within_ms=within_ms)
    if result is None:
        shutil.rmtree(tmp, ignore_errors=True)
        return None
    _preview(parent, tmp, path, title, name)
    return result


def _preview(parent: QWidget, tmp: Path, path: Path, title: str, name: str) -> None:
    dialog = PreviewDialog(parent, path, title, name)
    try:
        dialog.exec()
    finally:
        dialog.close_pdf()
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
