"""Printing at true size, checked through QPrinter's own PDF output: each page on paper of its
size and orientation at 100% (an A5 slip on A5, the logbook on landscape A4), and an A5 page
centred unscaled on A4 when the printer has no A5."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from reportlab.lib.pagesizes import A4, A5, landscape  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402


def _source(path, sizes):
    """One page per size, each with a black frame along its very edges."""
    c = canvas.Canvas(str(path))
    for w, h in sizes:
        c.setPageSize((w, h))
        c.setLineWidth(6)
        c.rect(3, 3, w - 6, h - 6)
        c.showPage()
    c.save()
    return path


def _print(src, out, sizes=None):
    from PySide6.QtPrintSupport import QPrinter

    from ui.preview import print_pdf

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(out))
    print_pdf(src, printer, sizes)
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(out).pages]


def _ink_box_mm(path, index):
    """Where the frame landed on the printed page, in mm from the page's left and top."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    page = pdf[index]
    scale = 2
    img = page.render(scale=scale)
    w, h, stride, buf = img.width, img.height, img.stride, bytes(img.buffer)
    channels = stride // w
    dark_x, dark_y = [], []
    for y in range(0, h, 2):
        row = buf[y * stride : y * stride + w * channels]
        for x in range(0, w, 2):
            if row[x * channels] < 80:
                dark_x.append(x)
                dark_y.append(y)
    pdf.close()
    mm = 72 * scale / 25.4
    return (min(dark_x) / mm, min(dark_y) / mm, max(dark_x) / mm, max(dark_y) / mm)


@pytest.mark.usefixtures("qapp")
def test_each_page_on_its_own_paper_at_100_percent(tmp_path):
    src = _source(tmp_path / "src.pdf", [A5, landscape(A4), A4])
    printed = _print(src, tmp_path / "printed.pdf")
    assert [(round(w), round(h)) for w, h in printed] == [(420, 595), (842, 595), (595, 842)]
    left, top, right, bottom = _ink_box_mm(tmp_path / "printed.pdf", 0)
    assert left < 3 and top < 3 and right > 145 and bottom > 207  # the A5 frame fills A5


@pytest.mark.usefixtures("qapp")
def test_a5_is_centred_unscaled_on_a4_when_the_printer_has_no_a5(tmp_path):
    from PySide6.QtGui import QPageSize

    src = _source(tmp_path / "slip.pdf", [A5])
    printed = _print(src, tmp_path / "printed.pdf", sizes=[QPageSize(QPageSize.A4)])
    assert [(round(w), round(h)) for w, h in printed] == [(595, 842)]
    left, top, right, bottom = _ink_box_mm(tmp_path / "printed.pdf", 0)
    # 148 × 210 mm in the middle of 210 × 297 mm: 31 mm either side, 43.5 mm above and below
    assert right - left == pytest.approx(148, abs=2) and bottom - top == pytest.approx(210, abs=2)
    assert left == pytest.approx(31, abs=2) and top == pytest.approx(43.5, abs=2)


def test_page_setup_keeps_the_orientation_of_the_page():
    from PySide6.QtGui import QPageLayout, QPageSize

    from ui.preview import page_setup

    lay = page_setup(*landscape(A4), None)
    assert lay.orientation() == QPageLayout.Landscape and lay.pageSize().id() == QPageSize.A4
    assert page_setup(*A5, None).pageSize().id() == QPageSize.A5
    assert page_setup(*A5, [QPageSize(QPageSize.Letter)]).pageSize().id() == QPageSize.A4


@pytest.mark.usefixtures("qapp")
def test_the_printer_is_remembered_per_kind_of_document_while_installed(monkeypatch):
    from PySide6.QtPrintSupport import QPrinterInfo

    from ui import preview

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", lambda: ["HP A5", "Canon A4"])
    preview.remember_printer("Giấy tiếp nhận", "HP A5")
    preview.remember_printer("Sổ theo dõi", "Canon A4")
    assert preview.available_printer("Giấy tiếp nhận") == "HP A5"
    assert preview.available_printer("Sổ theo dõi") == "Canon A4"
    assert preview.available_printer("Biểu 06") is None
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", lambda: ["Canon A4"])
    assert preview.available_printer("Giấy tiếp nhận") is None  # removed since: ask again
