"""Reform initiatives (issue 21): the register, evidence kept byte for byte under its hash, and
the yearly count the commitment's "at least one" stands against."""

import hashlib
from datetime import date

import pytest
from sqlalchemy import text

from tests.conftest import dt
from wardapp import initiatives as I
from wardapp.cli import main
from wardapp.common.errors import NotFoundError, ValidationError
from wardapp.indicators.commitment import INITIATIVES, evaluate, monthly_trend


def _add(ward, title="Trả kết quả qua Zalo", proposed=date(2026, 3, 2)):
    return I.add(ward, title=title, authors="Trần Thị Bé", field="Hộ tịch", proposed_on=proposed)


def test_only_initiatives_recognised_by_a_decision_of_the_year_count(ward):
    a = _add(ward)
    b = _add(ward, "Số hoá sổ hộ tịch", date(2025, 11, 20))
    _add(ward, "Phiếu hẹn có mã QR", date(2026, 6, 1))  # proposed only: a claim, not counted
    I.set_status(ward, a.id, "recognised", decision_no="12/QĐ-UBND", decision_on=date(2026, 5, 4))
    I.set_status(ward, b.id, "recognised", decision_no="99/QĐ-UBND", decision_on=date(2025, 12, 30))
    I.set_status(ward, b.id, "replicated")  # later status keeps its decision and its year
    with ward.read() as s:
        office = ward.office(s)
        got = {t.indicator: t for t in evaluate(s, office.id, 2026, {})}
        assert got[INITIATIVES].actual == 1 and got[INITIATIVES].status == "met"
        assert [
            t.actual for t in evaluate(s, office.id, 2025, {}) if t.indicator == INITIATIVES
        ] in ([], [1])
        trend = monthly_trend(s, office.id, 2026, list(got.values()))[INITIATIVES]
    assert [p.actual for p in trend[:6]] == [0, 0, 0, 0, 1, 1]
    assert trend[11].actual == 1  # December 2026 is under way at the fixed clock (15/12)
    rows = I.list_initiatives(ward, 2026)
    assert [r.title for r in rows] == ["Trả kết quả qua Zalo", "Phiếu hẹn có mã QR"]
    assert rows[0].decision == "Số 12/QĐ-UBND ngày 04/05/2026"
    assert I.list_initiatives(ward, 2025)[0].status_label == "Nhân rộng"


def test_recognition_needs_its_decision(ward):
    a = _add(ward)
    with pytest.raises(ValidationError, match="Số quyết định công nhận"):
        I.set_status(ward, a.id, "recognised")
    with pytest.raises(ValidationError, match="trước ngày đề xuất"):
        I.set_status(ward, a.id, "applied", decision_no="1/QĐ", decision_on=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="Tác giả"):
        I.add(ward, title="X", authors=" ", field="", proposed_on=date(2026, 1, 1))
    with pytest.raises(NotFoundError):
        I.set_status(ward, 99, "proposed")


def test_evidence_comes_back_byte_for_byte_or_not_at_all(ward, tmp_path):
    a = _add(ward)
    blob = bytes(range(256)) * 1000 + "Quyết định công nhận".encode()
    src = tmp_path / "quyết định.pdf"
    src.write_bytes(blob)
    file_id, digest = I.attach(ward, a.id, src)
    assert digest == hashlib.sha256(blob).hexdigest()
    out, got = I.extract(ward, file_id, tmp_path / "ra.pdf")
    assert out.read_bytes() == blob and got == digest
    assert I.list_initiatives(ward)[0].files == ((file_id, "quyết định.pdf", digest, len(blob)),)
    with ward.write() as s:  # bytes altered inside the database: refused, nothing written
        s.execute(text("UPDATE initiative_file SET content = :c"), {"c": blob[:-1] + b"!"})
    with pytest.raises(ValidationError, match="không còn khớp mã băm"):
        I.extract(ward, file_id, tmp_path / "hong.pdf")
    assert not (tmp_path / "hong.pdf").exists()


