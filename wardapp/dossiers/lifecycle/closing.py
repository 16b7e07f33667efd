"""The steps that end a dossier: the result handed back, a withdrawal, a refusal.  Once
closed, a dossier takes no further step but a correction of its details."""

from __future__ import annotations

from wardapp.dossiers.lifecycle.transition import finish, transition


def return_result(ward, code, actor, *, at=None, note=""):
    def apply(s, d, when, rules):
        d.returned_at = when

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
