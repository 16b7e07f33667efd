"""The figures of the dashboard, the report screen and the commitment open exactly the rows
behind them; the return asks the citizen on its own panel; the initiatives tab writes through
the register (issue 21)."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from tests import test_gui  # noqa: E402
from tests.conftest import (
    dt,  # noqa: E402
    settled,
)
from ui.satisfaction import SatisfactionPanel  # noqa: E402
from wardapp.dossiers import IntakeData, get_dossier, intake, processing  # noqa: E402
from wardapp.indicators import build_report  # noqa: E402

window = test_gui.window  # the demo window fixture


def test_every_dashboard_and_report_figure_opens_its_rows(qtbot, window):
    dash = window.dashboard
    settled(qtbot, window)  # its figures load behind
    period = dash.period  # the quarter the dashboard shows
    with window.ward.read() as s:
        want = build_report(s, period).total
    for key in ("on_time_rate", "apology_rate", "return_recorded_rate", "satisfaction_rate"):
        dash.figure_buttons[key].click()
        settled(qtbot, window)  # the rows are read behind
        rows = dash._evidence.rows
        counted = sum(e.counted for e in rows)
        tallies = {
            "on_time_rate": ("resolved_total", None),
            "apology_rate": ("late_total", "late_apologised"),
            "return_recorded_rate": ("resolved_total", "resolved_returned"),
            "satisfaction_rate": ("rated_asked", "rated_satisfied"),
        }[key]
        assert len(rows) == want.values[tallies[0]], key
        if tallies[1]:
            assert counted == want.values[tallies[1]], key
        assert dash._evidence.table.rowCount() == len(rows)
    window.nav.setCurrentRow(window_row(window, "reports"))
    page = window.reports
    settled(qtbot, window)
    report = page.report()
    page.open_figure(QUrl("ev:resolved_late"))
    settled(qtbot, window)
    assert len(page._evidence.rows) == report.total.values["resolved_late"]
    field = next(iter(report.rows))
    page.open_figure(QUrl("ev:received_total:0"))
    settled(qtbot, window)
    assert len(page._evidence.rows) == report.rows[field].values["received_total"]


def window_row(window, key: str) -> int:
    from ui.main_window import PAGES

    return [k for k, _m, _c in PAGES].index(key)


def test_commitment_figures_trend_and_the_initiatives_tab(qtbot, window, tmp_path, monkeypatch):
    window.nav.setCurrentRow(window_row(window, "commitment"))
    page = window.commitment
    settled(qtbot, window)
    html = page.view.toHtml()
    assert "Diễn biến theo tháng" in html and "ev:initiatives_per_year" in html
    page.open_figure(QUrl("ev:initiatives_per_year"))
    settled(qtbot, window)
    assert [r.title for r in page._evidence.rows] == [
        "Trả kết quả hộ tịch qua tin nhắn Zalo của phường"
    ]
    page.open_figure(QUrl("ev:on_time_rate"))
    settled(qtbot, window)
    with window.ward.read() as s:
        resolved = build_report(s, page.period_, window.ward.office(s).id).total.values
    assert len(page._evidence.rows) == resolved["resolved_total"]
    box = page.initiatives
    page.tabs.setCurrentWidget(box)
    n = box.table.rowCount()
    box.title.setText("Một cửa không giấy")
    box.authors.setText("Lê A")
    box.add_btn.click()
    assert box.table.rowCount() == n + 1 and box.table.item(n, 2).text() == "Một cửa không giấy"
    box.table.selectRow(n)
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(b"%PDF bien ban nghiem thu")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(evidence), ""))
    box.attach_btn.click()
    assert box.table.item(n, 7).text() == "bien-ban.pdf"
    box.status.setCurrentIndex(1)  # recognised, without its decision: refused, said why
    box.decision_no.clear()
    box.status_btn.click()
    assert window.messages and "Số quyết định công nhận" in window.messages[-1]
    box.decision_no.setText("77/QĐ-UBND")
    box.status_btn.click()
    assert box.table.item(n, 5).text() == "Được công nhận"


def test_the_return_opens_the_citizens_panel(qtbot, window):
    ward = window.ward
    d = intake(ward, IntakeData("HT.02", "Lê Văn Tám", received_at=dt("2026-12-14 09:00")), "x")
    processing.resolve(ward, d.code, "x")
    window.nav.setCurrentRow(window_row(window, "register"))
    reg = window.register
    reg.search.setText(d.code)
    qtbot.waitUntil(lambda: reg.model.rowCount() == 1, timeout=3000)
    reg.select(0)
    reg.act("return")  # the return's own dialog (time, who takes it), then the panel
    assert not hasattr(reg, "satisfaction") or not reg.satisfaction.isVisible()
    qtbot.waitUntil(lambda: reg.step_dialog.ready, timeout=5000)  # its dossier, read behind
    reg.step_dialog.ok.click()
    panel = reg.satisfaction
    assert isinstance(panel, SatisfactionPanel) and panel.isVisible()
    assert set(panel.buttons) == {"hai_long", "binh_thuong", "khong_hai_long"}
    panel.comment.setText("Cán bộ tận tình")
    panel.buttons["hai_long"].click()
    with ward.read() as s:
        got = get_dossier(s, d.code)
        assert got.status == "returned" and got.rating == "hai_long"
        assert got.events[-1].reason == "Cán bộ tận tình"
    # a second return's panel, skipped: nothing written, the dossier stays "not asked"
    e = intake(ward, IntakeData("HT.02", "Lê Thị Chín", received_at=dt("2026-12-14 10:00")), "x")
    processing.resolve(ward, e.code, "x")
    reg.search.setText(e.code)
    qtbot.waitUntil(
        lambda: reg.model.rowCount() == 1 and reg.model.row(0).code == e.code, timeout=3000
    )
    reg.select(0)
    reg.act("return")
    qtbot.waitUntil(lambda: reg.step_dialog.ready, timeout=5000)
    reg.step_dialog.ok.click()
    reg.satisfaction.skip.click()
    with ward.read() as s:
        assert get_dossier(s, e.code).rating == ""
    assert reg.buttons["rate"].isEnabled()  # returned, not asked: may still be asked
    reg.search.setText(d.code)
    qtbot.waitUntil(
        lambda: reg.model.rowCount() == 1 and reg.model.row(0).code == d.code, timeout=3000
    )
    reg.select(0)
    assert not reg.buttons["rate"].isEnabled()  # answered once: greyed, saying why
    assert "đã đánh giá" in reg.buttons["rate"].toolTip()
