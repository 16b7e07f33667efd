"""Biểu 06/VPCP/KSTT (TT 01/2020/TT-VPCP) as the paper form: form number and title, the two
units each in its own box, "Đơn vị tính", the numbered columns with withdrawn and refused after
the official ones, then place, date, the preparer and the chairman.  Same numbers and heading as
the .xlsx (``indicators.report_xlsx``)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, TableStyle

from wardapp.documents import fonts
from wardapp.documents import layout as L
from wardapp.documents.forms import REPORT_FORM
from wardapp.documents.letterhead import load_letterhead
from wardapp.indicators.agency_delays import TITLE, WARD_LABEL, LateByAgency, late_by_agency
from wardapp.indicators.heading import (
    EXTRA_NOTE,
    FIELD_HEAD,
    UNIT_LINE,
    ReportHeading,
    column_numbers,
    report_heading,
)
from wardapp.indicators.report import (
    COLUMN_GROUPS,
    COLUMN_LABELS,
    COLUMNS,
    INDICATOR_LABELS,
    Report,
)
from wardapp.office.store import Ward

GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
]
CODES_SHOWN = 12  # a line's dossiers named on paper; all of them are in the .xlsx and JSON
PLAIN = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]


def _top(st: L.Styles, avail: float, report: Report, h: ReportHeading) -> L.DocTable:
    """Form number on the left, title and period in the middle, the units boxed on the right."""
    p = report.period
    left = [
        L.para(REPORT_FORM.number, st.line, bold=True),
        L.para(f"Ban hành kèm theo {REPORT_FORM.basis}", st.small, italic=True),
    ]
    middle = [
        # broken where the sense breaks, not before a lone "CHÍNH"
        L.para(REPORT_FORM.title.replace(" THỦ TỤC", "\nTHỦ TỤC"), st.title),
        L.para(f"Kỳ báo cáo: {p.label}", st.center, bold=True),
        L.para(f"(Từ ngày {p.start:%d/%m/%Y} đến ngày {p.end:%d/%m/%Y})", st.center, italic=True),
    ]
    box_w = avail * 0.27
    boxes = L.DocTable(
        [
            [[L.para("Đơn vị báo cáo:", st.cell, bold=True), L.para(h.reporting_unit, st.cell)]],
            [""],
            [
                [
                    L.para("Đơn vị nhận báo cáo:", st.cell, bold=True),
                    L.para(h.receiving_unit, st.cell),
                ]
            ],
        ],
        colWidths=[box_w],
        rowHeights=[None, 4, None],
    )
    boxes.setStyle(
        TableStyle([("BOX", (0, 0), (0, 0), 0.6, "black"), ("BOX", (0, 2), (0, 2), 0.6, "black")])
    )
    w = [avail * 0.25, avail * 0.46, avail * 0.29]
    t = L.DocTable([[left, middle, boxes]], colWidths=w)
    t.setStyle(TableStyle(PLAIN))
    return t


def _grid(st: L.Styles, avail: float, report: Report) -> L.DocTable:
    top = [L.para("STT", st.cell_head), L.para(FIELD_HEAD, st.cell_head)]
    spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
    col = 2
    for title, keys in COLUMN_GROUPS:
        top += [L.para(title, st.cell_head)] + [""] * (len(keys) - 1)
        spans.append(("SPAN", (col, 0), (col + len(keys) - 1, 0)))
        col += len(keys)
    sub = ["", ""] + [L.para(COLUMN_LABELS[k], st.cell_head) for k in COLUMNS]
    numbers = [L.para(n, st.cell_center, italic=True) for n in column_numbers(len(COLUMNS))]
    rows = [top, sub, numbers]
    for i, (field, counts) in enumerate(report.rows.items(), start=1):
        v = counts.columns()
        rows.append(
            [L.para(str(i), st.cell_center), L.para(field, st.cell)]
            + [L.para(str(v[k]), st.cell_center) for k in COLUMNS]
        )
    v = report.total.columns()
    rows.append(
        ["", L.para("Tổng cộng", st.cell, bold=True)]
        + [L.para(str(v[k]), st.cell_center, bold=True) for k in COLUMNS]
    )
    widths = [avail * 0.04, avail * 0.17] + [avail * 0.79 / len(COLUMNS)] * len(COLUMNS)
    t = L.DocTable(rows, colWidths=widths, repeatRows=3)
    t.setStyle(TableStyle(GRID + spans))
    return t


def _signatures(st: L.Styles, avail: float, h: ReportHeading) -> L.Columns:
    bold, italic = fonts.font(bold=True), fonts.font(italic=True)
    base = st.base + 1
    left = L.Lines(
        [
            ("-space-", base * 1.25),
            ("NGƯỜI LẬP BIỂU", bold, base),
            ("(Ký, ghi rõ họ tên)", italic, base - 1),
            ("-space-", 16 * mm + base * 1.25),  # the names on one line with the chairman's
            (h.preparer, bold, base),
        ],
        avail * 0.4,
    )
    right = L.Lines(
        [
            (h.date_line, italic, base),
            (L.nfc(h.authority).upper(), bold, base),
            (L.nfc(h.head_title).upper(), bold, base),
            ("(Ký, ghi rõ họ tên và đóng dấu)", italic, base - 1),
            ("-space-", 16 * mm),
            (h.head_name, bold, base),
        ],
        avail * 0.5,
    )
    return L.Columns(left, right, avail * 0.5, avail * 0.5)


def _indicators(st: L.Styles, avail: float, report: Report) -> L.DocTable:
    """The graded ratios in two columns under the grid: one line each would push the
    signatures of a short report onto a page of their own."""
    lines = []
    for k, val in report.total.indicators().items():
        text = "—" if val is None else f"{val * 100:.2f}%".replace(".", ",")
        if k == "satisfaction_rate":  # a rate over those asked says little without their number
            text += f" ({report.total.values['rated_asked']} người được hỏi)"
        lines.append(L.para(f"{INDICATOR_LABELS[k]}: {text}", st.cell))
    half = (len(lines) + 1) // 2
    right = lines[half:] + [""] * (half - len(lines[half:]))
    rows = [[a, b] for a, b in zip(lines[:half], right, strict=True)]
    t = L.DocTable(rows, colWidths=[avail / 2] * 2)
    t.setStyle(TableStyle(PLAIN))
    return t


def _late_split(st: L.Styles, avail: float, late: LateByAgency) -> list:
    """Issue 21's "Hồ sơ quá hạn theo cơ quan" under the indicators: the report's late total
    split by the agency that held each dossier past its allowance, the figures of ``wardapp
    report late-by-agency`` (its JSON and .xlsx), so the paper the city files says where the
    time went and not only that it went."""
    title = L.para(f"{TITLE.upper()}", st.subtitle)
    if not late.dossiers:
        return [Spacer(1, 6), title, L.para("Trong kỳ không có hồ sơ quá hạn.", st.center)]
    head = ["STT", "Cơ quan giữ hồ sơ quá thời hạn", "Số hồ sơ quá hạn", "Mã hồ sơ"]
    rows = [[L.para(x, st.cell_head) for x in head]]
    for i, (agency, ds) in enumerate(late.agencies(), start=1):
        codes = ", ".join(d.code for d in ds[:CODES_SHOWN])
        if len(ds) > CODES_SHOWN:
            codes += f" và {len(ds) - CODES_SHOWN} hồ sơ khác"
        rows.append(
            [
                L.para(str(i), st.cell_center),
                L.para(agency or WARD_LABEL, st.cell),
                L.para(str(len(ds)), st.cell_center),
                L.para(codes, st.cell),
            ]
        )
    rows.append(
        [
            "",
            L.para("Tổng số hồ sơ quá hạn (mỗi hồ sơ tính một lần)", st.cell, bold=True),
            L.para(str(len(late.dossiers)), st.cell_center, bold=True),
            "",
        ]
    )
    t = L.DocTable(rows, colWidths=[avail * w for w in (0.04, 0.3, 0.1, 0.56)], repeatRows=1)
    t.setStyle(TableStyle(GRID))
    note = L.para(
        "Một hồ sơ quá hạn ở nhiều cơ quan được tính ở mỗi cơ quan; thời hạn của từng bước "
        "liên thông theo danh mục thủ tục của đơn vị.",
        st.small,
        italic=True,
    )
    return [Spacer(1, 6), title, Spacer(1, 3), t, note, Spacer(1, 4)]


def report_pdf(
    ward: Ward, report: Report, out: str | Path, late: LateByAgency | None = None
) -> Path:
    """``late``: the split for the report's own scope (a city's ward); without it, the
    office's own (every ward's at a city), over the report's period."""
    with ward.read() as s:
        lh = load_letterhead(ward, s)
        h = report_heading(ward, s)
        if late is None:
            office = ward.office(s)
            scope = None if office.kind == "city" else office.id
            late = late_by_agency(s, ward.rules(), report.period, office_id=scope)
    size = "A4L"
    st, avail = L.Styles(L.BASE_PT[size]), L.frame_width(size)
    story = [
        _top(st, avail, report, h),
        Spacer(1, 4),
        L.para(UNIT_LINE, ParagraphStyle("unit", parent=st.line, alignment=TA_RIGHT), italic=True),
        _grid(st, avail, report),
        L.para(EXTRA_NOTE, st.small, italic=True),
        Spacer(1, 6),
    ]
    story += [
        _indicators(st, avail, report),
        # the split goes with the signatures: never a last page holding the signatures alone
        KeepTogether([*_late_split(st, avail, late), _signatures(st, avail, h)]),
    ]
    p = report.period
    info = lh.doc_info(REPORT_FORM, lh.office_name, title=f"{REPORT_FORM.title} — {p.label}")
    return L.build(out, story, info, size)
