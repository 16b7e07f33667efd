"""Greying an action the signed-in account may not take now, with the reason as its tooltip.

The reason always comes from ``wardapp`` (``auth.refusal`` for a role, ``actions.why_not`` for a
step on a dossier), the same answer the service would give: the window only shows it before
anything is typed instead of after."""

from __future__ import annotations

from ui.qt import QT_TR_NOOP
from wardapp.trust import auth

NO_DOSSIER = QT_TR_NOOP("Chọn một hồ sơ trong danh sách")


def offer(widget, reason: str | None, tip: str = "") -> None:
    """Enable ``widget`` (a button or QAction) when ``reason`` is None, else grey it and say
    why; ``tip`` is its usual tooltip."""
    widget.setEnabled(reason is None)  # Qt itself does nothing when the state is unchanged
    widget.setToolTip(reason or tip)


def offer_role(ward, widget, permission: str, tip: str = "") -> None:
    offer(widget, auth.refusal(ward, permission), tip)
