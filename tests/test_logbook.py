import csv

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from db.backend import backend_for
from db.models import Apology, Dossier, DossierEvent, Procedure
from tests.conftest import as_demo
from wardapp.calendar import periods
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.dossiers import register as reg
from wardapp.dossiers.logbook import COLUMNS, export_logbook, import_logbook
from wardapp.indicators.report import build_report
from wardapp.office.store import Ward
from wardapp.setup import demo
from wardapp.setup.office import init_office
from wardapp.trust import auth

GOOD = [
    # code, procedure_code, procedure_name, field, name, id, phone, address, channel,
    # received, due, resolved, returned, status, status_at, apology_at, note
    [
        "",
        "HT.02",
        "",
        "",
        "Nguyễn Thị Lụa",
        "068190001234",
        "0912345678",
        "Xuân An",
        "direct",
        "2026-03-02 08:00",
        "",
        "2026-03-04 10:00",
        "2026-03-05 09:00",
        "",
        "",
        "",
        "",
    ],
    [
        "OLD-1",
        "",
        "Đăng ký khai sinh",
        "",
        "Phạm Đức Anh",
        "",
        "",
        "",
        "trực tuyến",
        "03/03/2026 16:10",
        "",
        "",
        "",
        "đang giải quyết",
        "",
        "",
        "",
    ],
    [
        "OLD-2",
        "X.99",
        "Xác nhận nơi cư trú cũ",
        "Cư trú",
        "Hồ Văn Đông",
        "",
        "",
        "",
        "postal",
        "2026-03-02 09:00",
        "2026-03-06 17:00",
        "2026-03-09 10:00",
        "",
        "resolved",
        "",
        "2026-03-05 09:00",
        "trễ",
    ],
    [
        "OLD-3",
        "CT.01",
        "",
        "",
        "Lý Thị Mai",
        "",
        "",
        "",
        "direct",
        "2026-03-04 09:00",
        "",
        "",
        "",
        "withdrawn",
        "2026-03-04 10:00",
        "",
        "rút",
    ],
]


def write_csv(path, rows, header=COLUMNS, bom=True, delimiter=","):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def n(ward, model):
    with ward.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_csv_import_writes_dossiers_events_and_unverified_procedure(ward, tmp_path):
    res = import_logbook(ward, write_csv(tmp_path / "a.csv", GOOD))
    assert res.ok and res.written == 4
    assert res.new_procedures == ["Xác nhận nơi cư trú cũ"]
    with ward.read() as s:
        d = {x.applicant_name: x for x in s.scalars(select(Dossier))}
        assert d["Nguyễn Thị Lụa"].code == "000.23.31.H26-260302-0001"
        assert d["Nguyễn Thị Lụa"].due_at.isoformat() == "2026-03-05T08:00:00"  # computed
        assert d["Nguyễn Thị Lụa"].status == "returned"
        assert d["Phạm Đức Anh"].channel == "online"
        assert d["Phạm Đức Anh"].due_at.isoformat() == "2026-03-04T17:00:00"  # after 15:00
        assert d["Hồ Văn Đông"].outcome == "late" and d["Hồ Văn Đông"].apology_count == 1
        assert d["Lý Thị Mai"].closed_at.isoformat() == "2026-03-04T10:00:00"
        p = s.scalars(select(Procedure).where(Procedure.source == "imported")).one()
        assert (p.code, p.field, p.verified) == ("X.99", "Cư trú", False)
        kinds = [
            e.kind
            for e in s.scalars(
                select(DossierEvent)
                .where(DossierEvent.dossier_id == d["Hồ Văn Đông"].id)
                .order_by(DossierEvent.seq)
            )
        ]
        assert kinds == ["received", "apologised", "resolved"]
        # indexed for search in one statement after the rows (db.search_index), all of them
        f = reg.Filters(search="pham duc anh")
        rows = reg.page(s, f, ward.rules(), now_local(), offset=0, limit=5)
        assert [r.applicant for r in rows] == ["Phạm Đức Anh"]
        assert backend_for(s).search_integrity(s.connection()) == "ok"
    assert n(ward, Apology) == 1


