"""``wardapp verify`` sees what lies outside dossier rows (issue 16, point 4, the rest): settings,
accounts, roles, password hashes, the office code, apologies and issued documents.  Each edit is
plain SQL on the real file, as someone with a SQLite tool would make it (or, on the PostgreSQL
pass, with psql on the server); verify exits 1 and its line names what changed.  A reprint
refuses a PDF whose bytes are not those issued."""

import hashlib
import re
import sqlite3

import pytest
from conftest import dt

from wardapp.cli import main as cli
from wardapp.common.errors import WardError
from wardapp.documents import reprints, step_forms
from wardapp.documents.apology import issue_apology
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.setup import set_settings
from wardapp.trust import auth

PASSWORD = "mat-khau-dai-1"


@pytest.fixture
def office(ward, tmp_path):
    """An administrator, a leader and a clerk; a leader's apology letter and a clerk's Mẫu 02,
    both archived; a settings change made through the program."""
    auth.add_account(ward, "quantri", "Quản Trị", "admin", PASSWORD)
    auth.sign_in(ward, "quantri", PASSWORD)
    auth.add_account(ward, "chutich", "Nguyễn Văn Bình", "leader", PASSWORD)
    auth.add_account(ward, "canbo1", "Trần Thị Hoa", "clerk", PASSWORD)
    auth.sign_in(ward, "chutich", PASSWORD)
    set_settings(ward, {"soon_working_days": 3})
    codes = [
        intake(ward, IntakeData("HT.02", f"Người {i}", received_at=dt(when)), "").code
        for i, when in enumerate(("2026-12-01 09:00", "2026-12-02 09:00"))
    ]
    issue_apology(ward, codes[0], "", tmp_path / "xl.pdf", reason="Chờ xác minh", extra_days=2)
    step_forms.issue(
        ward,
        "supplement",
        codes[1],
        "",
        tmp_path / "02.pdf",
        reason="Thiếu giấy tờ",
        missing=step_forms.parse_missing("Giấy chứng sinh = 1/0/0"),
    )
    return ward, codes


def sql(ward, *statements):
    """The statements in one transaction outside the program, in SQLite's words; on a server
    its byte literals are PostgreSQL's (``bytea``)."""
    if ward.on_server:
        import psycopg

        with psycopg.connect(dbname=ward.engine.url.database) as con:
            for st in statements:
                con.execute(_server_words(st))
        return
    con = sqlite3.connect(ward.path)
    try:
        for st in statements:
            con.execute(st)
        con.commit()
    finally:
        con.close()


def _server_words(st: str) -> str:
    st = re.sub(r"CAST\(('[^']*') AS BLOB\)", r"convert_to(\1, 'UTF8')", st)
    return re.sub(r"X'([0-9a-f]*)'", r"decode('\1', 'hex')", st).replace("%", "%%")


@pytest.fixture(autouse=True)
def admin_signs_in(monkeypatch):
    monkeypatch.setenv("WARDAPP_USER", "quantri")
    monkeypatch.setenv("WARDAPP_PASSWORD", PASSWORD)


def verify(ward, capsys) -> tuple[int, str]:
    rc = cli(["--db", str(ward.path), "verify"])
    out = capsys.readouterr()
    return rc, out.out + out.err


def test_an_untouched_file_verifies_clean(office, capsys):
    rc, out = verify(office[0], capsys)
    assert rc == 0, out
    assert "quản trị: cài đặt, tài khoản" in out and "mọi văn bản đã phát hành còn nguyên" in out


def test_changes_made_by_the_program_are_recorded_with_who_made_them(office):
    ward, _ = office
    with ward.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT actor, kind, subject FROM admin_event WHERE actor != '' ORDER BY no"
        )
        seen = [tuple(r) for r in rows]
    assert ("quantri", "account", "2") in seen  # the leader, added by the administrator
    assert ("chutich", "setting", "soon_working_days") in seen
    assert [k for a, k, _ in seen if a == "chutich" and k == "document"] == ["document"] * 2


