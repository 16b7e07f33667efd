"""Taking back the last step of a dossier, a few minutes after a slip of the hand.

Nothing is deleted: the undo is a history event of its own, sealed in the chain after the step
it takes back, naming it (``undid_seq``, ``undid_kind``) and the status the dossier returns to
(``to``), so ``dossiers.replay`` and the city see both.  Which steps may be taken back, and
for how long, is ``actions.undo_refusal``: the rule the window greys its button by.
"""

from __future__ import annotations

import json

from wardapp.dossiers.lifecycle.transition import last_event, transition


def _restored_status(s, d) -> str:
    """The status the undone step started from, as its own event recorded it."""
    last = last_event(s, d)
    return json.loads(last.data).get("from") or d.status


def _put_back(s, d, when, rules):
    """What the undone step wrote on the row, cleared (``actions.UNDOABLE`` are exactly the
    steps for which this is the whole of it)."""
    last = last_event(s, d)
    if last.kind == "resolved":
        d.resolved_at = d.finished_at = d.days_open = d.outcome = None
    elif last.kind == "returned":
        d.returned_at = None
    elif last.kind == "paused":
        d.paused_at = None
    return {
        "to": _restored_status(s, d),
        "undid_seq": last.seq,
        "undid_kind": last.kind,
        "undid_at": last.at.isoformat(),
    }


def undo_last_step(ward, code, actor, *, reason=""):
    """Take back the dossier's last step (refused with the reason when the rule says no)."""
    return transition(
        ward,
        code,
        actor,
        action="undo",
        to=_restored_status,
        reason=reason,
        apply=_put_back,
    )
