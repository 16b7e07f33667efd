"""The register's id list is read off the GUI thread right after the first page (issue 19: on a
million dossiers reading it during the first scroll froze the window for a second)."""

import threading

import pytest

pytest.importorskip("PySide6")

from tests.test_gui import window  # noqa: E402,F401 - the desk over 300 demo dossiers
from ui.pages import register_model  # noqa: E402
from wardapp.dossiers import register as reg_q  # noqa: E402


def test_a_scroll_before_the_id_list_arrived_waits_for_it_off_the_gui_thread(
    qtbot,
    window,  # noqa: F811
    monkeypatch,
):
    threads, release = [], threading.Event()
    real_ids = reg_q.ids

    def slow_ids(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)  # the million-dossier list, still on its way
        return real_ids(*args, **kwargs)

    window.nav.setCurrentRow(2)
    page, model = window.register, window.register.model
    model.wait_ids()  # the list the window asked for when it opened
    monkeypatch.setattr(reg_q, "ids", slow_ids)
    model.reload()  # the first page now, the id list asked for behind it
    qtbot.waitUntil(lambda: len(threads) == 1, timeout=3000)
    with window.ward.read() as s:
        plain = reg_q.page(s, model.filters, window.ward.rules(), model.now, offset=0, limit=500)
    assert model.rowCount() == len(plain) == 300

    row = 200  # past the first page (64 rows)
    page.table.scrollTo(model.index(row, 0))
    page.table.viewport().grab()  # painted at once, with what the model has
    assert model.data(model.index(row, 0)) == register_model.LOADING
    assert model.data(model.index(row, 2)) is None
    assert model.row(row) is None  # no dossier behind a placeholder: no action can take one
    assert model.data(model.index(0, 0)) == plain[0].code  # the first page is still shown
    assert model._ids is None and len(threads) == 1  # painting asked nothing more
    assert threads[0] is not threading.main_thread()

    release.set()
    qtbot.waitUntil(lambda: model._ids is not None, timeout=5000)
    page.table.viewport().grab()  # the row's page is asked, off the GUI thread too
    qtbot.waitUntil(lambda: model.data(model.index(row, 0)) == plain[row].code, timeout=5000)
    model.wait_rows()
    shown = [model.row(i).code for i in range(model.rowCount())]
    assert shown == [r.code for r in plain]
    assert all(t is not threading.main_thread() for t in threads) and len(threads) == 1


def test_a_list_read_for_older_filters_is_never_shown_and_reads_do_not_pile_up(
    qtbot,
    window,  # noqa: F811
    monkeypatch,
):
    gates = []
    real_ids = reg_q.ids

    def gated_ids(*args, **kwargs):
        gate = threading.Event()
        gates.append(gate)
        gate.wait(10)
        return real_ids(*args, **kwargs)

    window.nav.setCurrentRow(2)
    model = window.register.model
    model.wait_ids()
    monkeypatch.setattr(reg_q, "ids", gated_ids)
    model.reload()
    qtbot.waitUntil(lambda: len(gates) == 1, timeout=3000)
    model.sort(0, register_model.Qt.AscendingOrder)  # by code, while the first list is read
    qtbot.wait(100)
    assert len(gates) == 1  # one read at a time: the new order's list waits for it
    gates[0].set()  # the list in the old order answers
    qtbot.waitUntil(lambda: len(gates) == 2, timeout=3000)  # then the new order's is asked
    assert model._ids is None  # the old order's list was dropped
    gates[1].set()
    qtbot.waitUntil(lambda: model._ids is not None, timeout=5000)
    model.wait_rows()
    codes = [model.row(i).code for i in range(model.rowCount())]
    assert codes == sorted(codes) and len(codes) == 300
