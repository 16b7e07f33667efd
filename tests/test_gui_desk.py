"""The desk as clerks use it all day (issue 19): actions offered by the one rule of who may do
what in which status, the menu bar, sessions without restarting, reprints from the register."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QUrl  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from tests.conftest import open_desk, pane_shown, settled  # noqa: E402
from ui import ask  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from wardapp.common.errors import WardError  # noqa: E402
from wardapp.dossiers.lifecycle import closing, processing, rating  # noqa: E402
from wardapp.dossiers.lifecycle.actions import STEPS  # noqa: E402
from wardapp.dossiers.lifecycle.intake import IntakeData, intake  # noqa: E402
from wardapp.dossiers.lifecycle.statuses import OPEN_STATUSES, STATUSES  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.trust import auth  # noqa: E402

# How to bring a fresh dossier to each status (every step taken by the leader).
PATHS = {
    "received": [],
    "in_progress": [("forward", {"agency": "VPĐKĐĐ"}), ("back", {"agency": "VPĐKĐĐ"})],
    "supplement_requested": [("supplement", {"reason": "Thiếu giấy chứng sinh"})],
    "forwarded": [("forward", {"agency": "VPĐKĐĐ"})],
    "paused": [("pause", {"reason": "Chờ nghĩa vụ tài chính"})],
    "resolved": [("resolve", {})],
    "returned": [("resolve", {}), ("return", {})],
    "withdrawn": [("withdraw", {"reason": "Theo đơn của người nộp"})],
    "refused": [("refuse", {"reason": "Không thuộc thẩm quyền"})],
}
SERVICES = {
    "supplement": (processing.request_supplement, {"reason": "Thiếu bản sao"}),
    "supplied": (processing.supplied, {}),
    "pause": (processing.pause, {"reason": "Chờ nộp thuế"}),
    "resume": (processing.resume, {}),
    "forward": (processing.forward, {"agency": "VPĐKĐĐ"}),
    "back": (processing.return_from_agency, {"agency": "VPĐKĐĐ"}),
    "resolve": (processing.resolve, {}),
    "return": (closing.return_result, {}),
    "rate": (rating.rate, {"rating": "hai_long"}),
    "withdraw": (closing.withdraw, {"reason": "Theo đơn"}),
    "refuse": (closing.refuse, {"reason": "Không đủ điều kiện"}),
    "apology": (processing.apologise, {"reason": "Chờ xác minh", "signer": "X", "extra_days": 2}),
}

ROLE_USERS = {"clerk": "canbo1", "leader": "chutich", "admin": "quantri", "city": "canbo1"}


def as_role(ward, role: str) -> None:
    """Act as an account of ``role`` (no scrypt per case: the role is what is under test)."""
    leader = ward.user
    ward.user = auth.User(leader.id if leader else 1, ROLE_USERS[role], "Người thử", role)


def bring_to(ward, status: str, *, apologised: bool = False) -> str:
    d = intake(ward, IntakeData(procedure_code="HT.02", applicant_name="Lê Văn Thử"), "x")
    if apologised:
        processing.apologise(ward, d.code, "x", reason="Chậm", signer="X", extra_days=2)
    for step, kwargs in PATHS[status]:
        SERVICES[step][0](ward, d.code, "x", **kwargs)
    return d.code


@pytest.fixture
def desk(qtbot, ward, monkeypatch):
    w = open_desk(qtbot, ward, monkeypatch, dossiers=20, seed=1, background=False)
    w.show()
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
    yield w
    w.close()  # before the ward's database goes (on a server it is dropped)


def select_code(reg, code: str):
    reg.search.setText(code)
    reg.apply_filters()
    reg.select(0)
    assert reg.current().code == code
    pane_shown(reg)
    return reg.current()


def test_every_role_status_and_step_the_window_offers_what_the_service_accepts(qtbot, desk):
    """For every (role, status, step), and for open dossiers with and without an earlier
    apology, the register's button is enabled exactly when the service takes the step; when
    it is greyed its tooltip is the reason the service gives."""
    ward, reg = desk.ward, desk.register
    leader = ward.user
    cases = [(s, False) for s in STATUSES] + [(s, True) for s in OPEN_STATUSES]
    checked = refused = 0
    for role in ("clerk", "leader", "city", "admin"):
        for status, apologised in cases:
            for action in SERVICES:
                ward.user = leader
                code = bring_to(ward, status, apologised=apologised)
                as_role(ward, role)
                desk.session_changed()
                select_code(reg, code)
                button = reg.buttons[action]
                offered, tip = button.isEnabled(), button.toolTip()
                fn, kwargs = SERVICES[action]
                try:
                    fn(ward, code, "x", **kwargs)
                    accepted, error = True, ""
                except WardError as exc:
                    accepted, error = False, str(exc)
                assert offered == accepted, (role, status, apologised, action, tip, error)
                if not accepted:
                    assert tip and tip in error, (role, status, action, tip, error)
                    refused += 1
                checked += 1
    assert checked == 4 * (len(STATUSES) + len(OPEN_STATUSES)) * len(SERVICES)
    assert 0 < refused < checked
    assert set(SERVICES) == set(STEPS) - {"edit", "undo"}  # undo: its own test below


def test_greyed_actions_say_why_per_role(qtbot, desk):
    ward, reg = desk.ward, desk.register
    code = bring_to(ward, "received")
    as_role(ward, "clerk")
    desk.session_changed()
    select_code(reg, code)
    assert not reg.buttons["apology"].isEnabled()
    assert reg.buttons["apology"].toolTip().startswith("Chỉ lãnh đạo được ký thư xin lỗi")
    assert not reg.buttons["return"].isEnabled()
    assert reg.buttons["return"].toolTip().startswith("Hồ sơ chưa có kết quả")
    assert reg.buttons["resolve"].isEnabled()
    assert desk.menu_acts["resolve"].isEnabled() and not desk.menu_acts["return"].isEnabled()
    assert desk.menu_acts["return"].toolTip() == reg.buttons["return"].toolTip()
    # a shortcut to a greyed step asks nothing and says why
    reg.act("return")
    settled(qtbot, desk)  # the dialog reads its dossier behind
    assert desk.messages[-1].startswith("Hồ sơ chưa có kết quả")
    settings = desk.settings
    assert not settings.guarded[0].isEnabled()
    assert "Chỉ lãnh đạo, cán bộ thành phố, quản trị được thay đổi cài đặt" in (
        settings.guarded[0].toolTip()
    )
    assert not desk.commitment.button.isEnabled()
    assert not settings.accounts.guarded[0].isEnabled()

    as_role(ward, "admin")
    desk.session_changed()
    intake_page = desk.intake
    assert not intake_page.save_btn.isEnabled()
    assert intake_page.save_btn.toolTip().startswith(
        "Chỉ công chức một cửa, lãnh đạo được tiếp nhận"
    )
    assert settings.guarded[0].isEnabled() and settings.accounts.guarded[0].isEnabled()
    select_code(reg, code)
    assert not reg.buttons["resolve"].isEnabled()
    assert "quản trị" in reg.buttons["resolve"].toolTip()


def test_city_import_is_offered_to_the_city_officer_only(qtbot, tmp_path):
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    auth.add_account(city, "qt", "Quản Trị", "admin", "matkhau123")
    auth.sign_in(city, "qt", "matkhau123")
    auth.add_account(city, "snv", "Sở Nội Vụ", "city", "matkhau123")
    w = MainWindow(city, background=False)
    qtbot.addWidget(w)
    page = w.exchange
    assert not page.main_btn.isEnabled()
    assert page.main_btn.toolTip().startswith("Chỉ cán bộ thành phố được nhập gói dữ liệu")
    auth.sign_in(city, "snv", "matkhau123")
    w.session_changed()
    assert page.main_btn.isEnabled() and page.main_btn.toolTip() == ""
    city.close()


def test_menu_bar_lists_every_action_with_its_shortcut_and_f1_helps(qtbot, desk):
    titles = [a.text() for a in desk.menuBar().actions()]
    assert titles == ["&Tệp", "&Hồ sơ", "&In", "&Xem", "Trợ &giúp"]
    for row in range(8):
        act = desk.menu_acts[f"page{row}"]
        assert act.shortcut().toString() == f"Ctrl+{row + 1}"
        act.trigger()
        assert desk.stack.currentIndex() == row
    keys = {k: a.shortcut().toString() for k, a in desk.menu_acts.items()}
    assert keys["return"] == "Ctrl+R" and keys["lock"] == "Ctrl+L" and keys["help"] == "F1"
    assert len({v for v in keys.values() if v}) == len([v for v in keys.values() if v])
    desk.go(3)
    dialog = desk.show_help()
    assert "Xin lỗi" in dialog.windowTitle() and "văn bản xin lỗi" in dialog.text.toPlainText()
    dialog.close()


def test_switch_user_and_sign_out_without_restarting(qtbot, desk, monkeypatch):
    ward, reg = desk.ward, desk.register
    code = bring_to(ward, "received")
    select_code(reg, code)
    assert reg.buttons["apology"].isEnabled()  # the chairman signs

    class Dialog:
        """The sign-in dialog, answered by ``who`` (None: cancelled)."""

        who = "canbo1"

        def __init__(self, *a, **k):
            pass

        def setWindowTitle(self, title):  # noqa: N802 - Qt's name
            self.title = title

        def exec(self):
            if Dialog.who is None:
                return QDialog.Rejected
            auth.sign_in(ward, Dialog.who, demo.DEMO_PASSWORD)
            return QDialog.Accepted

    monkeypatch.setattr(desk, "sign_in_dialog", Dialog)
    desk.intake.name.setText("Nguyễn Thị Đang Gõ")
    desk.intake.save_draft()
    assert desk.switch_user()
    assert ward.user.username == "canbo1" and desk.actor == "canbo1"
    assert "Trần Thị Thu Hà" in desk.user_label.text()
    assert not reg.buttons["apology"].isEnabled()
    assert reg.buttons["apology"].toolTip().startswith("Chỉ lãnh đạo")
    assert desk.intake.name.text() == ""  # the chairman's unsaved form is not the clerk's
    reg.act("resolve")
    settled(qtbot, desk)  # the dialog reads its dossier behind
    reg.step_dialog.ok.click()
    with ward.read() as s:
        from wardapp.dossiers.lifecycle.transition import get_dossier

        assert get_dossier(s, code).events[-1].actor == "canbo1"

    Dialog.who = "chutich"  # back to the chairman: his draft comes back
    assert desk.switch_user()
    assert desk.intake.name.text() == "Nguyễn Thị Đang Gõ"

    Dialog.who = None  # switching and cancelling keeps whoever is signed in
    assert not desk.switch_user() and ward.user.username == "chutich"
    assert not desk.sign_out()  # signed out and nobody signed in: the program closes
    assert ward.user is None and not desk.isVisible()


def test_reprint_from_the_context_menu_is_byte_for_byte(qtbot, desk, monkeypatch, tmp_path):
    import ui.preview
    from wardapp.documents import reprints
    from wardapp.documents.apology import issue_apology

    shown = []
    monkeypatch.setattr(
        ui.preview.PreviewDialog,
        "exec",
        lambda self: shown.append((self.windowTitle(), self.path.read_bytes())) or 0,
    )
    ward, reg = desk.ward, desk.register
    code = bring_to(ward, "received")
    issue_apology(ward, code, "x", tmp_path / "letter.pdf", reason="Chờ xác minh")
    handed_out = (tmp_path / "letter.pdf").read_bytes()
    reg.refresh()
    select_code(reg, code)
    assert "Văn bản xin lỗi số" in reg.detail.toPlainText()  # the detail pane's links
    menu = reg.context_menu(reg.table.visualRect(reg.model.index(0, 0)).center())
    settled(qtbot, desk)  # the issued documents are read behind
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:2] == [
        "Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)",
        "Phiếu kiểm soát quá trình giải quyết",
    ]
    (again,) = [a for a in menu.actions() if a.text().startswith("In lại: Văn bản xin lỗi")]
    assert "số 01/PXL" in again.text()
    again.trigger()
    assert shown[-1][1] == handed_out  # byte for byte from the archive
    menu.close()
    menu.actions()[0].trigger()  # the receipt, made afresh
    assert shown[-1][0].startswith("Giấy tiếp nhận") and shown[-1][1].startswith(b"%PDF")
    desk.menu_acts["control"].trigger()  # the In menu
    assert shown[-1][0].startswith("Phiếu kiểm soát") and shown[-1][1].startswith(b"%PDF")
    assert [d.kind for d in reprints.list_for(ward, code)] == ["apology"]
    QApplication.processEvents()


def test_a_search_applied_at_once_is_not_applied_again_over_the_selection(qtbot, desk):
    """On a server the context-menu reprint waited long enough on the desk's line for the
    search's pending debounce to re-apply it: the table was reset, the selection lost, and
    the In menu's next reprint found no dossier."""
    reg = desk.register
    desk.nav.setCurrentRow(2)
    code = bring_to(desk.ward, "received")
    desk.data_changed()
    select_code(reg, code)  # typed, then Enter at once (``apply_filters``)
    assert not reg._debounce.isActive()
    qtbot.wait(400)  # longer than the typing pause
    assert reg.current() is not None and reg.current().code == code
    assert reg.model.filters.search == code and reg.model.rowCount() == 1
    reg.search.setText("")  # typing still searches once it pauses
    qtbot.waitUntil(lambda: reg.model.filters.search == "", timeout=3000)
    assert reg.model.rowCount() > 1


