"""The window with a commitment signed before issue 21's targets: the dashboard and the Cam kết
screen say "chưa cam kết" for each indicator it lacks, and the chairman's amendment button
issues the amended commitment, after which they show the signed levels."""

import pytest

pytest.importorskip("PySide6")

from datetime import date  # noqa: E402

from sqlalchemy import select  # noqa: E402

from db.models import Commitment  # noqa: E402
from tests import test_gui  # noqa: E402
from tests.conftest import settled  # noqa: E402
from tests.test_gui_evidence import window_row  # noqa: E402

window = test_gui.window  # the demo window fixture
shown = test_gui.shown

OLD = ("on_time_rate", "apology_rate", "return_recorded_rate")


def test_not_committed_on_screen_then_amended_from_the_commitment_page(qtbot, window, shown):
    with window.ward.write() as s:
        c = s.scalars(select(Commitment).where(Commitment.year == 2026)).one()
        c.targets = [t for t in c.targets if t.indicator in OLD]
        c.signed_on, c.approver = date(2026, 2, 5), "Lê Minh Quang"
    dash = window.dashboard
    dash.refresh()
    settled(qtbot, window)  # the figures load off the GUI thread
    assert dash.figure_buttons["target:online_rate"].text().endswith("— chưa cam kết")
    assert "≥" not in dash.figure_buttons["target:online_rate"].text()
    assert dash.figure_buttons["target:on_time_rate"].text().startswith("≥ 98%: ")
    window.nav.setCurrentRow(window_row(window, "commitment"))
    page = window.commitment
    page.year.setValue(2026)
    page.refresh()
    settled(qtbot, window)
    html = page.view.toPlainText()
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình\nChưa cam kết" in html
    assert "Bản cam kết ký ngày 05/02/2026 không có chỉ tiêu cho" in html
    assert page.amend.isVisible() and page.amend.isEnabled()
    page.signed_on.set_value(date(2026, 6, 1))
    page.amend.click()
    qtbot.waitUntil(lambda: len(shown) == 1 or bool(window.messages), timeout=10000)
    assert not window.messages, window.messages
    settled(qtbot, window)
    assert shown[0][0].startswith("Bản cam kết sửa đổi, bổ sung")
    assert shown[0][1].startswith(b"%PDF") and shown[0][2] >= 2  # the form and its annex
    with window.ward.read() as s:
        amendments = list(s.scalars(select(Commitment.amendment).where(Commitment.year == 2026)))
    assert "Chưa cam kết" not in page.view.toPlainText()
    assert not page.amend.isVisible()
    assert sorted(amendments) == [0, 1]
