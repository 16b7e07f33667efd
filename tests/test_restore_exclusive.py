"""Restore takes the database over: a desk writing in another process loses nothing it was told
was saved, and is told to restart instead of writing into the replaced file."""

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from wardapp.trust import backup

DESK = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from wardapp.common import clock
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake
    from wardapp.office.store import Ward

    clock.set_fixed_now(datetime(2026, 12, 15, 12, 0))
    ward = Ward.open(sys.argv[1])
    for i in range(5000):
        try:
            d = intake(ward, IntakeData("HT.02", f"Người {i}"), "canbo1")
        except Exception as exc:
            print("REFUSED", type(exc).__name__, exc, flush=True)
            break
        print("SAVED", d.code, flush=True)  # what the desk shows the citizen
        time.sleep(0.005)
    """
)


def _codes(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT code FROM dossier")}
    finally:
        con.close()


def test_restore_beside_a_writing_desk_loses_nothing_it_confirmed(ward, tmp_path):
    saved_backup = backup.backup_now(ward, tmp_path / "bk")
    desk = subprocess.Popen(
        [sys.executable, "-c", DESK, str(ward.path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    lines = []
    for line in desk.stdout:  # let the desk confirm a few intakes first
        lines.append(line.strip())
        if len(lines) == 5:
            break
    res = backup.restore(ward, saved_backup)
    rest, err = desk.communicate(timeout=300)
    lines += rest.splitlines()
    saved = [x.split()[1] for x in lines if x.startswith("SAVED")]
    assert len(saved) >= 5, err
    assert lines[-1].startswith("REFUSED DatabaseReplaced"), (lines[-3:], err)
    assert "mở lại" in lines[-1]
    kept, restored = _codes(res.replaced_copy), _codes(Path(ward.path))
    assert set(saved) <= kept  # every intake the desk confirmed is in the kept file
    assert not set(saved) & restored  # and none landed in the restored one
    assert restored == set()  # the backup was taken before any intake


def test_a_program_opened_after_a_restore_writes_normally(ward, tmp_path):
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake
    from wardapp.office.store import Ward

    saved_backup = backup.backup_now(ward, tmp_path / "bk")
    intake(ward, IntakeData("HT.02", "Trước"), "canbo1")
    res = backup.restore(ward, saved_backup)
    again = Ward.open(ward.path)
    try:
        code = intake(again, IntakeData("HT.02", "Sau"), "canbo1").code
    finally:
        again.close()
    assert _codes(Path(ward.path)) == {code}
    kept = Ward.open(res.replaced_copy)  # the kept copy opens and takes writes too
    try:
        intake(kept, IntakeData("HT.02", "Bản giữ"), "canbo1")
    finally:
        kept.close()
    assert len(_codes(res.replaced_copy)) == 2
