"""The menu bar (Tệp, Hồ sơ, In, Xem, Trợ giúp): every action of the window in one place with
its shortcut, so a clerk can find what a key does, and greyed by the same rule as the buttons.

Shortcuts live on these actions only (a second QShortcut with the same keys would make Qt treat
both as ambiguous and fire neither)."""

from __future__ import annotations

from ui.access import NO_DOSSIER, offer
from ui.actions import STEPS
from ui.qt import QT_TR_NOOP, QAction, QKeySequence, tr

# The In menu: what can be printed again for the selected dossier (see ui/reprint.py).
REPRINTS = (
    ("receipt", QT_TR_NOOP("In lại giấy tiếp nhận (Mẫu 01)…"), "Ctrl+Shift+G"),
    ("control", QT_TR_NOOP("In phiếu kiểm soát quá trình…"), "Ctrl+Shift+K"),
    ("issued", QT_TR_NOOP("In lại văn bản đã phát hành…"), "Ctrl+Shift+V"),
)


def _action(window, menu, label: str, keys: str, slot, tip: str = "") -> QAction:
    act = QAction(tr(label), window)
    if keys:
        act.setShortcut(QKeySequence(keys))
    if tip:
        act.setToolTip(tr(tip))
    act.triggered.connect(lambda _checked=False: slot())
    menu.addAction(act)
    return act


def build(window, titles: list[str]) -> dict[str, QAction]:
    """Fill ``window``'s menu bar; returns the actions by name (steps keyed as in ui.actions)."""
    bar = window.menuBar()
    acts: dict[str, QAction] = {}
    m = bar.addMenu(tr("&Tệp"))
    m.setToolTipsVisible(True)
    acts["lock"] = _action(window, m, QT_TR_NOOP("Khoá máy ngay"), "Ctrl+L", window.lock)
    acts["switch"] = _action(
        window, m, QT_TR_NOOP("Đổi người dùng…"), "Ctrl+Shift+U", window.switch_user
    )
    acts["sign_out"] = _action(window, m, QT_TR_NOOP("Đăng xuất"), "Ctrl+Shift+Q", window.sign_out)
    m.addSeparator()
    acts["quit"] = _action(window, m, QT_TR_NOOP("Thoát"), "Ctrl+Q", window.close)

    m = bar.addMenu(tr("&Hồ sơ"))
    m.setToolTipsVisible(True)
    acts["new"] = _action(
        window, m, QT_TR_NOOP("Tiếp nhận hồ sơ mới"), "Ctrl+N", lambda: window.go(1)
    )
    acts["find"] = _action(window, m, QT_TR_NOOP("Tìm hồ sơ"), "Ctrl+F", lambda: window.go(2))
    m.addSeparator()
    for key, label, keys, tip in STEPS:
        acts[key] = _action(window, m, label, keys, lambda k=key: window.register_act(k), tip)
        offer(acts[key], tr(NO_DOSSIER))  # until the register shows a selected dossier

    m = bar.addMenu(tr("&In"))
    m.setToolTipsVisible(True)
    for key, label, keys in REPRINTS:
        acts[key] = _action(window, m, label, keys, lambda k=key: window.reprint(k))
        offer(acts[key], tr(NO_DOSSIER))

    m = bar.addMenu(tr("&Xem"))
    for row, title in enumerate(titles):
        acts[f"page{row}"] = _action(
            window, m, title, f"Ctrl+{row + 1}", lambda r=row: window.go(r)
        )
    m.addSeparator()
    acts["refresh"] = _action(window, m, QT_TR_NOOP("Làm mới số liệu"), "F5", window.data_changed)

    m = bar.addMenu(tr("Trợ &giúp"))
    acts["help"] = _action(window, m, QT_TR_NOOP("Trợ giúp trang này"), "F1", window.show_help)
    acts["about"] = _action(window, m, QT_TR_NOOP("Giới thiệu wardapp"), "", window.about)
    return acts
