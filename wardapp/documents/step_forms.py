"""Mẫu 02, 03 and 05: the written forms that requesting a supplement, refusing a dossier and
stopping it (a withdrawal) call for (DOMAIN.md §2, §9).  The law wants the first two in writing,
so the step and its form are one act: the step, the form's number and the archived PDF are one
transaction, and the file is written under a temporary name in the target folder before that
transaction commits and renamed after it, so a failure leaves neither a record without a file
nor a file without a record.

Mẫu 02 and 03 follow the TT 01/2018 layouts of public implementations (the same under TT
03/2025 until its texts are read).  Mẫu 05 exists only under TT 03/2025 and its layout is
unconfirmed: its wording is the editable ``resources/stop_notice_template.txt``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle
from sqlalchemy import select

from db.models import DossierEvent, IssuedDocument, Staff
from wardapp.common.atomic import atomic_target
from wardapp.common.errors import NotFoundError, ValidationError
from wardapp.documents import archive
from wardapp.documents import layout as L
from wardapp.documents.addressing import addressee, pronoun
from wardapp.documents.forms import form, has_form
from wardapp.documents.letterhead import Letterhead, load_letterhead
from wardapp.documents.wording import date_words, doc_number
from wardapp.dossiers.lifecycle.closing import refuse, withdraw
from wardapp.dossiers.lifecycle.intake import next_counter
from wardapp.dossiers.lifecycle.processing import request_supplement
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.office.store import Ward
from wardapp.trust import auth

# Form kind → the event of the step that issues it.
EVENTS = {"supplement": "supplement_requested", "refusal": "refused", "stop": "withdrawn"}
STEPS = {"supplement": request_supplement, "refusal": refuse, "stop": withdraw}
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]
_COUNTS = re.compile(r"^(.*?)\s*=\s*(\d+)\s*/\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass
class Issued:
    path: Path
    number: str  # "01/HDHS-UBND"
    sha256: str


def parse_missing(lines) -> list[tuple[str, int, int, int]]:
    """The documents asked for, one a line: "Tên giấy tờ" (one original) or "Tên giấy tờ =
    bản chính/bản chứng thực/bản photo", e.g. "Giấy chứng sinh = 1/0/0"."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    out = []
    for raw in lines:
        line = L.nfc(raw).strip()
        if not line:
            continue
        m = _COUNTS.match(line)
        name, counts = (
            (m.group(1), tuple(int(m.group(i)) for i in (2, 3, 4))) if m else (line, None)
        )
        if counts is None and "=" in line:
            raise ValidationError(
                "Giấy tờ cần bổ sung", f"'{line}': số bản ghi dạng bản chính/chứng thực/photo"
            )
        if not name.strip():
            raise ValidationError("Giấy tờ cần bổ sung", f"'{line}' chưa có tên giấy tờ")
        out.append((name.strip(), *(counts or (1, 0, 0))))
    return out


def default_stop_template() -> str:
    return (
        resources.files("resources")
        .joinpath("stop_notice_template.txt")
        .read_text(encoding="utf-8")
    )


def _applicant_lines(lh: Letterhead, d, with_procedure_first: bool) -> list[str]:
    proc = f"Nội dung yêu cầu giải quyết: {d.procedure.name}"
    lines = [
        f"Bộ phận tiếp nhận và trả kết quả: Bộ phận một cửa, {lh.authority}",
        f"Tiếp nhận hồ sơ của: {addressee(d)}",
    ]
    if with_procedure_first:
        lines.append(proc)
    lines += [
        f"Địa chỉ: {d.address or '……………………'}",
        f"Số điện thoại: {d.phone or '…………'}; Email: {d.email or '…………'}",
    ]
    if not with_procedure_first:
        lines.append(proc)
    return [*lines, f"Mã hồ sơ: {d.code}"]