@pytest.mark.parametrize(
    "edits,words",
    [
        (
            ["UPDATE setting SET value = '9' WHERE key = 'soon_working_days'"],
            ("cài đặt 'soon_working_days' bị sửa", "giá trị: nhật ký ghi 3, tệp có 9"),
        ),
        (
            ["INSERT INTO setting (key, value) VALUES ('quarter_scheme', '\"calendar\"')"],
            ("cài đặt 'quarter_scheme'", "không có trong nhật ký quản trị"),
        ),
        (
            ["UPDATE staff SET role = 'admin' WHERE username = 'canbo1'"],
            ("tài khoản canbo1", 'vai trò: nhật ký ghi "clerk", tệp có "admin"'),
        ),
        (
            [
                "UPDATE staff SET password_hash = (SELECT password_hash FROM staff "
                "WHERE username = 'quantri') WHERE username = 'canbo1'"
            ],
            ("tài khoản canbo1", "mật khẩu (mã băm) khác với lần đặt cuối cùng"),
        ),
        (
            ["UPDATE office SET agency_code = '000.99.31.H26'"],
            (
                "thông tin cơ quan 000.23.31.H26",
                'nhật ký ghi "000.23.31.H26", tệp có "000.99.31.H26"',
            ),
        ),
        (
            ["DELETE FROM issued_document WHERE kind = 'apology'"],
            ("văn bản xin lỗi số 01/PXL-UBND: đã bị xoá khỏi tệp",),
        ),
        (
            [
                "UPDATE issued_document SET pdf = CAST('%PDF-1.4 khác' AS BLOB) WHERE kind = 'apology'"
            ],
            ("văn bản xin lỗi số 01/PXL-UBND: tệp PDF đã lưu bị thay",),
        ),
        (
            [
                "UPDATE issued_document SET pdf = CAST('%PDF-1.4 khác' AS BLOB), sha256 = "
                f"'{hashlib.sha256('%PDF-1.4 khác'.encode()).hexdigest()}' WHERE kind = 'supplement'"
            ],
            ("phiếu yêu cầu bổ sung (Mẫu 02) số 01/HDHS-UBND", "tệp PDF đã lưu bị thay"),
        ),
    ],
)
def test_each_edit_outside_the_program_is_named(office, capsys, edits, words):
    sql(office[0], *edits)
    rc, out = verify(office[0], capsys)
    assert rc == 1, out
    assert any(all(w in line for w in words) for line in out.splitlines()), out


def test_a_deleted_apology_is_named_with_its_dossier(office, capsys):
    ward, codes = office
    sql(ward, "DELETE FROM apology")
    rc, out = verify(ward, capsys)
    assert rc == 1
    assert f"hồ sơ {codes[0]}: văn bản xin lỗi lần 1 (số 1) đã bị xoá" in out, out


def test_swapped_password_hashes_name_both_accounts(office, capsys):
    ward, _ = office
    swap = "(SELECT password_hash FROM staff WHERE username = '{}')"
    sql(
        ward,
        f"UPDATE staff SET title = {swap.format('canbo1')} WHERE username = 'chutich'",
        f"UPDATE staff SET password_hash = {swap.format('chutich')} WHERE username = 'canbo1'",
        "UPDATE staff SET password_hash = title, title = '' WHERE username = 'chutich'",
    )
    rc, out = verify(ward, capsys)
    assert rc == 1
    for name in ("canbo1", "chutich"):
        assert f"tài khoản {name} bị sửa ngoài chương trình: mật khẩu (mã băm)" in out, out


def test_editing_the_log_to_match_breaks_its_chain(office, capsys):
    """Whoever also rewrites the recorded state (the append-only trigger dropped and put back)
    makes the row match again, but the event's hash no longer does."""
    ward, _ = office
    edit = (
        'UPDATE admin_event SET state = replace(state, \'"role":"clerk"\', \'"role":"admin"\') '
        "WHERE kind = 'account' AND state LIKE '%canbo1%'"
    )
    if ward.on_server:  # the owner may switch its table's trigger off and on again
        off, on = (
            f"ALTER TABLE admin_event {verb} TRIGGER admin_event_no_update"
            for verb in ("DISABLE", "ENABLE")
        )
    else:
        con = sqlite3.connect(ward.path)
        (on,) = con.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'admin_event_no_update'"
        ).fetchone()
        con.close()
        off = "DROP TRIGGER admin_event_no_update"
    sql(ward, "UPDATE staff SET role = 'admin' WHERE username = 'canbo1'", off, edit, on)
    rc, out = verify(ward, capsys)
    assert rc == 1
    assert "nhật ký quản trị: bản ghi số" in out and "đã bị sửa sau khi ghi" in out, out
    assert "tài khoản canbo1" not in out  # the row matches the edited record: only the hash tells


def test_reprint_refuses_a_replaced_pdf(office, tmp_path):
    ward, codes = office
    with ward.read() as s:
        docs = reprints.issued_for(s, codes[0])
    assert reprints.write_copy(ward, docs[0].id, tmp_path / "ok.pdf").read_bytes()[:5] == b"%PDF-"
    fake = b"%PDF-1.4 forged"
    sql(
        ward,
        f"UPDATE issued_document SET pdf = X'{fake.hex()}', "
        f"sha256 = '{hashlib.sha256(fake).hexdigest()}' WHERE id = {docs[0].id}",
    )
    with pytest.raises(WardError, match="đã bị thay đổi sau khi phát hành"):
        reprints.write_copy(ward, docs[0].id, tmp_path / "bad.pdf")
    assert not (tmp_path / "bad.pdf").exists()


def test_cli_reprint_refuses_a_replaced_pdf(office, tmp_path, capsys):
    ward, codes = office
    sql(ward, "UPDATE issued_document SET pdf = X'255044462d666f72676564' WHERE kind = 'apology'")
    rc = cli(
        ["--db", str(ward.path), "reprint", "apology", codes[0], "-o", str(tmp_path / "x.pdf")]
    )
    err = capsys.readouterr().err
    assert rc == 1 and "không in lại" in err and not (tmp_path / "x.pdf").exists()
