"""``wardapp verify`` catches direct edits of the file that change a figure (issue 16, point 4):
each edit below is made with plain SQL, as someone with the file and a SQLite tool would, and
verify exits 1 naming the dossier (or the year, or the trigger) it concerns."""

import sqlite3

import pytest
from conftest import dt

from wardapp.cli import main as cli
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake

# the edits are made in the file with SQLite itself, behind the program's back
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def office(ward):
    """Three dossiers: one late and apologised for, one on time, one still open."""
    codes = []
    for i, when in enumerate(("2026-12-01 09:00", "2026-12-02 09:00", "2026-12-10 09:00")):
        d = intake(ward, IntakeData("HT.02", f"Người {i}", received_at=dt(when)), "canbo1")
        codes.append(d.code)
    processing.apologise(
        ward, codes[0], "canbo1", reason="Chờ", signer="CT", extra_days=2, at=dt("2026-12-03 09:00")
    )
    processing.resolve(ward, codes[0], "canbo1", at=dt("2026-12-08 10:00"))  # late, backdated
    processing.resolve(ward, codes[1], "canbo1", at=dt("2026-12-15 11:00"))
    return ward, codes


def sql(ward, *statements):
    con = sqlite3.connect(ward.path)
    try:
        for st in statements:
            con.execute(st)
        con.commit()
    finally:
        con.close()


def verify(ward, capsys) -> tuple[int, str]:
    rc = cli(["--db", str(ward.path), "verify"])
    return rc, capsys.readouterr().out


def test_an_untouched_file_verifies(office, capsys):
    rc, out = verify(office[0], capsys)
    assert rc == 0, out
    assert "search index: ok" in out and "mọi hồ sơ khớp lịch sử" in out


@pytest.mark.parametrize(
    "edit,words",
    [
        ("UPDATE dossier SET outcome = 'on_time' WHERE code = '{0}'", ("kết quả", "late")),
        ("UPDATE dossier SET apology_count = 0 WHERE code = '{0}'", ("số lần xin lỗi",)),
        (
            "UPDATE dossier SET due_at = datetime(due_at, '+60 days') WHERE code = '{2}'",
            ("hạn trả",),
        ),
        ("UPDATE dossier SET channel = 'online' WHERE code = '{1}'", ("kênh tiếp nhận",)),
        ("UPDATE dossier SET full_online = 1 WHERE code = '{1}'", ("trực tuyến toàn trình",)),
        ("UPDATE dossier SET status = 'returned' WHERE code = '{2}'", ("trạng thái",)),
    ],
)
def test_an_edited_row_is_named_with_its_code(office, capsys, edit, words):
    ward, codes = office
    sql(ward, edit.format(*codes))
    rc, out = verify(ward, capsys)
    code = codes[int(edit.split("'{")[1][0])]
    line = next((x for x in out.splitlines() if x.startswith(f"hồ sơ {code}:")), "")
    assert rc == 1 and all(w in line for w in words), out


def test_inserted_dossiers_are_caught(office, capsys):
    ward, codes = office
    cols = (
        "office_id, procedure_id, applicant_name, applicant_name_folded, applicant_id, phone, "
        "email, address, channel, full_online, paid_online, fee, sets_count, documents, "
        "received_at, due_at, resolved_at, returned_at, closed_at, finished_at, days_open, "
        "outcome, status, status_at, paused_at, apology_count, logbook_no, note, version, "
        "updated_at"
    )
    sql(
        ward,
        *(
            f"INSERT INTO dossier (uuid, code, {cols}) SELECT '00000000-0000-4000-8000-00000000000{i}', "
            f"'X-{i}', {cols} FROM dossier WHERE code = '{codes[1]}'"
            for i in range(3)
        ),
    )
    rc, out = verify(ward, capsys)
    assert rc == 1
    assert "hồ sơ X-0: không có sự kiện nào" in out and "hồ sơ được chèn thêm" in out


def test_deleting_the_newest_dossiers_is_caught(office, capsys):
    """Events and dossiers removed together (the guard trigger dropped first): the logbook
    counter is ahead of the dossiers, and the trigger is gone (when the deleted events are the
    newest, the chain that is left is whole: only the counter shows it)."""
    ward, codes = office
    sql(
        ward,
        "DROP TRIGGER dossier_event_no_delete",
        f"DELETE FROM dossier_event WHERE dossier_id = (SELECT id FROM dossier WHERE code = '{codes[2]}')",
        f"DELETE FROM dossier WHERE code = '{codes[2]}'",
    )
    rc, out = verify(ward, capsys)
    assert rc == 1
    assert "sổ theo dõi năm 2026 (đã cấp đến số 3): thiếu 1 số (từ 3 đến 3)" in out
    assert "thiếu trigger bảo vệ 'dossier_event_no_delete'" in out


def test_a_dropped_search_trigger_is_caught(office, capsys):
    sql(office[0], "DROP TRIGGER dossier_search_au")
    rc, out = verify(office[0], capsys)
    assert rc == 1 and "thiếu trigger bảo vệ 'dossier_search_au'" in out


def test_a_cleared_backdated_flag_is_caught(office, capsys):
    """The resolution of the first dossier was entered a week late: the flag is in the hashed
    data, so clearing the column (trigger dropped and put back) is seen."""
    ward, codes = office
    con = sqlite3.connect(ward.path)
    (trigger,) = con.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'dossier_event_no_update'"
    ).fetchone()
    con.close()
    sql(
        ward,
        "DROP TRIGGER dossier_event_no_update",
        "UPDATE dossier_event SET backdated = 0",
        trigger,
    )
    rc, out = verify(ward, capsys)
    assert rc == 1 and f"hồ sơ {codes[0]}:" in out and "nhập lùi" in out, out
