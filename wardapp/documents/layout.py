"""The parts every Vietnamese administrative document shares (NĐ 30/2020/NĐ-CP, Phụ lục I):
page and margins, the two-column header with drawn rules, title block, justified body with a
first-line indent, signature block with room for the seal, "Nơi nhận", page numbers from page 2,
and a small footer saying which form set, legal basis and program version produced the file.

Text goes through ``para()``, which normalises to NFC and escapes markup, so a name typed with
a decomposed input method or containing "&" prints correctly.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from wardapp import __version__
from wardapp.atomic import atomic_target
from wardapp.documents import fonts
from wardapp.errors import ValidationError

PAGE_SIZES = {"A4": A4, "A5": A5, "A4L": landscape(A4)}
# (top, bottom, left, right) in mm; A5 slips keep the proportions on the smaller sheet.
MARGINS = {"A4": (20, 20, 30, 15), "A4L": (20, 15, 20, 15), "A5": (12, 12, 18, 10)}
# Base body size per page: 13 pt on A4 (NĐ 30: 13–14), smaller on an A5 slip.
BASE_PT = {"A4": 13.0, "A4L": 11.0, "A5": 10.5}


@dataclass(frozen=True)
class DocInfo:
    """What the PDF metadata and footer say about the document."""

    title: str
    form: str  # "Mẫu số 04" or ""
    basis: str  # "Thông tư 03/2025/TT-VPCP"
    form_set: str = ""
    ref: str = ""  # dossier code, document number…
    author: str = ""  # the issuing office

    def footer(self) -> str:
        bits = [f"wardapp {__version__}"]
        if self.form:
            bits.append(f"{self.form} ({self.basis})")
        else:
            bits.append(self.basis)
        if self.ref:
            bits.append(self.ref)
        return " · ".join(bits)


def nfc(text) -> str:
    return unicodedata.normalize("NFC", "" if text is None else str(text))


class Styles:
    def __init__(self, base: float):
        f = fonts.font
        self.base = base
        self.body = ParagraphStyle(
            "body",
            fontName=f(),
            fontSize=base,
            leading=base * 1.3,
            alignment=TA_JUSTIFY,
            firstLineIndent=10 * mm,
            spaceAfter=6,
        )
        self.line = ParagraphStyle(
            "line", parent=self.body, firstLineIndent=0, alignment=TA_LEFT, spaceAfter=3
        )
        self.center = ParagraphStyle("center", parent=self.line, alignment=TA_CENTER)
        self.item = ParagraphStyle("item", parent=self.line, leftIndent=8 * mm)
        self.title = ParagraphStyle(
            "title",
            parent=self.center,
            fontName=f(bold=True),
            fontSize=base + 1,
            leading=(base + 1) * 1.3,
            spaceBefore=6,
            spaceAfter=2,
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=self.center, fontName=f(bold=True), spaceAfter=8
        )
        self.small = ParagraphStyle(
            "small", parent=self.line, fontSize=base - 2, leading=(base - 2) * 1.25, spaceAfter=0
        )
        self.cell = ParagraphStyle(
            "cell", parent=self.line, fontSize=base - 2, leading=(base - 2) * 1.2, spaceAfter=0
        )
        self.cell_head = ParagraphStyle(
            "cell_head", parent=self.cell, fontName=f(bold=True), alignment=TA_CENTER
        )
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.recipients_head = ParagraphStyle(
            "rh",
            parent=self.line,
            fontName=f(bold=True, italic=True),
            fontSize=12,
            leading=14,
            spaceAfter=0,
        )
        self.recipients = ParagraphStyle(
            "rc", parent=self.line, fontSize=11, leading=13, spaceAfter=0
        )


def para(text, style: ParagraphStyle, *, bold: bool = False, italic: bool = False) -> Paragraph:
    body = escape(nfc(text)).replace("\n", "<br/>")
    if bold:
        body = f"<b>{body}</b>"
    if italic:
        body = f"<i>{body}</i>"
    return Paragraph(body, style)


class DocTable(Table):
    """A reportlab Table whose plain-string cells use the document font (reportlab would fall
    back to Helvetica, which has no Vietnamese and is not embedded)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.font())]))


class Rule(Flowable):
    """A short centred line drawn under a header line (never underlined text)."""

    def __init__(self, width: float, avail: float):
        super().__init__()
        self.rule_width, self.avail = width, avail
        self.width, self.height = avail, 7

    def draw(self):
        x = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, 3, x + self.rule_width, 3)