def test_cli_add_status_attach_list_extract(ward, tmp_path, capsys):
    db = str(ward.path)
    ev = tmp_path / "ev.docx"
    ev.write_bytes(b"PK\x03\x04 bien ban")
    assert (
        main(
            [
                "--db",
                db,
                "initiative",
                "add",
                "--title",
                "Một cửa không giấy",
                "--authors",
                "Lê A, Phạm B",
                "--proposed",
                "2026-02-10",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("1\tĐề xuất\tMột cửa không giấy")
    assert main(["--db", db, "initiative", "attach", "1", str(ev)]) == 0
    assert hashlib.sha256(ev.read_bytes()).hexdigest() in capsys.readouterr().out
    assert (
        main(
            [
                "--db",
                db,
                "initiative",
                "status",
                "1",
                "--status",
                "recognised",
                "--decision-no",
                "7/QĐ-UBND",
                "--decision-date",
                "2026-04-01",
            ]
        )
        == 0
    )
    assert "Số 7/QĐ-UBND ngày 01/04/2026" in capsys.readouterr().out
    assert main(["--db", db, "initiative", "list", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "Được công nhận" in out and "ev.docx (13 byte" in out
    assert main(["--db", db, "initiative", "extract", "1", "-o", str(tmp_path / "x.docx")]) == 0
    assert (tmp_path / "x.docx").read_bytes() == ev.read_bytes()
    assert (
        main(
            [
                "--db",
                db,
                "initiative",
                "status",
                "1",
                "--status",
                "applied",
                "--decision-date",
                "2026-13-01",
            ]
        )
        == 1
    )
    assert "2026-13-01" in capsys.readouterr().err


def test_rated_dossiers_and_the_satisfaction_rate(ward, capsys):
    from wardapp.calendar import periods
    from wardapp.common.errors import TransitionError
    from wardapp.dossiers import IntakeData, closing, intake, processing, rate
    from wardapp.indicators.report import build_report

    codes = []
    for i in range(5):
        d = intake(
            ward, IntakeData("HT.02", "Lê Văn Tám", received_at=dt(f"2026-11-0{i + 2} 09:00")), "x"
        )
        processing.resolve(ward, d.code, "x", at=dt(f"2026-11-0{i + 3} 09:00"))
        closing.return_result(ward, d.code, "x", at=dt(f"2026-11-0{i + 3} 10:00"))
        codes.append(d.code)
    rate(ward, codes[0], "x", "hai_long", comment="Nhanh, chu đáo")
    rate(ward, codes[1], "x", "hai_long")
    rate(ward, codes[2], "x", "khong_hai_long")
    # codes[3]: skipped (not asked); codes[4]: asked through the CLI
    assert (
        main(["--db", str(ward.path), "dossier", "rate", codes[4], "--rating", "binh_thuong"]) == 0
    )
    with pytest.raises(TransitionError, match="chỉ ghi một lần"):
        rate(ward, codes[0], "x", "khong_hai_long")
    with pytest.raises(ValidationError, match="Mức hài lòng"):
        rate(ward, codes[3], "x", "rat_hai_long")
    with ward.read() as s:
        r = build_report(s, periods.Period(date(2026, 11, 1), date(2026, 11, 30))).as_dict()
    assert r["satisfaction_asked"] == 4
    assert r["satisfaction_rate"] == r["indicators"]["satisfaction_rate"] == 0.5
    assert r["satisfaction"] == {"asked": 4, "hai_long": 2, "binh_thuong": 1, "khong_hai_long": 1}


def test_cli_return_with_a_rating(ward, capsys):
    from wardapp.dossiers import IntakeData, get_dossier, intake, processing

    d = intake(ward, IntakeData("HT.02", "Lê Văn Tám", received_at=dt("2026-12-14 09:00")), "x")
    processing.resolve(ward, d.code, "x")
    db = str(ward.path)
    assert main(["--db", db, "dossier", "return", d.code, "--comment", "Tốt"]) == 1
    assert "--rating" in capsys.readouterr().err
    assert (
        main(
            [
                "--db",
                db,
                "dossier",
                "return",
                d.code,
                "--rating",
                "khong_hai_long",
                "--comment",
                "Chờ lâu",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines()[-1] == f"{d.code}\tĐánh giá: Không hài lòng"
    with ward.read() as s:
        got = get_dossier(s, d.code)
        assert got.status == "returned" and got.rating == "khong_hai_long"
        assert got.events[-1].kind == "rated" and got.events[-1].reason == "Chờ lâu"
