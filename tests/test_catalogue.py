"""The procedure catalogue: the form's add/edit/stop and the all-or-nothing spreadsheet import."""

import csv
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from db.models import Procedure
from tests.conftest import dt
from wardapp.catalogue.procedures import (
    catalogue,
    check_procedure,
    import_catalogue,
    save_procedure,
    set_active,
)
from wardapp.common.errors import ValidationError, WardError
from wardapp.dossiers.lifecycle.intake import IntakeData, intake

FORM = {
    "code": "2.000908",
    "name": "Cấp bản sao trích lục hộ tịch",
    "field": "Hộ tịch",
    "limit_days": "0,5",
    "cutoff": "15:00",
    "fee": "8.000 đ",
    "documents": "Tờ khai theo mẫu; Giấy tờ tùy thân\nGiấy ủy quyền (nếu có)",
    "effective_from": "01/07/2025",
    "legal_basis": "Nghị định 123/2015/NĐ-CP",
}


def versions(ward, code):
    with ward.read() as s:
        return [
            (p.effective_from, p.limit_days, p.active)
            for p in s.scalars(
                select(Procedure).where(Procedure.code == code).order_by(Procedure.effective_from)
            )
        ]


def test_form_values_are_cleaned_as_a_clerk_types_them():
    row = check_procedure(FORM)
    assert row["limit_days"] == 0.5 and row["fee"] == 8000 and row["cutoff"] == "15:00"
    assert row["documents"] == ["Tờ khai theo mẫu", "Giấy tờ tùy thân", "Giấy ủy quyền (nếu có)"]
    assert row["effective_from"] == date(2025, 7, 1)


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("code", "", "Mã thủ tục: không được để trống"),
        ("code", "HT 02", "chỉ gồm chữ, số"),
        ("limit_days", "ba", "không phải số ngày"),
        ("limit_days", "1.3", "theo nửa ngày"),
        ("limit_days", "400", "từ 0 đến 365"),
        ("cutoff", "25:00", "Giờ nhận muộn nhất"),
        ("fee", "tám nghìn", "phải là số đồng"),
        ("effective_from", "31/02/2026", "phải là ngày dd/mm/yyyy"),
        ("legal_basis", " ", "Căn cứ pháp lý: không được để trống"),
    ],
)
def test_bad_form_values_name_the_field(key, value, message):
    with pytest.raises(ValidationError, match=message):
        check_procedure(FORM | {key: value})


def test_add_new_version_and_stop(ward):
    before = len(catalogue(ward))
    change = save_procedure(ward, FORM)
    assert change.new and "2.000908" in change.new[0]
    assert len(catalogue(ward)) == before + 1
    # a correction of the same version is an edit, not a new row
    change = save_procedure(ward, FORM | {"name": "Cấp bản sao trích lục hộ tịch (bản giấy)"})
    assert change.changed and "Tên thủ tục" in change.changed[0]
    assert len(catalogue(ward)) == before + 1
    # the province shortens the limit from 2027: a second version; 2026 dossiers keep the old
    save_procedure(ward, FORM | {"limit_days": "0", "effective_from": "01/01/2027"})
    assert versions(ward, "2.000908") == [
        (date(2025, 7, 1), 0.5, True),
        (date(2027, 1, 1), 0.0, True),
    ]
    d = intake(ward, IntakeData("2.000908", "Lê Văn A", received_at=dt("2026-12-15 08:00")), "x")
    assert d.due_at == dt("2026-12-15 17:00")  # half a day (morning → closing), 2025 version
    # stopping a procedure removes it from intake but keeps its dossiers
    pid = next(e.id for e in catalogue(ward) if e.code == "2.000908" and e.in_use)
    set_active(ward, pid, False)
    with pytest.raises(ValidationError, match="ngừng áp dụng"):
        intake(ward, IntakeData("2.000908", "Lê Văn B", received_at=dt("2026-12-15 09:00")), "x")


def test_limit_of_a_version_in_use_is_not_changed_in_place(ward):
    save_procedure(ward, FORM)
    intake(ward, IntakeData("2.000908", "Lê Văn A", received_at=dt("2026-12-15 08:00")), "x")
    assert [e.in_use for e in catalogue(ward) if e.code == "2.000908"] == [True]
    with pytest.raises(WardError, match="đã có 1 hồ sơ"):
        save_procedure(ward, FORM | {"limit_days": "3"})
    assert versions(ward, "2.000908") == [(date(2025, 7, 1), 0.5, True)]


