"""The parts every Vietnamese administrative document shares (NĐ 30/2020/NĐ-CP, Phụ lục I):
page and margins, the two-column header with drawn rules, title block, justified body with a
first-line indent, the subject line with its rule, signature block with room for the seal,
"Nơi nhận", page numbers from page 2 of each document, and a small footer saying which form set,
legal basis and program version produced the file.

Text goes through ``para()``, which normalises to NFC, escapes markup and keeps numbers with
their units (``wording.keep_units``), so a name typed with a decomposed input method or
containing "&" prints correctly and "17 giờ" never breaks across lines.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate
from reportlab.platypus.paragraph import cleanBlockQuotedText

from wardapp import __version__
from wardapp.common.atomic import atomic_target
from wardapp.common.errors import ValidationError
from wardapp.common.names import place_of
from wardapp.documents import fonts
from wardapp.documents.flowables import Columns, DocTable, Lines, NewDocument, Rule, fit, nfc

# used through ``layout``
__all__ = ["Columns", "DocTable", "Lines", "NewDocument", "Rule", "nfc", "place_of"]
from wardapp.documents.wording import abbreviate_parent, date_words, keep_units

PAGE_SIZES = {"A4": A4, "A5": A5, "A4L": landscape(A4)}
# (top, bottom, left, right) in mm; A5 slips keep the proportions on the smaller sheet.
MARGINS = {"A4": (20, 20, 30, 15), "A4L": (20, 15, 20, 15), "A5": (12, 12, 18, 10)}
# Base body size per page: 13 pt on A4 (NĐ 30: 13–14), smaller on an A5 slip.
BASE_PT = {"A4": 13.0, "A4L": 11.0, "A5": 10.5}
# NĐ 30: the parent agency line 12–13 pt and page numbers 13–14 pt, whatever the sheet.
PARENT_PT = (13.0, 12.5, 12.0)
PAGE_NUMBER_PT = 13


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
        # The subject line ("Về việc …") under the document type: upright bold (NĐ 30).
        self.subject = ParagraphStyle(
            "subject", parent=self.title, spaceBefore=0, spaceAfter=0, alignment=TA_CENTER
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


# Per style (and bold / italic), what reportlab's markup parser makes of one plain word.
_PLAIN_FRAGS: WeakKeyDictionary = WeakKeyDictionary()


def _plain_frag(style: ParagraphStyle, bold: bool, italic: bool):
    per_style = _PLAIN_FRAGS.setdefault(style, {})
    frag = per_style.get((bold, italic))
    if frag is None:
        markup = "<b>x</b>" if bold else "x"
        markup = f"<i>{markup}</i>" if italic else markup
        frag = per_style[(bold, italic)] = Paragraph(markup, style).frags[0]
    return frag


def para(text, style: ParagraphStyle, *, bold: bool = False, italic: bool = False) -> Paragraph:
    plain = keep_units(nfc(text))
    if plain.strip() and "\n" not in plain:
        # One run of text in one font, the usual case: the fragment the markup parser would
        # make, without running it (parsing was most of building a letter's story).
        frag = copy(_plain_frag(style, bold, italic))
        frag.text = cleanBlockQuotedText(plain)
        return Paragraph(plain, style, frags=[frag])
    body = escape(plain).replace("\n", "<br/>")
    if bold:
        body = f"<b>{body}</b>"
    if italic:
        body = f"<i>{body}</i>"
    return Paragraph(body, style)


def place_date(place: str, d: date) -> str:
    """ "Xuân An, ngày 05 tháng 02 năm 2026": day two digits, months 1–2 with a leading zero."""
    return f"{nfc(place)}, {date_words(d)}"


def subject(st: Styles, avail: float, text: str) -> list[Flowable]:
    """The subject line under the document type, upright bold and centred, with a drawn rule
    under it a third to a half as long as the line (NĐ 30/2020, Phụ lục I)."""
    p = para(text, st.subject)
    longest = min(stringWidth(nfc(text), st.subject.fontName, st.subject.fontSize), avail)
    return [p, Rule(max(longest * 0.4, 30 * mm), avail)]


def _parent_lines(parent: str, font: str, base: float, width: float) -> list[tuple]:
    """The parent agency at 12–13 pt inside its column: in full if it fits, else abbreviated
    ("UBND TỈNH …"), else on two lines split at the word nearest the middle."""
    full = nfc(parent).upper()
    sizes = [pt for pt in PARENT_PT if pt <= max(base, PARENT_PT[-1])]
    for text in dict.fromkeys((full, abbreviate_parent(full))):
        for pt in sizes:
            if stringWidth(text, font, pt) <= width:
                return [(text, font, pt)]
    words = abbreviate_parent(full).split()
    pt = PARENT_PT[-1]
    cut = min(
        range(1, len(words)) or [1],
        key=lambda i: max(
            stringWidth(" ".join(words[:i]), font, pt), stringWidth(" ".join(words[i:]), font, pt)
        ),
    )
    return [(" ".join(words[:cut]), font, pt), (" ".join(words[cut:]), font, pt)]


def header(
    st: Styles,
    avail: float,
    *,
    parent: str,
    issuer: list[str],
    number: str,
    place_and_date: str,
) -> Columns:
    """The two-column header: parent and issuing agency with a short drawn rule, then "Số"
    on the left; the national title and motto with a rule as long as the motto, then the
    italic place and date on the right."""
    left_w, right_w = avail * 0.42, avail * 0.58
    base = st.base
    bold, regular, italic = fonts.font(bold=True), fonts.font(), fonts.font(italic=True)
    nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto = "Độc lập - Tự do - Hạnh phúc"
    motto_pt = fit(motto, bold, base, right_w - 4)
    issuer_lines = [nfc(x).upper() for x in issuer if x]
    left = _parent_lines(parent, regular, base, left_w - 2) if parent else []
    left += [(text, bold, base - 0.5) for text in issuer_lines]
    widest = max(stringWidth(t, bold, base - 0.5) for t in issuer_lines)
    left += [("-rule-", min(widest * 0.4, left_w * 0.5)), ("-space-", 3)]
    if number:
        left.append((number, regular, base))
    right = [
        (nation, bold, base - 0.5),
        (motto, bold, motto_pt),
        ("-rule-", stringWidth(motto, bold, motto_pt)),
        ("-space-", 3),
        (place_and_date, italic, base),
    ]
    return Columns(Lines(left, left_w), Lines(right, right_w), left_w, right_w)


def signature(
    st: Styles,
    avail: float,
    *,
    authority: str,
    title: str,
    name: str,
    left: Flowable | None = None,
    note: str = "",
) -> Columns:
    """Signature block on the right (authority line, title, room for signature and seal,
    name in bold), with "Nơi nhận" or a second signer on the left."""
    bold, italic = fonts.font(bold=True), fonts.font(italic=True)
    base = st.base
    right = []
    if authority:
        right.append((nfc(authority).upper(), bold, base))
    right.append((nfc(title).upper(), bold, base))
    if note:
        right.append((note, italic, base))
    right += [("-space-", 24 * mm), (name, bold, base)]
    return Columns(left, Lines(right, avail * 0.52), avail * 0.48, avail * 0.52)


def signer_lines(st: Styles, width: float, lines: list[tuple[str, bool]], name: str) -> Lines:
    """A second signer's block (e.g. the approver of a commitment): title lines, space, name."""
    bold = fonts.font(bold=True)
    items = [(nfc(t).upper(), bold, st.base) for t, _ in lines]
    return Lines([*items, ("-space-", 24 * mm), (name, bold, st.base)], width)


