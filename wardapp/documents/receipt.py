"""Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, in two copies (Liên 1 kept, Liên 2 for the
applicant), with every field of DOMAIN.md §2 in order and a QR code carrying the dossier code
(or, by setting, the province portal's look-up address for it).

Each copy is its own one-sheet document: a copy whose signatures fell onto a second sheet is
two loose halves at the desk, and a "2" printed on the citizen's copy made it look like the
back of the office's.  A long documents list is set in two columns, and whatever still does not
fit is shrunk as a whole, so the signatures stay on the sheet.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Spacer, TableStyle
from sqlalchemy import select

from db.models import Dossier, Staff
from wardapp.documents import layout as L
from wardapp.documents.forms import form
from wardapp.documents.letterhead import Letterhead, load_letterhead
from wardapp.documents.wording import when_text
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.office.store import Ward
from wardapp.trust import auth

COPIES = ("Liên 1: Lưu tại Bộ phận một cửa", "Liên 2: Giao người nộp hồ sơ")
NOTE = (
    "Ghi chú: Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên: 01 liên giao "
    "người nộp hồ sơ; 01 liên chuyển kèm Phiếu kiểm soát quá trình giải quyết hồ sơ và lưu tại "
    "Bộ phận một cửa. Người nộp có thể nhận kết quả tại Bộ phận một cửa hoặc đăng ký nhận kết "
    "quả qua dịch vụ bưu chính."
)
# Documents listed one a line up to this many; more go in two columns (per sheet size).
ONE_COLUMN_MAX = {"A4": 8, "A5": 3}


def frame_height(size: str) -> float:
    """What one sheet holds inside the margins and the frame's own padding."""
    top, bottom, _left, _right = L.MARGINS[size]
    return L.PAGE_SIZES[size][1] - (top + bottom) * mm - 13


def days_text(limit: float, cutoff: str | None) -> str:
    if limit == 0:
        return f"trả trong ngày (nhận sau {cutoff or '15:00'} trả trong ngày làm việc tiếp theo)"
    return f"{limit:g}".replace(".", ",") + " ngày làm việc"


def money(v: int) -> str:
    return f"{v:,}".replace(",", ".") + " đồng"


def qr(value: str, size: float) -> Drawing:
    """Error correction level M (15% of the code may be soiled or folded and still read)."""
    w = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = w.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(w)
    return d


def qr_value(template: str, code: str) -> str:
    """The dossier code, or the look-up address the office set with ``{code}`` in it."""
    return template.replace("{code}", code) if template.strip() else code


def _documents(st: L.Styles, avail: float, docs: list[str], size: str) -> list:
    items = [f"{k}. {doc}" for k, doc in enumerate(docs, start=1)]
    if len(items) <= ONE_COLUMN_MAX[size]:
        return [L.para(x, st.item) for x in items]
    half = (len(items) + 1) // 2
    rows = [
        [L.para(a, st.small), L.para(b, st.small) if b else ""]
        for a, b in zip(items[:half], [*items[half:], ""][:half], strict=True)
    ]
    t = L.DocTable(rows, colWidths=[avail / 2] * 2)
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [t]


def _copy(
    lh: Letterhead, d: Dossier, label: str, docs: list[str], clerk_name: str, qr_text: str
) -> list:
    """One copy's content, fitted to one sheet."""
    size = lh.slip_size
    st = L.Styles(L.BASE_PT[size])
    avail = L.frame_width(size)
    f = form(lh.form_set, "receipt")
    proc = d.procedure
    story = [
        # no number: the form identifies the slip by the dossier code, below the title
        lh.header(st, avail, d.received_at.date(), desk=True)
    ]
    # Title, code and copy label centred on the text column; the QR sits in a column of its
    # own width on each side, so it never pulls the title off centre.
    qr_size = 22 * mm if size == "A4" else 18 * mm
    title = [
        L.para(f.title, st.title),
        L.para(f"Mã hồ sơ: {d.code}", st.subtitle),
        L.para(label, st.center, italic=True),
    ]
    t = L.DocTable(
        [["", title, qr(qr_text, qr_size)]],
        colWidths=[qr_size + 2, avail - 2 * qr_size - 4, qr_size + 2],
    )
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(t)
    lines = [
        f"Bộ phận tiếp nhận và trả kết quả: Bộ phận một cửa, {lh.authority}",
        f"Tiếp nhận hồ sơ của: {d.applicant_name}",
        f"Địa chỉ: {d.address or '……………………'}",
        f"Số điện thoại: {d.phone or '…………'}    Email: {d.email or '…………'}",
        f"Nội dung yêu cầu giải quyết: {proc.name}",
        "1. Thành phần hồ sơ nộp gồm:",
    ]
    story += [L.para(x, st.line) for x in lines]
    story += _documents(st, avail, docs, size)
    lines = [
        f"2. Số lượng hồ sơ: {d.sets_count:02d} bộ",
        f"3. Thời gian giải quyết hồ sơ theo quy định là: {days_text(proc.limit_days, proc.cutoff)}",
        f"4. Thời gian nhận hồ sơ: {when_text(d.received_at)}",
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {when_text(d.due_at)}",
        "6. Đăng ký nhận kết quả tại: "
        + ("qua dịch vụ bưu chính" if d.channel == "postal" else "Bộ phận một cửa"),
    ]
    if d.fee:
        lines.append(
            f"Phí, lệ phí: {money(d.fee)}"
            + (" (đã thanh toán trực tuyến)" if d.paid_online else "")
        )
    lines.append(
        f"Vào Sổ theo dõi hồ sơ, Quyển số: {d.received_at.year}, Số thứ tự: {d.logbook_no}"
    )
    story += [L.para(x, st.line) for x in lines]
    story.append(Spacer(1, 4))
    sig = L.DocTable(
        [
            [
                L.para("NGƯỜI NỘP HỒ SƠ", st.center, bold=True),
                L.para("NGƯỜI TIẾP NHẬN HỒ SƠ", st.center, bold=True),
            ],
            [L.para("(Ký và ghi rõ họ tên)", st.center, italic=True)] * 2,
            [Spacer(1, 18 * mm if size == "A4" else 12 * mm)] * 2,
            [
                L.para(d.applicant_name, st.center, bold=True),
                L.para(clerk_name, st.center, bold=True),
            ],
        ],
        colWidths=[avail / 2] * 2,
    )
    sig.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 0)])
    )
    story += [sig, Spacer(1, 4), L.para(NOTE, st.small, italic=True)]
    return [KeepInFrame(avail, frame_height(size), story, mode="shrink")]


def receipt_pdf(ward: Ward, code: str, out: str | Path) -> Path:
    auth.require(ward, "dossier")
    with ward.read() as s:
        lh = load_letterhead(ward, s)
        d = get_dossier(s, code)
        first = d.events[0] if d.events else None
        clerk = first.actor if first else ""
        staff = s.scalars(select(Staff).where(Staff.username == clerk)).first()
        clerk_name = staff.full_name if staff else clerk
        docs = json.loads(d.documents or "[]") or json.loads(d.procedure.documents or "[]")
        qr_text = qr_value(ward.rules().settings["receipt_qr_template"], d.code)
        info = lh.doc_info(form(lh.form_set, "receipt"), d.code)
        story = _copy(lh, d, COPIES[0], docs, clerk_name, qr_text)
        # Each copy is its own document: a new sheet, and no page number on the citizen's.
        story += [L.NewDocument(), *_copy(lh, d, COPIES[1], docs, clerk_name, qr_text)]
    return L.build(out, story, info, lh.slip_size)
