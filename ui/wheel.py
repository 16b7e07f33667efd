"""The mouse wheel scrolls a page; it changes a value only in the field being edited.  Over the
long settings page a wheel turned to scroll changed whatever combo or number passed under the
pointer (the paper size went from A4 to A5 unseen)."""

from __future__ import annotations

from ui.qt import QAbstractSpinBox, QApplication, QComboBox, QEvent, QObject, Qt


class WheelGuard(QObject):
    """Event filter: a wheel over an unfocused combo or spin box scrolls ``area`` instead."""

    def __init__(self, area):
        super().__init__(area)
        self.area = area

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Wheel and not obj.hasFocus():
            QApplication.sendEvent(self.area.verticalScrollBar(), event)
            return True
        return super().eventFilter(obj, event)


def guard_wheel(root, area) -> WheelGuard:
    """Every combo and spin box under ``root`` (now: call again for widgets added later)."""
    guard = getattr(area, "_wheel_guard", None) or WheelGuard(area)
    area._wheel_guard = guard
    for w in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        w.setFocusPolicy(Qt.StrongFocus)  # a wheel does not give focus either
        w.removeEventFilter(guard)
        w.installEventFilter(guard)
    return guard
