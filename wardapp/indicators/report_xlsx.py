"""Biểu 06/VPCP/KSTT as an .xlsx workbook (openpyxl): the same numbers as the JSON report,
with the two-row grouped header people recognise from the paper form."""

from __future__ import annotations

from pathlib import Path

from wardapp.common import inert
from wardapp.common.atomic import atomic_target
from wardapp.indicators.report import (
    COLUMN_GROUPS,
    COLUMN_LABELS,
    COLUMNS,
    INDICATOR_LABELS,
    INDICATORS,
    Report,
)


def write_report_xlsx(report: Report, path: str | Path, office_name: str = "") -> Path:
    # openpyxl here, not at the top: importing it costs 0.17 s of the program's start-up
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Bieu 06"
    bold = Font(bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    last_col = get_column_letter(len(COLUMNS) + 2)
    ws["A1"] = "Biểu số 06/VPCP/KSTT"
    ws["A1"].font = Font(italic=True)
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"] = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    ws["A2"].font = Font(bold=True, size=13)
    ws["A2"].alignment = center
    ws.merge_cells(f"A3:{last_col}3")
    p = report.period
    ws["A3"] = f"Kỳ báo cáo: {p.label} (Từ ngày {p.start:%d/%m/%Y} đến ngày {p.end:%d/%m/%Y})"
    ws["A3"].alignment = center
    ws["A4"] = f"Đơn vị báo cáo: {office_name}" if office_name else ""
    head1, head2 = 6, 7
    for col, text in ((1, "STT"), (2, "Lĩnh vực")):
        ws.merge_cells(start_row=head1, end_row=head2, start_column=col, end_column=col)
        ws.cell(head1, col, text)
    col = 3
    for title, keys in COLUMN_GROUPS:
        ws.merge_cells(
            start_row=head1, end_row=head1, start_column=col, end_column=col + len(keys) - 1
        )
        ws.cell(head1, col, title)
        for k in keys:
            ws.cell(head2, col, COLUMN_LABELS[k])
            col += 1
    for r in (head1, head2):
        for c in range(1, len(COLUMNS) + 3):
            cell = ws.cell(r, c)
            cell.font, cell.alignment, cell.border = bold, center, box
    row = head2 + 1
    for i, (field_name, counts) in enumerate(report.rows.items(), start=1):
        values = counts.columns()
        ws.cell(row, 1, i)
        ws.cell(row, 2, field_name)
        for j, k in enumerate(COLUMNS, start=3):
            ws.cell(row, j, values[k])
        row += 1
    ws.cell(row, 2, "Tổng cộng").font = bold
    totals = report.total.columns()
    for j, k in enumerate(COLUMNS, start=3):
        ws.cell(row, j, totals[k]).font = bold
    for r in range(head2 + 1, row + 1):
        for c in range(1, len(COLUMNS) + 3):
            ws.cell(r, c).border = box
    row += 2
    ws.cell(row, 2, "Chỉ số").font = bold
    for k, v in report.total.indicators().items():
        if k not in INDICATORS:
            continue
        row += 1
        ws.cell(row, 2, INDICATOR_LABELS[k])
        cell = ws.cell(row, 3, v)
        cell.number_format = "0.00%"
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 34
    for c in range(3, len(COLUMNS) + 3):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.row_dimensions[head2].height = 48
    inert.xlsx_sheet(ws)  # field names come from the catalogue and, at a city, from wards
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return path