def test_lock_now_hides_the_desk_until_someone_signs_in(qtbot, desk, monkeypatch):
    from ui import main_window

    seen = []

    class Lock:
        def __init__(self, ward, locked_for):
            seen.append((locked_for, desk.centralWidget().isVisible()))

        def exec(self):
            seen.append(desk.centralWidget().isVisible())
            auth.sign_in(desk.ward, "canbo2", demo.DEMO_PASSWORD)
            return QDialog.Accepted

    monkeypatch.setattr(main_window, "SignInDialog", Lock)
    desk.menu_acts["lock"].trigger()
    assert seen == [("chutich", True), False]  # no citizen's data behind the lock
    assert desk.centralWidget().isVisible() and desk.actor == "canbo2"
    assert desk.menu_acts["lock"].shortcut().toString() == "Ctrl+L"


def test_reprint_from_the_detail_pane_and_the_in_menu(qtbot, desk, monkeypatch, tmp_path):
    from PySide6.QtCore import QUrl

    import ui.preview
    from wardapp.documents import reprints, step_forms

    shown = []
    monkeypatch.setattr(
        ui.preview.PreviewDialog, "exec", lambda self: shown.append(self.path.read_bytes()) or 0
    )
    ward, reg = desk.ward, desk.register
    code = bring_to(ward, "received")
    step_forms.issue(
        ward,
        "supplement",
        code,
        "x",
        tmp_path / "m02.pdf",
        reason="Thiếu",
        missing=[("A", 1, 0, 0)],
    )
    reg.refresh()
    select_code(reg, code)
    (doc,) = reprints.list_for(ward, code)
    assert doc.kind == "supplement" and "Mẫu 02" in reg.detail.toPlainText()
    reg._link(QUrl(f"reprint:doc:{doc.id}"))  # the detail pane's link
    assert shown[-1] == (tmp_path / "m02.pdf").read_bytes()
    assert desk.menu_acts["issued"].isEnabled() and desk.menu_acts["receipt"].isEnabled()
    desk.menu_acts["issued"].trigger()  # the In menu offers the same choice
    settled(qtbot, desk)
    (again,) = [a for a in reg.last_menu.actions() if "Mẫu 02" in a.text()]
    again.trigger()
    assert shown[-1] == (tmp_path / "m02.pdf").read_bytes()
    reg.last_menu.close()
    as_role(ward, "admin")
    desk.session_changed()
    assert not desk.menu_acts["receipt"].isEnabled()  # Mẫu 01 is made by the desk's roles
    assert desk.menu_acts["receipt"].toolTip().startswith("Chỉ công chức một cửa, lãnh đạo")


