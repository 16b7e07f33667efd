"""The evidence annex (issue 21): ``wardapp evidence --year Y -o FILE.xlsx|.pdf`` lists, per
indicator, its value, definition and the dossiers that make it; the workbook prints like
Biểu 06's (Times New Roman, landscape, one page wide, header rows repeated)."""

from datetime import date

import pytest

from tests.conftest import dt
from wardapp import initiatives as I
from wardapp.cli import main
from wardapp.dossiers import IntakeData, closing, intake, processing, rate
from wardapp.indicators.evidence import DEFINITIONS


@pytest.fixture
def filled(ward, tmp_path):
    """Four dossiers of 2026: one late with an apology, one late without, two on time (one
    rated satisfied, one not); one initiative recognised in 2026."""
    codes = {}
    for name, received, resolved in (
        ("late_apologised", "2026-03-02 09:00", "2026-03-10 09:00"),
        ("late_bare", "2026-03-03 09:00", "2026-03-12 09:00"),
        ("on_time_happy", "2026-03-04 09:00", "2026-03-05 09:00"),
        ("on_time_unhappy", "2026-03-05 09:00", "2026-03-06 09:00"),
    ):
        d = intake(ward, IntakeData("HT.02", "Lê Văn Tám", received_at=dt(received)), "x")
        if name == "late_apologised":
            processing.apologise(
                ward,
                d.code,
                "x",
                reason="Chờ xác minh",
                signer="Nguyễn Văn Bình",
                extra_days=3,
                at=dt("2026-03-04 09:00"),
            )
        processing.resolve(ward, d.code, "x", at=dt(resolved))
        closing.return_result(ward, d.code, "x", at=dt(resolved.replace("09:00", "10:00")))
        codes[name] = d.code
    rate(ward, codes["on_time_happy"], "x", "hai_long")
    rate(ward, codes["on_time_unhappy"], "x", "khong_hai_long")
    a = I.add(
        ward, title="Hẹn trả qua Zalo", authors="Trần B", field="", proposed_on=date(2026, 2, 1)
    )
    ev = tmp_path / "qd.pdf"
    ev.write_bytes(b"%PDF quyet dinh")
    I.attach(ward, a.id, ev)
    I.set_status(ward, a.id, "recognised", decision_no="5/QĐ-UBND", decision_on=date(2026, 4, 1))
    return codes


def test_the_workbook_lists_every_dossier_of_each_indicator(ward, filled, tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "minh-chung.xlsx"
    assert main(["--db", str(ward.path), "evidence", "--year", "2026", "-o", str(out)]) == 0
    wb = load_workbook(out)
    summary = wb["Tong hop"]
    rows = {r[1]: r for r in summary.iter_rows(min_row=5, values_only=True) if r[0]}
    on_time = rows["Tỷ lệ giải quyết trước hạn và đúng hạn"]
    assert on_time[2:5] == ("50,00% (2/4)", 2, 4) and on_time[5] == DEFINITIONS["on_time_rate"]
    assert rows["Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi"][2] == "50,00% (1/2)"
    assert rows["Tỷ lệ người dân hài lòng (trên số được hỏi)"][2] == "50,00% (1/2)"
    assert rows["Số sáng kiến cải cách hành chính được công nhận"][2] == "1 sáng kiến"
    apology = wb[[n for n in wb.sheetnames if n.endswith("apology_rate")][0]]
    listed = {r[1]: (r[9], r[11]) for r in apology.iter_rows(min_row=5, values_only=True)}
    assert listed == {
        filled["late_apologised"]: ("Số 1/2026", "Có"),
        filled["late_bare"]: (None, "Không"),
    }
    sheet = wb[wb.sheetnames[-1]]
    assert sheet.cell(5, 2).value == "Hẹn trả qua Zalo" and "qd.pdf (" in sheet.cell(5, 8).value
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == "$4:$4"
        assert {c.font.name for row in ws.iter_rows() for c in row if c.value} == {
            "Times New Roman"
        }


def test_the_pdf_names_each_indicator_and_lists_its_smaller_side(ward, filled, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "minh-chung.pdf"
    assert main(["--db", str(ward.path), "evidence", "--year", "2026", "-o", str(out)]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "MINH CHỨNG KẾT QUẢ CÁC CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026" in text
    assert "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi: 50,00% (1/2)" in text
    assert filled["late_apologised"] in text and "Số 1/2026" in text  # the smaller side (a tie: in)
    assert "5/QĐ-UBND" in text and "Nguyễn Văn Bình" in text
    assert (
        main(["--db", str(ward.path), "evidence", "--year", "2026", "-o", str(tmp_path / "x.txt")])
        == 1
    )


def test_online_flags_at_intake_reach_their_rates(ward, capsys):
    from wardapp.calendar import periods
    from wardapp.indicators.report import build_report

    db = str(ward.path)
    for extra in ([], ["--channel", "online", "--full-online", "--paid-online"]):
        args = ["--db", db, "dossier", "intake", "--procedure", "CT.01", "--name", "Lê A"]
        assert main(args + ["--received", "2026-12-14 09:00", *extra]) == 0
    with ward.read() as s:
        ind = build_report(s, periods.month(2026, 12)).total.indicators()
    assert ind["online_rate"] == 0.5
    assert ind["paid_online_rate"] == 0.5  # CT.01 carries a fee (2,000 VND): both count