def _signed(st: L.Styles, avail: float, cells: list[tuple[str, str]]) -> L.DocTable:
    """Hand-signed cells (title, "(Ký và ghi rõ họ tên)", room, name) side by side, on the
    right when there is one."""
    rows = [
        [L.para(t, st.center, bold=True) for t, _ in cells],
        [L.para("(Ký và ghi rõ họ tên)", st.center, italic=True) for _ in cells],
        [Spacer(1, 20 * mm) for _ in cells],
        [L.para(n, st.center, bold=True) for _, n in cells],
    ]
    if len(cells) == 1:
        rows = [["", *r] for r in rows]
    t = L.DocTable(rows, colWidths=[avail / 2] * 2)
    t.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 0)])
    )
    return t


def _missing_table(st: L.Styles, avail: float, missing) -> L.DocTable:
    rows = [
        [L.para(x, st.cell_head) for x in ("TT", "Thành phần hồ sơ", "Số lượng", "", "")],
        ["", ""] + [L.para(x, st.cell_head) for x in ("Bản chính", "Bản chứng thực", "Bản photo")],
    ]
    for i, (name, *counts) in enumerate(missing, start=1):
        rows.append(
            [L.para(str(i), st.cell_center), L.para(name, st.cell)]
            + [L.para(str(c), st.cell_center) for c in counts]
        )
    w = [0.08, 0.5, 0.14, 0.14, 0.14]
    t = L.DocTable(rows, colWidths=[avail * x for x in w], repeatRows=2)
    spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0))]
    t.setStyle(TableStyle(GRID + spans))
    return t


def _story(kind: str, lh: Letterhead, d, ev: DossierEvent, number: str, clerk: str, rules):
    f = form(lh.form_set, kind)
    size = lh.slip_size
    st, avail = L.Styles(L.BASE_PT[size]), L.frame_width(size)
    settings = rules.settings
    desk = kind != "stop"  # the desk issues Mẫu 02/03; the people's committee the notice
    story = [
        lh.header(st, avail, ev.at.date(), number=f"Số: {number}", desk=desk),
        Spacer(1, 8),
        L.para(f.title, st.title),
    ]
    if kind == "stop":
        return story + _stop_body(lh, st, avail, d, ev, settings)
    story.append(Spacer(1, 6))
    story += [L.para(x, st.line) for x in _applicant_lines(lh, d, kind == "supplement")]
    # The applicant as the apology addresses them ("Ông", "Bà", an organisation's name), in
    # the form's own sentences too: "Ông/Bà" left standing reads as a form nobody filled in.
    you = pronoun(d)
    help_text = settings["form_help_text"].replace("Ông/Bà", you)
    if kind == "supplement":
        missing = json.loads(ev.data).get("missing") or []
        story += [
            L.para(f"Yêu cầu {you} hoàn thiện hồ sơ gồm những nội dung như sau:", st.line),
            _missing_table(st, avail, missing),
            Spacer(1, 4),
            L.para(f"Lý do: {ev.reason.rstrip('.')}.", st.body),
            L.para(help_text, st.body),
            L.para("Hướng dẫn này được thực hiện một lần, đầy đủ, bằng văn bản./.", st.body),
            Spacer(1, 4),
            _signed(st, avail, [("NGƯỜI HƯỚNG DẪN", clerk)]),
        ]
        return story
    cells = [("NGƯỜI TIẾP NHẬN HỒ SƠ", clerk)]
    if settings["refusal_signatures"] == "both":
        cells.insert(0, ("NGƯỜI NỘP HỒ SƠ", d.applicant_name))
    story += [
        L.para(
            f"Qua xem xét, Bộ phận một cửa, {lh.authority} thông báo không tiếp nhận, giải "
            f"quyết hồ sơ này với lý do cụ thể như sau: {ev.reason.rstrip('.')}.",
            st.body,
        ),
        L.para(f"Xin thông báo cho {you} được biết và thực hiện./.", st.body),
        L.para(help_text, st.body),
        Spacer(1, 4),
        _signed(st, avail, cells),
    ]
    return story


