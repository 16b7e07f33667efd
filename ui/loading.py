"""Pages whose figures take seconds on a large register (the commitment's twelve monthly reports,
Biểu 06 with the late-by-agency split, the apology candidates) read them off the GUI thread once
they sit in the window, so a page paints at once and the clerk can move on while it fills.

A page provides ``load_args()`` (what its widgets say, read on the GUI thread), ``load(*args)``
(the figures: touches no widget, runs in a worker thread with its own session) and
``render(data)``.  Only the newest request is shown: a year changed twice quickly does not
end on the first year's figures.  A page standing alone (tests, a dialog) loads at once."""

from __future__ import annotations

from ui.qt import QLabel, tr


class LoadsBehind:
    """Mixed into a ``QWidget`` page; ``self.loading`` is a label the page places."""

    _generation = 0

    def loading_label(self) -> QLabel:
        self.loading = QLabel(tr("Đang tính số liệu trên sổ…"))
        self.loading.setStyleSheet("color: #555;")
        self.loading.setVisible(False)
        return self.loading

    def _show_loading(self, shown: bool) -> None:
        label = getattr(self, "loading", None)  # the dashboard keeps its old figures meanwhile
        if label is not None:
            label.setVisible(shown)

    def refresh(self) -> None:
        args = self.load_args()
        if args is None:  # the widgets hold something invalid: the page said so
            return
        self._generation += 1
        generation = self._generation
        window = self.window()
        runner = getattr(window, "run_task", None) if window is not self else None
        if runner is None:
            self.render(self.load(*args))
            return
        self._show_loading(True)

        def done(data) -> None:
            if generation == self._generation:  # a newer request is on its way: not this one
                self._show_loading(False)
                self.render(data)

        def failed(exc) -> None:
            self._show_loading(False)
            from ui.errors import report_error

            report_error(self, exc)

        runner(lambda *a, progress=None: self.load(*a), *args, on_done=done, on_error=failed)
