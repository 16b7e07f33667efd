"""Who may take which step on a dossier in which status: the one rule.

The services refuse by it (``transition`` asks :func:`state_refusal` and the role check asks
``auth.refusal``) and the window greys its buttons by :func:`why_not`, so what the window offers
and what a service accepts cannot drift apart: a button is never enabled for a step the service
would refuse, nor greyed for one it would take.  Each reason is a Vietnamese sentence a clerk
can act on ("Hồ sơ chưa có kết quả"), shown as the greyed button's tooltip and as the error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from wardapp.common.clock import now_local
from wardapp.dossiers.lifecycle.statuses import (
    ACTIVE,
    EVENT_LABELS,
    OPEN_STATUSES,
    STATUS_LABELS,
    STATUSES,
)
from wardapp.trust import auth


@dataclass(frozen=True)
class Step:
    event: str  # the history event the step records
    permission: str  # what the role must hold (wardapp.trust.auth.PERMISSIONS)
    allowed_from: tuple[str, ...]  # the statuses the step may start from


# Keyed by the window's action names (and the services' ``action=``).
STEPS = {
    "supplement": Step("supplement_requested", "dossier", ACTIVE),
    "supplied": Step("supplied", "dossier", ("supplement_requested",)),
    "pause": Step("paused", "dossier", ACTIVE),
    "resume": Step("resumed", "dossier", ("paused",)),
    "forward": Step("forwarded", "dossier", ("received", "in_progress")),
    "back": Step("returned_from_agency", "dossier", ("forwarded",)),
    "resolve": Step("resolved", "dossier", ACTIVE),
    "return": Step("returned", "dossier", ("resolved",)),
    "rate": Step("rated", "dossier", ("returned",)),
    "withdraw": Step("withdrawn", "dossier", OPEN_STATUSES),
    "refuse": Step("refused", "dossier", OPEN_STATUSES),
    "apology": Step("apologised", "sign", OPEN_STATUSES),
    "edit": Step("edited", "dossier", STATUSES),
    "undo": Step("undone", "dossier", STATUSES),
}
# The steps an undo may take back: each changes only the status and a time of the row, so the
# row can be put back exactly.  The others issued a numbered document the applicant may hold
# (supplement, refusal, stop, apology), moved the due time (supply, resume) or are corrected
# by a further correction (edit); an intake is never undone (its logbook number is given).
UNDOABLE = ("resolved", "returned", "forwarded", "returned_from_agency", "paused")


@dataclass(frozen=True)
class LastStep:
    kind: str  # the event kind of the dossier's last history entry
    recorded_at: datetime  # when it was entered (not the time it states: a backdated step
    # entered just now may still be undone)


# Statuses from which a dossier takes no step but a correction.
CLOSED = ("returned", "withdrawn", "refused")

# The plain reason first, where one says more than the list of statuses.
_WHY = {
    ("return", "returned"): "Hồ sơ đã trả kết quả",
    ("rate", None): "Chỉ hỏi ý kiến người dân khi trả kết quả",
    ("resolve", "resolved"): "Hồ sơ đã có kết quả",
    ("supplied", None): "Hồ sơ không chờ bổ sung",
    ("resume", None): "Hồ sơ không tạm dừng",
    ("back", None): "Hồ sơ không ở cơ quan khác",
}


def state_refusal(
    action: str,
    status: str,
    *,
    apology_count: int = 0,
    only_once: bool = True,
    last: LastStep | None = None,
    now: datetime | None = None,
    undo_minutes: int = 10,
    rated: bool = False,
) -> str | None:
    """Why ``action`` cannot start from ``status`` (None when it can).  ``apology_count`` and
    ``only_once`` (the office's "re-appointment only once" setting) matter for the apology;
    ``last``, ``now`` and ``undo_minutes`` (the office's setting) for an undo; ``rated`` (the
    citizen has answered) for the rating."""
    step = STEPS[action]
    if action == "undo":
        return undo_refusal(last, now or now_local(), undo_minutes)
    if status not in step.allowed_from:
        if action == "return" and status in OPEN_STATUSES:
            lead = "Hồ sơ chưa có kết quả"
        elif status in CLOSED and (action, status) not in _WHY and action != "rate":
            lead = "Hồ sơ đã kết thúc"
        else:
            lead = _WHY.get((action, status)) or _WHY.get((action, None)) or "Không thể lúc này"
        return (
            f"{lead}. Đang ở trạng thái '{STATUS_LABELS[status]}', không thể "
            f"'{EVENT_LABELS[step.event]}' (chỉ được khi: "
            + ", ".join(STATUS_LABELS[x] for x in step.allowed_from)
            + ")."
        )
    if action == "apology" and apology_count >= 1 and only_once:
        return "Hồ sơ đã được hẹn lại một lần; quy định chỉ cho hẹn lại một lần."
    if action == "rate" and rated:
        return "Người dân đã đánh giá hồ sơ này; mỗi hồ sơ chỉ ghi một lần đánh giá."
    return None


def undo_refusal(last: LastStep | None, now: datetime, minutes: int) -> str | None:
    """Why the dossier's last step cannot be taken back now (None: it can).  Only the last
    step, only once, only within ``minutes`` of its entry: a slip of the hand is caught at
    the desk; anything older is history the city may already hold."""
    if minutes <= 0:
        return "Cơ quan không cho hoàn tác bước xử lý (cài đặt số phút hoàn tác là 0)."
    if last is None or last.kind == "received":
        return "Hồ sơ chưa có bước xử lý nào để hoàn tác."
    label = EVENT_LABELS.get(last.kind, last.kind)
    if last.kind == "undone":
        return "Bước cuối của hồ sơ là một lần hoàn tác; không hoàn tác tiếp được."
    if last.kind not in UNDOABLE:
        return (
            f"Không hoàn tác được bước '{label}' (chỉ hoàn tác: "
            + ", ".join(EVENT_LABELS[k] for k in UNDOABLE)
            + ")."
        )
    if now - last.recorded_at > timedelta(minutes=minutes):
        return (
            f"Bước '{label}' ghi lúc {last.recorded_at:%H:%M %d/%m/%Y}, đã quá {minutes} phút; "
            "không hoàn tác được nữa."
        )
    return None


def why_not(
    ward,
    action: str,
    status: str,
    *,
    apology_count: int = 0,
    last: LastStep | None = None,
    rated: bool = False,
) -> str | None:
    """Why the signed-in account may not take ``action`` on a dossier in ``status`` now, or
    None: the role first (it does not change with the dossier), then the status (for an
    undo, ``last``: the dossier's last step)."""
    reason = auth.refusal(ward, STEPS[action].permission)
    if reason is not None:
        return reason
    settings = ward.rules().settings
    only_once = bool(settings["apology_only_once"]) if action == "apology" else True
    return state_refusal(
        action,
        status,
        apology_count=apology_count,
        only_once=only_once,
        last=last,
        undo_minutes=int(settings["undo_minutes"]),
        rated=rated,
    )