def test_bad_rows_are_all_reported_and_nothing_written(ward, tmp_path):
    bad = [list(r) for r in GOOD]
    bad[0][5] = "12345"  # ID
    bad[1][13] = "lost"  # status
    bad[2][2] = "Không có"  # unknown procedure without field/due
    bad[2][3] = ""
    bad[3][14] = ""  # withdrawn without status_at
    bad.append(
        [
            "OLD-1",
            "HT.02",
            "",
            "",
            "Trùng Mã",
            "",
            "",
            "",
            "",
            "2026-03-02 08:00",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    bad.append(
        [
            "",
            "HT.02",
            "",
            "",
            "Tương Lai",
            "",
            "",
            "",
            "",
            "2027-03-02 08:00",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    res = import_logbook(ward, write_csv(tmp_path / "b.csv", bad))
    assert [r for r, _ in res.errors] == [2, 3, 4, 5, 6, 7]
    msgs = dict(res.errors)
    assert "Số định danh" in msgs[2] and "lost" in msgs[3] and "status_at" in msgs[5]
    assert "trùng với dòng 3" in msgs[6] and "tương lai" in msgs[7]
    assert n(ward, Dossier) == 0 and n(ward, Procedure) == 30


def test_dry_run_writes_nothing(ward, tmp_path):
    res = import_logbook(ward, write_csv(tmp_path / "a.csv", GOOD), dry_run=True)
    assert res.ok and res.rows == 4 and res.written == 0
    assert n(ward, Dossier) == 0


def test_vietnamese_headers_semicolons_and_no_bom(ward, tmp_path):
    header = ["Mã hồ sơ", "Mã thủ tục", "Họ tên", "Ngày tiếp nhận", "Trạng thái", "Ngày có kết quả"]
    rows = [
        ["A-1", "HT.02", "Đặng Văn Đức", "02/03/2026 08:00", "Đã có kết quả", "03/03/2026 08:00"]
    ]
    res = import_logbook(
        ward, write_csv(tmp_path / "v.csv", rows, header, bom=False, delimiter=";")
    )
    assert res.ok, res.errors
    with ward.read() as s:
        d = s.scalars(select(Dossier)).one()
    assert (d.code, d.status, d.applicant_name_folded) == ("A-1", "resolved", "dang van duc")


def test_xlsx_import_with_real_dates(ward, tmp_path):
    from datetime import datetime

    wb = Workbook()
    ws = wb.active
    ws.append(["code", "procedure_code", "applicant_name", "received_at", "phone"])
    ws.append(["X-1", "CT.01", "Võ Thị Sáu", datetime(2026, 3, 2, 8, 30), 912345678])
    wb.save(tmp_path / "a.xlsx")
    res = import_logbook(ward, tmp_path / "a.xlsx")
    assert res.ok, res.errors
    with ward.read() as s:
        d = s.scalars(select(Dossier)).one()
    assert d.received_at == datetime(2026, 3, 2, 8, 30)
    assert d.due_at == datetime(2026, 3, 2, 17, 0)


def test_missing_columns_and_bad_files_are_clear(ward, tmp_path):
    with pytest.raises(WardError, match="thiếu cột"):
        import_logbook(ward, write_csv(tmp_path / "c.csv", [["x"]], header=["foo"]))
    (tmp_path / "l1.csv").write_bytes("code,applicant_name\n".encode("utf-16"))
    with pytest.raises(WardError, match="UTF-8"):
        import_logbook(ward, tmp_path / "l1.csv")
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(WardError, match="Excel"):
        import_logbook(ward, tmp_path / "x.xlsx")
    with pytest.raises(WardError, match=".csv hoặc .xlsx"):
        import_logbook(ward, write_csv(tmp_path / "a.pdf", GOOD))


def test_export_then_import_gives_the_same_report(ward, tmp_path):
    demo.generate(as_demo(ward), dossiers=600, seed=3)
    auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"logbook{suffix}"
        assert export_logbook(ward, out) == 600
        other = Ward.open(tmp_path / f"copy{suffix}.sqlite3")
        init_office(other, name="Phường Xuân An", agency_code="000.23.31.H26")
        res = import_logbook(other, out)
        assert res.ok, res.errors[:3]
        p = periods.year(2026)
        with ward.read() as s1, other.read() as s2:
            a, b = build_report(s1, p), build_report(s2, p)
        assert a.total.columns() == b.total.columns()
        assert a.total.indicators()["on_time_rate"] == b.total.indicators()["on_time_rate"]
        other.close()
    wb = load_workbook(tmp_path / "logbook.xlsx", read_only=True)
    assert next(wb.active.iter_rows(values_only=True))[:3] == (
        "code",
        "procedure_code",
        "procedure_name",
    )
