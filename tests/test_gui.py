"""The desk driven through its real widgets (pytest-qt, offscreen, on a temporary database)."""

from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from tests.conftest import AGENCY, as_demo, open_desk, pane_shown, settled
from ui import ask  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.trust import auth


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def type_text(widget, text: str) -> None:
    """Type like Unikey does: each finished character arrives as a key event carrying its text
    (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, ch))


@pytest.fixture
def window(qtbot, ward, monkeypatch):
    w = open_desk(qtbot, ward, monkeypatch, dossiers=300, seed=5, actor="canbo1")
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)  # start-up checks run off the GUI thread
    yield w
    w.close()  # before the ward's database goes (on a server it is dropped)


def test_intake_search_return_and_dashboard(qtbot, window):
    # the dashboard's figures are read behind, once it is placed (after other tests' windows
    # that may be later than the start-up checks this fixture waits for)
    qtbot.waitUntil(lambda: "open" in window.dashboard.count_buttons, timeout=20000)
    open_before = int(window.dashboard.count_buttons["open"].text())
    window.nav.setCurrentRow(1)
    page = window.intake
    qtbot.keyClicks(page.proc_search, "khai sinh ket hop")  # no diacritics
    assert page.proc_box.currentText().startswith("HT.02 — Đăng ký khai sinh kết hợp")
    assert "ngày làm việc" in page.due.text() and "Thời hạn 3 ngày" in page.due.toolTip()
    type_text(page.name, "Đặng Thị Đào")
    qtbot.keyClicks(page.phone, "0912345678")
    qtbot.keyClick(page.phone, Qt.Key_Return)  # Enter saves
    code = page.last_code
    assert code and code in page.result.text()
    assert page.receipt_btn.isEnabled()
    settled(qtbot, window)
    assert int(window.dashboard.count_buttons["open"].text()) == open_before + 1

    window.nav.setCurrentRow(2)
    reg = window.register
    qtbot.keyClicks(reg.search, "dang thi dao")  # đ matches d, no marks
    qtbot.waitUntil(lambda: reg.model.rowCount() == 1, timeout=3000)
    assert reg.model.row(0).code == code
    reg.select(0)
    pane_shown(reg)  # read behind (issue 20)
    assert "Đặng Thị Đào" in reg.detail.toPlainText()
    reg.act("return")  # refused: not resolved yet
    assert window.messages and "Mới tiếp nhận" in window.messages[-1]
    reg.act("resolve")  # a small dialog: the time (now), then "Ghi nhận"
    qtbot.waitUntil(lambda: reg.step_dialog.ready, timeout=5000)  # its dossier, read behind
    reg.step_dialog.ok.click()
    # the dialog was active while its step was saved (the desk's line lets the window process
    # events meanwhile); closed, a window manager hands focus back, which offscreen Qt has not
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(reg.table, Qt.Key_R, Qt.ControlModifier)  # the return, from one keystroke
    assert reg.step_dialog.by_applicant.isChecked()  # the applicant takes it by default
    qtbot.waitUntil(lambda: reg.step_dialog.ready, timeout=5000)
    qtbot.keyClick(reg.step_dialog.ok, Qt.Key_Return)
    assert reg.model.row(0).status == "returned", window.messages
    pane_shown(reg)
    assert "Trả kết quả" in reg.detail.toPlainText()
    settled(qtbot, window)
    assert int(window.dashboard.count_buttons["open"].text()) == open_before


def test_a_new_search_shows_its_first_rows_not_the_old_scroll_position(qtbot, window):
    window.nav.setCurrentRow(2)
    reg = window.register
    bar = reg.table.verticalScrollBar()
    bar.setValue(bar.maximum())  # the clerk had scrolled to the bottom of the register
    assert bar.value() > 0
    qtbot.keyClicks(reg.search, "h26")  # every code holds the agency code
    qtbot.waitUntil(lambda: reg.model.filters.search == "h26", timeout=3000)
    assert bar.value() == 0
    first = reg.table.indexAt(reg.table.viewport().rect().topLeft())
    assert first.row() == 0
    assert list(reg.model._pages) == [0]  # only the first page was read and formatted


def test_scrolling_keeps_a_bounded_number_of_pages_and_the_right_rows(qtbot, window, monkeypatch):
    from ui.pages import register_model
    from wardapp.dossiers import register as reg_q

    monkeypatch.setattr(register_model, "KEEP_PAGES", 2)
    window.nav.setCurrentRow(2)
    model = window.register.model
    model.wait_ids()  # read off the GUI thread right after the first page
    with window.ward.read() as s:
        plain = reg_q.page(s, model.filters, window.ward.rules(), model.now, offset=0, limit=10_000)
    codes = []
    for i in reversed(range(model.rowCount())):  # bottom up, then the top again
        model.wait_rows(i, i)
        codes.append(model.row(i).code)
        assert len(model._pages) <= 2
    assert codes[::-1] == [r.code for r in plain] and len(plain) == 300
    model.wait_rows(0, 0)
    assert model.row(0).code == plain[0].code  # evicted, read again


def test_id_and_phone_are_checked_as_typed(qtbot, window):
    page = window.intake
    qtbot.keyClicks(page.id_number, "12345678901")
    assert "12 chữ số" in page.id_msg.text()
    page.id_number.clear()
    qtbot.keyClicks(page.id_number, "068190001234")
    assert page.id_msg.text() == ""
    qtbot.keyClicks(page.phone, "0123456789")
    assert "không hợp lệ" in page.phone_msg.text()


def test_bad_intake_shows_message_and_writes_nothing(qtbot, window):
    page = window.intake
    before = window.register.model.rowCount()
    page.save()  # no name: said under the form, nothing saved
    assert "Họ tên người nộp: chưa nhập" in page.problems.text()
    assert not page.save_btn.isEnabled()
    window.register.model.reload()
    assert window.register.model.rowCount() == before


def test_dashboard_number_opens_exactly_those_dossiers(qtbot, window):
    window.page("dashboard")  # built on first use, its figures load behind
    settled(qtbot, window)
    late = int(window.dashboard.count_buttons["late"].text())
    window.dashboard.count_buttons["late"].click()
    assert window.stack.currentWidget() is window.register
    assert window.register.model.rowCount() == late
    m = window.register.model
    for i in range(late):
        assert m.data(m.index(i, 1)).startswith("⚠ Quá hạn")
        # colour and tooltip come from the same cached row as the text
        assert m.data(m.index(i, 3), Qt.BackgroundRole).color().name() == "#f8d7da"
        assert m.data(m.index(i, 0), Qt.ToolTipRole).startswith(m.row(i).code + "\n")
        assert m.data(m.index(i, 0), Qt.FontRole) is None


def test_sorting_by_a_column_requeries(qtbot, window):
    m = window.register.model
    m.sort(0, Qt.AscendingOrder)
    first = m.row(0).code
    m.sort(0, Qt.DescendingOrder)
    assert m.row(0).code > first


@pytest.fixture
def save_to(tmp_path, monkeypatch):
    """File dialogs answer with a path in tmp; the "saved, open it?" box is skipped."""
    import ui.save

    paths = []

    def ask(parent, title, name, filter_="PDF (*.pdf)"):
        paths.append(tmp_path / name)
        return str(paths[-1])

    monkeypatch.setattr(ui.save, "ask_path", ask)
    monkeypatch.setattr(ui.save, "saved", lambda parent, path, what: None)
    return paths


@pytest.fixture
def shown(monkeypatch):
    """The preview dialog records what it was given instead of waiting for a click."""
    import ui.preview

    docs = []

    def fake_exec(self):
        docs.append((self.windowTitle(), self.path.read_bytes(), self.page_count))
        return 0

    monkeypatch.setattr(ui.preview.PreviewDialog, "exec", fake_exec)
    return docs


def test_apologies_screen_issues_letters_for_all(qtbot, window, shown, monkeypatch):
    page = window.apologies
    settled(qtbot, window)
    n = page.table.rowCount()
    assert n == len(
        __import__("wardapp.documents.apology", fromlist=["x"]).batch_candidates(window.ward)
    )
    if n == 0:
        pytest.skip("demo data has no late dossier without apology at this seed")
    page.button.click()  # the checklist: every candidate ticked, nothing issued yet
    dlg = page.batch
    settled(qtbot, window)  # the candidates are read behind
    assert len(dlg.chosen()) == n and not shown
    dlg.reason.setText("Cơ quan phối hợp chậm trả kết quả")
    monkeypatch.setattr(ask, "confirm", lambda *a: True)
    dlg.issue_btn.click()
    assert shown and shown[-1][1].startswith(b"%PDF") and shown[-1][2] == n  # one page per letter
    settled(qtbot, window)
    assert page.table.rowCount() == 0
    window.page("dashboard")  # built on first use, its figures load behind
    settled(qtbot, window)
    assert window.dashboard.count_buttons["late_no_apology"].text() == "0"


def test_apology_needs_a_reason_in_the_gui(qtbot, window, shown):
    page = window.apologies
    settled(qtbot, window)
    if page.table.rowCount() == 0:
        pytest.skip("no candidates")
    page.button.click()
    dlg = page.batch
    settled(qtbot, window)  # the candidates are read behind
    dlg.reason.setText("")  # no reason: nothing can be issued, and it says why
    assert not dlg.issue_btn.isEnabled() and "Chưa có lý do chậm trễ" in dlg.problems.text()
    dlg.issue()
    assert shown == []


def test_reports_and_commitment_screens(qtbot, window, save_to, shown):
    window.nav.setCurrentRow(5)
    rep = window.reports
    settled(qtbot, window)
    assert "Biểu 06/VPCP/KSTT" in rep.view.toPlainText() and "Tổng cộng" in rep.view.toPlainText()
    rep.save_pdf()
    rep.save_xlsx()
    assert shown[-1][0].startswith("Biểu 06") and shown[-1][1].startswith(b"%PDF")
    assert [p.suffix for p in save_to] == [".xlsx"] and save_to[0].exists()
    n = len(shown)
    rep.kind.setCurrentIndex(3)  # the year's logbook: built off the GUI thread, then previewed
    rep.save_logbook()
    qtbot.waitUntil(lambda: len(shown) == n + 1, timeout=20000)
    assert shown[-1][0].startswith("Sổ theo dõi hồ sơ") and shown[-1][2] > 5
    com = window.commitment
    settled(qtbot, window)
    assert "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn" in com.view.toPlainText()
    n = len(shown)
    com.save()  # no approver yet: a message, no document
    assert "Người phê duyệt" in window.messages[-1] and len(shown) == n
    com.approver.setText("Lê Minh Quang")
    com.signed_on.setText("05/02/2026")  # typed the Vietnamese way
    com.save()
    assert shown[-1][0].startswith("Bản cam kết") and shown[-1][2] == 3  # form + 2-page annex
    assert "ngày 05 tháng 02 năm 2026" in pdf_text(shown[-1][1])
    com.refresh()  # the signing day is kept with the commitment
    settled(qtbot, window)
    assert com.signed_on.value() == date(2026, 2, 5)


def test_receipt_after_intake_previews_and_prints_for_real(qtbot, window, shown, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from ui.preview import print_pdf

    page = window.intake
    qtbot.keyClicks(page.proc_search, "1.001193")
    type_text(page.name, "Phạm Văn Em")
    page.save()
    page.save_receipt()
    title, pdf, pages = shown[-1]
    assert title.startswith("Giấy tiếp nhận") and pages == 2  # two copies
    src = tmp_path / "slip.pdf"
    src.write_bytes(pdf)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)  # a real print job, to a file
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(src, printer) == 2
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 2


def test_ward_exports_and_city_imports_through_the_exchange_screen(qtbot, window, tmp_path):
    from wardapp.exchange.city.wards import add_ward
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    page = window.exchange
    assert "Chưa xuất" in page.info.text()
    res = page.export_to(str(tmp_path))
    assert res.path.exists() and page.table.rowCount() == 1
    assert f"{res.counts['dossiers']} hồ sơ" in page.summary.toPlainText().replace(".", "")
    assert "procedures" not in page.summary.toPlainText()
    assert "Gói tuần này đã xuất" in page.info.text()

    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    from wardapp.trust.keys import own_key_file

    add_ward(
        city,
        name="Phường Xuân An",
        agency_code="000.23.31.H26",
        public_key=own_key_file(window.ward).public_key,
    )
    cw = MainWindow(city, actor="sonoivu")
    qtbot.addWidget(cw)
    cp = cw.exchange
    cp.check([str(res.path)])  # off the GUI thread, with a progress dialog
    qtbot.waitUntil(lambda: "kiểm tra được, chưa ghi" in cp.summary.toPlainText(), timeout=10000)
    assert "dry-run" not in cp.summary.toPlainText()  # words, not the CLI's codes
    assert cp.apply_btn.isEnabled() and cp.main_btn.isEnabled()
    assert cw.register.model.rowCount() == 0  # the dry run wrote nothing
    cp.apply()
    assert not cp.main_btn.isEnabled()  # no second import while one runs
    qtbot.waitUntil(lambda: ": đã nhập (" in cp.summary.toPlainText(), timeout=10000)
    assert cw.register.model.rowCount() == window.register.model.rowCount()
    assert cp.table.item(0, 2).text() == "1"
    assert cw.register.office_box.isVisible() or cw.register.office_box.count() == 2
    reports = cw.reports  # the city's wards side by side, ranked
    reports.kind.setCurrentIndex(3)
    reports.year.setValue(2026)
    settled(qtbot, cw)
    assert [r.name for r in reports.ranks] == ["Phường Xuân An"]
    assert "Xếp hạng các phường, xã" in reports.view.toHtml()
    city.close()


def test_settings_screen_saves_signers_rules_and_calendar(qtbot, window):
    from wardapp.documents.letterhead import load_letterhead

    page = window.settings
    page.deputies.setText("Trần Văn Phó; Lê Thị Hai")
    page.save_office()
    with window.ward.read() as s:
        lh = load_letterhead(window.ward, s)
    assert lh.deputies == ("Trần Văn Phó", "Lê Thị Hai")
    assert lh.signer("Lê Thị Hai")[0] == "KT. Chủ tịch"
    # a bad desk-hours value is refused with a message and nothing changes
    assert page.editors["desk_hours"].text() == "07:30–11:30; 13:30–17:00"
    page.editors["desk_hours"].setText("11:30-07:30")
    page.save_rules()
    assert "Giờ làm việc" in window.messages[-1]
    assert window.ward.rules().settings["desk_hours"] == [["07:30", "11:30"], ["13:30", "17:00"]]
    page.refresh()
    page.editors["desk_hours"].setText("07:30 - 11:30, 13:00 - 17:00")
    page.editors["same_day_cutoff"].setText("16:00")
    page.save_rules()
    assert window.ward.rules().cutoff.hour == 16, window.messages
    assert window.ward.rules().settings["desk_hours"] == [["07:30", "11:30"], ["13:00", "17:00"]]
    # the office's own day off changes due dates at once
    page.day.setText("2026-12-16")
    page.kind.setCurrentIndex(0)
    page.desc.setText("Nghỉ theo quyết định của tỉnh")
    page.basis.setText("QĐ 123/QĐ-UBND")
    page.add_day()
    assert not window.ward.rules().calendar.is_working_day(date(2026, 12, 16))
    n = page.calendar.rowCount()
    page.add_day()  # the same day twice: refused
    assert "đã có" in window.messages[-1] and page.calendar.rowCount() == n


def test_first_run_creates_the_office_database_or_refuses_clearly(qtbot, tmp_path, monkeypatch):
    from ui.first_run import FirstRunDialog

    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    path = tmp_path / "office.sqlite3"
    dlg = FirstRunDialog(path)
    qtbot.addWidget(dlg)
    dlg.name.setText("Phường Phú Thủy")
    dlg.code.setText("H26")  # wrong
    dlg.create()
    assert "QCVN 102:2016" in messages[-1] and not path.exists() and dlg.ward is None
    dlg.code.setText("000.23.32.H26")
    dlg.chairman.setText("Võ Thị Ba")
    dlg.create()
    assert dlg.result() == FirstRunDialog.CREATED and path.exists()
    with dlg.ward.read() as s:
        office = dlg.ward.office(s)
    assert (office.name, office.agency_code, office.chairman) == (
        "Phường Phú Thủy",
        "000.23.32.H26",
        "Võ Thị Ba",
    )
    dlg.ward.close()


# -- trust: sign-in, idle lock, drafts, start-up checks ----------------------------------------


def test_unsaved_intake_survives_a_crash(qtbot, window):
    from ui.pages.intake import IntakePage

    page = window.intake
    qtbot.keyClicks(page.proc_search, "khai sinh ket hop")
    type_text(page.name, "Võ Thị Nháp")
    qtbot.keyClicks(page.phone, "0912345678")
    qtbot.waitUntil(lambda: page.draft_file.exists(), timeout=3000)  # autosaved, not on exit
    # "crash": the window is gone without saving; the next start finds the draft
    again = IntakePage(window.ward, "chutich")
    qtbot.addWidget(again)
    assert again.name.text() == "Võ Thị Nháp" and again.phone.text() == "0912345678"
    assert again.proc_box.currentData() == "HT.02" and "khôi phục" in again.result.text()
    qtbot.keyClick(again.phone, Qt.Key_Return)  # saving the dossier removes the draft
    assert again.last_code and not again.draft_file.exists()


def test_sign_in_dialog_shows_errors_inline_and_locks_out(qtbot, ward):
    from ui.sign_in import FirstAdminDialog, SignInDialog

    first = FirstAdminDialog(ward)
    qtbot.addWidget(first)
    type_text(first.full_name, "Phạm Minh Quân")
    first.password.setText("mat-khau-8")
    first.again.setText("khac-nhau")
    first.create()
    assert "không giống" in first.error.text() and auth.setup_mode(ward)
    first.again.setText("mat-khau-8")
    first.create()
    assert first.result() == FirstAdminDialog.Accepted and ward.user.role == "admin"
    auth.sign_out(ward)
    dlg = SignInDialog(ward)
    qtbot.addWidget(dlg)
    dlg.username.setText("quantri")
    for _ in range(5):
        dlg.password.setText("sai-mat-khau")
        dlg.accept_if_valid()
    assert dlg.error.text() == auth.WRONG
    dlg.password.setText("mat-khau-8")
    dlg.accept_if_valid()
    assert dlg.error.text() == auth.WRONG and ward.user is None
    dlg.username.setText("khongco")  # a name that does not exist reads the same
    for _ in range(6):
        dlg.password.setText("sai-mat-khau")
        dlg.accept_if_valid()
        assert dlg.error.text() == auth.WRONG


def test_idle_lock_asks_for_the_password_again(qtbot, window, monkeypatch):
    from ui import main_window

    shown = []

    class FakeLock:
        def __init__(self, ward, locked_for):
            shown.append(locked_for)

        def exec(self):
            auth.sign_in(window.ward, "canbo1", demo.DEMO_PASSWORD)  # another clerk takes over
            return 1

    monkeypatch.setattr(main_window, "SignInDialog", FakeLock)
    window.idle.set_minutes(1)
    window.idle.timer.setInterval(10)
    window.idle.timer.start()
    qtbot.waitUntil(lambda: shown == ["chutich"], timeout=3000)
    assert window.intake.actor == "canbo1" and "Trần Thị Thu Hà" in window.user_label.text()


def test_start_up_check_reports_an_edited_history(qtbot, ward, monkeypatch):
    import sqlite3

    demo.generate(as_demo(ward), dossiers=20, seed=1)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    con = sqlite3.connect(ward.path)
    con.execute("DROP TRIGGER dossier_event_no_update")
    con.execute("UPDATE dossier_event SET actor = 'ai đó' WHERE chain_no = 5")
    con.commit()
    con.close()
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    w = MainWindow(ward)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
    assert "bị sửa" in w.chain_label.text() and "sự kiện số 5" in messages[-1]
    assert "Sao lưu:" in w.backup_label.text()  # the day's automatic backup was taken


def test_a_desk_on_a_server_with_no_backup_of_its_own_opens(window, monkeypatch):
    """On a server the backups are the server's (``wardapp backup`` runs pg_dump): a desk
    that never took one has none in its folder, and the window crashed on opening (issue 20's
    benchmark found it)."""
    import ui.main_window as main_window

    monkeypatch.setattr(type(window.ward), "on_server", property(lambda _self: True))
    monkeypatch.setattr(main_window.backup, "last_backup", lambda _ward: None)
    window.show_backup_state()
    assert window.backup_label.text() == "Sao lưu: trên máy chủ"  # the dump is the server's


def test_unexpected_errors_are_logged_without_id_or_phone_numbers(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from ui.errors import log_file, run_action

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    w = QWidget()
    qtbot.addWidget(w)

    def boom():
        raise RuntimeError("hỏng khi ghi CCCD 001089012345, ĐT 0912 345 678")

    assert run_action(w, boom) is None
    log = log_file().read_text(encoding="utf-8")
    assert "RuntimeError" in log and "001089012345" not in log and "345 678" not in log
    assert str(log_file()) in shown[-1]


def test_english_interface_from_the_ts_file(qtbot, ward, tmp_path):
    """The .ts in the repository covers every tr() string of the interface (a fresh lupdate
    run finds nothing new or unfinished), and choosing English gives an English window."""
    import shutil
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from ui import i18n

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import update_translations

    ts = tmp_path / "wardapp_en.ts"
    shutil.copy(i18n.TRANSLATIONS / "wardapp_en.ts", ts)
    assert update_translations.main(ts) == 0
    unfinished = [
        m.find("source").text
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == [], "run scripts/update_translations.py and translate these"

    demo.generate(as_demo(ward), dossiers=30, seed=3)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    app = QApplication.instance()
    assert i18n.install(app, "en") == "en"
    try:
        w = MainWindow(ward, background=False)
        qtbot.addWidget(w)
        assert [w.nav.item(i).text() for i in range(3)] == ["Overview", "Intake", "Register"]
        model = w.register.model
        assert model.headerData(0, Qt.Horizontal) == "Dossier code"
        assert w.register.filter_box.itemText(2) == "Late"
        assert w.windowTitle() == "wardapp — One-stop desk"
    finally:
        i18n.uninstall(app)
    w = MainWindow(ward, background=False)
    qtbot.addWidget(w)
    assert w.nav.item(0).text() == "Tổng quan"


def test_catalogue_add_stop_and_import_in_settings(qtbot, window, tmp_path, monkeypatch):
    from ui.pages.catalogue_box import ProcedureDialog

    box = window.settings.catalogue
    n = box.table.rowCount()
    dialog = ProcedureDialog(box, window.ward, None, box._fields())
    qtbot.addWidget(dialog)
    dialog.code.setText("2.000908")
    type_text(dialog.name, "Cấp bản sao trích lục hộ tịch điện tử")
    dialog.field.setCurrentText("Hộ tịch")
    dialog.limit.setValue(0.5)
    dialog.fee.setValue(8000)
    dialog.documents.setPlainText("Tờ khai\nGiấy tờ tùy thân")
    dialog.save()  # no legal basis: refused, the dialog keeps what was typed
    assert "Căn cứ pháp lý" in window.messages[-1] and dialog.result() == 0
    assert dialog.name.text() == "Cấp bản sao trích lục hộ tịch điện tử"
    dialog.basis.setText("Nghị định 123/2015/NĐ-CP")
    dialog.save()
    assert dialog.result() == 1
    box.refresh()
    box.changed.emit()
    assert box.table.rowCount() == n + 1
    # the intake picker offers it at once, found without diacritics
    window.nav.setCurrentRow(1)
    qtbot.keyClicks(window.intake.proc_search, "trich luc dien tu")
    assert window.intake.proc_box.currentText().startswith("2.000908 — Cấp bản sao trích lục")
    # stopping it removes it from intake
    qtbot.keyClicks(box.filter, "dien tu")
    row = next(i for i in range(box.table.rowCount()) if not box.table.isRowHidden(i))
    box.table.selectRow(row)
    box.toggle_active()
    assert "ngừng áp dụng" in box.table.item(row, 6).text()
    assert window.intake.proc_box.findData("2.000908") < 0
    # an import with a bad row is refused whole and shown with its row number
    f = tmp_path / "dm.csv"
    f.write_text(
        "Mã thủ tục;Tên thủ tục;Lĩnh vực;Thời hạn;Lệ phí;Thành phần hồ sơ;Áp dụng từ ngày;Căn cứ pháp lý\n"
        "CT.20;Chứng thực chữ ký;Chứng thực;0;10000;Giấy tờ;01/07/2025;NĐ 23/2015\n"
        "CT.21;Chứng thực hợp đồng;Chứng thực;hai;0;;01/07/2025;NĐ 23/2015\n",
        encoding="utf-8",
    )
    box.import_file(str(f))
    assert "Dòng 3" in window.messages[-1] and "không phải số ngày" in window.messages[-1]
    assert box.table.rowCount() == n + 1
    f.write_text(f.read_text(encoding="utf-8").replace(";hai;", ";2;"), encoding="utf-8")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.Yes)
    box.import_file(str(f))
    assert box.table.rowCount() == n + 3


def test_old_logbook_is_checked_then_written_off_the_gui_thread(
    qtbot, window, tmp_path, monkeypatch
):
    page = window.exchange
    bad = tmp_path / "so-cu-sai.csv"
    bad.write_text(
        "Họ tên,Ngày tiếp nhận,Mã thủ tục\nLê Văn A,02/03/2026 08:00,HT.02\nLê Văn B,hôm qua,HT.02\n",
        encoding="utf-8",
    )
    page.import_logbook(str(bad))
    qtbot.waitUntil(lambda: "Dòng 3" in page.summary.toPlainText(), timeout=10000)
    assert page.main_btn.isEnabled() and page.logbook_btn.isEnabled()
    good = tmp_path / "so-cu.csv"
    good.write_text(
        "Họ tên,Ngày tiếp nhận,Mã thủ tục,Ngày có kết quả,Ngày trả kết quả\n"
        "Lê Văn A,02/03/2026 08:00,HT.02,04/03/2026 09:00,04/03/2026 10:00\n"
        "Trần Thị B,03/03/2026 09:30,CT.01,03/03/2026 14:00,03/03/2026 15:00\n",
        encoding="utf-8",
    )
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.Yes)
    page.summary.clear()
    page.import_logbook(str(good))
    qtbot.waitUntil(lambda: bool(page.summary.toPlainText() or window.messages), timeout=10000)
    assert "Đã ghi 2 hồ sơ" in page.summary.toPlainText(), (
        page.summary.toPlainText(),
        window.messages,
        asked,
    )
    assert "2 hồ sơ hợp lệ" in asked[0]
    reg = window.register
    qtbot.keyClicks(reg.search, "tran thi b")
    qtbot.waitUntil(lambda: reg.model.rowCount() == 1, timeout=3000)


def test_restoring_another_offices_backup_asks_a_second_time(qtbot, ward, tmp_path, monkeypatch):
    """The window's restore names the other office and asks again; "No" changes nothing,
    "Yes" is the administrator's explicit choice (the CLI's --foreign)."""
    import sqlite3

    from ui.pages import backup_box
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office
    from wardapp.trust import backup

    other = Ward.open(tmp_path / "other.sqlite3")
    init_office(other, name="Phường Phú Thủy", agency_code="000.23.32.H26")
    copy = backup.backup_now(other, tmp_path / "bk")
    other.close()
    monkeypatch.setattr(backup_box.QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    asked, answers = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or answers.pop(0))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    box = backup_box.BackupBox(ward)
    qtbot.addWidget(box)

    def office_code():
        con = sqlite3.connect(ward.path)
        try:
            return con.execute("SELECT agency_code FROM office").fetchone()[0]
        finally:
            con.close()

    answers[:] = [QMessageBox.Yes, QMessageBox.No]
    box.restore()
    assert len(asked) == 2 and "Phường Phú Thủy (000.23.32.H26" in asked[1]
    assert office_code() == AGENCY and not list(tmp_path.glob("*.replaced-*"))
    answers[:] = [QMessageBox.Yes, QMessageBox.Yes]
    with qtbot.waitSignal(box.restored, timeout=10000):
        box.restore()
    assert office_code() == "000.23.32.H26"


def test_supplement_from_the_register_opens_mau_02_in_the_preview(
    qtbot, window, shown, monkeypatch
):
    from ui.pages import register as register_page
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake
    from wardapp.dossiers.lifecycle.transition import get_dossier

    d = intake(window.ward, IntakeData("HT.02", "Phan Văn Mười"), "canbo1")
    window.nav.setCurrentRow(2)
    reg = window.register
    qtbot.keyClicks(reg.search, "phan van muoi")
    qtbot.waitUntil(lambda: reg.model.rowCount() == 1, timeout=3000)
    reg.select(0)
    monkeypatch.setattr(
        register_page.QInputDialog, "getText", lambda *a, **k: ("Giấy tờ chưa đủ", True)
    )
    monkeypatch.setattr(
        register_page.QInputDialog,
        "getMultiLineText",
        lambda *a, **k: ("Giấy chứng sinh = 1/0/0\nTờ khai", True),
    )
    reg.act("supplement")
    assert shown and shown[-1][0].startswith("Yêu cầu bổ sung"), window.messages
    assert shown[-1][1].startswith(b"%PDF")
    with window.ward.read() as s:
        assert get_dossier(s, d.code).status == "supplement_requested"
        from wardapp.documents.step_forms import issued

        assert issued(s, "supplement", d.code).pdf == shown[-1][1]
