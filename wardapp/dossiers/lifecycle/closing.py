"""The steps that end a dossier: the result handed back, a withdrawal, a refusal.  Once
closed, a dossier takes no further step but a correction of its details."""

from __future__ import annotations

from wardapp.common import validation
from wardapp.common.clock import now_local
from wardapp.common.errors import ValidationError
from wardapp.dossiers.lifecycle.transition import finish, transition

APPLICANT = "applicant"


def collector(name: str = "", id_number: str = "") -> dict | str:
    """Who took the result: ``APPLICANT`` when no name is given, else a named person with the
    ID number the desk checked (a result handed to someone else must say to whom)."""
    if not (name or "").strip() and not (id_number or "").strip():
        return APPLICANT
    who = validation.required_text(name, "Họ tên người nhận kết quả", max_len=100)
    try:
        number = validation.citizen_id(id_number, current_year=now_local().year, required=True)
    except ValidationError as exc:
        raise ValidationError("Số định danh người nhận kết quả", exc.message) from None
    return {"name": who, "id": number}


def collector_text(value, applicant: str = "") -> str:
    """How the detail pane and the logbook name who took the result ('' when not recorded)."""
    if value == APPLICANT:
        return f"người nộp hồ sơ{f' ({applicant})' if applicant else ''}"
    if isinstance(value, dict) and value.get("name"):
        return f"{value['name']} (số định danh {value.get('id', '')}), nhận thay"
    return ""


def return_result(ward, code, actor, *, at=None, note="", collected_by=None):
    """``collected_by``: ``collector(...)``'s answer; None records nothing about who took it
    (scripts, old calls), which is how returns were recorded before it was asked."""
    if collected_by is not None and collected_by != APPLICANT:
        collected_by = collector(collected_by.get("name", ""), collected_by.get("id", ""))

    def apply(s, d, when, rules):
        d.returned_at = when
        if collected_by is not None:
            return {"collector": collected_by}

    return transition(
        ward,
        code,
        actor,
        action="return",
        to="returned",
        at=at,
        reason=note,
        apply=apply,
    )


def _close(s, d, when, rules):
    d.closed_at = when
    finish(d, when)


def _closing(action: str, to: str, reason_label: str):
    """Withdrawal and refusal end a dossier the same way; only the event and label differ."""

    def step(ward, code, actor, *, reason, at=None, session=None):
        return transition(
            ward,
            code,
            actor,
            action=action,
            to=to,
            at=at,
            reason=reason,
            reason_required=reason_label,
            apply=_close,
            session=session,
        )

    step.__name__ = action
    return step


withdraw = _closing("withdraw", "withdrawn", "Lý do rút hồ sơ / dừng giải quyết")
refuse = _closing("refuse", "refused", "Lý do từ chối")