def test_result_and_return_are_deliberate_with_time_and_collector(qtbot, desk):
    """'Có kết quả' and 'Trả kết quả' open a dialog: nothing is recorded before 'Ghi nhận';
    the time is now unless changed, checked as typed; the collector is the applicant or a
    named person whose ID is checked; the detail pane names who took the result."""
    from datetime import timedelta

    from tests.conftest import NOW
    from wardapp.common import clock

    ward, reg = desk.ward, desk.register
    code = bring_to(ward, "received")  # at 12:00
    clock.set_fixed_now(NOW + timedelta(hours=2))
    select_code(reg, code)
    reg.act("resolve")
    settled(qtbot, desk)  # the dialog reads its dossier behind
    dlg = reg.step_dialog
    assert dlg.isVisible() and dlg.when.text() == "15/12/2026 14:00"
    assert dlg.ok.isEnabled() and reg.current().status == "received"  # not yet recorded
    dlg.when.setText("31/02/2026 10:00")
    assert not dlg.ok.isEnabled() and "không phải ngày có thật" in dlg.problems.text()
    assert dlg.when.text() == "31/02/2026 10:00"
    dlg.when.setText("16/12/2026 09:00")
    assert "ở tương lai" in dlg.problems.text() and not dlg.ok.isEnabled()
    dlg.when.setText("15/12/2026 11:30")
    assert "sớm hơn bước trước của hồ sơ (15/12/2026 12:00)" in dlg.problems.text()
    dlg.when.setText("15/12/2026 13:30")  # a little earlier, within the rules
    assert dlg.problems.text() == "" and dlg.ok.isEnabled()
    dlg.ok.click()
    assert not dlg.isVisible()
    with ward.read() as s:
        from wardapp.dossiers import get_dossier

        d = get_dossier(s, code)
        assert d.status == "resolved" and d.resolved_at.strftime("%H:%M") == "13:30"
    reg.act("return")
    settled(qtbot, desk)  # the dialog reads its dossier behind
    dlg = reg.step_dialog
    assert dlg.by_applicant.isChecked() and "Lê Văn Thử" in dlg.by_applicant.text()
    assert not dlg.other_name.isEnabled()
    dlg.by_other.setChecked(True)
    assert dlg.problems.text().splitlines() == [
        "Họ tên người nhận kết quả: chưa nhập",
        "Số định danh người nhận kết quả: chưa nhập",
    ]
    assert not dlg.ok.isEnabled()
    dlg.other_name.setText("Trần Thị Tám")
    dlg.other_id.setText("12345")
    assert "Số định danh người nhận kết quả" in dlg.problems.text() and not dlg.ok.isEnabled()
    dlg.other_id.setText("079190001234")
    assert dlg.ok.isEnabled()
    dlg.reject()  # cancelled: nothing recorded
    assert reg.current().status == "resolved"
    reg.act("return")
    settled(qtbot, desk)  # the dialog reads its dossier behind
    dlg = reg.step_dialog
    dlg.by_other.setChecked(True)
    dlg.other_name.setText("Trần Thị Tám")
    dlg.other_id.setText("079190001234")
    dlg.ok.click()
    settled(qtbot, desk)
    assert reg.current().status == "returned", desk.messages
    text = reg.detail.toPlainText()
    assert "Người nhận: Trần Thị Tám (số định danh 079190001234), nhận thay" in text


