"""The steps while a dossier is being handled: a supplement asked for and supplied, a pause and
its end (both move the due time), forwarding to another agency and back, the result, a written
apology with a new date for a late dossier, and corrections of the applicant's details."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Apology, Dossier
from wardapp.calendar.deadlines import classify_outcome, compute_due, extend_for_pause
from wardapp.common import validation
from wardapp.common.clock import now_local
from wardapp.common.errors import ValidationError
from wardapp.common.ids import new_uuid
from wardapp.common.text import fold, nfc
from wardapp.dossiers.lifecycle.batch import Batch
from wardapp.dossiers.lifecycle.intake import next_counter
from wardapp.dossiers.lifecycle.transition import finish, last_event, transition

EDITABLE_FIELDS = (
    "applicant_name",
    "applicant_id",
    "phone",
    "email",
    "address",
    "channel",
    "full_online",
    "paid_online",
    "sets_count",
    "note",
)


def _start_pause(s, d, when, rules):
    d.paused_at = when


def _end_pause(s, d, when, rules):
    """Move the due time by the working time spent paused; go back to where the pause began."""
    info = {}
    if d.paused_at is not None:
        old = d.due_at
        d.due_at = extend_for_pause(rules.calendar, rules.hours, d.due_at, d.paused_at, when)
        info = {"old_due_at": old.isoformat(), "due_at": d.due_at.isoformat()}
        d.paused_at = None
    return info


def _resume_status(s: Session, d: Dossier) -> str:
    last = last_event(s, d)
    prev = json.loads(last.data).get("from") if last else None
    return prev if prev in ("forwarded", "in_progress") else "in_progress"


def request_supplement(ward, code, actor, *, reason, at=None, missing=(), session=None):
    """``missing``: the documents asked for, ``(name, originals, certified, copies)`` each,
    kept in the event so the written request (Mẫu 02) can be printed again from it."""
    pauses = bool(ward.rules().settings["supplement_pauses_clock"])
    missing = [[nfc(n), int(a), int(b), int(c)] for n, a, b, c in missing]

    def apply(s, d, when, rules):
        if pauses:
            _start_pause(s, d, when, rules)
        # whether the clock stopped (a setting that may change later) is recorded, so the
        # row's pause can be recomputed from the history (``dossiers.replay``)
        return {"clock_paused": pauses, **({"missing": missing} if missing else {})}

    return transition(
        ward,
        code,
        actor,
        action="supplement",
        to="supplement_requested",
        at=at,
        reason=reason,
        reason_required="Giấy tờ cần bổ sung và lý do",
        apply=apply,
        session=session,
    )


def supplied(ward, code, actor, *, at=None, note=""):
    return _resume(ward, code, actor, "supplied", at, note)


def pause(ward, code, actor, *, reason, at=None):
    return transition(
        ward,
        code,
        actor,
        action="pause",
        to="paused",
        at=at,
        reason=reason,
        reason_required="Lý do tạm dừng",
        apply=_start_pause,
    )


def resume(ward, code, actor, *, at=None, note=""):
    return _resume(ward, code, actor, "resume", at, note)


def _resume(ward, code, actor, action, at, note):
    return transition(
        ward,
        code,
        actor,
        action=action,
        to=_resume_status,
        at=at,
        reason=note,
        apply=_end_pause,
    )


def forward(ward, code, actor, *, agency, at=None, note=""):
    return transition(
        ward,
        code,
        actor,
        action="forward",
        to="forwarded",
        at=at,
        agency=agency,
        agency_required=True,
        reason=note,
    )


def return_from_agency(ward, code, actor, *, agency, at=None, note=""):
    return transition(
        ward,
        code,
        actor,
        action="back",
        to="in_progress",
        at=at,
        agency=agency,
        agency_required=True,
        reason=note,
    )


def resolve(ward, code, actor, *, at=None, note=""):
    def apply(s, d, when, rules):
        d.resolved_at = when
        finish(d, when)
        d.outcome = classify_outcome(when, d.due_at)
        return {"outcome": d.outcome}

    return transition(
        ward,
        code,
        actor,
        action="resolve",
        to="resolved",
        at=at,
        reason=note,
        apply=apply,
    )


def apologise(
    ward,
    code,
    actor,
    *,
    reason,
    signer,
    new_due: datetime | None = None,
    extra_days: float | None = None,
    channel: str = "paper",
    at=None,
    on_issue=None,
    session: Session | None = None,
    batch: Batch | None = None,
) -> Apology:
    """Record a written apology with a new return date (computed from ``extra_days`` working
    days after the current due time, or given).  A second one is refused while the office keeps
    the "only once" rule.  ``on_issue(session, dossier, apology)`` runs inside the same
    transaction (the letter's PDF is archived there), so a failed letter records nothing."""
    if not nfc(reason):
        raise ValidationError("Lý do chậm trễ", "chưa nhập")
    if not nfc(signer):
        raise ValidationError("Người ký", "chưa nhập")
    if channel not in ("paper", "email", "sms"):
        raise ValidationError("Hình thức gửi", f"'{channel}' phải là paper, email hoặc sms")
    if new_due is None and extra_days is None:
        raise ValidationError("Ngày hẹn mới", "cần số ngày gia hạn hoặc ngày hẹn mới")
    made: list[Apology] = []

    def apply(s, d, when, rules):
        if batch is not None:
            old = batch.prior_due.get(d.id)
        else:
            old = s.scalar(
                select(Apology.new_due_at)
                .where(Apology.dossier_id == d.id)
                .order_by(Apology.nth.desc())
                .limit(1)
            )
        old = old or d.due_at
        due = new_due
        if due is None:
            # Counted from the old date, or from now for a dossier already past it: a new
            # appointment in the past would be no appointment at all.
            base = max(old, when)
            due = compute_due(rules.calendar, rules.hours, base, float(extra_days), rules.cutoff)
        if due <= old or due <= when:
            raise ValidationError(
                "Ngày hẹn mới",
                f"{due:%d/%m/%Y %H:%M} phải sau ngày hẹn cũ {old:%d/%m/%Y %H:%M} "
                f"và sau thời điểm xin lỗi {when:%d/%m/%Y %H:%M}",
            )
        # Numbered before the dossier changes: the counter's UPDATE then has nothing to flush
        # first, and the dossier and its apology are written in one flush.
        key = f"apology:{d.office_id}:{when.year}"
        number = batch.next_number(key) if batch is not None else next_counter(s, key)
        d.apology_count += 1
        ap = Apology(
            uuid=new_uuid(),
            dossier_id=d.id,
            office_id=d.office_id,
            nth=d.apology_count,
            year=when.year,
            number=number,
            reason=nfc(reason),
            old_due_at=old,
            new_due_at=due,
            issued_at=when,
            signer=nfc(signer),
            channel=channel,
        )
        s.add(ap)
        if batch is None:  # a batch writes its rows in one flush at the end
            s.flush()
        if on_issue is not None:
            on_issue(s, d, ap)
        made.append(ap)
        return {"new_due_at": due.isoformat(), "number": ap.number}

    transition(
        ward,
        code,
        actor,
        action="apology",
        to=None,
        at=at,
        reason=reason,
        apply=apply,
        session=session,
        batch=batch,
    )
    return made[0]


def edit(ward, code, actor, *, reason, changes: dict, at=None) -> Dossier:
    """Correct applicant details; the event keeps the old and new values."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError("Sửa hồ sơ", "không sửa được trường " + ", ".join(sorted(unknown)))
    clean = {}
    for k, v in changes.items():
        if k == "applicant_name":
            v = validation.required_text(v, "Họ tên người nộp")
        elif k == "applicant_id":
            v = validation.citizen_id(v, current_year=now_local().year)
        elif k == "phone":
            v = validation.phone(v)
        elif k == "email":
            v = validation.email(v)
        elif k == "channel":
            v = validation.channel(v)
        elif k in ("full_online", "paid_online"):
            v = bool(v)
        elif k == "sets_count":
            v = int(v)
        else:
            v = nfc(v)
        clean[k] = v

    def apply(s, d, when, rules):
        diff = {k: [getattr(d, k), v] for k, v in clean.items() if getattr(d, k) != v}
        if not diff:
            raise ValidationError("Sửa hồ sơ", "không có thay đổi nào")
        for k, (_old, new) in diff.items():
            setattr(d, k, new)
        if "applicant_name" in diff:
            d.applicant_name_folded = fold(d.applicant_name)
        return {"changes": diff}

    return transition(
        ward,
        code,
        actor,
        action="edit",
        to=None,
        at=at,
        reason=reason,
        reason_required="Lý do sửa",
        apply=apply,
    )
