"""The drawing pieces of an administrative document that reportlab does not have: a table in the
document font, a drawn rule, one-line texts set directly on the canvas, two columns side by
side, and the break that starts another document in the same file."""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, Flowable, Table, TableStyle

from wardapp.documents import fonts


def nfc(text) -> str:
    """NFC without touching spaces (a non-breaking space is meant)."""
    return unicodedata.normalize("NFC", "" if text is None else str(text))


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


def fit(text: str, font_name: str, size: float, width: float) -> float:
    while size > 7 and stringWidth(text, font_name, size) > width:
        size -= 0.5
    return size


class Lines(Flowable):
    """One-line texts (header cells, signature blocks, "Nơi nhận") drawn directly on the canvas:
    no paragraph layout, which is most of a short letter's rendering time.  Items are
    ``(text, font, size)``, ``("-rule-", width)`` or ``("-space-", height)``; a text too wide
    for the column is set smaller rather than overflowing."""

    def __init__(self, items, width: float, align: str = "center"):
        super().__init__()
        self.width, self.align = width, align
        self.items = []
        for it in items:
            if it[0] in ("-rule-", "-space-"):
                self.items.append(it)
            else:
                text, font, size = nfc(it[0]), it[1], it[2]
                self.items.append((text, font, fit(text, font, size, width - 2)))
        self.height = sum(
            7 if it[0] == "-rule-" else it[1] if it[0] == "-space-" else it[2] * 1.25
            for it in self.items
        )

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        y = self.height
        for it in self.items:
            if it[0] == "-rule-":
                y -= 7
                x = (self.width - it[1]) / 2
                c.setLineWidth(0.6)
                c.line(x, y + 3, x + it[1], y + 3)
            elif it[0] == "-space-":
                y -= it[1]
            else:
                text, font, size = it
                y -= size * 1.25
                c.setFont(font, size)
                if self.align == "center":
                    c.drawCentredString(self.width / 2, y + size * 0.3, text)
                else:
                    c.drawString(0, y + size * 0.3, text)


class Columns(Flowable):
    """Two flowables side by side, top-aligned (the header, the signature block)."""

    def __init__(
        self, left: Flowable | None, right: Flowable, left_width: float, right_width: float
    ):
        super().__init__()
        self.left, self.right = left, right
        self.lw, self.rw = left_width, right_width

    def wrap(self, aw, ah):
        hl = self.left.wrap(self.lw, ah)[1] if self.left is not None else 0
        hr = self.right.wrap(self.rw, ah)[1]
        self.width, self.height = self.lw + self.rw, max(hl, hr)
        return self.width, self.height

    def draw(self):
        for flow, x in ((self.left, 0), (self.right, self.lw)):
            if flow is not None:
                h = flow.wrap(self.lw if x == 0 else self.rw, self.height)[1]
                flow.drawOn(self.canv, x, self.height - h)


class NewDocument(ActionFlowable):
    """A page break that starts another document in the same file (one job of separate letters,
    the two copies of a slip): its pages are numbered from 1 again, so page 1 has no number."""

    def apply(self, doc):
        doc.document_first_page = doc.page + 1
        doc.handle_pageBreak()
