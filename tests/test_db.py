import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

import db.engine as engine_mod
from db.backends.sqlite import connection as sqlite_connection
from db.engine import DatabaseError, open_database
from tests.conftest import schema_diff


def test_pragmas_took_effect(tmp_path):
    eng = open_database(tmp_path / "a.sqlite3")
    with eng.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA busy_timeout")).scalar() == sqlite_connection.BUSY_TIMEOUT_MS


def test_models_match_migrations(tmp_path):
    assert schema_diff(open_database(tmp_path / "a.sqlite3")) == []


def test_migration_files_are_numbered_by_their_revision():
    """Start-up compares the stored revision with the newest file's number (no Alembic import):
    that holds only while each file NNNN_*.py declares revision 'NNNN' and the newest is head."""
    script = ScriptDirectory(str(engine_mod.MIGRATIONS_DIR))
    for rev in script.walk_revisions():
        assert Path(rev.path).name.startswith(f"{rev.revision}_"), rev.path
    assert engine_mod.newest_file_revision() == script.get_current_head()


def test_ordinary_start_makes_no_backup(tmp_path):
    p = tmp_path / "a.sqlite3"
    open_database(p).dispose()
    open_database(p).dispose()
    assert not (tmp_path / "backups").exists()


def test_event_history_is_append_only(ward):
    from tests.conftest import dt
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake

    intake(ward, IntakeData("CT.01", "Lê Văn A", received_at=dt("2026-11-20 09:00")), "hà")
    with ward.engine.connect() as c, pytest.raises(Exception, match="append-only"):
        c.execute(text("UPDATE dossier_event SET actor='x'"))
    with ward.engine.connect() as c, pytest.raises(Exception, match="append-only"):
        c.execute(text("DELETE FROM dossier_event"))


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    p = tmp_path / "a.sqlite3"
    open_database(p).dispose()
    con = sqlite3.connect(p)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="mới hơn chương trình"):
        open_database(p)


def test_pending_migration_backs_up_first_and_keeps_data(tmp_path, monkeypatch):
    """A second migration (written here) runs on a database holding a dossier: a timestamped
    copy is made first, and the data survives the upgrade."""
    p = tmp_path / "a.sqlite3"
    eng = open_database(p)
    with eng.begin() as c:
        c.execute(text("INSERT INTO setting(key, value) VALUES ('form_set', '\"TT01/2018\"')"))
    eng.dispose()
    mig = tmp_path / "migrations"
    shutil.copytree(engine_mod.MIGRATIONS_DIR, mig)
    head = ScriptDirectory(str(mig)).get_current_head()
    (mig / "versions" / "0099_test.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '0099'\ndown_revision = '{head}'\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n    op.add_column('setting', sa.Column('extra', sa.Integer(), nullable=True))\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(engine_mod, "MIGRATIONS_DIR", mig)
    eng = open_database(p)
    backups = list((tmp_path / "backups").glob("a.before-0099.*.sqlite3"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT value FROM setting WHERE key='form_set'").fetchone() == (
        '"TT01/2018"',
    )
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    with eng.connect() as c:
        assert c.execute(text("SELECT value, extra FROM setting")).one() == ('"TT01/2018"', None)
    eng.dispose()


def test_unreadable_file_gives_a_clear_error(tmp_path):
    p = tmp_path / "junk.sqlite3"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match="Không mở được"):
        open_database(p)


def test_apology_numbers_move_to_per_office_keeping_every_letter(ward):
    """0006 on a database made under 0005: the letters keep their numbers and gain the office
    of their dossier; downgrading and upgrading again loses nothing."""
    from alembic import command
    from sqlalchemy import select

    from db.engine import alembic_config
    from db.models import Apology
    from tests.conftest import dt
    from wardapp.dossiers.lifecycle import processing
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake

    d = intake(ward, IntakeData("HT.02", "Lê Văn A", received_at=dt("2026-12-01 09:00")), "x")
    processing.apologise(
        ward, d.code, "x", reason="Chờ xác minh", signer="Nguyễn Văn Bình", extra_days=2
    )
    engine = ward.engine
    command.downgrade(alembic_config(engine), "0005")
    with engine.connect() as c:
        cols = [r[1] for r in c.exec_driver_sql("PRAGMA table_info(apology)")]
        assert "office_id" not in cols
    command.upgrade(alembic_config(engine), "head")
    with ward.read() as s:
        ap = s.scalars(select(Apology)).one()
        assert (ap.number, ap.office_id) == (1, ward.office(s).id)
