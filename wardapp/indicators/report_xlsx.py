"""Biểu 06/VPCP/KSTT as an .xlsx workbook (openpyxl): the same numbers, units and signatures as
the PDF, with the grouped and numbered header people recognise from the paper form, set up to
print as the form does: Times New Roman, A4 landscape, one page wide, the header rows repeated
on every page and frozen on screen."""

from __future__ import annotations

from pathlib import Path

from wardapp.common import inert
from wardapp.common.atomic import atomic_target
from wardapp.indicators.heading import (
    EXTRA_NOTE,
    FIELD_HEAD,
    UNIT_LINE,
    ReportHeading,
    column_numbers,
)
from wardapp.indicators.report import (
    COLUMN_GROUPS,
    COLUMN_LABELS,
    COLUMNS,
    INDICATOR_LABELS,
    INDICATORS,
    Report,
)

FONT = "Times New Roman"
HEAD1 = 7  # the grouped header; the labels and the column numbers follow it


def write_report_xlsx(
    report: Report, path: str | Path, office_name: str = "", heading: ReportHeading | None = None
) -> Path:
    """``heading`` (``indicators.heading.report_heading``) gives the units, the date and the
    signatures; the window, the CLI, the weekly package's summary and the self-test all pass
    one.  Without it only ``office_name`` is printed, as the reporting unit, and no signatures."""
    # openpyxl here, not at the top: importing it costs 0.17 s of the program's start-up
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Bieu 06"
    bold = Font(bold=True)
    italic = Font(italic=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    ncols = len(COLUMNS) + 2
    last_col = get_column_letter(ncols)
    box_from = get_column_letter(ncols - 3)
    ws["A1"] = "Biểu số 06/VPCP/KSTT"
    ws["A1"].font = bold
    ws["A2"] = "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP"
    ws["A2"].font = italic
    reporting = heading.reporting_unit if heading else office_name
    units = [("Đơn vị báo cáo", reporting)]
    if heading:
        units.append(("Đơn vị nhận báo cáo", heading.receiving_unit))
    for r, (label, unit) in enumerate(units, start=1):  # each unit in its own box
        ws.merge_cells(f"{box_from}{r}:{last_col}{r}")
        ws[f"{box_from}{r}"] = f"{label}: {unit}" if unit else ""
        ws[f"{box_from}{r}"].alignment = wrap
        for c in range(ncols - 3, ncols + 1):
            ws.cell(r, c).border = box
        ws.row_dimensions[r].height = 32
    p = report.period
    lines = (
        ("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", Font(bold=True, size=13)),
        (f"Kỳ báo cáo: {p.label}", bold),
        (f"(Từ ngày {p.start:%d/%m/%Y} đến ngày {p.end:%d/%m/%Y})", italic),
    )
    for r, (text, font) in enumerate(lines, start=3):
        ws.merge_cells(f"A{r}:{last_col}{r}")
        ws[f"A{r}"] = text
        ws[f"A{r}"].font, ws[f"A{r}"].alignment = font, center
    ws.merge_cells(f"{box_from}6:{last_col}6")
    ws[f"{box_from}6"] = UNIT_LINE
    ws[f"{box_from}6"].font = italic
    ws[f"{box_from}6"].alignment = Alignment(horizontal="right")
    head1, head2, nums = HEAD1, HEAD1 + 1, HEAD1 + 2
    for col, text in ((1, "STT"), (2, FIELD_HEAD)):
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
    for c, n in enumerate(column_numbers(len(COLUMNS)), start=1):
        ws.cell(nums, c, n).font = italic
    for r in (head1, head2, nums):
        for c in range(1, ncols + 1):
            cell = ws.cell(r, c)
            if r != nums:
                cell.font = bold
            cell.alignment, cell.border = center, box
    row = nums + 1
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
    for r in range(nums + 1, row + 1):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = box
    ws.cell(row + 1, 1, EXTRA_NOTE).font = italic
    row += 3
    ws.cell(row, 2, "Chỉ số").font = bold
    for k, v in report.total.indicators().items():
        if k not in INDICATORS:
            continue
        row += 1
        ws.cell(row, 2, INDICATOR_LABELS[k])
        cell = ws.cell(row, 3, v)
        cell.number_format = "0.00%"
    if heading:
        _signatures(ws, row + 2, ncols, heading, bold, italic)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 34
    for c in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(c)].width = 11
    ws.row_dimensions[head2].height = 62
    print_setup(ws, head1, nums)
    inert.xlsx_sheet(ws)  # field names come from the catalogue and, at a city, from wards
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return path


def _signatures(ws, row: int, ncols: int, h: ReportHeading, bold, italic) -> None:
    """NGƯỜI LẬP BIỂU on the left; place and date, TM. / CHỦ TỊCH on the right; the names
    on one row, with room for the signatures and the seal above them."""
    from openpyxl.styles import Alignment

    center = Alignment(horizontal="center")
    right_from = ncols - 5
    cells = [
        (row, 2, "", None),
        (row, right_from, h.date_line, italic),
        (row + 1, 2, "NGƯỜI LẬP BIỂU", bold),
        (row + 1, right_from, h.authority.upper(), bold),
        (row + 2, 2, "(Ký, ghi rõ họ tên)", italic),
        (row + 2, right_from, h.head_title.upper(), bold),
        (row + 7, 2, h.preparer, bold),
        (row + 7, right_from, h.head_name, bold),
    ]
    for r, c, text, font in cells:
        if c == right_from:
            ws.merge_cells(start_row=r, end_row=r, start_column=c, end_column=ncols)
        cell = ws.cell(r, c, text)
        cell.alignment = center
        if font is not None:
            cell.font = font


def print_setup(
    ws, head1: int, last_head: int, *, frozen_cols: int = 2, centered: bool = True
) -> None:
    """Every used cell in Times New Roman (openpyxl's default is Calibri); A4 landscape, one
    page wide and as many long as it takes, the header rows printed on every page and frozen
    on screen with the first ``frozen_cols`` columns (Biểu 06: STT and field).  Every report
    sheet the program writes prints this way, so it is set up here once."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.properties import PageSetupProperties

    for row in ws.iter_rows():
        for cell in row:
            f = cell.font
            cell.font = Font(name=FONT, bold=f.b, italic=f.i, size=f.sz or 11)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{head1}:{last_head}"
    ws.freeze_panes = ws.cell(last_head + 1, frozen_cols + 1)
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.print_options.horizontalCentered = centered
