"""Which register columns are shown.  A clerk needs the code, the status, the applicant, the
appointment and the procedure; all ten columns side by side needed horizontal scrolling on a
1366×768 screen and truncated the status.  The others are one right click on the header away,
and the choice is remembered per user (QSettings, like the window's geometry)."""

from __future__ import annotations

from ui.pages.register_model import KEYS
from ui.qt import QMenu, QSettings, Qt, tr
from wardapp.dossiers import register as reg

SHOWN_BY_DEFAULT = ("code", "status", "applicant", "due", "procedure")
ALWAYS = "code"  # a row must still say which dossier it is
WIDTHS = {
    "code": 190,
    "status": 250,
    "applicant": 165,
    "due": 118,
    "procedure": 260,
    "received": 118,
    "field": 110,
    "channel": 90,
    "resolved": 118,
    "returned": 118,
}
SETTING = "register/columns"


def remembered() -> list[str]:
    value = QSettings("wardapp", "wardapp").value(SETTING)
    if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
        value = [value]
    keys = [k for k in (value or []) if k in KEYS]
    return keys if keys else list(SHOWN_BY_DEFAULT)


def apply(table, shown=None) -> None:
    shown = remembered() if shown is None else shown
    for key, width in WIDTHS.items():
        table.setColumnWidth(KEYS.index(key), width)
    for i, key in enumerate(KEYS):
        table.setColumnHidden(i, key != ALWAYS and key not in shown)


def shown(table) -> list[str]:
    return [k for i, k in enumerate(KEYS) if not table.isColumnHidden(i)]


def set_shown(table, key: str, on: bool) -> None:
    table.setColumnHidden(KEYS.index(key), not on)
    if on and table.columnWidth(KEYS.index(key)) < 30:  # hidden columns come back at 0 px
        table.setColumnWidth(KEYS.index(key), WIDTHS[key])
    QSettings("wardapp", "wardapp").setValue(SETTING, shown(table))


def header_menu(table, pos=None) -> QMenu:
    """The header's context menu: a tick per column (the code's cannot be unticked)."""
    menu = QMenu(table)
    menu.setToolTipsVisible(True)
    for i, key in enumerate(KEYS):
        act = menu.addAction(tr(reg.COLUMNS[key][0]))
        act.setCheckable(True)
        act.setChecked(not table.isColumnHidden(i))
        act.setEnabled(key != ALWAYS)
        act.toggled.connect(lambda on, k=key: set_shown(table, k, on))
    menu.addSeparator()
    menu.addAction(tr("Cột mặc định"), lambda: _defaults(table))
    if pos is not None:
        menu.popup(table.horizontalHeader().viewport().mapToGlobal(pos))
    return menu


def _defaults(table) -> None:
    apply(table, list(SHOWN_BY_DEFAULT))
    QSettings("wardapp", "wardapp").setValue(SETTING, shown(table))


def install(page) -> None:
    """Columns as remembered, and the header's right click to choose them."""
    table = page.table
    apply(table)
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.CustomContextMenu)
    header.customContextMenuRequested.connect(
        lambda pos: setattr(page, "column_menu", header_menu(table, pos))
    )
