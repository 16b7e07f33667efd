"""Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, in two copies (Liên 1 kept, Liên 2 for the
applicant), with every field of DOMAIN.md §2 in order and a QR code carrying the dossier code."""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle
from sqlalchemy import select

from db.models import Staff
from wardapp.documents import layout as L
from wardapp.documents.forms import form
from wardapp.documents.letterhead import load_letterhead
from wardapp.documents.wording import when_text
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.office.store import Ward
from wardapp.trust import auth

COPIES = ("Liên 1: Lưu tại Bộ phận một cửa", "Liên 2: Giao người nộp hồ sơ")


def days_text(limit: float, cutoff: str | None) -> str:
    if limit == 0:
        return f"trả trong ngày (nhận sau {cutoff or '15:00'} trả trong ngày làm việc tiếp theo)"
    return f"{limit:g}".replace(".", ",") + " ngày làm việc"


def money(v: int) -> str:
    return f"{v:,}".replace(",", ".") + " đồng"


def qr(code: str, size: float) -> Drawing:
    w = QrCodeWidget(code)
    x0, y0, x1, y1 = w.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(w)
    return d


def receipt_pdf(ward: Ward, code: str, out: str | Path) -> Path:
    auth.require(ward, "dossier")
    with ward.read() as s:
        lh = load_letterhead(ward, s)
        d = get_dossier(s, code)
        proc = d.procedure
        first = d.events[0] if d.events else None
        clerk = first.actor if first else ""
        staff = s.scalars(select(Staff).where(Staff.username == clerk)).first()
        clerk_name = staff.full_name if staff else clerk
        docs = json.loads(d.documents or "[]") or json.loads(proc.documents or "[]")
    f = form(lh.form_set, "receipt")
    size = lh.slip_size
    st = L.Styles(L.BASE_PT[size])
    avail = L.frame_width(size)
    story = []
    for i, copy_label in enumerate(COPIES):
        if i:
            story.append(L.NewDocument())  # each copy is its own document: no page "2"
        story.append(L.para(copy_label, st.small, italic=True))
        story.append(
            L.header(
                st,
                avail,
                parent=lh.parent,
                issuer=[*lh.issuer, "Bộ phận một cửa"],
                number="",  # the form identifies the slip by the dossier code, below the title
                place_and_date=L.place_date(lh.place, d.received_at.date()),
            )
        )
        title = [L.para(f.title, st.title), L.para(f"Mã hồ sơ: {d.code}", st.subtitle)]
        qr_size = 22 * mm if size == "A4" else 18 * mm
        t = L.DocTable([[title, qr(d.code, qr_size)]], colWidths=[avail - qr_size - 4, qr_size + 4])
        t.setStyle(
            TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
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
        story += [L.para(f"{k}. {doc}", st.item) for k, doc in enumerate(docs, start=1)]
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
        story.append(Spacer(1, 6))
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
        story.append(sig)
    return L.build(out, story, lh.doc_info(f, d.code), size)