def test_undo_the_last_step_from_the_register_within_the_minutes(qtbot, desk, monkeypatch):
    from datetime import timedelta

    from tests.conftest import NOW
    from wardapp.common import clock

    ward, reg = desk.ward, desk.register
    code = bring_to(ward, "returned")
    select_code(reg, code)
    undo = reg.menu_actions["undo"]  # the Hồ sơ menu, and a link in the detail pane
    assert "undo" not in reg.buttons and undo.isEnabled()
    assert "Hoàn tác bước cuối (ghi nhầm?)" in reg.detail.toPlainText()
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or False)
    reg._link(QUrl("undo:"))
    assert "Hoàn tác bước 'Trả kết quả'" in asked[-1] and reg.current().status == "returned"
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or True)
    reg.act("undo")
    settled(qtbot, desk)  # the pane is read again behind
    assert reg.current().status == "resolved", desk.messages
    assert "Hoàn tác bước trước" in reg.detail.toPlainText()
    assert "Hoàn tác: Trả kết quả" in reg.detail.toPlainText()
    assert not undo.isEnabled() and "là một lần hoàn tác" in undo.toolTip()
    assert "Hoàn tác bước cuối (ghi nhầm?)" not in reg.detail.toPlainText()
    code = bring_to(ward, "resolved")
    select_code(reg, code)
    assert undo.isEnabled()
    clock.set_fixed_now(NOW + timedelta(minutes=11))
    reg.show_detail()
    settled(qtbot, desk)
    assert not undo.isEnabled() and "đã quá 10 phút" in undo.toolTip()
    assert "Hoàn tác bước cuối (ghi nhầm?)" not in reg.detail.toPlainText()


