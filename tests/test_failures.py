"""Issue 16 point 8: the machine's failures (disk full, read-only medium, no permission, a lock
held too long, a closed pipe) are one line on the CLI and a message in the window, and leave
nothing half-written: a document's file is written before its record commits.

Disk full and read-only are real where the tests can mount (root: a 64 KB tmpfs, a tmpfs
mounted read-only; chmod means nothing to root); elsewhere those two tests are skipped and the
monkeypatched ENOSPC tests still run."""

import errno
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from db.models import Apology, ExportLog, IssuedDocument
from tests.conftest import dt
from wardapp.cli import main
from wardapp.common.atomic import sweep
from wardapp.common.errors import failure_message
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.office.store import Ward

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def late(ward):
    return intake(ward, IntakeData("HT.02", "Lê A", received_at=dt("2026-12-01 09:00")), "x")


def cli(ward, *args) -> int:
    return main(["--db", str(ward.path), *args])


def apologies(ward) -> int:
    with ward.read() as s:
        return s.scalar(select(func.count()).select_from(Apology))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_apology_to_a_full_disk_records_nothing_and_the_retry_is_not_once_only(
    ward, late, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "out"
    out.mkdir()
    real = Path.write_bytes

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    args = ("apology", late.code, "--reason", "Chờ xác minh", "--days", "2")
    assert cli(ward, *args, "-o", str(out / "a.pdf")) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("wardapp: error: Ổ đĩa đã đầy"), err
    assert apologies(ward) == 0 and leftovers(out) == []  # no record, no file, no temporary
    monkeypatch.setattr(Path, "write_bytes", real)
    assert cli(ward, *args, "-o", str(out / "a.pdf")) == 0  # not "đã hẹn lại một lần"
    assert apologies(ward) == 1 and leftovers(out) == ["a.pdf"]
    with ward.read() as s:
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == 1


def test_batch_apology_and_commitment_write_their_file_before_their_record(
    ward, late, tmp_path, monkeypatch, capsys
):
    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    batch = ("apology", "--batch", "--reason", "Chờ", "--days", "2", "-o")
    assert cli(ward, *batch, str(tmp_path / "b.pdf")) == 1
    assert (
        cli(
            ward,
            "commitment",
            "--year",
            "2026",
            "--approver",
            "Trần B",
            "-o",
            str(tmp_path / "c.pdf"),
        )
        == 1
    )
    assert capsys.readouterr().err.count("Ổ đĩa đã đầy") == 2
    assert apologies(ward) == 0
    with ward.read() as s:
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".wardapp-")]


@pytest.fixture
def mount(tmp_path):
    """mount(options) → a fresh tmpfs folder with those options, unmounted after the test."""
    made = []

    def make(options: str) -> Path:
        where = tmp_path / f"mnt{len(made)}"
        where.mkdir()
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)])
        if r.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (not root)")
        made.append(where)
        return where

    yield make
    for where in made:
        subprocess.run(["umount", "-l", str(where)])


def test_export_to_a_really_full_disk_is_one_line_and_sends_nothing(ward, late, mount, capsys):
    disk = mount("size=64k")
    (disk / "filler").write_bytes(b"\0" * (60 << 10))
    assert cli(ward, "export", "-o", str(disk)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Ổ đĩa đã đầy" in err[0], err
    assert leftovers(disk) == ["filler"]
    with ward.read() as s:
        assert s.scalar(select(func.count()).select_from(ExportLog)) == 0


def test_output_on_a_read_only_medium_is_one_line(ward, late, mount, capsys):
    ro = mount("ro,size=64k")
    assert cli(ward, "receipt", late.code, "-o", str(ro / "r.pdf")) == 1
    args = ("apology", late.code, "--reason", "Chờ", "--days", "2", "-o", str(ro / "a.pdf"))
    assert cli(ward, *args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all("chỉ cho phép đọc" in line for line in err), err
    assert apologies(ward) == 0


def test_a_lock_held_too_long_and_a_read_only_database_have_their_sentences(tmp_path):
    db = tmp_path / "x.sqlite3"
    holder = sqlite3.connect(db)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(db, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as locked:
        other.execute("INSERT INTO t VALUES (1)")
    holder.rollback()
    wrapped = OperationalError("INSERT INTO t VALUES (1)", {}, locked.value)
    assert failure_message(wrapped).startswith("Cơ sở dữ liệu đang bận")
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as readonly:
        ro.execute("INSERT INTO t VALUES (1)")
    assert "chỉ cho phép đọc" in failure_message(OperationalError("x", {}, readonly.value))
    assert failure_message(ValueError("x")) is None
    assert failure_message(OSError(errno.EBADF, "x")) is None  # a bug stays a bug


def test_a_closed_pipe_is_one_line_not_a_traceback():
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    p = subprocess.Popen(
        [sys.executable, "-m", "wardapp", "calendar", "--year", "2026"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    p.stdout.close()  # the reader went away (``| head`` done)
    err = p.stderr.read().decode()
    assert p.wait() == 1, err
    assert err.strip().splitlines() == ["wardapp: error: đầu ra bị đóng giữa chừng (broken pipe)"]


def test_leftovers_of_interrupted_runs_are_removed_at_the_next_start(ward, tmp_path):
    folder = Path(ward.path).parent
    (folder / "backups").mkdir(exist_ok=True)
    old = [
        folder / ".wardapp-k2j3h.wardpkg",
        folder / "copy.sqlite3.checking",
        folder / "backups" / "wardapp.sqlite3.before-0009.20261201.sqlite3.part",
    ]
    keep = [folder / "notes.part", folder / ".wardapp-fresh.pdf"]
    hour_ago = time.time() - 2 * 3600
    for p in old + keep:
        p.write_bytes(b"x")
    for p in old + keep[:1]:
        os.utime(p, (hour_ago, hour_ago))
    Ward.open(ward.path).close()
    assert [p.exists() for p in old] == [False] * 3
    assert [p.exists() for p in keep] == [True, True]  # not ours; maybe a running desk's
    assert sweep(folder) == []


def test_restore_from_a_read_only_medium_checks_its_copy_in_a_temporary_folder(
    ward, late, mount, tmp_path, monkeypatch
):
    """The scratch copy a restore checks (and migrates) is made in a temporary folder, not
    beside the backup: on a write-protected drive there is no room beside it, and nothing is
    left behind there or in the temporary folder."""
    import tempfile

    from wardapp.trust import backup

    usb = mount("size=8m")
    path = backup.backup_now(ward, usb)
    before = sorted(p.name for p in usb.rglob("*"))
    r = subprocess.run(["mount", "-o", "remount,ro", str(usb)])
    assert r.returncode == 0
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    res = backup.restore(ward, path)
    assert "chuỗi băm nguyên vẹn" in res.chain
    assert sorted(p.name for p in usb.rglob("*")) == before
    assert list(temp.iterdir()) == []
