"""A long logbook import commits in batches (``wardapp.dossiers.import_jobs``): killed midway it
leaves whole batches, marked as a partial import, that verify accepts and the same file's next
import completes to the state an uninterrupted import reaches.  A desk's save that waits for a
batch is told why: tests/test_write_lock.py, on both engines."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from db.models import Apology, Dossier, DossierEvent, Procedure
from tests.test_logbook import write_csv
from wardapp.cli import main as cli
from wardapp.common.errors import WardError
from wardapp.dossiers.logbook import import_logbook
from wardapp.office.store import Ward
from wardapp.setup.office import init_office

ROWS = 4500


def rows(n: int) -> list[list[str]]:
    """Rows out of date order; every seventh with its own code, every eleventh late and
    apologised, a procedure the catalogue lacks every thirteenth."""
    out = []
    for i in range(n):
        month, day, hour = 1 + (i * 7) % 12, 1 + (i * 5) % 27, 8 + i % 8
        received = f"2025-{month:02d}-{day:02d} {hour:02d}:00"
        own = f"OLD-{i}" if i % 7 == 0 else ""
        proc = ("X.99", "Xác nhận cũ", "Cư trú") if i % 13 == 0 else ("HT.02", "", "")
        late = i % 11 == 0
        out.append(
            [
                own,
                *proc,
                f"Người thứ {i}",
                "",
                "",
                "",
                "direct",
                received,
                f"2025-{month:02d}-{day:02d} 17:00" if late or proc[0] == "X.99" else "",
                f"2025-{month:02d}-28 10:00" if late else "",
                "",
                "resolved" if late else "",
                "",
                f"2025-{month:02d}-{day:02d} 16:00" if late else "",
                "",
            ]
        )
    return out


def new_ward(path) -> Ward:
    w = Ward.open(path)
    init_office(
        w,
        name="Phường Xuân An",
        agency_code="000.23.31.H26",
        parent="Ủy ban nhân dân tỉnh Lâm Đồng",
        chairman="Nguyễn Văn Bình",
        year=2026,
    )
    return w


def state(ward) -> tuple:
    """Everything a figure or a citizen's slip depends on, without uuids and write times."""
    with ward.read() as s:
        dossiers = sorted(
            (d.code, d.applicant_name, d.received_at, d.due_at, d.status, d.outcome)
            + (d.logbook_no, d.apology_count, d.procedure.code)
            for d in s.scalars(select(Dossier))
        )
        events = sorted(
            (e.dossier.code, e.seq, e.kind, e.at) for e in s.scalars(select(DossierEvent))
        )
        apologies = sorted((a.year, a.number, a.dossier.code) for a in s.scalars(select(Apology)))
        procs = sorted(
            p.code for p in s.scalars(select(Procedure).where(Procedure.source == "imported"))
        )
    return dossiers, events, apologies, procs


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from wardapp.dossiers import logbook
    from wardapp.office.store import Ward

    real, calls = logbook.write_historic, []

    def dies_in_second_batch(*args, **kwargs):
        calls.append(1)
        out = real(*args, **kwargs)
        if len(calls) == 2:  # its rows are written, its transaction not committed
            os.kill(os.getpid(), signal.SIGKILL)
        return out

    logbook.write_historic = dies_in_second_batch
    logbook.import_logbook(Ward.open(sys.argv[1]), sys.argv[2])
    """
)


def verify(path, capsys) -> tuple[int, str]:
    rc = cli(["--db", str(path), "verify"])
    out = capsys.readouterr()
    return rc, out.out + out.err


def test_an_import_killed_midway_verifies_and_resumes_to_the_same_state(ward, tmp_path, capsys):
    csv_path = write_csv(tmp_path / "so-cu.csv", rows(ROWS))
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(ward.path), str(csv_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    with ward.read() as s:
        written = s.query(Dossier).count()
    assert 0 < written < ROWS  # the first batch only

    rc, out = verify(ward.path, capsys)
    assert rc == 0, out
    assert f"lưu ý: nhập sổ theo dõi từ tệp so-cu.csv chưa xong: đã ghi {written}/{ROWS}" in out

    other = write_csv(tmp_path / "khac.csv", rows(3))
    with pytest.raises(WardError, match="so-cu.csv chưa xong"):
        import_logbook(ward, other)

    assert cli(["--db", str(ward.path), "register", "import", str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert f"tiếp tục lần nhập dở của tệp này: {written} hồ sơ đã ghi từ trước" in out
    assert f"{ROWS - written} hồ sơ đã nhập" in out
    rc, out = verify(ward.path, capsys)
    assert rc == 0 and "lưu ý" not in out, out

    reference = new_ward(tmp_path / "ref.sqlite3")
    try:
        res = import_logbook(reference, csv_path)
        assert res.written == ROWS
        assert state(ward) == state(reference)
    finally:
        reference.close()
