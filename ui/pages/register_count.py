"""A register page that comes before its count (issue 20): on a server the first page of a
common word is found by a short walk down the date index and its count reads ten thousand rows
of the table (250–800 ms on ten million dossiers), so the table shows the page, the label says
"Đang đếm…", and the count, the rows past the page and the id list follow.

Mixed into ``RegisterModel``, whose ``reload`` sets ``_counting`` and calls ``_ask_count``."""

from __future__ import annotations

from ui.desk_line import line_of
from ui.qt import QModelIndex, tr
from wardapp.dossiers import register as reg


class CountAfter:
    """``_counting``: "" counted; "counting" the page came without its count; "failed" the
    count never arrived (the server went away: asked again when it answers)."""

    _counting = ""

    def _after_count(self) -> None:
        self._needs_ids = self._count > len(self._pages.get(0, ()))
        if self._needs_ids:
            self._ask_later.start()
        else:
            self._ask_later.stop()

    def _ask_count(self) -> None:
        """The count behind a first page that came without it, read behind as the id list is
        (``RegisterModel._behind``)."""
        gen = self._generation
        args = (self.ward, self.filters, self.ward.rules(), self.now)
        self._behind(count_of, *args, on_answer=lambda ok, v: self._take_count(gen, ok, v))

    def _take_count(self, gen: int, ok: bool, n) -> None:
        if gen != self._generation:  # filters changed meanwhile: their own count is asked
            return
        if not ok:
            line = line_of(self.owner)
            if line is None or not line.failed(n, retry=lambda: self._count_again(gen)):
                raise n  # not the connection: as the count itself would have raised it
            self._counting = "failed"  # the badge is up; asked again when the server answers
            self.counted.emit()
            return
        self._counting = ""
        self._resize(n)  # smaller: read after the page, dossiers left the match in between
        self.counted.emit()
        self._after_count()

    def _resize(self, n: int) -> None:
        """The table's length set to a count read after its rows (the count, the id list)."""
        if n > self._count:
            self.beginInsertRows(QModelIndex(), self._count, n - 1)
            self._count = n
            self.endInsertRows()
        elif n < self._count:
            self.beginRemoveRows(QModelIndex(), n, self._count - 1)
            self._count = n
            self.endRemoveRows()

    def _count_again(self, gen: int) -> None:
        if gen == self._generation and self._counting == "failed":
            self._counting = "counting"
            self.counted.emit()
            self._ask_count()

    def count_text(self) -> str:
        """Above ``COUNT_CAP`` a search's count on a server stops counting (the table lists
        what it has): "hơn 10.000 hồ sơ" rather than a figure that is not the whole."""
        if self._counting == "counting":
            return tr("Đang đếm…")
        if self._counting == "failed":
            return tr("{n} hồ sơ trở lên (chưa đếm được)").format(n=self._count)
        if self._count > reg.COUNT_CAP:
            return tr("hơn {n} hồ sơ").format(n=f"{reg.COUNT_CAP:,}".replace(",", "."))
        return tr("{n} hồ sơ").format(n=self._count)


def count_of(ward, filters, rules, now) -> int:
    """On a worker: the count a first page came without."""
    with ward.read() as s:
        return reg.count(s, filters, rules, now)
