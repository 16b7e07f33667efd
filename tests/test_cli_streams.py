"""The CLI on a Windows console: output in UTF-8 whatever the code page, and a file the system
refuses (open in Excel, a folder that is a file) is the one-line error, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, encoding="utf-8"):
    env = dict(os.environ, WARDAPP_USER="chutich", WARDAPP_PASSWORD="demo1234")
    env["PYTHONIOENCODING"] = encoding  # what the console's code page would give Python
    return subprocess.run(
        [sys.executable, "-m", "wardapp", *args], capture_output=True, cwd=ROOT, env=env
    )


def test_vietnamese_output_through_a_cp1252_console():
    out = run("calendar", "--year", "2026", encoding="cp1252")
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    text = out.stdout.decode("utf-8")  # not cp1252, and nothing lost
    assert "Tết Nguyên Đán" in text and "ngày làm việc trong năm 2026" in text


def test_a_refused_output_file_is_one_line(tmp_path):
    db = tmp_path / "w.sqlite3"
    assert run("--db", str(db), "demo", "--dossiers", "5").returncode == 0
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    out = run(
        "--db",
        str(db),
        "report",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "-o",
        str(blocker / "b06.xlsx"),
        encoding="cp1252",
    )
    err = out.stderr.decode("utf-8")
    assert out.returncode == 1
    assert err.startswith("wardapp: error: ") and err.count("\n") == 1, err
    assert "not a folder" in err and "Traceback" not in err
