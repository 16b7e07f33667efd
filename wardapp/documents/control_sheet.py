"""Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06 TT 03/2025, Mẫu 05 TT 01/2018) as the
grid clerks and agencies sign: one row per hand-over (desk to agency, agency back to the desk,
the result to the applicant) with the giao / nhận times, the Người giao / Người nhận cells and
the step's result.  Only one time is recorded per hand-over, so the side the program did not
see is left as dotted lines for the receiver to fill in by hand rather than invented."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Spacer, TableStyle
from sqlalchemy import select

from db.models import Dossier, Staff
from wardapp.calendar.deadlines import classify_outcome
from wardapp.calendar.steps import Step
from wardapp.common.clock import now_local
from wardapp.documents import layout as L
from wardapp.documents.forms import form
from wardapp.documents.letterhead import load_letterhead
from wardapp.documents.wording import doc_number, when_text
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.indicators.agency_delays import dossier_steps, load_allowances
from wardapp.office.store import Ward

OUTCOME_WORDS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}
DESK = "Bộ phận tiếp nhận và trả kết quả"
BLANK_TIME = "… giờ … phút, ngày … tháng … năm …"
# Events that are a note on the step they happen in, not a hand-over of the file.
NOTES = {
    "supplement_requested": "Yêu cầu bổ sung",
    "supplied": "Đã bổ sung",
    "paused": "Tạm dừng",
    "resumed": "Tiếp tục",
    "withdrawn": "Rút hồ sơ / dừng giải quyết",
    "refused": "Từ chối",
}


@dataclass
class HandOver:
    giver: str  # agency handing the file over
    taker: str  # agency receiving it
    given_at: datetime | None
    taken_at: datetime | None
    giver_name: str = ""
    taker_name: str = ""
    result: str = ""
    notes: list[str] | None = None


def reappointed(d: Dossier) -> datetime | None:
    """The return date promised in the last apology letter, if any: the date the applicant now
    holds, shown beside the original one (which the outcome is still measured against)."""
    return max((a.new_due_at for a in d.apologies), default=None)


def standing(events) -> list:
    """The steps that stand: a step taken back (``undone``) is no hand-over on paper; the
    history keeps both, the sheet shows what happened to the file."""
    out: list = []
    for e in events:
        if e.kind == "undone":
            if out:
                out.pop()
        else:
            out.append(e)
    return out


def allowance_note(step: Step) -> str:
    """The forwarded step's own time allowance (catalogue data) and the due time it gives."""
    a = step.allowance
    if a is None:
        return "Thời hạn liên thông: chưa có trong danh mục (tính theo hạn trả của hồ sơ)"
    basis = f" — {a.legal_basis}" if a.legal_basis else ""
    return (
        f"Thời hạn liên thông: {a.days:g}\u00a0ngày làm việc, "
        f"hạn {step.due_at:%H:%M %d/%m/%Y}{basis}"
    )


def hand_overs(
    d: Dossier, names: dict[str, str], symbol: str, steps: list[Step] | None = None
) -> list[HandOver]:
    """``steps``: the dossier's forwarded steps measured against their allowances
    (``indicators.agency_delays.dossier_steps``), in the order of the forwardings."""
    rows: list[HandOver] = []
    holder = DESK  # who has the file now
    pending = list(steps or [])
    out: list[Step] = []
    for e in standing(d.events):
        who = names.get(e.actor, e.actor)
        if e.kind == "received":
            rows.append(HandOver("Người nộp hồ sơ", DESK, e.at, e.at, d.applicant_name, who))
        elif e.kind == "forwarded":
            step = pending.pop(0) if pending else None
            notes = [allowance_note(step)] if step else None
            rows.append(HandOver(holder, e.agency, e.at, None, who, "", notes=notes))
            if step:
                out.append(step)
            holder = e.agency
        elif e.kind == "returned_from_agency":
            step = next((x for x in out if x.taken_at == e.at), None)
            if step is not None and step.allowance is not None and step.outcome:
                result = OUTCOME_WORDS[step.outcome]
            else:
                result = OUTCOME_WORDS[classify_outcome(e.at, reappointed(d) or d.due_at)]
            rows.append(HandOver(e.agency or holder, DESK, None, e.at, "", who, result))
            holder = DESK
        elif e.kind == "returned":
            # the person the desk handed the result to: the applicant, or whoever took it
            # for them (named, with the ID the desk checked)
            taker = json.loads(e.data or "{}").get("collector")
            if isinstance(taker, dict) and taker.get("name"):
                taker_name = f"{taker['name']} (số định danh {taker.get('id', '')})"
                rows.append(HandOver(DESK, "Người nhận thay", e.at, e.at, who, taker_name))
            else:
                rows.append(HandOver(DESK, "Người nộp hồ sơ", e.at, e.at, who, d.applicant_name))
        elif rows:
            note = NOTES.get(e.kind)
            if e.kind == "resolved":
                # The dossier's outcome (against its first appointment, NĐ 61/2018) goes on the
                # step that produced the result, unless an agency's own step result is there.
                outcome = OUTCOME_WORDS.get(d.outcome or "", "")
                rows[-1].result = rows[-1].result or outcome
                note = f"Có kết quả: {when_text(e.at)} ({outcome.lower()})"
            elif e.kind == "apologised":
                ap = next((a for a in d.apologies if a.issued_at == e.at), None)
                note = "Xin lỗi, hẹn lại" + (
                    f" (văn bản số {doc_number(ap.number, symbol)}): {when_text(ap.new_due_at)}"
                    if ap
                    else ""
                )
            if note:
                rows[-1].notes = [
                    *(rows[-1].notes or []),
                    note + (f" — {e.reason}" if e.reason else ""),
                ]
    return rows


