"""Typing a code into the register's list jumps to that dossier, as typing into any list does.

Qt's own keyboard search asks the model for the text of every row from the current one on until
one matches: over a million dossiers that read every page (on the GUI thread when pages were
read there, and with pages read behind it would queue them all).  Here the rows already loaded
are searched first; otherwise the codes are looked up on the window's line (an index range, then
the position in the id list the table already holds) and the row is selected when the answer
comes, if it is still the newest keystroke's.
"""

from __future__ import annotations

import time

from ui.desk_line import behind
from ui.qt import QApplication, QTableView
from wardapp.dossiers import register as reg


class RegisterTable(QTableView):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.typed, self.typed_at = "", 0.0
        self.asked = 0  # the newest lookup: an older one's answer is dropped

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt's name
        """Keystrokes within the platform's interval add up to one prefix, as in Qt."""
        now = time.monotonic()
        pause = QApplication.keyboardInputInterval() / 1000
        again = now - self.typed_at <= pause and bool(self.typed)
        self.typed = (self.typed if again else "") + search
        self.typed_at = now
        self.jump(self.typed, again)

    def jump(self, prefix: str, again: bool = False) -> None:
        """Select the first row from the current one (the next one for a new search) whose
        code starts with ``prefix``, wrapping round."""
        model = self.model()
        n = model.rowCount()
        if not prefix.strip() or not n:
            return
        current = self.currentIndex().row()
        start = 0 if current < 0 else (current if again else current + 1) % n
        self.asked += 1
        asked, generation = self.asked, model._generation
        found = loaded_match(model, prefix, start)
        if found is not None:
            self.page.select(found)
            return
        ids = model._ids
        if ids is None:  # every row is loaded, or the list is on its way: nothing to look up
            return

        def arrived(row) -> None:
            if row is not None and asked == self.asked and generation == model._generation:
                self.page.select(row)

        behind(self, position, model.ward, ids, prefix, start, done=arrived)


def loaded_match(model, prefix: str, start: int) -> int | None:
    """The first loaded row at or after ``start`` (wrapping) whose code starts with ``prefix``."""
    from ui.pages.register_model import PAGE

    prefix = prefix.strip().upper()
    hits = [
        p * PAGE + k
        for p, rows in model._pages.items()
        for k, shown in enumerate(rows)
        if shown.row.code.upper().startswith(prefix)
    ]
    after = [i for i in hits if i >= start]
    return min(after or hits, default=None)


def position(ward, ids, prefix: str, start: int) -> int | None:
    """On a worker: the first position at or after ``start`` (wrapping) in ``ids`` (the
    table's rows in display order) of a dossier whose code starts with ``prefix``."""
    with ward.read() as s:
        wanted = set(reg.code_ids(s, prefix))
    if not wanted:
        return None
    first = None
    for i, dossier in enumerate(ids):
        if dossier in wanted:
            if i >= start:
                return i
            if first is None:
                first = i
    return first
