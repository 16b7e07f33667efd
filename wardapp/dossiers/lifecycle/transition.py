"""What every step after intake shares, so each step in ``processing`` and ``closing`` says only
what differs (the statuses it may start from, the status it leads to, what it changes).

A step validates everything first (a ``ValidationError`` names the field, a ``TransitionError``
says why the step is not allowed now), then writes the dossier change and its history event in a
single transaction.  Events are append-only and sealed into the office's hash chain.
"""

from __future__ import annotations

import json
import math
from contextlib import nullcontext
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Dossier, DossierEvent
from wardapp.common.clock import now_local
from wardapp.common.errors import NotFoundError, TransitionError, ValidationError
from wardapp.common.ids import new_uuid
from wardapp.common.text import nfc
from wardapp.dossiers.lifecycle import actions
from wardapp.dossiers.lifecycle.batch import Batch
from wardapp.office.store import Rules, Ward
from wardapp.trust import auth, chain

# Future times typed in are refused; a little slack covers a PC clock a minute fast.
FUTURE_SLACK = timedelta(minutes=5)


def get_dossier(s: Session, code: str) -> Dossier:
    d = s.scalars(select(Dossier).where(Dossier.code == code.strip())).first()
    if d is None:
        raise NotFoundError(f"Không tìm thấy hồ sơ mã '{code}'.")
    return d


def _event_time(at: datetime | None, last_at: datetime | None) -> datetime:
    now = now_local()
    at = at or now
    if at > now + FUTURE_SLACK:
        raise ValidationError("Thời điểm", f"{at:%d/%m/%Y %H:%M} ở tương lai")
    if last_at is not None and at < last_at:
        raise ValidationError(
            "Thời điểm",
            f"{at:%d/%m/%Y %H:%M} sớm hơn bước trước của hồ sơ ({last_at:%d/%m/%Y %H:%M})",
        )
    return at


def last_event(s: Session, d: Dossier) -> DossierEvent | None:
    return s.scalars(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == d.id)
        .order_by(DossierEvent.seq.desc())
        .limit(1)
    ).first()


def append_event(
    s: Session,
    d: Dossier,
    kind: str,
    at: datetime,
    actor: str,
    rules: Rules,
    *,
    seq: int,
    agency: str = "",
    reason: str = "",
    data: dict | None = None,
    batch: Batch | None = None,
) -> DossierEvent:
    recorded_at = now_local()
    backdated = chain.backdated(at, recorded_at, rules.settings["backdate_tolerance_minutes"])
    if backdated:  # inside the hashed data too: the column alone could be cleared unseen
        data = {**(data or {}), "backdated": True}
    ev = DossierEvent(
        uuid=new_uuid(),
        dossier_id=d.id,
        office_id=d.office_id,
        seq=seq,
        kind=kind,
        at=at,
        recorded_at=recorded_at,
        actor=nfc(actor),
        agency=nfc(agency),
        reason=nfc(reason),
        data=json.dumps(data or {}, ensure_ascii=False, default=str),
        backdated=backdated,
    )
    if batch is not None:  # the head carried from the batch's previous event
        no, prev = batch.head(d.office_id)
    else:
        s.flush()  # earlier events of this transaction are part of the head
        no, prev = chain.head(s, d.office_id)
    chain.seal(ev, d.uuid, no + 1, prev)
    s.add(ev)
    if batch is not None:
        batch.sealed(ev)
    return ev


def days_open(received: datetime, finished: datetime) -> int:
    """Whole days from receipt to finish, rounded up (the report's range bound)."""
    return math.ceil((finished - received).total_seconds() / 86400)


def finish(d: Dossier, when: datetime) -> None:
    d.finished_at = when
    d.days_open = days_open(d.received_at, when)
    d.paused_at = None


def _touch(d: Dossier, status: str | None, at: datetime) -> None:
    if status is not None:
        d.status = status
        d.status_at = at
    d.version += 1
    d.updated_at = now_local()


def transition(
    ward: Ward,
    code: str,
    actor: str,
    *,
    action: str,
    to: str | None,
    at: datetime | None = None,
    agency: str = "",
    reason: str = "",
    reason_required: str | None = None,
    agency_required: bool = False,
    apply=None,
    session: Session | None = None,
    batch: Batch | None = None,
) -> Dossier:
    """Take the step ``action`` (a key of ``actions.STEPS``: its event, the permission it needs
    and the statuses it may start from are the rule the window greys its buttons by)."""
    step = actions.STEPS[action]
    kind = step.event
    actor = auth.actor(ward, step.permission, actor)
    if reason_required and not nfc(reason):
        raise ValidationError(reason_required, "chưa nhập")
    if agency_required and not nfc(agency):
        raise ValidationError("Cơ quan", "chưa nhập tên cơ quan")
    rules = ward.rules()
    # ``session``: take part in a caller's transaction (a batch is all or nothing), with
    # ``batch`` holding what it read for all its dossiers at once.
    with nullcontext(session) if session is not None else ward.write() as s:
        d = batch.dossier(code) if batch is not None else None
        d = d or get_dossier(s, code)
        last = batch.last_event(d) if batch is not None else last_event(s, d)
        why = actions.state_refusal(
            action,
            d.status,
            apology_count=d.apology_count,
            only_once=bool(rules.settings["apology_only_once"]),
            last=actions.LastStep(last.kind, last.recorded_at) if last else None,
            undo_minutes=int(rules.settings["undo_minutes"]),
            rated=bool(d.rating),
        )
        if why is not None:
            raise TransitionError(f"{d.code}: {why}")
        when = _event_time(at, last.at if last else d.received_at)
        data = {"from": d.status}
        target = to(s, d) if callable(to) else to
        if apply is not None:
            data.update(apply(s, d, when, rules) or {})
        _touch(d, target, when)
        append_event(
            s,
            d,
            kind,
            when,
            actor,
            rules,
            seq=(last.seq if last else 0) + 1,
            agency=agency,
            reason=reason,
            data=data,
            batch=batch,
        )
    return d
