"""The CLI as a user runs it: a real process, exit codes, stdout/stderr."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, db=None, check=True):
    # demo databases have accounts; a database from ``init`` alone is in setup mode and
    # ignores these
    env = dict(
        os.environ, PYTHONIOENCODING="utf-8", WARDAPP_USER="chutich", WARDAPP_PASSWORD="demo1234"
    )
    cmd = [sys.executable, "-m", "wardapp"]
    if db:
        cmd += ["--db", str(db)]
    out = subprocess.run(
        [*cmd, *args], capture_output=True, text=True, cwd=ROOT, env=env, encoding="utf-8"
    )
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_every_command_is_handled_by_the_group_that_declares_it():
    import argparse

    from wardapp import cli

    (sub,) = (a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    declared = {}
    for group in cli.GROUPS:
        p = argparse.ArgumentParser()
        group.register(p.add_subparsers())
        (own,) = (a for a in p._actions if isinstance(a, argparse._SubParsersAction))
        declared.update({name: group.__name__ for name in own.choices})
    assert list(sub.choices)[:3] == ["init", "demo", "due"] and "dossier" in sub.choices
    assert set(declared) == set(sub.choices)
    for name, parser in sub.choices.items():
        func = parser.get_default("func")
        assert callable(func) and func.__module__ == declared[name], name


def test_due_without_a_database(tmp_path):
    db = tmp_path / "none.sqlite3"
    assert (
        run("due", "--days", "3", "--received", "2026-11-20 09:15", db=db).stdout
        == "2026-11-26 09:15\n"
    )
    assert (
        run("due", "--procedure", "1.001193", "--received", "2026-11-20 15:30", db=db).stdout
        == "2026-11-23 17:00\n"
    )
    assert not db.exists()


def test_errors_are_one_line_and_non_zero(tmp_path):
    db = tmp_path / "w.sqlite3"
    out = run("due", "--days", "2", "--received", "yesterday", db=db, check=False)
    assert (
        out.returncode == 1
        and out.stderr.count("\n") == 1
        and "không đọc được thời gian" in out.stderr
    )
    out = run("init", "--office-name", "X", "--office-code", "H26", db=db, check=False)
    assert out.returncode == 1 and "QCVN 102:2016" in out.stderr
    out = run("report", "--year", "2026", "--quarter", "1", db=db, check=False)
    assert out.returncode == 1 and "Chưa có cơ sở dữ liệu" in out.stderr
    assert not db.exists()  # a read command never creates a database
    out = run("frobnicate", check=False)
    assert out.returncode == 2 and "error" in out.stderr


def test_init_is_idempotent_and_refuses_another_office(tmp_path):
    db = tmp_path / "w.sqlite3"
    args = ("init", "--office-name", "Phường Xuân An", "--office-code", "000.23.31.H26")
    run(*args, db=db)
    run(*args, db=db)
    out = run("init", "--office-name", "Khác", "--office-code", "000.23.31.H27", db=db, check=False)
    assert out.returncode == 1 and "đã thuộc Phường Xuân An" in out.stderr


def test_demo_report_json_and_xlsx(tmp_path):
    db = tmp_path / "w.sqlite3"
    run("demo", "--dossiers", "400", "--seed", "2", db=db)
    data = json.loads(
        run(
            "report", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json", db=db
        ).stdout
    )
    assert set(data) >= {"period", "rows", "total", "indicators"}
    assert set(data["total"]) == {
        "received_total",
        "received_online",
        "received_direct",
        "carried_over",
        "resolved_total",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "in_progress_total",
        "in_progress_within",
        "in_progress_late",
        "withdrawn",
        "refused",
    }
    assert {"on_time_rate", "online_rate", "paid_online_rate", "apology_rate"} <= set(
        data["indicators"]
    )
    assert data["total"]["received_total"] > 0
    xlsx = tmp_path / "b06.xlsx"
    run(
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "xlsx",
        "-o",
        str(xlsx),
        db=db,
    )
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    total_row = next(r for r in ws.iter_rows(values_only=True) if r[1] == "Tổng cộng")
    assert total_row[2] == data["total"]["received_total"]
    assert "Kỳ báo cáo" in ws["A4"].value
    table = run("report", "--year", "2026", "--quarter", "3", db=db).stdout
    assert "Biểu 06/VPCP/KSTT" in table and "Tổng cộng" in table


def test_dossier_lifecycle_from_the_cli(tmp_path):
    db = tmp_path / "w.sqlite3"
    run("init", "--office-name", "Phường Xuân An", "--office-code", "000.23.31.H26", db=db)
    code, due = (
        run(
            "dossier",
            "intake",
            "--procedure",
            "CT.01",
            "--name",
            "Trần Văn Bảy",
            "--phone",
            "0912345678",
            "--received",
            "2026-03-02 09:00",
            db=db,
        )
        .stdout.strip()
        .split("\t")
    )
    assert code == "000.23.31.H26-260302-0001" and due == "2026-03-02 17:00"
    run("dossier", "resolve", code, "--at", "2026-03-02 10:00", db=db)
    out = run("dossier", "resolve", code, "--at", "2026-03-02 11:00", db=db, check=False)
    assert out.returncode == 1 and "Đã có kết quả" in out.stderr
    run("dossier", "return", code, "--at", "2026-03-02 11:00", db=db)
    shown = run("dossier", "show", code, db=db).stdout
    assert "Trả kết quả" in shown and "Đã trả kết quả" in shown
    assert "Người nhận: người nộp hồ sơ (Trần Văn Bảy)" in shown
    # a slip of the hand, taken back as its own history event, then returned to someone else
    out = run("dossier", "undo", code, "--reason", "Bấm nhầm", db=db).stdout
    assert out.split("\t")[1] == "Đã có kết quả"
    out = run("dossier", "undo", code, db=db, check=False)
    assert out.returncode == 1 and "là một lần hoàn tác" in out.stderr
    out = run("dossier", "return", code, "--collector-name", "Trần Thị Tám", db=db, check=False)
    assert out.returncode == 1 and "Số định danh người nhận kết quả: chưa nhập" in out.stderr
    run(
        "dossier",
        "return",
        code,
        "--collector-name",
        "Trần Thị Tám",
        "--collector-id",
        "079190001234",
        db=db,
    )
    shown = run("dossier", "show", code, db=db).stdout
    assert "Hoàn tác bước trước" in shown and "Bấm nhầm" in shown
    assert "Người nhận: Trần Thị Tám (số định danh 079190001234), nhận thay" in shown
    run("verify", db=db)  # the row agrees with its history, undo included


def test_register_import_reports_rows_and_exit_code(tmp_path):
    db = tmp_path / "w.sqlite3"
    run("init", "--office-name", "Phường Xuân An", "--office-code", "000.23.31.H26", db=db)
    f = tmp_path / "in.csv"
    f.write_text(
        "code,procedure_code,applicant_name,received_at\nA,HT.02,Ngô Văn Năm,2026-03-02 08:00\nB,NOPE,Bùi Thị Sáu,2026-03-02 08:00\n",
        encoding="utf-8",
    )
    out = run("register", "import", str(f), db=db, check=False)
    assert out.returncode == 1
    assert "dòng 3:" in out.stderr and "không ghi gì" in out.stderr
    f.write_text(
        "code,procedure_code,applicant_name,received_at\nA,HT.02,Ngô Văn Năm,2026-03-02 08:00\n",
        encoding="utf-8",
    )
    assert "1 hồ sơ đã nhập" in run("register", "import", str(f), db=db).stdout
    assert "1 hồ sơ" in run("register", "export", str(tmp_path / "out.csv"), db=db).stdout


@pytest.mark.parametrize("year", ["2025", "2026"])
def test_calendar_lists_swaps(tmp_path, year):
    out = run("calendar", "--year", year, db=tmp_path / "none.sqlite3").stdout
    assert "Ngày làm bù" in out and "ngày làm việc trong năm" in out


def test_documents_from_the_cli_and_identical_reprint(tmp_path):
    db = tmp_path / "w.sqlite3"
    run(
        "init",
        "--office-name",
        "Phường Xuân An",
        "--office-code",
        "000.23.31.H26",
        "--chairman",
        "Nguyễn Văn Bình",
        db=db,
    )
    code, _ = (
        run(
            "dossier",
            "intake",
            "--procedure",
            "HT.02",
            "--name",
            "Trần Văn Bảy",
            "--received",
            "2026-03-02 09:00",
            db=db,
        )
        .stdout.strip()
        .split("\t")
    )
    assert "đã ghi" in run("receipt", code, "-o", str(tmp_path / "r.pdf"), db=db).stdout
    out = run(
        "apology",
        code,
        "--reason",
        "Chờ xác minh",
        "--days",
        "2",
        "-o",
        str(tmp_path / "a.pdf"),
        db=db,
    ).stdout
    assert "Số 01/PXL-UBND: hẹn lại" in out
    run("reprint", "apology", code, "-o", str(tmp_path / "again.pdf"), db=db)
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    bad = run(
        "apology",
        code,
        "--reason",
        "x",
        "--days",
        "1",
        "-o",
        str(tmp_path / "b.pdf"),
        db=db,
        check=False,
    )
    assert bad.returncode == 1 and "một lần" in bad.stderr and not (tmp_path / "b.pdf").exists()
    bad = run("commitment", "--year", "2026", "-o", str(tmp_path / "c.pdf"), db=db, check=False)
    assert bad.returncode == 1 and "Người phê duyệt" in bad.stderr
    run(
        "commitment",
        "--year",
        "2026",
        "--approver",
        "Lê Minh Quang",
        "--date",
        "2026-02-05",
        "-o",
        str(tmp_path / "c.pdf"),
        db=db,
    )
    from pypdf import PdfReader

    first = PdfReader(str(tmp_path / "c.pdf")).pages[0].extract_text()
    assert "ngày 05 tháng 02 năm 2026" in first
    bad = run(
        "commitment", "--year", "2026", "--date", "5/2/2026", "-o", "x.pdf", db=db, check=False
    )
    assert bad.returncode == 2 and "không phải ngày dạng YYYY-MM-DD" in bad.stderr
    run("control-sheet", code, "-o", str(tmp_path / "k.pdf"), db=db)
    run(
        "logbook",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "-o",
        str(tmp_path / "l.pdf"),
        db=db,
    )
    run(
        "report",
        "--year",
        "2026",
        "--month",
        "3",
        "--format",
        "pdf",
        "-o",
        str(tmp_path / "b06.pdf"),
        db=db,
    )
    for f in ("r", "c", "k", "l", "b06"):
        assert (tmp_path / f"{f}.pdf").read_bytes().startswith(b"%PDF")


def test_form_steps_write_their_form_and_reprint_it_byte_for_byte(tmp_path):
    db = tmp_path / "w.sqlite3"
    run("init", "--office-name", "Phường Xuân An", "--office-code", "000.23.31.H26", db=db)
    codes = [
        run("dossier", "intake", "--procedure", "HT.02", "--name", name, db=db).stdout.split("\t")[
            0
        ]
        for name in ("Trần Văn Bảy", "Lê Thị Tám")
    ]
    out = run(
        "dossier",
        "supplement",
        codes[0],
        "--reason",
        "Thiếu giấy tờ",
        "--missing",
        "Giấy chứng sinh=1/0/0",
        "--missing",
        "Tờ khai",
        "-o",
        str(tmp_path / "02.pdf"),
        db=db,
    ).stdout
    assert "Số 01/HDHS-UBND" in out and "Chờ bổ sung" in out
    run(
        "dossier",
        "refuse",
        codes[1],
        "--reason",
        "Sai thẩm quyền",
        "-o",
        str(tmp_path / "03.pdf"),
        db=db,
    )
    for kind, code, name in (("supplement", codes[0], "02"), ("refusal", codes[1], "03")):
        run("reprint", kind, code, "-o", str(tmp_path / f"again-{name}.pdf"), db=db)
        assert (tmp_path / f"again-{name}.pdf").read_bytes() == (
            tmp_path / f"{name}.pdf"
        ).read_bytes()
    bad = run("reprint", "stop", codes[0], "-o", str(tmp_path / "x.pdf"), db=db, check=False)
    assert bad.returncode == 1 and not (tmp_path / "x.pdf").exists()
    # no chairman entered: the stop notice cannot be signed, and nothing is recorded
    bad = run(
        "dossier",
        "withdraw",
        codes[0],
        "--reason",
        "Rút",
        "-o",
        str(tmp_path / "05.pdf"),
        db=db,
        check=False,
    )
    assert bad.returncode == 1 and "Chủ tịch" in bad.stderr and not (tmp_path / "05.pdf").exists()
    assert "Chờ bổ sung" in run("dossier", "show", codes[0], db=db).stdout
