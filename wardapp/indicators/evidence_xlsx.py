"""The evidence annex as a workbook: a summary sheet (each indicator's value, numerator,
denominator and definition), then one sheet per indicator listing every dossier of its
denominator, each marked whether it counts in the numerator, and the initiatives with their
decisions and evidence hashes.  Printed like Biểu 06's workbook: Times New Roman, A4
landscape, one page wide, the header row repeated on every page and frozen on screen."""

from __future__ import annotations

from pathlib import Path

from wardapp.calendar.periods import Period
from wardapp.common import inert
from wardapp.common.atomic import atomic_target
from wardapp.indicators.evidence import Section
from wardapp.indicators.report_xlsx import print_setup

DOSSIER_HEAD = (
    ("STT", 5),
    ("Mã hồ sơ", 26),
    ("Thủ tục", 40),
    ("Lĩnh vực", 16),
    ("Tiếp nhận", 16),
    ("Hẹn trả", 16),
    ("Có kết quả", 16),
    ("Trả kết quả", 16),
    ("Kết quả", 10),
    ("Văn bản xin lỗi", 14),
    ("Ý kiến người dân", 14),
    ("Tính vào tử số", 10),
)
INITIATIVE_HEAD = (
    ("STT", 5),
    ("Tên sáng kiến", 40),
    ("Tác giả", 22),
    ("Lĩnh vực", 16),
    ("Ngày đề xuất", 12),
    ("Trạng thái", 14),
    ("Quyết định công nhận", 26),
    ("Tệp minh chứng (SHA-256)", 60),
)


def _t(v) -> str:
    return "" if v is None else f"{v:%d/%m/%Y %H:%M}"


def write_evidence_xlsx(
    sections: list[Section], period: Period, office_name: str, path: str | Path
) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    bold = Font(bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(vertical="top", wrap_text=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tong hop"
    ws["A1"] = f"PHỤ LỤC MINH CHỨNG CÁC CHỈ SỐ — {office_name}".upper()
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (
        f"Kỳ: {period.label} (từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y})"
    )
    head = (("STT", 5), ("Chỉ số", 40), ("Giá trị", 18), ("Tử số", 10), ("Mẫu số", 10))
    head += (("Định nghĩa, nguồn số liệu", 90), ("Mức cam kết", 18))
    _header(ws, 4, head, bold, center, box)
    for i, sec in enumerate(sections, start=1):
        values = (i, sec.label, sec.value_text, sec.counted, sec.total, sec.definition)
        values += (sec.committed,)
        for c, v in enumerate(values, start=1):
            cell = ws.cell(4 + i, c, v)
            cell.alignment, cell.border = wrap, box
    print_setup(ws, 4, 4, frozen_cols=0, centered=False)
    for i, sec in enumerate(sections, start=1):
        sheet = wb.create_sheet(f"{i:02d} {sec.key}"[:31])
        sheet["A1"] = f"{i}. {sec.label}: {sec.value_text}"
        sheet["A1"].font = Font(bold=True, size=12)
        sheet["A2"] = sec.definition
        sheet.merge_cells(start_row=2, end_row=2, start_column=1, end_column=8)
        sheet["A2"].alignment = wrap
        sheet.row_dimensions[2].height = 32
        if sec.total is None:
            _header(sheet, 4, INITIATIVE_HEAD, bold, center, box)
            for n, r in enumerate(sec.rows, start=1):
                files = "; ".join(f"{name} ({digest})" for _id, name, digest, _size in r.files)
                row = (
                    n,
                    r.title,
                    r.authors,
                    r.field,
                    f"{r.proposed_on:%d/%m/%Y}",
                    r.status_label,
                    r.decision,
                    files,
                )
                _row(sheet, 4 + n, row, wrap, box)
        else:
            _header(sheet, 4, DOSSIER_HEAD, bold, center, box)
            for n, e in enumerate(sec.rows, start=1):
                row = (
                    n,
                    e.code,
                    e.procedure,
                    e.field,
                    _t(e.received_at),
                    _t(e.due_at),
                    _t(e.resolved_at),
                    _t(e.returned_at),
                    e.outcome,
                    e.apologies,
                    e.rating,
                    "Có" if e.counted else "Không",
                )
                _row(sheet, 4 + n, row, wrap, box)
        print_setup(sheet, 4, 4, frozen_cols=0, centered=False)
    for sheet in wb.worksheets:
        inert.xlsx_sheet(sheet)  # names and titles typed by people: never a formula
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _header(ws, row: int, head, bold, center, box) -> None:
    from openpyxl.utils import get_column_letter

    for c, (text, width) in enumerate(head, start=1):
        cell = ws.cell(row, c, text)
        cell.font, cell.alignment, cell.border = bold, center, box
        ws.column_dimensions[get_column_letter(c)].width = width


def _row(ws, row: int, values, wrap, box) -> None:
    for c, v in enumerate(values, start=1):
        cell = ws.cell(row, c, v)
        cell.alignment, cell.border = wrap, box
