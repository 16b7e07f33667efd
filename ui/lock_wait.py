"""The desk's notice while a save waits for the write lock: a long import in another program
writes in batches, and a save arriving during one waits for it (at most about a second, up to
the 10 s busy timeout).  Without a word the window would look frozen; the status bar says why
(``wardapp.office.store.waiting_message``) and the cursor waits, then both come back."""

from __future__ import annotations

import weakref

from ui.qt import QApplication, QEventLoop, QMainWindow, Qt, QThread


def install(window: QMainWindow) -> None:
    """The ward (which outlives a window: sign-out, tests) holds the notice, and the notice
    only a weak reference to the window: a strong one kept a closed window and its timers
    alive, and its idle lock later opened a sign-in dialog over nothing."""
    app = QApplication.instance()
    ref = weakref.ref(window)
    before: list[str] = []

    def notice(text: str) -> None:
        window = ref()
        if window is None or QThread.currentThread() is not app.thread():
            return  # closed, or a long task's worker (its progress dialog is showing)
        bar = window.statusBar()
        if text:
            before.append(bar.currentMessage())
            bar.showMessage(text)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            # painted now, before the GUI thread blocks on the lock; no clicks taken meanwhile
            app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        elif before:
            QApplication.restoreOverrideCursor()
            bar.showMessage(before.pop())

    window.ward.on_wait = notice