def place_date(place: str, d: date) -> str:
    """ "Xuân An, ngày 05 tháng 02 năm 2026": day two digits, months 1–2 with a leading zero."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{nfc(place)}, ngày {d.day:02d} tháng {month} năm {d.year}"


def place_of(office_name: str, configured: str = "") -> str:
    if configured:
        return configured
    name = nfc(office_name)
    for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _fit(text: str, font_name: str, size: float, width: float) -> float:
    while size > 7 and stringWidth(text, font_name, size) > width:
        size -= 0.5
    return size


def header(
    st: Styles,
    avail: float,
    *,
    parent: str,
    issuer: list[str],
    number: str,
    place_and_date: str,
) -> Table:
    """The two-column borderless header: agencies and "Số" left, national title right."""
    left_w, right_w = avail * 0.42, avail * 0.58
    base = st.base
    bold, regular, italic = fonts.font(bold=True), fonts.font(), fonts.font(italic=True)
    nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto = "Độc lập - Tự do - Hạnh phúc"
    nation_pt = _fit(nation, bold, base - 0.5, right_w - 4)
    motto_pt = _fit(motto, bold, base, right_w - 4)

    def line(text, font, size, leading=None):
        return Paragraph(
            escape(nfc(text)),
            ParagraphStyle(
                "h",
                fontName=font,
                fontSize=size,
                leading=leading or size * 1.2,
                alignment=TA_CENTER,
            ),
        )

    issuer_lines = [nfc(x).upper() for x in issuer if x]
    left = []
    if parent:
        up = nfc(parent).upper()
        left.append(line(up, regular, _fit(up, regular, base - 0.5, left_w - 4)))
    for text in issuer_lines:
        left.append(line(text, bold, _fit(text, bold, base - 0.5, left_w - 4)))
    widest = max(stringWidth(t, bold, base - 0.5) for t in issuer_lines)
    left += [Rule(min(widest * 0.4, left_w * 0.5), left_w - 12), Spacer(1, 4)]
    if number:
        left.append(line(number, regular, base))
    right = [
        line(nation, bold, nation_pt),
        line(motto, bold, motto_pt),
        Rule(stringWidth(motto, bold, motto_pt), right_w - 12),
        Spacer(1, 4),
        line(place_and_date, italic, _fit(place_and_date, italic, base, right_w - 4)),
    ]
    t = DocTable([[left, right]], colWidths=[left_w, right_w])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def signature(
    st: Styles,
    avail: float,
    *,
    authority: str,
    title: str,
    name: str,
    left: list | None = None,
    note: str = "",
) -> Table:
    """Signature block on the right (authority line, title, room for signature and seal,
    name in bold), with "Nơi nhận" or a second signer on the left."""
    right = []
    if authority:
        right.append(para(authority.upper(), st.center, bold=True))
    right.append(para(title.upper(), st.center, bold=True))
    if note:
        right.append(para(note, st.center, italic=True))
    right += [Spacer(1, 24 * mm), para(name, st.center, bold=True)]
    t = DocTable([[left or "", right]], colWidths=[avail * 0.48, avail * 0.52])
    t.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return t


def recipients(st: Styles, names: Iterable[str]) -> list:
    names = list(names)
    out = [para("Nơi nhận:", st.recipients_head)]
    for i, n in enumerate(names):
        out.append(para(f"- {n}{'.' if i == len(names) - 1 else ';'}", st.recipients))
    return out


def require(value, field: str, what: str) -> str:
    """A document is refused, naming what to fill in, rather than printed with a blank."""
    v = nfc(value).strip()
    if not v:
        raise ValidationError(field, f"chưa có — {what}")
    return v


def frame_width(size: str) -> float:
    _top, _bottom, left, right = MARGINS[size]
    return PAGE_SIZES[size][0] - (left + right) * mm


def render(story: list, info: DocInfo, size: str = "A4") -> bytes:
    """The PDF as bytes (for the archive of issued documents and for files)."""
    used_font = fonts.register()
    top, bottom, left, right = MARGINS[size]
    pagesize = PAGE_SIZES[size]
    small = fonts.font()

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont(small, 7)
        canvas.setFillGray(0.35)
        canvas.drawCentredString(pagesize[0] / 2, 7 * mm, nfc(info.footer()))
        if doc.page > 1:  # NĐ 30: page numbers centred in the top margin, not on page 1
            canvas.setFont(small, 12)
            canvas.setFillGray(0)
            canvas.drawCentredString(pagesize[0] / 2, pagesize[1] - (top * mm) / 2, str(doc.page))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        topMargin=top * mm,
        bottomMargin=bottom * mm,
        leftMargin=left * mm,
        rightMargin=right * mm,
        title=nfc(info.title),
        author=nfc(info.author),
        subject=nfc(f"{info.form} {info.basis}".strip()),
        creator=f"wardapp {__version__}",
        keywords=nfc(f"form_set={info.form_set}; basis={info.basis}; font={used_font}"),
        # Otherwise every page references an unembedded Helvetica that no text uses.
        initialFontName=small,
        initialFontSize=7,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


def write(path: str | Path, pdf: bytes) -> Path:
    """Write to a temporary file and rename it into place: never a half-written PDF."""
    with atomic_target(path) as tmp:
        Path(tmp).write_bytes(pdf)
    return Path(path)


def build(path: str | Path, story: list, info: DocInfo, size: str = "A4") -> Path:
    return write(path, render(story, info, size))
