"""The count that comes after the first page, against what happens meanwhile: a refresh after
a save, a list of older filters arriving, a count smaller than the page, a search typed while
the server was away (found by review; the plain path is in test_gui_count_after.py)."""

import threading

import pytest

pytest.importorskip("PySide6")

from tests.conftest import settled  # noqa: E402
from tests.test_gui import window  # noqa: E402,F401 - the desk over 300 demo dossiers
from tests.test_gui_count_after import _uncounted, gone  # noqa: E402 - the server's answers
from ui.pages import register_count, register_model  # noqa: E402
from wardapp.dossiers import register as reg_q  # noqa: E402


def _searched(qtbot, window, monkeypatch, text="000"):  # noqa: F811
    window.nav.setCurrentRow(2)
    page, model = window.register, window.register.model
    settled(qtbot, window)
    release = threading.Event()
    _uncounted(monkeypatch, release)
    page.search.setText(text)
    page.apply_filters()
    release.set()
    qtbot.waitUntil(lambda: page.count_label.text() == "300 hồ sơ", timeout=5000)
    model.wait_ids()
    settled(qtbot, window)
    return page, model


def test_refresh_while_counting_keeps_the_selected_dossier(qtbot, window, monkeypatch):  # noqa: F811
    """After a step is saved the page refreshes (``RegisterPage.refresh``): the row kept is
    clamped to the uncounted page's rows (PAGE, 64), so another dossier is selected and shown."""
    page, model = _searched(qtbot, window, monkeypatch)
    page.select(120)
    model.wait_rows(120, 120)  # its page is read behind
    before = page.current().code
    hold = threading.Event()
    _uncounted(monkeypatch, hold)  # the refresh's count is slow again
    try:
        page.refresh()
    finally:
        hold.set()
    qtbot.waitUntil(lambda: page.count_label.text() == "300 hồ sơ", timeout=5000)
    model.wait_rows(120, 120)
    settled(qtbot, window)
    assert page.current().code == before, (page.table.currentIndex().row(), before)


def test_no_id_list_is_read_for_a_page_still_counting(qtbot, window, monkeypatch):  # noqa: F811
    """An id list of older filters ends while the new search's count is in flight: the stale
    ``_needs_ids`` asks the new search's list with ``matches`` = the page's row count (PAGE) as placeholder, so
    the cap's limit (``reg.ids``) is skipped and every match's id is read (238,758 for "079")."""
    window.nav.setCurrentRow(2)
    page, model = window.register, window.register.model
    settled(qtbot, window)
    gate, asked = threading.Event(), []
    real_ids = register_model.all_ids

    def all_ids(ward, filters, rules, now, **order):
        asked.append((filters.search, order["matches"], model._counting))
        if filters.search == "":
            gate.wait(10)
        return real_ids(ward, filters, rules, now, **order)

    monkeypatch.setattr(register_model, "all_ids", all_ids)
    page.search.setText("")
    page.apply_filters()  # 300 rows, counted: the id list is asked
    qtbot.waitUntil(lambda: model._reading, timeout=5000)
    hold = threading.Event()
    _uncounted(monkeypatch, hold)
    page.search.setText("000")
    page.apply_filters()
    assert page.count_label.text() == "Đang đếm…"
    gate.set()  # the old list arrives, for filters no longer shown
    qtbot.wait(500)
    early = [a for a in asked if a[0] == "000"]
    hold.set()
    settled(qtbot, window)
    assert early == [], early


def test_a_count_below_the_shown_page_is_believed(qtbot, ward, monkeypatch):
    """The count is read in a later transaction than the page: dossiers that left the match
    meanwhile (another desk corrected a name) make it smaller than the page shown.
    ``_take_count`` only ever grows the table, so the label keeps the page's length."""
    from tests.conftest import as_demo
    from wardapp.setup import demo

    demo.generate(as_demo(ward), dossiers=300, seed=5)
    release = threading.Event()
    release.set()
    _uncounted(monkeypatch, release)
    monkeypatch.setattr(register_count, "count_of", lambda *a: 10)
    model = register_model.RegisterModel(ward)  # no window: the count read on a thread
    model.set_filters(reg_q.Filters(search="000"))
    qtbot.waitUntil(lambda: model.count_text() != "Đang đếm…", timeout=5000)
    assert (model.rowCount(), model.count_text()) == (10, "10 hồ sơ")


def test_an_id_list_asked_after_the_count_is_for_the_rows_shown(qtbot, window, monkeypatch):  # noqa: F811
    """The clerk types while a count is in flight and that reload cannot reach the server
    (``fetch`` keeps the rows shown, the generation unchanged) but ``set_filters`` has already
    replaced ``model.filters``.  When the old count lands, ``_after_count`` asks the id list
    with the new filters for the old rows: the table mixes two searches.  (main had this only
    within IDS_DELAY_MS of a reload; the count-after path holds it open for the whole count.)"""
    window.nav.setCurrentRow(2)
    page, model = window.register, window.register.model
    settled(qtbot, window)
    hold = threading.Event()
    _uncounted(monkeypatch, hold)
    page.search.setText("000")
    page.apply_filters()
    assert page.count_label.text() == "Đang đếm…"
    uncounted_first = reg_q.first_page

    monkeypatch.setattr(reg_q, "first_page", gone)
    monkeypatch.setattr(window.ward, "ping", gone)
    page.search.setText("h26-2607")
    page.apply_filters()  # cannot reach the server: the "000" rows stay
    monkeypatch.setattr(reg_q, "first_page", uncounted_first)
    hold.set()  # the network is back; the "000" count arrives
    qtbot.waitUntil(lambda: model._ids is not None or not model._needs_ids, timeout=5000)
    model.wait_ids()
    settled(qtbot, window)
    shown = [s.row.id for s in model._pages[0]]
    assert model._ids is None or list(model._ids[: len(shown)]) == shown
