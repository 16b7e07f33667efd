"""The batch apology as a checklist (issue 19): candidates all ticked, a shared reason each
dossier may replace, the first letter previewed without recording anything, a confirmation
naming how many letters, a progress bar; nothing is issued before the confirmation."""

import pytest

pytest.importorskip("PySide6")

from datetime import datetime  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from db.models import Apology, IssuedDocument  # noqa: E402
from tests.conftest import as_demo, settled  # noqa: E402
from ui import ask  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from wardapp.documents import batch_candidates  # noqa: E402
from wardapp.dossiers import IntakeData, intake  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.trust import auth  # noqa: E402


@pytest.fixture
def window(qtbot, ward, monkeypatch):
    import ui.preview

    demo.generate(as_demo(ward), dossiers=20, seed=3)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    for day, name in ((1, "Lê Văn An"), (2, "Phạm Thị Bình"), (3, "Hoàng Văn Cường")):
        intake(  # received early in December with a 3-day limit: late by the 15th
            ward,
            IntakeData(
                procedure_code="HT.02",
                applicant_name=name,
                received_at=datetime(2026, 12, day, 9, 0),
            ),
            "chutich",
        )
    messages, docs = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(
        ui.preview.PreviewDialog,
        "exec",
        lambda self: docs.append((self.windowTitle(), self.path.read_bytes())) or 0,
    )
    w = MainWindow(ward, background=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
    w.messages, w.docs = messages, docs
    return w


def counts(ward) -> tuple[int, int]:
    with ward.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Apology)),
            s.scalar(select(func.count()).select_from(IssuedDocument)),
        )


def test_checklist_preview_confirm_and_issue_only_the_ticked(qtbot, window, monkeypatch):
    ward, page = window.ward, window.apologies
    settled(qtbot, window)
    codes = batch_candidates(ward)
    assert len(codes) >= 3
    before = counts(ward)
    dlg = page.issue_all()
    settled(qtbot, window)  # the candidates are read behind
    assert dlg.isVisible() and dlg.chosen() == codes  # all ticked by default
    assert dlg.count.text() == f"Đã chọn {len(codes)}/{len(codes)} hồ sơ"
    assert not dlg.issue_btn.isEnabled() and "Chưa có lý do" in dlg.problems.text()
    dlg.reason.setText("Cơ quan phối hợp chậm trả kết quả")
    assert dlg.issue_btn.isEnabled() and dlg.problems.text() == ""
    dlg.table.item(1, 0).setCheckState(Qt.Unchecked)  # not this one
    dlg.table.item(2, 4).setText("Chờ kết quả xác minh của Công an phường")
    assert dlg.count.text() == f"Đã chọn {len(codes) - 1}/{len(codes)} hồ sơ"
    # the first letter as it will be printed; nothing recorded, numbered or archived
    preview = dlg.show_preview()
    assert preview.isVisible() and preview.page_count == 1
    text = preview.path.read_bytes()
    assert text.startswith(b"%PDF")
    assert counts(ward) == before
    preview.close()
    # asked first: "No" issues nothing
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda *a: asked.append(a[2]) or False)
    dlg.issue_btn.click()
    assert asked[-1].startswith(f"Phát hành {len(codes) - 1} văn bản xin lỗi?")
    assert counts(ward) == before and dlg.isVisible() and window.docs == []
    monkeypatch.setattr(ask, "confirm", lambda *a: True)
    dlg.issue_btn.click()
    assert dlg.progress.value() == dlg.progress.maximum() == len(codes) - 1
    assert not dlg.isVisible() and window.docs and window.docs[-1][1].startswith(b"%PDF")
    with ward.read() as s:
        got = {a.dossier.code: a.reason for a in s.scalars(select(Apology)).all()}
    assert codes[1] not in got and len(got) == before[0] + len(codes) - 1
    assert got[codes[2]] == "Chờ kết quả xác minh của Công an phường"
    assert got[codes[0]] == "Cơ quan phối hợp chậm trả kết quả"
    settled(qtbot, window)
    assert page.table.rowCount() == 1  # the unticked one is still waiting
    assert page.table.item(0, 0).text() == codes[1]


def test_nothing_ticked_issues_nothing(qtbot, window):
    page = window.apologies
    dlg = page.issue_all()
    settled(qtbot, window)  # the candidates are read behind
    dlg.reason.setText("Chậm")
    for i in range(dlg.table.rowCount()):
        dlg.table.item(i, 0).setCheckState(Qt.Unchecked)
    assert not dlg.issue_btn.isEnabled() and not dlg.preview_btn.isEnabled()
    assert dlg.problems.text() == "Chưa chọn hồ sơ nào."


def test_the_question_is_asked_in_vietnamese_and_defaults_to_no(qtbot):
    box, yes = ask.question_box(None, "Phát hành văn bản xin lỗi", "Phát hành 3 văn bản xin lỗi?")
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["Có", "Không"]
    assert box.defaultButton().text() == "Không" and yes.text() == "Có"
