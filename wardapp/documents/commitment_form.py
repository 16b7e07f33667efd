"""The head-of-unit yearly commitment (cam kết trách nhiệm người đứng đầu) and its annex of
actual values.  No official template exists (DOMAIN.md §7): the text is the commitment's own,
or the editable default in resources/commitment_template.txt, with placeholders {chairman},
{office}, {upper}, {year} and {targets} (where the table of targets goes)."""

from __future__ import annotations

from datetime import date, datetime
from importlib import resources
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, TableStyle

from wardapp.calendar.periods import year as year_period
from wardapp.common.atomic import atomic_target
from wardapp.common.clock import now_local
from wardapp.common.errors import NotFoundError, ValidationError
from wardapp.documents import archive
from wardapp.documents import layout as L
from wardapp.documents.forms import COMMITMENT_FORM
from wardapp.documents.letterhead import load_letterhead
from wardapp.documents.wording import NBSP, date_words, mid_sentence, when_text
from wardapp.indicators.commitment import (
    STATUS_WORDS,
    amendment_of,
    current,
    evaluate,
    level_words,
    missing_targets,
    monthly_trend,
    superseded,
)
from wardapp.indicators.report import build_report
from wardapp.initiatives.register import counted
from wardapp.office.store import Ward
from wardapp.trust import auth


def default_template() -> str:
    return (
        resources.files("resources").joinpath("commitment_template.txt").read_text(encoding="utf-8")
    )


def amount(value: float, unit: str, decimals: int = 2) -> str:
    """'98,00%' for a rate, '1 sáng kiến' for a count (a count has no decimals)."""
    if unit == "%":
        return f"{value:.{decimals}f}%".replace(".", ",")
    return f"{value:g} {unit}".strip()


def committed_words(t) -> str:
    return level_words(t.comparator, t.threshold, t.unit)


def _targets_table(st, avail, targets, actual=None) -> L.DocTable:
    """The commitment's own targets, or with ``actual`` (``evaluate``'s list, the targets
    then the indicators not committed) each with its result."""
    head = ["STT", "Chỉ tiêu", "Mức cam kết"] + (["Kết quả đạt được", "Đánh giá"] if actual else [])
    rows = [[L.para(h, st.cell_head) for h in head]]
    for i, t in enumerate(actual or targets, start=1):
        row = [
            L.para(str(i), st.cell_center),
            L.para(t.label or t.indicator, st.cell),
            L.para(committed_words(t), st.cell_center),
        ]
        if actual:
            value = "—" if t.actual is None else amount(t.actual, t.unit)
            row += [L.para(value, st.cell_center), L.para(STATUS_WORDS[t.status], st.cell_center)]
        rows.append(row)
    widths = (
        [avail * 0.08, avail * 0.52, avail * 0.4]
        if not actual
        else [avail * 0.08, avail * 0.37, avail * 0.2, avail * 0.17, avail * 0.18]
    )
    t = L.DocTable(rows, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    return t


def _initiatives(st, avail, year: int, rows) -> list:
    """The annex's evidence for the initiatives target: each initiative counted for the year
    with the decision that recognised it and how many evidence files it carries."""
    out = [
        Spacer(1, 10),
        L.para(f"Sáng kiến cải cách hành chính được công nhận năm {year}", st.subtitle),
    ]
    if not rows:
        return out + [L.para("Chưa có sáng kiến nào được công nhận trong năm.", st.center)]
    head = ["STT", "Tên sáng kiến", "Tác giả", "Lĩnh vực", "Quyết định công nhận", "Minh chứng"]
    data = [[L.para(h, st.cell_head) for h in head]]
    for n, i in enumerate(rows, start=1):
        data.append(
            [
                L.para(str(n), st.cell_center),
                L.para(i.title, st.cell),
                L.para(i.authors, st.cell),
                L.para(i.field, st.cell),
                L.para(f"Số {i.decision_no}\n{date_words(i.decision_on)}", st.cell),
                L.para(f"{len(i.files)} tệp", st.cell_center),
            ]
        )
    t = L.DocTable(
        data, colWidths=[avail * w for w in (0.08, 0.29, 0.17, 0.12, 0.22, 0.12)], repeatRows=1
    )
    t.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    return [KeepTogether([*out, t])]  # the heading never left alone at a page's foot


def _trend(st, avail, year: int, targets, trend) -> list:
    """Each target month by month (calendar months; initiatives cumulatively): a rate held all
    year reads differently from one rescued in December."""
    small = ParagraphStyle("trend", parent=st.cell_center, fontSize=st.cell.fontSize - 1)
    head = [L.para("Chỉ tiêu", st.cell_head)]
    head += [L.para(f"T{m}", st.cell_head) for m in range(1, 13)]
    rows = [head]
    for t in targets:
        cells = [L.para(t.label or t.indicator, st.cell)]
        for p in trend[t.indicator]:
            text = (
                "" if p.actual is None else f"{p.actual:.1f}" if t.unit == "%" else f"{p.actual:g}"
            )
            cells.append(L.para(text.replace(".", ","), small))
        rows.append(cells)
    table = L.DocTable(rows, colWidths=[avail * 0.28] + [avail * 0.06] * 12, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (1, 0), (-1, -1), 1),
                ("RIGHTPADDING", (1, 0), (-1, -1), 1),
            ]
        )
    )
    title = f"Diễn biến theo tháng năm {year} (tỷ lệ %, số sáng kiến lũy kế)"
    return [Spacer(1, 10), L.para(title, st.subtitle), table]