def test_a_reappointed_dossier_shows_its_new_date_and_colour_but_reports_count_it_late(qtbot, desk):
    from datetime import datetime

    from ui.pages.register_model import BRUSHES, KEYS
    from wardapp.calendar import periods
    from wardapp.indicators import build_report

    ward, reg = desk.ward, desk.register
    d = intake(  # received on 1/12 with a 3-day limit: late on the 15th
        ward,
        IntakeData(
            procedure_code="HT.02",
            applicant_name="Lê Văn Hẹn",
            received_at=datetime(2026, 12, 1, 9, 0),
        ),
        "x",
    )
    old_due = d.due_at
    with ward.read() as s:
        before = build_report(s, periods.month(2026, 12), None).total.columns()
    ap = processing.apologise(ward, d.code, "x", reason="Chờ xác minh", signer="X", extra_days=3)
    assert ap.new_due_at > datetime(2026, 12, 15, 12, 0) > old_due
    select_code(reg, d.code)
    model, row = reg.model, reg.table.currentIndex().row()
    due_cell = model.index(row, KEYS.index("due"))
    new, old = ap.new_due_at, old_due
    assert model.data(due_cell) == f"{new:%d/%m/%Y %H:%M}"
    tip = model.data(due_cell, Qt.ToolTipRole)
    assert f"Hẹn trả: {new:%d/%m/%Y %H:%M}" in tip
    assert f"Hẹn trả ban đầu: {old:%d/%m/%Y %H:%M}" in tip
    status = model.data(model.index(row, KEYS.index("status")))
    assert status == "↻ Hẹn lại · Mới tiếp nhận"
    assert (
        f"Hẹn trả: {new:%d/%m/%Y %H:%M} (hẹn lại; ban đầu {old:%d/%m/%Y %H:%M})"
        in reg.detail.toPlainText()
    )
    assert model.data(due_cell, Qt.BackgroundRole) is not BRUSHES["late"]
    # the reports still measure it against its statutory date: late, in progress
    with ward.read() as s:
        after = build_report(s, periods.month(2026, 12), None).total.columns()
    assert after["in_progress_late"] == before["in_progress_late"] >= 1  # unchanged: still late


