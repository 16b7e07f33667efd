"""Wide tables: the logbook of a period on landscape A4 with its header repeated on every page.
The process-control sheet (``control_sheet``) and Biểu 06 (``bieu06``) are re-exported from
here, where the callers have always found them."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from reportlab.platypus import Spacer, TableStyle
from sqlalchemy import func, select

from db.models import Apology, Dossier, DossierEvent, Procedure
from wardapp.calendar.periods import Period
from wardapp.documents import layout as L
from wardapp.documents.bieu06 import report_pdf
from wardapp.documents.control_sheet import OUTCOME_WORDS, control_sheet_pdf
from wardapp.documents.forms import form
from wardapp.documents.letterhead import load_letterhead
from wardapp.dossiers.lifecycle.closing import collector_text
from wardapp.dossiers.lifecycle.statuses import STATUS_LABELS
from wardapp.office.store import Ward

__all__ = ["control_sheet_pdf", "logbook_pdf", "report_pdf"]

GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
]


def _t(value: datetime | None) -> str:
    return "" if value is None else f"{value:%H:%M %d/%m/%Y}"


def _collector(d: Dossier, data: str | None) -> str:
    if d.returned_at is None or not data:
        return ""
    who = collector_text(json.loads(data).get("collector"))
    return f"\nNgười nhận: {who}" if who else ""


ROWS_PER_PAGE = 14  # about, in the landscape logbook: only for the progress estimate


def logbook_pdf(ward: Ward, period: Period, out: str | Path, progress=None) -> Path:
    """A quarter of a busy ward is thousands of pages: ``progress(page, pages)`` follows the
    layout (the total is an estimate) and may raise to stop; nothing is written then."""
    start = datetime.combine(period.start, time(0, 0))
    end = datetime.combine(period.end + timedelta(days=1), time(0, 0))
    with ward.read() as s:
        lh = load_letterhead(ward, s)
        # The date the last apology letter promised: the "Hẹn trả" the applicant now holds.
        again = (
            select(Apology.dossier_id, func.max(Apology.new_due_at).label("new_due"))
            .group_by(Apology.dossier_id)
            .subquery()
        )
        # Who took the result, as the last return recorded it (an undone return is followed
        # by another one or by no return at all: ``returned_at`` says which).
        collected = (
            select(DossierEvent.data)
            .where(DossierEvent.dossier_id == Dossier.id, DossierEvent.kind == "returned")
            .order_by(DossierEvent.seq.desc())
            .limit(1)
            .scalar_subquery()
        )
        q = (
            select(Dossier, Procedure.name, again.c.new_due, collected)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .outerjoin(again, again.c.dossier_id == Dossier.id)
            .where(Dossier.received_at >= start, Dossier.received_at < end)
            .order_by(Dossier.received_at, Dossier.id)
        )
        data = [
            (
                d.code,
                pname,
                d.applicant_name,
                ", ".join(x for x in (d.address, d.phone) if x),
                d.received_at,
                _t(d.due_at) + (f"\nHẹn lại: {_t(new_due)}" if new_due else ""),
                d.resolved_at,
                _t(d.returned_at) + _collector(d, ret_data),
                OUTCOME_WORDS.get(d.outcome or "", STATUS_LABELS[d.status]),
                d.logbook_no,
                "Có VB xin lỗi" if d.apology_count else "",
            )
            for d, pname, new_due, ret_data in s.execute(q)
        ]
    f = form(lh.form_set, "logbook")
    size = "A4L"
    st, avail = L.Styles(L.BASE_PT[size]), L.frame_width(size)
    story = [
        L.para(f"{lh.parent.upper()}" if lh.parent else "", st.small),
        L.para(f"ỦY BAN NHÂN DÂN {lh.office_name.upper()} — BỘ PHẬN MỘT CỬA", st.small, bold=True),
        L.para(f.title, st.title),
        L.para(
            f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y} — {len(data)} hồ sơ",
            st.center,
            italic=True,
        ),
        Spacer(1, 4),
    ]
    head = [
        "Số TT",
        "Mã hồ sơ",
        "Tên thủ tục",
        "Người nộp",
        "Địa chỉ, điện thoại",
        "Nhận lúc",
        "Hẹn trả",
        "Có kết quả",
        "Trả kết quả",
        "Kết quả / trạng thái",
        "Ghi chú",
    ]
    w = [0.04, 0.155, 0.16, 0.1, 0.115, 0.07, 0.07, 0.07, 0.07, 0.08, 0.07]
    header_row = [L.para(h, st.cell_head) for h in head]
    # One table per 400 rows keeps reportlab's layout linear on a year's logbook.
    for k in range(0, max(len(data), 1), 400):
        rows = [header_row]
        for r in data[k : k + 400]:
            code, pname, name, contact, rec, due, res, ret, outcome, no, note = r
            rows.append(
                [
                    L.para(str(no), st.cell_center),
                    L.para(code, st.cell),
                    L.para(pname, st.cell),
                    L.para(name, st.cell),
                    L.para(contact, st.cell),
                    L.para(_t(rec), st.cell_center),
                    L.para(due, st.cell_center),
                    L.para(_t(res), st.cell_center),
                    L.para(ret, st.cell_center),
                    L.para(outcome, st.cell_center),
                    L.para(note, st.cell),
                ]
            )
        t = L.DocTable(rows, colWidths=[avail * x for x in w], repeatRows=1)
        t.setStyle(TableStyle(GRID))
        story.append(t)
    info = lh.doc_info(
        f, lh.office_name, title=f"{f.title} {period.start:%d/%m/%Y}-{period.end:%d/%m/%Y}"
    )
    pages = max(1, len(data) // ROWS_PER_PAGE)
    page_done = None if progress is None else (lambda n: progress(min(n, pages), pages))
    return L.build(out, story, info, size, page_done)
