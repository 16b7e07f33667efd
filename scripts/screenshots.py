"""Regenerate docs/screenshots/: every built screen over demo data (offscreen Qt, QWidget.grab).

python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()  # the day's backup goes here, not to ~
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QScrollArea  # noqa: E402

from ui.main_window import MainWindow  # noqa: E402
from wardapp.common.clock import set_fixed_now  # noqa: E402
from wardapp.dossiers.register import Filters  # noqa: E402
from wardapp.office.store import Ward  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.trust import auth

OUT = ROOT / "docs" / "screenshots"


def settle(app, window) -> None:
    """Until the window's work off the GUI thread is shown (its tasks, and the reads of its
    line: the register's rows and pane)."""
    while window.tasks or window.desk_line.busy:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(3):  # what the last result queued: a box shown, the layout redone
        app.processEvents()


def desk_shots(app, w) -> None:
    """What a clerk sees of the rule and the menus: a clerk's register (the steps a clerk may
    not take greyed), the Hồ sơ menu, a row's reprint menu and the F1 help."""
    leader = w.ward.user
    auth.sign_in(w.ward, "canbo1", demo.DEMO_PASSWORD)
    w.session_changed()
    reg = w.register
    app.processEvents()  # the search typed above settles first (its timer would reset the list)
    reg.show_filtered(Filters(late=True), "Quá hạn")
    reg.select(0)
    settle(app, w)
    w.grab().save(str(OUT / "18-so-theo-doi-cong-chuc.png"))
    for name, menu in (
        ("19-menu-ho-so.png", w.menuBar().actions()[1].menu()),
        ("20-in-lai-chuot-phai.png", reg.reprint_menu()),
    ):
        menu.popup(w.mapToGlobal(w.rect().center()))
        settle(app, w)  # the issued documents are read behind
        menu.grab().save(str(OUT / name))
        menu.close()
    help_dialog = w.show_help()
    app.processEvents()
    help_dialog.grab().save(str(OUT / "21-tro-giup-f1.png"))
    help_dialog.close()
    w.ward.user = leader
    w.session_changed()


def loading_shots(app, w) -> None:
    """Issue 20: the register scrolled far on a slow server — placeholders and the pane saying
    "Đang tải…" while the rows are read behind — then the same place once they arrived."""
    import threading

    from ui.pages import register_model

    real, gate = register_model.rows_by_page, threading.Event()

    def slow(*args):
        gate.wait(30)
        return real(*args)

    w.register.show_filtered(Filters(), "Tất cả")
    w.register.model.wait_ids()
    register_model.rows_by_page = slow
    try:
        row = w.register.model.rowCount() // 2
        w.register.select(row)
        w.register.table.scrollTo(w.register.model.index(row, 0))
        for _ in range(30):  # the pane's "Đang tải…" shows after a moment
            app.processEvents()
            time.sleep(0.01)
        w.grab().save(str(OUT / "50-so-theo-doi-dang-tai.png"))
    finally:
        gate.set()
        register_model.rows_by_page = real
    settle(app, w)
    w.grab().save(str(OUT / "51-so-theo-doi-da-tai.png"))


def evidence_shots(app, w) -> None:
    """Issue 21: the initiatives tab of Cam kết, the rows behind a figure, the citizen's panel."""
    from ui.satisfaction import SatisfactionPanel

    w.nav.setCurrentRow(4)
    page = w.commitment
    page.tabs.setCurrentWidget(page.initiatives)
    page.initiatives.table.selectRow(0)
    app.processEvents()
    w.grab().save(str(OUT / "25-cam-ket-sang-kien.png"))
    page.tabs.setCurrentIndex(0)
    w.nav.setCurrentRow(0)
    settle(app, w)
    w.dashboard.figure_buttons["apology_rate"].click()
    dialog = w.dashboard._evidence
    dialog.resize(1366, 600)
    settle(app, w)  # the rows are read behind
    dialog.grab().save(str(OUT / "26-ho-so-sau-so-lieu.png"))
    dialog.close()
    panel = SatisfactionPanel(w, code="000.23.31.H26-261120-0003", second_screen=False)
    panel.show()
    app.processEvents()
    panel.grab().save(str(OUT / "27-y-kien-nguoi-dan.png"))
    panel.close()
    old_commitment_shot(app, w)


