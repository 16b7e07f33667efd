"""No read of the register on the GUI thread (issue 20): the rows met while scrolling, the detail
pane, the step dialogs' dossier and the reprint menu's documents are read on the window's line
while the window shows "Đang tải…" and goes on taking keys; a lost server shows the badge and
the message where the data would be, keeps what was typed and reads again once it answers.

A blocked read is a domain call held on a ``threading.Event``: the test goes on (clicks, keys,
painting) while it is held, which a read on the GUI thread would not let it do."""

import sqlite3
import threading

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from tests.conftest import pane_shown, settled  # noqa: E402
from tests.test_gui import window  # noqa: E402,F401 - the desk over 300 demo dossiers
from ui.desk_line import LOST  # noqa: E402
from ui.pages import register_detail, register_model, register_steps  # noqa: E402
from ui.pages.register_model import LOADING, PAGE  # noqa: E402
from wardapp.dossiers import register as reg_q  # noqa: E402


def plain_rows(window):  # noqa: F811 - the fixture's name
    model = window.register.model
    with window.ward.read() as s:
        return reg_q.page(s, model.filters, window.ward.rules(), model.now, offset=0, limit=1000)


def shown_pages(table) -> set[int]:
    """The pages of the rows the table shows now."""
    top = table.rowAt(0)
    bottom = table.rowAt(table.viewport().height() - 1)
    bottom = table.model().rowCount() - 1 if bottom < 0 else bottom
    return set(range(top // PAGE, bottom // PAGE + 1))


class Held:
    """``register_model.rows_by_page`` held until released; records what each read asked."""

    def __init__(self, monkeypatch):
        self.asked, self.threads, self.gate = [], [], threading.Event()
        real = register_model.rows_by_page

        def held(ward, chunks):
            self.asked.append(set(chunks))
            self.threads.append(threading.current_thread())
            self.gate.wait(10)
            return real(ward, chunks)

        monkeypatch.setattr(register_model, "rows_by_page", held)


@pytest.fixture
def register(qtbot, window):  # noqa: F811
    window.nav.setCurrentRow(2)
    page = window.register
    page.model.wait_ids()
    settled(qtbot, window)
    return page


def test_scrolling_shows_placeholders_then_the_right_rows_read_off_the_gui_thread(
    qtbot,
    window,  # noqa: F811
    register,
    monkeypatch,
):
    model, table = register.model, register.table
    plain = plain_rows(window)
    held = Held(monkeypatch)
    row = 3 * PAGE + 5
    table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
    table.viewport().grab()  # painted at once with what the model has
    assert model.data(model.index(row, 0)) == LOADING and model.row(row) is None
    assert model.data(model.index(row, 2)) is None
    qtbot.waitUntil(lambda: len(held.asked) == 1, timeout=5000)
    assert held.asked[0] == shown_pages(table) and held.threads[0] is not threading.main_thread()
    # the GUI thread is free while the read is held: typing reaches the search box
    qtbot.keyClicks(register.search, "x")
    assert register.search.text() == "x"
    register.search.clear()
    register._debounce.stop()
    held.gate.set()
    qtbot.waitUntil(lambda: model.data(model.index(row, 0)) == plain[row].code, timeout=5000)
    assert model.data(model.index(row, 2)) == plain[row].applicant
    asked = len(held.asked)
    table.scrollToTop()  # the first page is loaded: shown at once, nothing read
    table.viewport().grab()
    assert model.data(model.index(0, 0)) == plain[0].code
    table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)  # and back: still there
    table.viewport().grab()
    assert model.data(model.index(row, 0)) == plain[row].code
    settled(qtbot, window)
    assert len(held.asked) == asked


def test_a_dragged_scrollbar_reads_only_where_it_stops(
    qtbot,
    window,  # noqa: F811
    register,
    monkeypatch,
):
    model, table = register.model, register.table
    plain = plain_rows(window)
    held = Held(monkeypatch)
    passed = set()
    for row in (PAGE + 10, 2 * PAGE + 10, 3 * PAGE + 10, model.rowCount() - 1):
        table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
        table.viewport().grab()
        qtbot.wait(10)  # the paint's pages are asked once it is over
        passed |= shown_pages(table)
    end = shown_pages(table)
    held.gate.set()
    settled(qtbot, window)
    assert held.asked[-1] == end  # where the drag stopped
    assert len(held.asked) == 2  # the first asked, then only the last: the rest were dropped
    never = passed - held.asked[0] - end
    assert never and all(p not in model._pages for p in never)
    last = model.rowCount() - 1
    assert model.data(model.index(last, 0)) == plain[last].code


def test_a_row_selected_before_its_page_arrived_keeps_the_selection_and_gets_its_pane(
    qtbot,
    window,  # noqa: F811
    register,
    monkeypatch,
):
    table = register.table
    plain = plain_rows(window)
    held = Held(monkeypatch)
    row = 4 * PAGE + 3
    register.select(row)
    assert table.currentIndex().row() == row and register.current() is None
    assert "Đang tải…" in register.detail.toPlainText()
    assert not register.buttons["forward"].isEnabled()  # no dossier yet: no step
    held.gate.set()
    qtbot.waitUntil(lambda: register.current() is not None, timeout=5000)
    settled(qtbot, window)
    assert table.currentIndex().row() == row
    assert table.selectionModel().selectedRows()[0].row() == row
    assert register.current().code == plain[row].code
    assert plain[row].code in register.detail.toPlainText()


def test_keys_land_on_the_right_row(qtbot, window, register):  # noqa: F811
    model, table = register.model, register.table
    plain = plain_rows(window)
    table.setFocus()
    register.select(0)
    qtbot.keyClick(table, Qt.Key_End, Qt.ControlModifier)
    last = model.rowCount() - 1
    assert table.currentIndex().row() == last
    settled(qtbot, window)
    assert register.current().code == plain[last].code
    assert plain[last].code in register.detail.toPlainText()
    register.select(0)
    qtbot.keyClick(table, Qt.Key_PageDown)
    down = table.currentIndex().row()
    assert down > 0
    settled(qtbot, window)
    assert register.current().code == plain[down].code
    target = 3 * PAGE + 17  # a page not loaded: looked up by its code, off the GUI thread
    assert target // PAGE not in model._pages
    register.select(0)
    qtbot.keyClicks(table, plain[target].code.lower())
    qtbot.waitUntil(lambda: table.currentIndex().row() == target, timeout=5000)
    settled(qtbot, window)
    assert register.current().code == plain[target].code
    register.select(0)
    qtbot.wait(500)  # a new search after the typing pause, among loaded rows this time
    qtbot.keyClicks(table, plain[5].code)
    assert table.currentIndex().row() == 5


class Outage:
    """Reads fail as a lost server's do, and so does the line's check, until ``end``."""

    def __init__(self, window, monkeypatch, *targets):  # noqa: F811
        self.down = True
        real_ping = window.ward.ping

        def ping():
            if self.down:
                raise sqlite3.OperationalError("unable to open database file")
            real_ping()

        monkeypatch.setattr(window.ward, "ping", ping)
        for module, name in targets:
            real = getattr(module, name)

            def failing(*args, _real=real, **kwargs):
                if self.down:
                    raise sqlite3.OperationalError("disk I/O error")
                return _real(*args, **kwargs)

            monkeypatch.setattr(module, name, failing)

    def end(self, line) -> None:
        self.down = False
        line.probe()


def test_a_lost_server_while_scrolling_shows_the_badge_and_reads_again_when_back(
    qtbot,
    window,  # noqa: F811
    register,
    monkeypatch,
):
    model, table, line = register.model, register.table, window.desk_line
    plain = plain_rows(window)
    outage = Outage(window, monkeypatch, (register_model, "rows_by_page"))
    row = 2 * PAGE + 1
    table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
    table.viewport().grab()
    qtbot.waitUntil(lambda: not line.online, timeout=5000)
    assert line.badge.isVisible() and window.statusBar().currentMessage() == LOST
    assert model.data(model.index(row, 0)) == LOADING and window.messages == []
    outage.end(line)
    qtbot.waitUntil(lambda: line.online, timeout=5000)
    qtbot.waitUntil(lambda: model.data(model.index(row, 0)) == plain[row].code, timeout=5000)
    assert not line.badge.isVisible() and window.messages == []


def test_a_held_pane_leaves_the_window_free_and_a_lost_one_says_so(
    qtbot,
    window,  # noqa: F811
    register,
    monkeypatch,
):
    line = window.desk_line
    plain = plain_rows(window)
    gate, real = threading.Event(), register_detail.pane

    def held(*args):
        gate.wait(10)
        return real(*args)

    monkeypatch.setattr(register_detail, "pane", held)
    register.select(1)
    qtbot.waitUntil(lambda: "Đang tải…" in register.detail.toPlainText(), timeout=3000)
    register.select(2)  # the clerk moves on while the first is held: only the newest is shown
    qtbot.keyClicks(register.search, "y")  # and the window takes keys meanwhile
    assert register.search.text() == "y"
    register._debounce.stop()
    gate.set()
    pane_shown(register)
    assert plain[2].code in register.detail.toPlainText()
    assert plain[1].code not in register.detail.toPlainText()
    monkeypatch.setattr(register_detail, "pane", real)
    outage = Outage(window, monkeypatch, (register_detail, "pane"))
    register.select(3)
    qtbot.waitUntil(lambda: LOST in register.detail.toPlainText(), timeout=5000)
    assert line.badge.isVisible() and window.messages == []
    outage.end(line)
    pane_shown(register)
    qtbot.waitUntil(lambda: plain[3].code in register.detail.toPlainText(), timeout=5000)
    assert not line.badge.isVisible()


def test_a_step_dialog_opens_at_once_and_keeps_what_was_typed_while_the_server_is_gone(
    qtbot,
    window,  # noqa: F811
    register,
    monkeypatch,
):
    line = window.desk_line
    plain = plain_rows(window)
    row = next(i for i, r in enumerate(plain) if r.status == "resolved")
    register.select(row)
    settled(qtbot, window)
    outage = Outage(window, monkeypatch, (register_steps, "step_facts"))
    register.act("return")
    dlg = register.step_dialog
    assert dlg.isVisible() and not dlg.ok.isEnabled()
    qtbot.waitUntil(lambda: LOST in dlg.problems.text(), timeout=5000)
    assert line.badge.isVisible() and window.messages == []
    dlg.by_other.setChecked(True)  # the clerk types on
    dlg.other_name.setText("Trần Thị Chờ")
    dlg.other_id.setText("079190001234")
    assert not dlg.ok.isEnabled()  # the dossier is not read: nothing can be recorded
    outage.end(line)
    qtbot.waitUntil(lambda: dlg.ready, timeout=5000)
    assert (dlg.other_name.text(), dlg.other_id.text()) == ("Trần Thị Chờ", "079190001234")
    assert LOST not in dlg.problems.text() and dlg.ok.isEnabled()
    assert plain[row].applicant in dlg.by_applicant.text()
    dlg.reject()