def test_intake_checks_every_field_as_typed_and_lists_all_problems(qtbot, desk):
    page = desk.intake
    page.proc_search.setText("khai sinh")
    assert page.problems.text() == "• Họ tên người nộp: chưa nhập"
    assert not page.save_btn.isEnabled()
    assert page.save_btn.toolTip() == "Cần sửa trước khi lưu: Họ tên người nộp: chưa nhập"
    page.name.setText("Đặng Thị Đào")
    assert page.problems.text() == "" and page.save_btn.isEnabled()
    # a bad phone is flagged from its first wrong digit, like the ID
    qtbot.keyClicks(page.phone, "01")
    assert page.phone_msg.text().startswith("'01' không hợp lệ")
    page.phone.setText("091")
    assert page.phone_msg.text() == "3/10 chữ số"
    page.phone.setText("0123456789")
    page.id_number.setText("12345")
    page.email.setText("dao@")
    lines = page.problems.text().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "• Số định danh cá nhân",
        "• Số điện thoại",
        "• Email",
    ]  # all at once, in the order of the form
    assert not page.save_btn.isEnabled()
    before = desk.register.model.rowCount()
    qtbot.keyClick(page.phone, Qt.Key_Return)  # Enter on an invalid form saves nothing
    assert page.last_code is None and desk.messages == []
    page.phone.setText("0912345678")
    page.id_number.setText("068190001234")
    page.email.setText("dao@example.vn")
    assert page.problems.text() == "" and page.save_btn.isEnabled()
    page.proc_search.setText("khong co thu tuc nao nhu the")
    assert page.problems.text() == "• Thủ tục: chưa chọn" and not page.save_btn.isEnabled()
    page.proc_search.setText("khai sinh")
    page.save_btn.click()
    assert page.last_code, desk.messages
    desk.register.model.reload()
    assert desk.register.model.rowCount() == before + 1


def test_undo_is_greyed_and_refused_for_a_role_that_takes_no_steps(qtbot, desk):
    from wardapp.dossiers import undo_last_step

    ward, reg = desk.ward, desk.register
    code = bring_to(ward, "resolved")
    as_role(ward, "admin")
    desk.session_changed()
    select_code(reg, code)
    undo = reg.menu_actions["undo"]
    why = auth.refusal(ward, "dossier")
    assert why and not undo.isEnabled() and undo.toolTip() == why
    with pytest.raises(WardError, match=why[:20]):
        undo_last_step(ward, code, "x")
