"""The Qt binding the program ships must not leak Python's ``None``.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``None`` at every call of a Qt method that
returns nothing; ``None`` is not immortal before Python 3.12, so a desk that keeps the window open
all day (every greyed button, tooltip and status text is such a call) would abort with "Fatal
Python error: none_dealloc".  ``pyproject.toml`` keeps the binding below 6.12; this test fails on
any version that brings the leak back."""

import sys

from ui.qt import QPushButton


def test_qt_setters_keep_none_alive(qtbot):
    button = QPushButton()
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for i in range(1000):
        button.setEnabled(i % 2 == 0)
        button.setToolTip(str(i))
    assert sys.getrefcount(None) >= before - 50
