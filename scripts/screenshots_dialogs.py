"""Screenshots of the desk's dialogs and fields of issue 19 (part 1), into docs/screenshots/
40-…: the step dialogs (result, return to someone else), the undo question, the batch
apology's checklist and its confirmation, the date field's calendar, the intake form listing
its problems, a re-appointed dossier in the register and a report for a typed period.

The window is 1366×768 (a common office screen); a dialog is grabbed at the size it opens
with, as 16-thu-tuc-sua.png.  Offscreen Qt, demo data, a fixed clock.

python scripts/screenshots_dialogs.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.ask import question_box
from ui.main_window import MainWindow
from wardapp.common.clock import set_fixed_now
from wardapp.dossiers import IntakeData, intake, processing
from wardapp.dossiers.register import Filters
from wardapp.office.store import Ward
from wardapp.setup import demo
from wardapp.trust import auth

OUT = ROOT / "docs" / "screenshots"
NOW = datetime(2026, 11, 20, 10, 30)


def settle(app) -> None:
    """What the window's line reads behind (a dialog's dossier, its candidates) is in."""
    for top in app.topLevelWidgets():
        line = getattr(top, "desk_line", None)
        while line is not None and line.busy:
            app.processEvents()
    app.processEvents()


def shot(app, widget, name: str) -> None:
    settle(app)
    widget.grab().save(str(OUT / name))
    print(name)


def question(app, parent, title: str, text: str, name: str) -> None:
    """A question as the clerk sees it (``ui.ask``'s box, shown and grabbed, not run)."""
    box, _yes = question_box(parent, title, text)
    box.show()
    shot(app, box, name)
    box.close()


def find(app, reg, code: str) -> None:
    """Type the code in the search and select its row (the search's timer settled first, or
    it would reset the list after the selection)."""
    reg.search.setText(code)
    app.processEvents()
    reg._debounce.stop()
    reg.apply_filters()
    reg.select(0)


def main() -> int:
    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    set_fixed_now(NOW)
    with tempfile.TemporaryDirectory() as tmp:
        ward = Ward.open(Path(tmp) / "demo.sqlite3")
        demo.generate(ward, dossiers=600, seed=1)
        auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
        late = [
            intake(
                ward,
                IntakeData(
                    procedure_code="HT.02",
                    applicant_name=name,
                    phone=phone,
                    received_at=datetime(2026, 11, day, 9, 15),
                ),
                "chutich",
            ).code
            for day, name, phone in (
                (10, "Nguyễn Thị Hoa", "0912345601"),
                (11, "Trần Văn Minh", "0987654302"),
                (12, "Lê Thị Thu", "0905123403"),
            )
        ]
        w = MainWindow(ward, background=False)
        w.resize(1366, 768)
        w.show()
        while w.tasks:
            app.processEvents()
        reg = w.register

        # a re-appointed dossier: its new date in the list, the old one in the tooltip
        processing.apologise(
            ward, late[0], "chutich", reason="Chờ xác minh", signer="Nguyễn Văn Bình", extra_days=3
        )
        w.open_register(Filters(), "Tất cả")
        find(app, reg, late[0])
        shot(app, w, "47-so-theo-doi-hen-lai.png")

        # the result, then the return to someone else, then the undo question
        find(app, reg, late[1])
        reg.act("resolve")
        dlg = reg.step_dialog
        dlg.when.setText("31/11/2026 10:05")  # typed wrong: refused as typed, text kept
        shot(app, dlg, "40-co-ket-qua.png")
        dlg.when.setText("20/11/2026 10:05")
        dlg.ok.click()
        reg.act("return")
        dlg = reg.step_dialog
        dlg.by_other.setChecked(True)
        dlg.other_name.setText("Trần Thị Tám")
        dlg.other_id.setText("0791900012")
        shot(app, dlg, "41-tra-ket-qua-nguoi-khac.png")
        dlg.other_id.setText("079190001234")
        dlg.ok.click()
        reg.select(0)
        shot(app, w, "42-so-theo-doi-nguoi-nhan.png")
        question(
            app,
            w,
            "Hoàn tác bước cuối",
            f"Hoàn tác bước 'Trả kết quả' (20/11/2026 10:30) của hồ sơ {late[1]}?\n"
            "Lịch sử vẫn giữ bước đó và ghi thêm một dòng 'Hoàn tác'.",
            "43-hoan-tac.png",
        )

        # the batch apology's checklist, its confirmation
        w.nav.setCurrentRow(3)
        batch = w.apologies.issue_all()
        settle(app)
        batch.reason.setText("Cơ quan phối hợp chậm trả kết quả xác minh")
        if batch.table.rowCount() > 1:
            batch.table.item(1, 0).setCheckState(Qt.Unchecked)
            batch.table.item(0, 4).setText("Chờ ý kiến của Công an phường")
        shot(app, batch, "44-xin-loi-chon-ho-so.png")
        question(
            app,
            batch,
            "Phát hành văn bản xin lỗi",
            f"Phát hành {len(batch.chosen())} văn bản xin lỗi?\n"
            "Mỗi văn bản được cấp số và ghi vào lịch sử hồ sơ; không hoàn tác được.",
            "45-xin-loi-xac-nhan.png",
        )
        batch.close()

        # the date field: typed the Vietnamese way, a day that does not exist, the calendar
        w.nav.setCurrentRow(5)
        rep = w.reports
        rep.kind.setCurrentText("Từ ngày … đến ngày")
        rep.start.setText("01/10/2026")
        rep.end.setText("20/11/2026")
        shot(app, w, "48-bao-cao-tu-ngay.png")
        popup = rep.start.open_calendar()
        shot(app, popup, "46-lich-chon-ngay.png")
        popup.hide()

        # the intake form listing every problem at once
        w.nav.setCurrentRow(1)
        f = w.intake
        f.proc_search.setText("khai sinh ket hop")
        f.name.setText("")
        f.id_number.setText("06819000")
        f.phone.setText("0123")
        f.email.setText("dao@")
        shot(app, w, "49-tiep-nhan-kiem-tra.png")
        w.close()
        ward.close()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