def _stop_body(lh: Letterhead, st, avail, d, ev, settings) -> list:
    authority, title, name = lh.signer()
    values = {
        "Received": date_words(d.received_at).capitalize(),
        "authority": lh.authority,
        "Authority": lh.authority,
        "applicant": addressee(d),
        "procedure": d.procedure.name,
        "code": d.code,
        "stopped": date_words(ev.at),
        "reason": ev.reason.rstrip("."),
    }
    try:
        text = default_stop_template().format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError("Mẫu thông báo dừng", f"chỗ điền không hợp lệ ({exc})") from None
    story = [
        *L.subject(st, avail, f"Về việc dừng giải quyết hồ sơ mã số {d.code}"),
        Spacer(1, 6),
        L.para(f"Kính gửi: {addressee(d)}", st.center),
        Spacer(1, 6),
    ]
    story += [L.para(b.strip(), st.body) for b in text.split("\n\n") if b.strip()]
    recipients = L.recipients(st, ["Như trên", "Bộ phận một cửa", "Lưu: VT"], avail * 0.48)
    story += [
        Spacer(1, 6),
        L.signature(st, avail, authority=authority, title=title, name=name, left=recipients),
    ]
    return story


def issue(
    ward: Ward,
    kind: str,
    code: str,
    actor: str,
    out: str | Path,
    *,
    reason: str,
    at: datetime | None = None,
    missing=(),
) -> Issued:
    """Take the step (``kind``: supplement, refusal, stop) and issue its form to ``out``."""
    actor = auth.actor(ward, "dossier", actor)
    rules = ward.rules()
    with ward.read() as s:
        lh = load_letterhead(ward, s)
    if not has_form(lh.form_set, kind):
        raise ValidationError(
            "Bộ biểu mẫu",
            f"{lh.form_set} không có mẫu {kind}; dừng giải quyết có Mẫu 05 theo TT 03/2025",
        )
    if kind == "supplement" and not missing:
        raise ValidationError("Giấy tờ cần bổ sung", "chưa nhập (mỗi dòng một giấy tờ)")
    if kind == "stop":
        lh.signer()  # the notice names the chairman: refuse before anything is recorded
    extra = {"missing": missing} if kind == "supplement" else {}
    with atomic_target(out) as tmp, ward.write() as s:
        d = STEPS[kind](ward, code, actor, reason=reason, at=at, session=s, **extra)
        s.flush()
        ev = _last(s, d.id, EVENTS[kind])
        n = next_counter(s, f"{kind}:{d.office_id}:{ev.at.year}")
        number = doc_number(n, lh.symbols[kind])
        staff = s.scalars(select(Staff).where(Staff.username == actor)).first()
        clerk = staff.full_name if staff else actor
        story = _story(kind, lh, d, ev, number, clerk, rules)
        f = form(lh.form_set, kind)
        pdf = L.render(story, lh.doc_info(f, d.code), lh.slip_size)
        doc = archive.keep(s, kind, [ev.uuid], pdf, number=number, title=d.code)
        sha = doc.sha256
        tmp.write_bytes(pdf)
    return Issued(Path(out), number, sha)


def _last(s, dossier_id: int, event: str) -> DossierEvent:
    ev = s.scalars(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier_id, DossierEvent.kind == event)
        .order_by(DossierEvent.seq.desc())
        .limit(1)
    ).first()
    if ev is None:
        raise NotFoundError("Hồ sơ chưa có bước này.")
    return ev


def issued(s, kind: str, code: str) -> IssuedDocument:
    """The form last issued for the dossier's last step of ``kind`` (for a reprint)."""
    d = get_dossier(s, code)
    try:
        return archive.find(s, kind, _last(s, d.id, EVENTS[kind]).uuid)
    except NotFoundError:
        raise NotFoundError(f"Hồ sơ {d.code} chưa có phiếu/thông báo đã phát hành.") from None