def write_csv(path, rows, header=None, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(
            header
            or [
                "Mã thủ tục",
                "Tên thủ tục",
                "Lĩnh vực",
                "Thời hạn",
                "Lệ phí",
                "Thành phần hồ sơ",
                "Áp dụng từ ngày",
                "Căn cứ pháp lý",
            ]
        )
        w.writerows(rows)
    return path


ROWS = [
    [
        "2.000908",
        "Cấp bản sao trích lục hộ tịch",
        "Hộ tịch",
        "0,5",
        "8.000",
        "Tờ khai; CCCD",
        "01/07/2025",
        "NĐ 123/2015/NĐ-CP",
    ],
    [
        "HT.02",
        "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
        "Hộ tịch",
        "2",
        "0",
        "Tờ khai; Giấy chứng sinh; Chứng cứ",
        "01/07/2025",
        "Luật Hộ tịch 2014",
    ],
]


def test_csv_import_adds_and_changes_after_a_dry_run(ward, tmp_path):
    f = write_csv(tmp_path / "dm.csv", ROWS, delimiter=";")
    dry = import_catalogue(ward, f, dry_run=True)
    assert dry.ok and dry.rows == 2
    assert len(dry.change.new) == 1 and "2.000908" in dry.change.new[0]
    assert (
        len(dry.change.changed) == 1
        and "Thời hạn (ngày làm việc): 3.0 → 2.0" in dry.change.changed[0]
    )
    assert versions(ward, "2.000908") == []  # dry run wrote nothing
    res = import_catalogue(ward, f)
    assert res.ok and not res.dry_run
    assert versions(ward, "2.000908") == [(date(2025, 7, 1), 0.5, True)]
    assert versions(ward, "HT.02") == [(date(2025, 7, 1), 2.0, True)]
    assert import_catalogue(ward, f).change.empty  # importing again changes nothing


def test_xlsx_import_reads_number_and_date_cells(ward, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "ma thu tuc",
            "ten thu tuc",
            "linh vuc",
            "thoi han",
            "le phi",
            "thanh phan ho so",
            "ngay hieu luc",
            "can cu",
        ]
    )
    ws.append(
        [
            "2.000908",
            "Cấp bản sao trích lục hộ tịch",
            "Hộ tịch",
            0.5,
            8000.0,
            "Tờ khai",
            datetime(2025, 7, 1),
            "NĐ 123/2015/NĐ-CP",
        ]
    )
    wb.save(tmp_path / "dm.xlsx")
    res = import_catalogue(ward, tmp_path / "dm.xlsx")
    assert res.ok, res.errors
    e = next(e for e in catalogue(ward) if e.code == "2.000908")
    assert (e.fee, e.limit_days, e.effective_from, e.documents) == (
        8000,
        0.5,
        date(2025, 7, 1),
        ["Tờ khai"],
    )


def test_one_bad_row_and_nothing_is_written(ward, tmp_path):
    bad = [
        ROWS[0],
        ["HT 9", "Tên", "Hộ tịch", "1", "0", "", "01/07/2025", "x"],
        ROWS[0],
        ["CT.09", "Tên", "Chứng thực", "hai", "0", "", "01/07/2025", "x"],
    ]
    before = catalogue(ward)
    res = import_catalogue(ward, write_csv(tmp_path / "bad.csv", bad))
    assert [n for n, _ in res.errors] == [3, 4, 5]
    assert "chỉ gồm chữ" in res.errors[0][1] and "trùng mã 2.000908" in res.errors[1][1]
    assert "không phải số ngày" in res.errors[2][1]
    assert catalogue(ward) == before


def test_missing_columns_are_named(ward, tmp_path):
    with pytest.raises(WardError, match="thiếu cột: Lĩnh vực"):
        import_catalogue(
            ward, write_csv(tmp_path / "a.csv", [], header=["Mã thủ tục", "Tên thủ tục"])
        )


def test_intake_list_has_the_version_in_force_unless_stopped(ward):
    from wardapp.catalogue.procedures import in_force

    save_procedure(ward, FORM)
    save_procedure(ward, FORM | {"limit_days": "0", "effective_from": "01/01/2027"})
    mine = [p for p in in_force(ward, date(2026, 12, 15)) if p.code == "2.000908"]
    assert [(p.effective_from, p.limit_days) for p in mine] == [(date(2025, 7, 1), 0.5)]
    later = [p for p in in_force(ward, date(2027, 1, 2)) if p.code == "2.000908"]
    assert [p.limit_days for p in later] == [0.0]
    set_active(ward, later[0].id, False)  # the version in force stopped: no older one instead
    assert not [p for p in in_force(ward, date(2027, 1, 2)) if p.code == "2.000908"]
