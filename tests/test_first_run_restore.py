"""Moving to a new PC: the first-run dialog turns the old PC's backup into this PC's database,
after the restore's checks; a file that fails them leaves nothing behind."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from conftest import dt  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402
from sqlalchemy import select  # noqa: E402

from db.models import Dossier  # noqa: E402
from wardapp.dossiers.lifecycle.intake import IntakeData, intake  # noqa: E402
from wardapp.trust import backup  # noqa: E402


def test_first_run_restores_the_old_pcs_backup(qtbot, ward, tmp_path, monkeypatch):
    from ui.first_run import FirstRunDialog

    intake(ward, IntakeData("HT.02", "Lê Văn A", received_at=dt("2026-12-15 09:00")), "x")
    copy = backup.backup_now(ward, tmp_path / "USB #1")
    new = tmp_path / "máy mới 100%" / "wardapp.sqlite3"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    dlg = FirstRunDialog(new)
    qtbot.addWidget(dlg)
    dlg.restore()
    assert dlg.result() == FirstRunDialog.CREATED
    with dlg.ward.read() as s:
        assert dlg.ward.office(s).name == "Phường Xuân An"
        assert [d.applicant_name for d in s.scalars(select(Dossier))] == ["Lê Văn A"]
    dlg.ward.close()
    assert sorted(p.name for p in new.parent.iterdir()) == ["wardapp.sqlite3"]


def test_first_run_refuses_a_file_that_is_not_a_backup(qtbot, tmp_path, monkeypatch):
    from ui.first_run import FirstRunDialog

    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    new = tmp_path / "new" / "wardapp.sqlite3"
    dlg = FirstRunDialog(new)
    qtbot.addWidget(dlg)
    dlg.restore()
    assert messages == ["notes.sqlite3 không phải tệp cơ sở dữ liệu."]
    assert dlg.ward is None and not new.exists()
