"""Biểu 06 as the city receives it: the PDF's units, numbered columns, date and signers, and the
.xlsx read back (units, signatures, page set-up, font)."""

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.conftest import dt
from tests.test_documents import text
from wardapp.calendar import periods
from wardapp.common.clock import set_fixed_now
from wardapp.documents.tables import report_pdf
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.exchange.export import export_package
from wardapp.indicators.heading import report_heading
from wardapp.indicators.report import build_report
from wardapp.indicators.report_xlsx import write_report_xlsx
from wardapp.office.settings import save_setting
from wardapp.setup import self_test
from wardapp.trust.auth import User


@pytest.fixture
def report(ward):
    set_fixed_now(datetime(2026, 12, 3, 9, 0))
    d = intake(
        ward,
        IntakeData("HT.02", "Nguyễn Thị Ánh Tuyết", received_at=dt("2026-11-20 09:15")),
        "canbo1",
    )
    processing.resolve(ward, d.code, "canbo1", at=dt("2026-11-24 10:00"))
    ward.user = User(1, "canbo1", "Lê Thị Thu Trang", "clerk")
    with ward.read() as s:
        yield build_report(s, periods.month(2026, 11))
    set_fixed_now(None)


def test_pdf_names_both_units_numbers_the_columns_and_is_signed(ward, report, tmp_path):
    t = text(report_pdf(ward, report, tmp_path / "b.pdf"))
    for s in (
        "Biểu số 06/VPCP/KSTT",
        "Đơn vị báo cáo: Ủy ban nhân dân phường Xuân An",
        "Đơn vị nhận báo cáo: Ủy ban nhân dân tỉnh Lâm Đồng",
        "Đơn vị tính: Số hồ sơ TTHC",
        "Lĩnh vực, công việc giải quyết theo cấp",
        "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13) (14) (15)",
        "Xuân An, ngày 03 tháng 12 năm 2026",
        "NGƯỜI LẬP BIỂU",
        "Lê Thị Thu Trang",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Bình",
    ):
        assert s in t, s
    assert "Ủy ban nhân dân thành phố" not in t


def test_preparer_setting_wins_and_no_parent_falls_back_to_the_upper_level(ward, report):
    with ward.write() as s:
        save_setting(s, "report_preparer", "Phạm Văn Lập")
        ward.office(s).parent_name = ""
    ward.invalidate()
    with ward.read() as s:
        h = report_heading(ward, s)
    assert (h.preparer, h.receiving_unit) == ("Phạm Văn Lập", "Ủy ban nhân dân thành phố")


def assert_signed_sheet(ws, preparer: str = "Lê Thị Thu Trang") -> None:
    """Biểu 06 as an .xlsx the city can print: both units, the date line, both signature
    blocks with their names, Times New Roman, A4 landscape one page wide, header rows repeated."""
    values = [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    for s in (
        "Đơn vị báo cáo: Ủy ban nhân dân phường Xuân An",
        "Đơn vị nhận báo cáo: Ủy ban nhân dân tỉnh Lâm Đồng",
        "Đơn vị tính: Số hồ sơ TTHC",
        "(15)",
        "Xuân An, ngày 03 tháng 12 năm 2026",
        "NGƯỜI LẬP BIỂU",
        preparer,
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Bình",
    ):
        assert s in values, s
    assert ws["A1"].border.left.style is None and ws["L1"].border.left.style == "thin"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$7:$9"
    assert ws.freeze_panes == "C10"
    assert [ws.cell(9, c).value for c in (1, 3, 15)] == ["(1)", "(3)", "(15)"]
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_xlsx_prints_landscape_one_page_wide_with_units_and_signatures(ward, report, tmp_path):
    with ward.read() as s:
        h = report_heading(ward, s)
    out = write_report_xlsx(report, tmp_path / "b.xlsx", "Phường Xuân An", h)
    assert_signed_sheet(load_workbook(out).active)


def test_the_weekly_package_summary_is_the_same_signed_sheet(ward, report, tmp_path):
    """summary.xlsx inside the package the city receives: the ward's week, with the receiving
    unit and both signatures as the Biểu 06 a clerk saves (it had the reporting unit only)."""
    package = export_package(ward, tmp_path / "out").path
    with zipfile.ZipFile(package) as z:
        ws = load_workbook(io.BytesIO(z.read("summary.xlsx"))).active
    assert_signed_sheet(ws)
    assert "Kỳ báo cáo: Tuần 49/2026" in [c.value for c in ws["A"]]


def test_the_self_test_writes_the_same_signed_sheet(ward, report, tmp_path):
    x = self_test.Scratch(folder=tmp_path, ward=ward, report=report, office="Phường Xuân An")
    out = self_test._report_xlsx(x, tmp_path / "bieu06.xlsx")
    assert_signed_sheet(load_workbook(out).active)