def _title(title: str) -> str:
    """The title on two lines broken before "VỀ", each line unbreakable: left to the paragraph
    it broke inside "CẢI / CÁCH"."""
    head, sep, tail = title.partition(" VỀ ")
    lines = [head, f"VỀ {tail}"] if sep else [title]
    return "\n".join(line.replace(" ", NBSP) for line in lines)


def _amends(st, old) -> list:
    """An amendment says under its title which commitment it replaces."""
    if old is None:
        return []
    signed = f" ký {date_words(old.signed_on)}" if old.signed_on else ""
    n = old.amendment + 1
    return [L.para(f"(Sửa đổi, bổ sung lần {n}; thay thế bản cam kết{signed})", st.center)]


def _as_of(start: date, now: datetime, end: date, office: str) -> str:
    """The annex's period in the words of its "(Kèm theo …)" line and the chairman's date
    line: one date style per document (NĐ 30/2020), not "01/01/2026" beside "ngày 15 tháng 12"."""
    return (
        f"Số liệu từ {date_words(start)} đến {date_words(min(end, now.date()))} "
        f"(tính đến {when_text(now)}), theo sổ theo dõi hồ sơ của {mid_sentence(office)}."
    )


def _annex_head(st, year: int, office: str, signed_on: date) -> list:
    """NĐ 30/2020 Phụ lục I: "Phụ lục" in bold sentence case, the annex's name in capitals,
    then which document it goes with.  The commitment carries no number, so the line names it by
    its year, signer and date."""
    return [
        L.para("Phụ lục", st.title),
        L.para(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CAM KẾT NĂM {year}", st.title),
        L.para(
            f"(Kèm theo Bản cam kết trách nhiệm năm {year} của Chủ tịch Ủy ban nhân dân "
            f"{office} {date_words(signed_on)})",
            st.center,
            italic=True,
        ),
        L.Rule(40 * mm, L.frame_width("A4")),
    ]


def commitment_pdf(
    ward: Ward,
    year: int,
    out: str | Path,
    *,
    approver: str | None = None,
    upper: str | None = None,
    signed_on: date | None = None,
    amend: bool = False,
) -> Path:
    """``signed_on`` is the day the chairman signs (the city's conference), stored with the
    commitment; without it the stored day, else today.  ``amend``: the chairman signs an
    amended commitment adding the targets the year's commitment lacks; it supersedes that one,
    which stays as signed (``indicators.commitment.amendment_of``), and is archived as its own
    document in the same transaction: no amendment without its paper."""
    auth.require(ward, "sign")
    rules = ward.rules()
    # written before the commitment's record commits, renamed after (documents.step_forms)
    with atomic_target(out) as tmp, ward.write() as s:
        lh = load_letterhead(ward, s)
        office = ward.office(s)
        c = current(s, office.id, year)
        if c is None:
            raise NotFoundError(f"Chưa có cam kết năm {year} của {office.name}.")
        if amend:
            if not missing_targets(c):
                raise ValidationError(
                    "Cam kết sửa đổi", f"cam kết năm {year} đã có chỉ tiêu cho mọi chỉ số"
                )
            day = signed_on or now_local().date()
            if c.signed_on is not None and day <= c.signed_on:
                raise ValidationError(
                    "Ngày ký", f"bản sửa đổi phải ký sau bản cam kết ngày {c.signed_on:%d/%m/%Y}"
                )
            c = amendment_of(c, day)
            s.add(c)
            s.flush()
        if approver and L.nfc(approver) != c.approver:
            c.approver = L.nfc(approver)
            c.version += 1  # the city's copy is replaced by this one at the next exchange
        if signed_on is not None and signed_on != c.signed_on:
            c.signed_on = signed_on
            c.version += 1
        signer = L.require(c.signer or lh.chairman, "Người cam kết", "nhập tên Chủ tịch")
        approver_name = L.require(
            c.approver, "Người phê duyệt", "nhập tên Chủ tịch UBND cấp trên (--approver)"
        )
        if not c.targets:
            raise ValidationError("Chỉ tiêu cam kết", f"năm {year} chưa có chỉ tiêu nào")
        upper_name = upper or (
            lh.parent.replace("Ủy ban nhân dân ", "")
            if lh.parent
            else rules.settings["upper_level_label"]
        )
        period = year_period(year, rules.settings["quarter_scheme"])
        today = now_local()
        report = build_report(s, period, office.id)
        actual = evaluate(s, office.id, year, report.total.indicators())
        size = "A4"
        st, avail = L.Styles(L.BASE_PT[size]), L.frame_width(size)
        signed_on = c.signed_on or today.date()
        story = [
            lh.header(st, avail, signed_on),
            Spacer(1, 8),
            L.para(_title(COMMITMENT_FORM.title), st.title),
            L.para(f"Năm {year}", st.subtitle),
            *_amends(st, superseded(s, c)),
        ]
        text = (c.text or default_template()).format(
            chairman=signer,
            office=mid_sentence(lh.office_name),
            upper=upper_name,
            year=year,
            targets="{targets}",
        )
        for block in [b.strip() for b in text.split("\n\n") if b.strip()]:
            if block == "{targets}":
                story += [_targets_table(st, avail, c.targets), Spacer(1, 8)]
            else:
                story.append(L.para(block, st.body))
        story.append(Spacer(1, 8))
        left = L.signer_lines(
            st,
            avail * 0.48,
            [("Người phê duyệt", True), (f"Chủ tịch UBND {upper_name}", True)],
            approver_name,
        )
        story.append(
            L.signature(
                st,
                avail,
                authority="Người cam kết",
                title=f"Chủ tịch UBND {mid_sentence(lh.office_name)}",
                name=signer,
                left=left,
            )
        )
        story += [
            L.NewDocument(),  # the annex numbers its own pages (NĐ 30/2020)
            *_annex_head(st, year, mid_sentence(lh.office_name), signed_on),
            Spacer(1, 4),
            L.para(_as_of(period.start, today, period.end, lh.office_name), st.center, italic=True),
            Spacer(1, 6),
            _targets_table(st, avail, c.targets, actual),
            *_trend(st, avail, year, actual, monthly_trend(s, office.id, year, actual, today)),
            *_initiatives(st, avail, year, counted(s, year, office.id)),
        ]
        info = L.DocInfo(
            title=f"{COMMITMENT_FORM.title} năm {year}",
            form="",
            basis=COMMITMENT_FORM.basis,
            form_set=lh.form_set,
            ref=f"{lh.office_name} {year}",
            author=lh.office_name,
        )
        pdf = L.render(story, info, size)
        archive.keep(s, "commitment", [c.uuid], pdf, number=str(year), title=info.title)
        tmp.write_bytes(pdf)
    return Path(out)
