"""The one field for a day or a day and hour, typed the way the office writes them (31/12/2026,
31/12/2026 14:30; ISO too) or picked on a calendar.

Every date the window asks for goes through it, so a clerk who reads dd/mm/yyyy everywhere
never has to type 2026-12-31 in one corner.  The text is never rewritten under the clerk's
fingers: a bad value is flagged as it is typed (red, with the reason as tooltip) and refused
by :meth:`DateField.value` with a Vietnamese sentence, while the field keeps what was typed so
it can be corrected rather than retyped.
"""

from __future__ import annotations

from datetime import date, datetime

from ui.qt import (
    QCalendarWidget,
    QDate,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QLocale,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from wardapp.common import ValidationError, now_local, parse_day, parse_minute

BAD_STYLE = "QLineEdit { border: 1px solid #b00020; background: #fdecee; }"


def show_day(v: date) -> str:
    return f"{v.day:02d}/{v.month:02d}/{v.year:04d}"


def show_minute(v: datetime) -> str:
    return f"{show_day(v)} {v.hour:02d}:{v.minute:02d}"


class CalendarPopup(QFrame):
    """The month grid under the field; Vietnamese month and day names, weeks from Monday."""

    def __init__(self, field: DateField):
        super().__init__(field, Qt.Popup)
        self.setFrameShape(QFrame.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale(QLocale.Vietnamese, QLocale.Vietnam))
        self.calendar.setFirstDayOfWeek(Qt.Monday)
        self.calendar.setGridVisible(True)
        QVBoxLayout(self).addWidget(self.calendar)
        self.calendar.clicked.connect(field.pick_day)
        self.calendar.activated.connect(field.pick_day)


class DateField(QWidget):
    """``with_time``: the field takes a day and an hour (a step's time), else a day.
    ``required``: an empty field is a problem (else it means "none")."""

    edited = Signal()  # the text changed (typed or picked)

    def __init__(
        self,
        label: str = "Ngày",
        *,
        with_time: bool = False,
        required: bool = True,
        value: date | datetime | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.label, self.with_time, self.required = label, with_time, required
        self.edit = QLineEdit(
            placeholderText=tr("dd/mm/yyyy HH:MM") if with_time else tr("dd/mm/yyyy")
        )
        self.edit.setMinimumWidth(130 if with_time else 100)
        self.pick = QToolButton(text="▾")
        self.pick.setToolTip(tr("Chọn trên lịch (Alt+↓)"))
        self.pick.setFocusPolicy(Qt.NoFocus)
        self.pick.clicked.connect(self.open_calendar)
        self.popup: CalendarPopup | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.pick)
        self.edit.textChanged.connect(self._changed)
        # the keyboard's way to the calendar, as in Qt's own date fields and Windows combos
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)
        if value is not None:
            self.set_value(value)

    # -- value --------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - as QLineEdit, for callers and tests
        self.edit.setText(text)

    def set_value(self, v: date | datetime | None) -> None:
        if v is None:
            self.edit.clear()
        elif self.with_time:
            self.edit.setText(
                show_minute(v if isinstance(v, datetime) else datetime(*v.timetuple()[:3]))
            )
        else:
            self.edit.setText(show_day(v.date() if isinstance(v, datetime) else v))

    def problem(self) -> str | None:
        """What is wrong with the text as typed (None: it is a day, or empty where allowed)."""
        s = self.edit.text().strip()
        if not s:
            return tr("chưa nhập") if self.required else None
        try:
            (parse_minute if self.with_time else parse_day)(s)
        except ValueError as exc:
            return str(exc)
        return None

    def value(self):
        """The day (``date``) or time (``datetime``), None when empty and optional; a
        ``ValidationError`` naming the field otherwise.  The text is left as typed."""
        why = self.problem()
        if why is not None:
            raise ValidationError(self.label, why)
        s = self.edit.text().strip()
        if not s:
            return None
        return (parse_minute if self.with_time else parse_day)(s)

    def is_valid(self) -> bool:
        return self.problem() is None

    def _changed(self, _text: str) -> None:
        s = self.edit.text().strip()
        why = self.problem() if s else None  # empty is said on save, not while starting
        self.edit.setStyleSheet(BAD_STYLE if why else "")
        self.edit.setToolTip(why or "")
        self.edited.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """Alt+↓ or F4 in the field opens the calendar."""
        if obj is self.edit and event.type() == QEvent.KeyPress:
            alt_down = event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier
            if alt_down or event.key() == Qt.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(obj, event)

    # -- calendar -----------------------------------------------------------------------------
    def open_calendar(self) -> CalendarPopup:
        """Show the month of the typed day (today's when none) under the field; returned so a
        test can pick a day on it."""
        if self.popup is None:
            self.popup = CalendarPopup(self)

        try:
            current = self.value() or now_local()
        except ValidationError:
            current = now_local()
        day = current.date() if isinstance(current, datetime) else current
        self.popup.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.popup.show()
        self.popup.calendar.setFocus()
        return self.popup

    def pick_day(self, qd: QDate) -> None:
        """A day picked on the calendar; a time field keeps the hour already typed (now's
        hour when none was)."""
        day = date(qd.year(), qd.month(), qd.day())
        if self.with_time:
            try:
                old = self.value() or now_local()
            except ValidationError:
                old = now_local()
            self.set_value(datetime(day.year, day.month, day.day, old.hour, old.minute))
        else:
            self.set_value(day)
        if self.popup is not None:
            self.popup.hide()
        self.edit.setFocus()
