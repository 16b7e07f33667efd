"""The layering contract: db <- wardapp <- ui, and no Qt below ui."""

import subprocess
import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_cli_subcommand_does_not_load_qt(tmp_path):
    code = (
        "import sys; from ui.app import main; rc = main(['--db', sys.argv[1], 'due', '--days', '1',"
        " '--received', '2026-03-02 08:00']);"
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2026-03-03 08:00"


def test_entry_point_routes_subcommands_to_the_cli():
    from ui.app import wants_cli

    assert not wants_cli([])
    assert not wants_cli(["--db", "x.sqlite3"])
    assert not wants_cli(["--db=x.sqlite3"])
    assert not wants_cli(["--demo"])
    assert wants_cli(["--version"])
    assert wants_cli(["--db", "x.sqlite3", "report", "--year", "2026"])


def test_cli_start_up_leaves_heavy_libraries_to_the_commands_that_need_them(tmp_path):
    # Every group module is imported to build the parser; one top-level import of reportlab,
    # openpyxl or alembic in any of them would slow down every command.
    code = (
        "import sys; from wardapp.cli import build_parser, main; build_parser();"
        "assert 'sqlalchemy' not in sys.modules, 'parser pulled SQLAlchemy';"
        "rc = main(['--db', sys.argv[1], 'due', '--days', '1', '--received', '2026-03-02 08:00']);"
        "heavy = {'reportlab', 'openpyxl', 'alembic', 'PySide6'} & {m.split('.')[0] for m in sys.modules};"
        "assert not heavy, sorted(heavy); sys.exit(rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2026-03-03 08:00"