def recipients(st: Styles, names: Iterable[str], width: float = 0) -> Lines:
    names = list(names)
    items = [("Nơi nhận:", fonts.font(bold=True, italic=True), 12)]
    for i, n in enumerate(names):
        items.append((f"- {n}{'.' if i == len(names) - 1 else ';'}", fonts.font(), 11))
    return Lines(items, width or 80 * mm, align="left")


def require(value, field: str, what: str) -> str:
    """A document is refused, naming what to fill in, rather than printed with a blank."""
    v = nfc(value).strip()
    if not v:
        raise ValidationError(field, f"chưa có — {what}")
    return v


def frame_width(size: str) -> float:
    _top, _bottom, left, right = MARGINS[size]
    return PAGE_SIZES[size][0] - (left + right) * mm


def render(story: list, info: DocInfo, size: str = "A4", page_done=None) -> bytes:
    """The PDF as bytes (for the archive of issued documents and for files).  ``page_done(n)``
    is called as each page is laid out (a long logbook reports progress through it, and may
    raise there to stop)."""
    used_font = fonts.register()
    top, bottom, left, right = MARGINS[size]
    pagesize = PAGE_SIZES[size]
    small = fonts.font()

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont(small, 7)
        canvas.setFillGray(0.35)
        canvas.drawCentredString(pagesize[0] / 2, 7 * mm, nfc(info.footer()))
        number = doc.page - getattr(doc, "document_first_page", 1) + 1
        if number > 1:  # NĐ 30: centred in the top margin, not on a document's first page
            canvas.setFont(small, PAGE_NUMBER_PT)
            canvas.setFillGray(0)
            canvas.drawCentredString(pagesize[0] / 2, pagesize[1] - (top * mm) / 2, str(number))
        canvas.restoreState()
        if page_done is not None:
            page_done(doc.page)

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


def build(path: str | Path, story: list, info: DocInfo, size: str = "A4", page_done=None) -> Path:
    return write(path, render(story, info, size, page_done))