def _when(t: datetime | None) -> str:
    return when_text(t) if t else BLANK_TIME


def control_sheet_pdf(ward: Ward, code: str, out: str | Path) -> Path:
    with ward.read() as s:
        lh = load_letterhead(ward, s)
        d = get_dossier(s, code)
        names = {u: n for u, n in s.execute(select(Staff.username, Staff.full_name))}
        steps = dossier_steps(s, ward.rules(), d, load_allowances(s, d.office_id), now_local())
        rows_data = hand_overs(d, names, lh.symbols.get("apology", ""), steps)
        proc, new_due = d.procedure.name, reappointed(d)
        head_lines = [
            f"Mã hồ sơ: {d.code}",
            f"(Kèm theo hồ sơ của: {d.applicant_name})",
            f"Thủ tục: {proc}",
            f"Ngày nhận: {_when(d.received_at)}",
            f"Ngày hẹn trả: {_when(d.due_at)}",
        ]
        if new_due is not None:
            head_lines.append(f"Hẹn trả lại (sau văn bản xin lỗi): {_when(new_due)}")
    f = form(lh.form_set, "control")
    size = "A4"
    st, avail = L.Styles(L.BASE_PT[size]), L.frame_width(size)
    story = [
        lh.header(st, avail, now_local().date(), desk=True),
        Spacer(1, 6),
        L.para(f.title, st.title),
        L.para(head_lines[0], st.subtitle),
        *[L.para(x, st.line) for x in head_lines[1:]],
        Spacer(1, 6),
        _grid(st, avail, rows_data),
    ]
    return L.build(out, story, lh.doc_info(f, d.code), size)


def _grid(st: L.Styles, avail: float, data: list[HandOver]) -> L.DocTable:
    """Two table rows per hand-over: the agencies and times over the two signature cells;
    the agency, result and note cells span both."""
    p = L.para
    rows = [
        [
            p("TÊN CƠ QUAN", st.cell_head),
            p("THỜI GIAN GIAO, NHẬN HỒ SƠ", st.cell_head),
            "",
            [
                p("KẾT QUẢ GIẢI QUYẾT HỒ SƠ", st.cell_head),
                p("(Trước hạn / đúng hạn / quá hạn)", st.cell_center, italic=True),
            ],
            p("GHI CHÚ", st.cell_head),
        ]
    ]
    style = [("SPAN", (1, 0), (2, 0))]
    for i, h in enumerate(data):
        r = 1 + 2 * i
        rows.append(
            [
                p(f"{i + 1}. Giao: {h.giver}\nNhận: {h.taker}", st.cell),
                p(f"Giao: {_when(h.given_at)}\nNhận: {_when(h.taken_at)}", st.cell),
                "",
                p(h.result, st.cell_center),
                p("\n".join(h.notes or []), st.cell),
            ]
        )
        rows.append(
            [
                "",
                p(f"Người giao\n\n\n{h.giver_name}", st.cell_center),
                p(f"Người nhận\n\n\n{h.taker_name}", st.cell_center),
                "",
                "",
            ]
        )
        style += [
            ("SPAN", (1, r), (2, r)),
            ("SPAN", (0, r), (0, r + 1)),
            ("SPAN", (3, r), (3, r + 1)),
            ("SPAN", (4, r), (4, r + 1)),
        ]
    w = [0.19, 0.2, 0.2, 0.17, 0.24]
    t = L.DocTable(rows, colWidths=[avail * x for x in w], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *style,
            ]
        )
    )
    return t