def old_commitment_shot(app, w) -> None:
    """A commitment signed before the per-indicator targets (three targets): "Chưa cam kết" for
    the others and the amendment button; the demo's commitment is put back afterwards."""
    from datetime import date

    from sqlalchemy import select

    from db.models import Commitment, CommitmentTarget

    keep = ("on_time_rate", "apology_rate", "return_recorded_rate")
    with w.ward.write() as s:
        c = s.scalars(select(Commitment).where(Commitment.year == 2026)).one()
        saved = [(t.indicator, t.comparator, t.threshold, t.unit, t.label) for t in c.targets]
        was = c.signed_on
        c.targets = [t for t in c.targets if t.indicator in keep]
        c.signed_on = date(2026, 2, 5)
    w.nav.setCurrentRow(4)
    w.commitment.refresh()
    settle(app, w)  # the figures load off the GUI thread
    w.grab().save(str(OUT / "28-cam-ket-chua-cam-ket.png"))
    with w.ward.write() as s:
        c = s.scalars(select(Commitment).where(Commitment.year == 2026)).one()
        c.signed_on = was
        c.targets = [
            CommitmentTarget(indicator=i, comparator=o, threshold=v, unit=u, label=lbl)
            for i, o, v, u, lbl in saved
        ]
    w.commitment.refresh()
    w.nav.setCurrentRow(0)
    settle(app, w)


def land_dossiers(ward) -> str:
    """Two land dossiers the land office held past its 9 days (the demo forwards none back):
    one returned late and resolved, one still there, so the late split has a land office line.
    Returns the code of the one still out (it has an e-mail address, for the outbox)."""
    from wardapp.dossiers.lifecycle import processing
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake

    land = "Văn phòng đăng ký đất đai"
    auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)
    steps = (
        ("Hoàng Văn Thửa", "2026-10-26 08:00", "2026-10-26 10:00", "2026-11-11 09:00"),
        ("Phan Thị Mảnh", "2026-11-02 08:30", "2026-11-02 14:00", None),
    )
    for name, received, sent, back in steps:
        at = [datetime.fromisoformat(x) if x else None for x in (received, sent, back)]
        set_fixed_now(at[0])
        email = "" if at[2] else "manh.phan@example.vn"
        d = intake(ward, IntakeData("DD.01", name, email=email, received_at=at[0]), "canbo1")
        set_fixed_now(at[1])
        processing.forward(ward, d.code, "canbo1", agency=land, at=at[1])
        if at[2]:
            set_fixed_now(at[2])
            processing.return_from_agency(ward, d.code, "canbo1", agency=land, at=at[2])
            processing.resolve(ward, d.code, "canbo1", at=at[2])
    set_fixed_now(datetime(2026, 11, 20, 10, 30))
    return d.code


