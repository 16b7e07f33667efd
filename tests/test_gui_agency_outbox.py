"""The window's side of issue 21 part 2: the per-agency late counts on the dashboard and the
report page open their dossiers with the hand-over times; the Xin lỗi page lists the outbox,
says when nothing can be sent, and sends (retries) from its button."""

from datetime import datetime

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from tests.conftest import NOW, as_demo, dt, settled
from tests.test_apology_delivery import configure, free_port, start_server
from ui.main_window import MainWindow  # noqa: E402
from wardapp.common.clock import set_fixed_now
from wardapp.documents.apology import issue_apology
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.setup import demo
from wardapp.trust import auth

LAND = "Văn phòng đăng ký đất đai"
EMAIL = "dat.tran@example.vn"


@pytest.fixture
def at_land(ward):
    """DD.01 received 01/12 08:00, at the land office since 09:00: its 9 days ran out on 14/12,
    the dossier's 10 on 15/12 at 08:00; at the tests' 15/12 12:00 it is late at the land office."""
    set_fixed_now(datetime(2026, 12, 1, 8, 0))
    d = intake(
        ward,
        IntakeData("DD.01", "Trần Văn Đất", email=EMAIL, received_at=dt("2026-12-01 08:00")),
        "canbo1",
    )
    set_fixed_now(datetime(2026, 12, 1, 9, 0))
    processing.forward(ward, d.code, "canbo1", agency=LAND, at=dt("2026-12-01 09:00"))
    set_fixed_now(NOW)
    return d


@pytest.fixture
def window(qtbot, ward, at_land, monkeypatch):
    demo.generate(as_demo(ward), dossiers=60, seed=5)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: infos.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: infos.append(text))
    w = MainWindow(ward, actor="chutich")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
    w.infos = infos
    return w


def dialog_rows(page) -> list[list[str]]:
    t = page.late_dialog.table
    return [[t.item(i, j).text() for j in range(t.columnCount())] for i in range(t.rowCount())]


def test_the_dashboard_and_the_report_open_the_land_offices_late_dossiers(qtbot, window, at_land):
    dash = window.dashboard
    settled(qtbot, window)  # its figures load behind
    assert LAND in dash.late_buttons
    dash.late_buttons[LAND].click()
    rows = dialog_rows(dash)
    assert len(rows) == int(dash.late_buttons[LAND].text())
    mine = [r for r in rows if r[0] == at_land.code]
    assert mine and mine[0][5:10] == [LAND, "09:00 01/12/2026", "", "9 ngày", "Quá hạn"]
    page = window.reports
    page.kind.setCurrentIndex(1)  # Tháng
    page.number.setValue(12)
    page.year.setValue(2026)
    settled(qtbot, window)
    page.late_buttons[LAND].click()
    assert at_land.code in [r[0] for r in dialog_rows(page)]
    QApplication.processEvents()


def test_the_outbox_on_the_apologies_page_says_why_nothing_is_sent_then_sends(
    qtbot, window, at_land, tmp_path
):
    issue_apology(window.ward, at_land.code, "chutich", tmp_path / "a.pdf", reason="Chờ đo đạc")
    page = window.apologies
    page.refresh()
    settled(qtbot, window)
    assert "chưa cấu hình máy chủ thư" in page.delivery.text()
    rows = {page.outbox.item(i, 2).text(): i for i in range(page.outbox.rowCount())}
    i = rows[at_land.code]
    assert [page.outbox.item(i, j).text() for j in (0, 1, 3)] == ["Chờ gửi", "Thư điện tử", EMAIL]
    page.send_button.click()  # off the GUI thread: the message box comes when it is done
    qtbot.waitUntil(lambda: len(window.infos) == 1, timeout=20000)
    assert window.infos[-1].startswith("Đã gửi 0")
    port = free_port()
    server, inbox = start_server(port)
    try:
        configure(
            window.ward,
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_security="none",
            smtp_sender="motcua@xuanan.gov.vn",
        )
        page.refresh()
        page.send_button.click()
        qtbot.waitUntil(lambda: len(window.infos) == 2, timeout=20000)
    finally:
        server.stop()
    assert [e.rcpt_tos for e in inbox.received] == [[EMAIL]]
    assert page.outbox.item(i, 0).text() == "Đã gửi"
    assert window.infos[-1].startswith("Đã gửi 1")
    assert not page.send_button.isEnabled()  # nothing left to send


def test_the_smtp_password_goes_to_the_keyring_not_the_settings(window, monkeypatch):
    from wardapp.documents import transport

    kept = {}
    monkeypatch.setattr(
        transport, "store_password", lambda user, secret: kept.update({user: secret})
    )
    monkeypatch.setattr(
        "ui.pages.apologies.QInputDialog.getText", lambda *a, **k: ("Mat-khau-9", True)
    )
    page = window.apologies
    page.password_button.click()
    assert window.infos[-1].startswith("Chưa nhập tài khoản thư")
    configure(window.ward, smtp_user="motcua@xuanan.gov.vn")
    page.password_button.click()
    assert kept == {"motcua@xuanan.gov.vn": "Mat-khau-9"}
    assert window.infos[-1] == "Đã lưu mật khẩu thư vào kho khoá của hệ điều hành."
    assert "Mat-khau-9" not in str(window.ward.rules().settings.as_dict())
