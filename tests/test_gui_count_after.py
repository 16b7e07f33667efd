"""A search's count that comes after its first page (issue 20): on a server a common word's
page is found in milliseconds and its count costs hundreds, so the window shows the rows, says
"Đang đếm…", and fills in the count, the rows past the page and the id list when it arrives."""

import threading

import pytest

pytest.importorskip("PySide6")

from tests.conftest import settled  # noqa: E402
from tests.test_gui import window  # noqa: E402,F401 - the desk over 300 demo dossiers
from ui.pages import register_count, register_model  # noqa: E402
from wardapp.dossiers import register as reg_q  # noqa: E402


def _uncounted(monkeypatch, release: threading.Event):
    """The engine's answer for a common word: the page without its count; the count itself
    held back until ``release``."""
    real_first, real_count = reg_q.first_page, reg_q.count

    def first_page(*args, **kwargs):
        n, rows = real_first(*args, **kwargs)
        return (None if kwargs.get("counted") is False else n), rows

    def count(*args, **kwargs):
        release.wait(10)
        return real_count(*args, **kwargs)

    monkeypatch.setattr(reg_q, "first_page", first_page)
    monkeypatch.setattr(reg_q, "count", count)


def gone(*_a, **_k):
    """The server went away (what psycopg raises, as SQLAlchemy wraps it)."""
    from sqlalchemy.exc import OperationalError

    raise OperationalError("SELECT", {}, Exception("server closed the connection"))


def test_the_rows_come_first_and_the_count_after(qtbot, window, monkeypatch):  # noqa: F811
    window.nav.setCurrentRow(2)
    page, model = window.register, window.register.model
    settled(qtbot, window)
    release = threading.Event()
    _uncounted(monkeypatch, release)
    page.search.setText("000")  # every code holds the office's "000."
    page.apply_filters()
    assert page.count_label.text() == "Đang đếm…"
    assert model.rowCount() == register_model.PAGE  # the page shown, nothing invented past it
    first = [model.index(i, 0).data() for i in range(3)]
    assert all(code.startswith("000.") for code in first)

    release.set()
    qtbot.waitUntil(lambda: page.count_label.text() == "300 hồ sơ", timeout=5000)
    assert model.rowCount() == 300
    model.wait_ids()  # asked once the count said more rows match than the page
    model.wait_rows()  # the rows past the page, read behind
    settled(qtbot, window)
    with window.ward.read() as s:
        plain = reg_q.page(s, model.filters, window.ward.rules(), model.now, offset=0, limit=500)
    assert [model.index(i, 0).data() for i in (0, 150, 299)] == [
        plain[i].code for i in (0, 150, 299)
    ]


def test_a_count_for_older_filters_is_never_shown(qtbot, window, monkeypatch):  # noqa: F811
    window.nav.setCurrentRow(2)
    page, model = window.register, window.register.model
    settled(qtbot, window)
    release = threading.Event()
    _uncounted(monkeypatch, release)
    page.search.setText("000")
    page.apply_filters()
    assert page.count_label.text() == "Đang đếm…"
    monkeypatch.undo()  # the next search is counted with its page
    page.search.setText("zzzz")
    page.apply_filters()
    assert page.count_label.text() == "0 hồ sơ"
    release.set()  # the first search's count arrives now, for filters no longer shown
    settled(qtbot, window)
    assert page.count_label.text() == "0 hồ sơ" and model.rowCount() == 0


def test_a_count_lost_with_the_server_says_so_and_comes_when_it_answers(
    qtbot,
    window,  # noqa: F811
    monkeypatch,
):
    window.nav.setCurrentRow(2)
    page, model = window.register, window.register.model
    settled(qtbot, window)
    _uncounted(monkeypatch, threading.Event())
    monkeypatch.setattr(register_count, "count_of", gone)
    monkeypatch.setattr(window.ward, "ping", gone)
    page.search.setText("000")
    page.apply_filters()
    qtbot.waitUntil(lambda: "chưa đếm được" in page.count_label.text(), timeout=5000)
    assert page.count_label.text() == f"{register_model.PAGE} hồ sơ trở lên (chưa đếm được)"
    assert not window.desk_line.online

    monkeypatch.undo()  # the server is back: the real count and ping
    window.desk_line.probe()
    qtbot.waitUntil(lambda: page.count_label.text() == "300 hồ sơ", timeout=5000)
    assert window.desk_line.online and model.rowCount() == 300