def qt_dialogs(app, w, tmp: Path) -> None:
    """Qt's own dialogs as the window opens them: the file chooser and the print dialog, read
    in Vietnamese (resources/translations/qtbase_vi.ts)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog

    folder = tmp / "USB"
    folder.mkdir()
    (folder / "000.23.31.H26-2026-W47.wardpkg").write_bytes(b"")
    files = QFileDialog(w, "Chọn gói .wardpkg", str(folder), "Gói wardapp (*.wardpkg)")
    files.resize(900, 520)
    files.show()
    app.processEvents()
    files.grab().save(str(OUT / "22-chon-tep.png"))
    files.close()
    printer = QPrinter(QPrinter.HighResolution)
    dialog = QPrintDialog(printer, w)
    dialog.show()
    app.processEvents()
    from PySide6.QtWidgets import QPushButton

    for b in dialog.findChildren(QPushButton):
        if b.text().replace("&", "").startswith("Tuỳ chọn"):
            b.click()  # the options too: pages, copies, two-sided
    app.processEvents()
    dialog.grab().save(str(OUT / "23-hop-thoai-in.png"))
    dialog.close()


def main() -> int:
    app = QApplication.instance() or QApplication([])
    from ui import i18n

    i18n.install(app, "vi")  # as run_gui does: Qt's own dialogs in Vietnamese too
    OUT.mkdir(parents=True, exist_ok=True)
    set_fixed_now(datetime(2026, 11, 20, 10, 30))
    with tempfile.TemporaryDirectory() as tmp:
        ward = Ward.open(Path(tmp) / "demo.sqlite3")
        demo.generate(ward, dossiers=3000, seed=1)
        from ui.sign_in import SignInDialog

        dlg = SignInDialog(ward, demo=True)
        dlg.show()
        app.processEvents()
        dlg.grab().save(str(OUT / "12-dang-nhap.png"))
        dlg.close()
        out = land_dossiers(ward)
        auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
        from wardapp.documents.apology import issue_apology

        reason = "Văn phòng đăng ký đất đai chưa trả kết quả đo đạc"
        issue_apology(ward, out, "chutich", Path(tmp) / "xin-loi.pdf", reason=reason)
        w = MainWindow(ward)
        w.resize(1366, 768)  # a common office screen
        w.show()
        while w.tasks:  # start-up checks (hash chain, daily backup) finish off the GUI thread
            app.processEvents()
        app.processEvents()
        w.nav.setCurrentRow(0)
        app.processEvents()
        w.grab().save(str(OUT / "01-tong-quan.png"))
        late = w.dashboard.late_buttons  # Hồ sơ quá hạn theo cơ quan: the biggest line opened
        if late:
            late.get("Văn phòng đăng ký đất đai", next(iter(late.values()))).click()
            app.processEvents()
            w.dashboard.late_dialog.grab().save(str(OUT / "24-qua-han-theo-co-quan.png"))
            w.dashboard.late_dialog.close()
        w.nav.setCurrentRow(1)
        w.intake.proc_search.setText("khai sinh ket hop")
        w.intake.name.setText("Đặng Thị Đào")
        w.intake.id_number.setText("06819000123")
        w.intake.phone.setText("0912345678")
        w.intake.address.setText("12 Trường Chinh, phường Xuân An")
        app.processEvents()
        w.grab().save(str(OUT / "02-tiep-nhan.png"))
        w.open_register(Filters(late=True), "Quá hạn")
        w.register.select(0)
        settle(app, w)
        w.grab().save(str(OUT / "03-so-theo-doi-qua-han.png"))
        loading_shots(app, w)
        w.register.show_filtered(Filters(), "Tất cả")
        w.register.search.setText("nguyen van")
        w.register.apply_filters()
        w.register.select(2)
        settle(app, w)
        w.grab().save(str(OUT / "04-so-theo-doi-tim-kiem.png"))
        desk_shots(app, w)
        for row, name in (
            (3, "05-xin-loi.png"),
            (4, "06-cam-ket.png"),
            (5, "07-bao-cao.png"),
            (7, "11-cai-dat.png"),
        ):
            w.nav.setCurrentRow(row)
            settle(app, w)  # the page's figures load off the GUI thread
            w.grab().save(str(OUT / name))
        evidence_shots(app, w)
        area = w.settings.findChild(QScrollArea)
        area.ensureWidgetVisible(w.settings.catalogue, 0, 0)
        area.verticalScrollBar().setValue(w.settings.catalogue.y())
        app.processEvents()
        w.grab().save(str(OUT / "15-cai-dat-danh-muc.png"))
        from ui.pages.catalogue_box import ProcedureDialog

        cat = w.settings.catalogue
        cat.table.selectRow(0)
        dlg = ProcedureDialog(w, w.ward, cat.selected(), cat._fields())
        dlg.show()
        app.processEvents()
        dlg.grab().save(str(OUT / "16-thu-tuc-sua.png"))
        dlg.close()
        sb = area.verticalScrollBar()
        sb.setValue(sb.maximum())
        app.processEvents()
        w.grab().save(str(OUT / "13-cai-dat-sao-luu-tai-khoan.png"))
        w.exchange.export_to(tmp)
        w.nav.setCurrentRow(6)
        app.processEvents()
        w.grab().save(str(OUT / "09-trao-doi-phuong.png"))
        from wardapp.exchange.city.wards import add_ward
        from wardapp.setup.office import init_office

        city = Ward.open(Path(tmp) / "city.sqlite3")
        init_office(
            city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
        )
        from wardapp.trust.keys import own_key_file

        add_ward(
            city,
            name="Phường Xuân An",
            agency_code="000.23.31.H26",
            public_key=own_key_file(ward).public_key,
        )
        second = Ward.open(Path(tmp) / "phu-thuy.sqlite3")  # a second ward, to compare
        init_office(second, name="Phường Phú Thủy", agency_code="000.23.32.H26")
        from wardapp.office.identity import mark_demo

        mark_demo(second)  # a demo of its own: the generator fills demo databases only
        add_ward(
            city,
            name="Phường Phú Thủy",
            agency_code="000.23.32.H26",
            public_key=own_key_file(second).public_key,
        )
        demo.generate(second, dossiers=2000, seed=9)
        auth.sign_in(second, "canbo1", demo.DEMO_PASSWORD)
        from wardapp.exchange.export import export_package

        export_package(second, tmp)
        second.close()
        cw = MainWindow(city, actor="sonoivu", background=False)
        cw.resize(1366, 768)
        cw.show()
        cw.exchange.check([str(p) for p in Path(tmp).glob("*.wardpkg")])
        settle(app, cw)  # the import runs off the GUI thread
        cw.exchange.apply()
        settle(app, cw)
        cw.nav.setCurrentRow(6)
        app.processEvents()
        cw.grab().save(str(OUT / "10-trao-doi-thanh-pho.png"))
        cw.nav.setCurrentRow(5)
        cw.reports.kind.setCurrentIndex(3)
        settle(app, cw)
        cw.grab().save(str(OUT / "17-bao-cao-thanh-pho-xep-hang.png"))
        cw.close()
        city.close()
        from ui.preview import PreviewDialog
        from wardapp.documents.receipt import receipt_pdf

        code = w.register.model.row(0).code
        pdf = Path(tmp) / "slip.pdf"
        receipt_pdf(ward, code, pdf)
        dlg = PreviewDialog(w, pdf, "Giấy tiếp nhận hồ sơ", "slip.pdf")
        dlg.show()
        app.processEvents()
        dlg.grab().save(str(OUT / "08-xem-truoc-in.png"))
        dlg.close()
        from ui.first_run import FirstRunDialog

        first = FirstRunDialog(Path("C:/Users/canbo/AppData/Local/wardapp/wardapp.sqlite3"))
        first.show()
        app.processEvents()
        first.grab().save(str(OUT / "00-lan-dau.png"))
        first.close()
        qt_dialogs(app, w, Path(tmp))
        i18n.uninstall(app)
        i18n.install(app, "en")  # the same screens with the English setting
        ew = MainWindow(ward, background=False)
        ew.resize(1366, 768)
        ew.show()
        ew.nav.setCurrentRow(2)
        app.processEvents()
        ew.grab().save(str(OUT / "14-english-register.png"))
        ew.close()
        i18n.uninstall(app)
        w.close()
        ward.close()
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # Qt's teardown of the many windows above is not what this script checks
