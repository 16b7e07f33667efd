"""The evidence annex for the self-assessment, as a document of the ward (NĐ 30/2020 header,
A4 landscape like Biểu 06): per indicator its value, its definition and the dossiers behind it.

A year's denominators run to thousands of dossiers; printed whole, the one late dossier a
reviewer looks for would hide in a hundred pages.  So each indicator lists its smaller side in
full (for the on-time rate, the late dossiers; for the online rate, the online ones) and says
which side it is; with the two counts printed above it, that side alone proves the rate.  The
workbook (``indicators.evidence_xlsx``) lists every dossier of every denominator.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import KeepTogether, Spacer, TableStyle

from wardapp.calendar.periods import Period
from wardapp.common.clock import now_local
from wardapp.documents import layout as L
from wardapp.documents.bieu06 import GRID
from wardapp.documents.forms import Form
from wardapp.documents.letterhead import load_letterhead
from wardapp.documents.wording import date_words, mid_sentence
from wardapp.indicators.evidence import Section
from wardapp.office.store import Ward

EVIDENCE_FORM = Form(
    "", "PHỤ LỤC MINH CHỨNG KẾT QUẢ CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", "Chỉ thị 13/CT-TTg"
)
# What the listed side of each rate is called, (numerator side, the other side).
SIDES = {
    "on_time_rate": ("Hồ sơ trước hạn, đúng hạn", "Hồ sơ quá hạn"),
    "online_rate": ("Hồ sơ trực tuyến toàn trình", "Hồ sơ không trực tuyến toàn trình"),
    "paid_online_rate": ("Hồ sơ thanh toán trực tuyến", "Hồ sơ có phí không thanh toán trực tuyến"),
    "apology_rate": ("Hồ sơ quá hạn có văn bản xin lỗi", "Hồ sơ quá hạn chưa có văn bản xin lỗi"),
    "return_recorded_rate": ("Hồ sơ đã ghi trả kết quả", "Hồ sơ chưa ghi trả kết quả"),
    "satisfaction_rate": ("Người dân hài lòng", "Người dân chưa hài lòng"),
}
HEAD = ("STT", "Mã hồ sơ", "Thủ tục", "Tiếp nhận", "Hẹn trả", "Có kết quả", "Kết quả")
HEAD += ("Trả kết quả", "Xin lỗi", "Ý kiến")
WIDTHS = (0.04, 0.17, 0.23, 0.08, 0.08, 0.08, 0.07, 0.08, 0.09, 0.08)


def _t(v) -> str:
    return "" if v is None else f"{v:%H:%M}\n{v:%d/%m/%Y}"


def _dossiers(st, avail, rows) -> L.DocTable:
    data = [[L.para(h, st.cell_head) for h in HEAD]]
    for n, e in enumerate(rows, start=1):
        cells = (str(n), e.code, e.procedure, _t(e.received_at), _t(e.due_at))
        cells += (_t(e.resolved_at), e.outcome, _t(e.returned_at), e.apologies, e.rating)
        data.append([L.para(c, st.cell_center if i != 2 else st.cell) for i, c in enumerate(cells)])
    t = L.DocTable(data, colWidths=[avail * w for w in WIDTHS], repeatRows=1)
    t.setStyle(TableStyle(GRID))
    return t


def _initiatives(st, avail, rows) -> L.DocTable:
    head = ("STT", "Tên sáng kiến", "Tác giả", "Trạng thái", "Quyết định công nhận", "Minh chứng")
    data = [[L.para(h, st.cell_head) for h in head]]
    for n, r in enumerate(rows, start=1):
        files = "\n".join(f"{name} (SHA-256 {digest[:16]}…)" for _i, name, digest, _s in r.files)
        cells = (str(n), r.title, r.authors, r.status_label, r.decision, files or "—")
        data.append([L.para(c, st.cell) for c in cells])
    widths = (0.05, 0.27, 0.16, 0.1, 0.18, 0.24)
    t = L.DocTable(data, colWidths=[avail * w for w in widths], repeatRows=1)
    t.setStyle(TableStyle(GRID))
    return t


def _section(st, avail, n: int, sec: Section) -> list:
    head = [
        L.para(f"{n}. {sec.label}: {sec.value_text}", st.line, bold=True),
        *([L.para(f"Mức cam kết: {sec.committed}", st.line)] if sec.committed else []),
        L.para(sec.definition, st.small, italic=True),
        Spacer(1, 3),
    ]
    if sec.total is None:
        body = [_initiatives(st, avail, sec.rows)] if sec.rows else []
        note = "" if sec.rows else "Chưa có sáng kiến nào được công nhận trong năm."
    else:
        inside = [e for e in sec.rows if e.counted]
        outside = [e for e in sec.rows if not e.counted]
        yes, no = SIDES[sec.key]
        listed, name = (inside, yes) if len(inside) <= len(outside) else (outside, no)
        note = f"{name}: {len(listed)} hồ sơ" + (" (liệt kê dưới đây)." if listed else ".")
        body = [_dossiers(st, avail, listed)] if listed else []
    return [KeepTogether(head + [L.para(note, st.small)]), *body, Spacer(1, 10)]


def evidence_pdf(
    ward: Ward, sections: list[Section], period: Period, year: int, out: str | Path
) -> Path:
    with ward.read() as s:
        lh = load_letterhead(ward, s)
    size = "A4L"
    st, avail = L.Styles(L.BASE_PT[size]), L.frame_width(size)
    today = now_local().date()
    story = [
        lh.header(st, avail, today),
        Spacer(1, 8),
        L.para("Phụ lục", st.title),
        L.para(f"MINH CHỨNG KẾT QUẢ CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}", st.title),
        L.para(
            f"(Số liệu từ {date_words(period.start)} đến {date_words(period.end)}, theo sổ "
            f"theo dõi hồ sơ của {mid_sentence(lh.office_name)}; danh sách đầy đủ trong tệp "
            "Excel cùng tên)",
            st.center,
            italic=True,
        ),
        Spacer(1, 8),
    ]
    for n, sec in enumerate(sections, start=1):
        story += _section(st, avail, n, sec)
    if lh.chairman:  # the chairman answers for the figures; without one the annex is unsigned
        authority, title, name = lh.signer()
        story.append(
            KeepTogether([L.signature(st, avail, authority=authority, title=title, name=name)])
        )
    info = lh.doc_info(
        EVIDENCE_FORM, f"{lh.office_name} {year}", title=f"{EVIDENCE_FORM.title} năm {year}"
    )
    return L.build(out, story, info, size)


def evidence_annex(ward: Ward, year: int, out: str | Path, office_code: str = "") -> Path:
    """The annex for ``year`` (the period the ``quarter_scheme`` setting makes of it) as a PDF
    or, for a path ending in .xlsx, a workbook.  At a city, ``office_code`` picks the ward."""
    from sqlalchemy import select

    from db.models import Office
    from wardapp.calendar.periods import year as year_period
    from wardapp.common.errors import NotFoundError
    from wardapp.indicators.evidence import annex
    from wardapp.indicators.evidence_xlsx import write_evidence_xlsx
    from wardapp.trust import auth

    auth.require(ward, "read")
    period = year_period(year, ward.rules().settings["quarter_scheme"])
    with ward.read() as s:
        office = ward.office(s)
        if office_code:
            office = s.scalars(select(Office).where(Office.agency_code == office_code)).first()
            if office is None:
                raise NotFoundError(f"Không có đơn vị mã {office_code}.")
        scope = None if office.kind == "city" else office.id
        sections = annex(s, period, year, scope)
        name = office.name
    if str(out).lower().endswith(".xlsx"):
        return write_evidence_xlsx(sections, period, name, out)
    return evidence_pdf(ward, sections, period, year, out)
