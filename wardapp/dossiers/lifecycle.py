"""Dossier lifecycle: one function per transition (DOMAIN.md §2).

Each function validates everything first (a ``ValidationError`` names the field, a
``TransitionError`` says why the step is not allowed now), then writes the dossier change and its
history event in a single transaction.  Events are append-only.
"""

from __future__ import annotations

import json
import math
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import Apology, Counter, Dossier, DossierEvent, Office, Procedure
from wardapp.calendar.deadlines import classify_outcome, compute_due, extend_for_pause, parse_hhmm
from wardapp.common import validation
from wardapp.common.clock import now_local
from wardapp.common.errors import NotFoundError, TransitionError, ValidationError
from wardapp.common.ids import new_uuid
from wardapp.common.text import fold, nfc
from wardapp.office.store import Rules, Ward
from wardapp.trust import auth, chain

STATUS_LABELS = {
    "received": "Mới tiếp nhận",
    "in_progress": "Đang giải quyết",
    "supplement_requested": "Chờ bổ sung",
    "forwarded": "Đã chuyển cơ quan khác",
    "paused": "Tạm dừng",
    "resolved": "Đã có kết quả",
    "returned": "Đã trả kết quả",
    "withdrawn": "Đã rút / dừng giải quyết",
    "refused": "Từ chối",
}
STATUSES = tuple(STATUS_LABELS)
OPEN_STATUSES = ("received", "in_progress", "supplement_requested", "forwarded", "paused")
# Statuses in which the statutory clock is stopped (supplement only when the setting says so).
PAUSED_STATUSES = ("paused", "supplement_requested")
EVENT_LABELS = {
    "received": "Tiếp nhận",
    "supplement_requested": "Yêu cầu bổ sung",
    "supplied": "Đã bổ sung",
    "forwarded": "Chuyển cơ quan",
    "returned_from_agency": "Nhận lại từ cơ quan",
    "paused": "Tạm dừng",
    "resumed": "Tiếp tục",
    "resolved": "Có kết quả",
    "returned": "Trả kết quả",
    "withdrawn": "Rút hồ sơ / dừng giải quyết",
    "refused": "Từ chối",
    "apologised": "Xin lỗi, hẹn lại",
    "edited": "Sửa thông tin",
}
ACTIVE = ("received", "in_progress", "forwarded")
# Future times typed in are refused; a little slack covers a PC clock a minute fast.
FUTURE_SLACK = timedelta(minutes=5)
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


@dataclass
class IntakeData:
    procedure_code: str
    applicant_name: str
    applicant_id: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    channel: str = "direct"
    full_online: bool = False
    paid_online: bool = False
    sets_count: int = 1
    documents: list[str] = field(default_factory=list)
    received_at: datetime | None = None
    note: str = ""


# -- helpers ---------------------------------------------------------------------------------


def next_counter(s: Session, key: str) -> int:
    """Atomic increment: the UPDATE runs under the writer's lock (BEGIN IMMEDIATE on SQLite)."""
    res = s.execute(update(Counter).where(Counter.key == key).values(value=Counter.value + 1))
    if res.rowcount == 0:
        s.add(Counter(key=key, value=1))
        s.flush()
        return 1
    return s.scalar(select(Counter.value).where(Counter.key == key))


def format_code(pattern: str, office: Office, when: datetime, seq: int) -> str:
    try:
        return pattern.format(
            agency=office.agency_code,
            yymmdd=when.strftime("%y%m%d"),
            yyyymmdd=when.strftime("%Y%m%d"),
            yyyy=when.strftime("%Y"),
            seq=seq,
        )
    except (KeyError, ValueError, IndexError) as exc:
        raise ValidationError("Mẫu mã hồ sơ", f"'{pattern}' không hợp lệ ({exc})") from None


def allocate_code(s: Session, office: Office, pattern: str, when: datetime) -> str:
    key = f"code:{office.id}:{when:%Y%m%d}"
    while True:
        code = format_code(pattern, office, when, next_counter(s, key))
        if s.scalar(select(Dossier.id).where(Dossier.code == code)) is None:
            return code


def find_procedure(s: Session, code_or_id: str | int, on: datetime | None = None) -> Procedure:
    """The catalogue version in force on ``on`` (the newest when ``on`` is None)."""
    q = select(Procedure)
    if isinstance(code_or_id, int):
        q = q.where(Procedure.id == code_or_id)
    else:
        q = q.where(Procedure.code == str(code_or_id).strip())
    if on is not None:
        q = q.where(Procedure.effective_from <= on.date())
    proc = s.scalars(q.order_by(Procedure.effective_from.desc())).first()
    if proc is None:
        raise ValidationError("Thủ tục", f"không có thủ tục mã '{code_or_id}' trong danh mục")
    return proc


def procedure_due(rules: Rules, proc: Procedure, received_at: datetime) -> datetime:
    cutoff = parse_hhmm(proc.cutoff) if proc.cutoff else rules.cutoff
    return compute_due(rules.calendar, rules.hours, received_at, proc.limit_days, cutoff)


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


def _last_event(s: Session, d: Dossier) -> DossierEvent | None:
    return s.scalars(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == d.id)
        .order_by(DossierEvent.seq.desc())
        .limit(1)
    ).first()


def _append_event(
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
) -> DossierEvent:
    ev = DossierEvent(
        uuid=new_uuid(),
        dossier_id=d.id,
        office_id=d.office_id,
        seq=seq,
        kind=kind,
        at=at,
        recorded_at=now_local(),
        actor=nfc(actor),
        agency=nfc(agency),
        reason=nfc(reason),
        data=json.dumps(data or {}, ensure_ascii=False, default=str),
    )
    ev.backdated = chain.backdated(at, ev.recorded_at, rules.settings["backdate_tolerance_minutes"])
    s.flush()  # earlier events of this transaction (a batch) are part of the head
    no, prev = chain.head(s, d.office_id)
    chain.seal(ev, d.uuid, no + 1, prev)
    s.add(ev)
    return ev


def days_open(received: datetime, finished: datetime) -> int:
    """Whole days from receipt to finish, rounded up (the report's range bound)."""
    return math.ceil((finished - received).total_seconds() / 86400)


def _finish(d: Dossier, when: datetime) -> None:
    d.finished_at = when
    d.days_open = days_open(d.received_at, when)
    d.paused_at = None


def _touch(d: Dossier, status: str | None, at: datetime) -> None:
    if status is not None:
        d.status = status
        d.status_at = at
    d.version += 1
    d.updated_at = now_local()


# -- intake ----------------------------------------------------------------------------------


def intake(ward: Ward, data: IntakeData, actor: str) -> Dossier:
    actor = auth.actor(ward, "dossier", actor)
    rules = ward.rules()
    now = now_local()
    received_at = data.received_at or now
    if received_at > now + FUTURE_SLACK:
        raise ValidationError("Thời điểm tiếp nhận", f"{received_at:%d/%m/%Y %H:%M} ở tương lai")
    name = validation.required_text(data.applicant_name, "Họ tên người nộp")
    id_no = validation.citizen_id(data.applicant_id, current_year=received_at.year)
    phone = validation.phone(data.phone)
    email = validation.email(data.email)
    channel = validation.channel(data.channel)
    if not 1 <= int(data.sets_count) <= 99:
        raise ValidationError("Số bộ hồ sơ", f"{data.sets_count} phải từ 1 đến 99")
    with ward.write() as s:
        office = ward.office(s)
        proc = find_procedure(s, data.procedure_code, received_at)
        if not proc.active:
            raise ValidationError("Thủ tục", f"'{proc.name}' đã ngừng áp dụng")
        code = allocate_code(s, office, rules.settings["code_pattern"], received_at)
        d = Dossier(
            uuid=new_uuid(),
            office_id=office.id,
            code=code,
            procedure_id=proc.id,
            applicant_name=name,
            applicant_name_folded=fold(name),
            applicant_id=id_no,
            phone=phone,
            email=email,
            address=nfc(data.address),
            channel=channel,
            full_online=bool(data.full_online),
            paid_online=bool(data.paid_online),
            fee=proc.fee,
            sets_count=int(data.sets_count),
            documents=json.dumps([nfc(x) for x in data.documents], ensure_ascii=False),
            received_at=received_at,
            due_at=procedure_due(rules, proc, received_at),
            status="received",
            status_at=received_at,
            logbook_no=next_counter(s, f"logbook:{office.id}:{received_at.year}"),
            note=nfc(data.note),
            version=1,
            updated_at=now,
        )
        s.add(d)
        s.flush()
        _append_event(
            s,
            d,
            "received",
            received_at,
            actor,
            rules,
            seq=1,
            data={"due_at": d.due_at.isoformat()},
        )
    return d


# -- transitions -----------------------------------------------------------------------------


def _transition(
    ward: Ward,
    code: str,
    actor: str,
    *,
    kind: str,
    allowed_from: tuple[str, ...],
    to: str | None,
    at: datetime | None = None,
    agency: str = "",
    reason: str = "",
    reason_required: str | None = None,
    agency_required: bool = False,
    apply=None,
    session: Session | None = None,
    permission: str = "dossier",
) -> Dossier:
    actor = auth.actor(ward, permission, actor)
    if reason_required and not nfc(reason):
        raise ValidationError(reason_required, "chưa nhập")
    if agency_required and not nfc(agency):
        raise ValidationError("Cơ quan", "chưa nhập tên cơ quan")
    rules = ward.rules()
    # ``session``: take part in a caller's transaction (a batch is all or nothing).
    with nullcontext(session) if session is not None else ward.write() as s:
        d = get_dossier(s, code)
        if d.status not in allowed_from:
            raise TransitionError(
                f"Hồ sơ {d.code} đang ở trạng thái '{STATUS_LABELS[d.status]}', không thể "
                f"'{EVENT_LABELS[kind]}' (chỉ được khi: "
                + ", ".join(STATUS_LABELS[x] for x in allowed_from)
                + ")."
            )
        last = _last_event(s, d)
        when = _event_time(at, last.at if last else d.received_at)
        data = {"from": d.status}
        target = to(s, d) if callable(to) else to
        if apply is not None:
            data.update(apply(s, d, when, rules) or {})
        _touch(d, target, when)
        _append_event(
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
        )
    return d


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
    last = _last_event(s, d)
    prev = json.loads(last.data).get("from") if last else None
    return prev if prev in ("forwarded", "in_progress") else "in_progress"


def request_supplement(ward, code, actor, *, reason, at=None):
    pauses = bool(ward.rules().settings["supplement_pauses_clock"])
    return _transition(
        ward,
        code,
        actor,
        kind="supplement_requested",
        allowed_from=ACTIVE,
        to="supplement_requested",
        at=at,
        reason=reason,
        reason_required="Giấy tờ cần bổ sung và lý do",
        apply=_start_pause if pauses else None,
    )


def supplied(ward, code, actor, *, at=None, note=""):
    return _resume(ward, code, actor, "supplied", ("supplement_requested",), at, note)


def pause(ward, code, actor, *, reason, at=None):
    return _transition(
        ward,
        code,
        actor,
        kind="paused",
        allowed_from=ACTIVE,
        to="paused",
        at=at,
        reason=reason,
        reason_required="Lý do tạm dừng",
        apply=_start_pause,
    )


def resume(ward, code, actor, *, at=None, note=""):
    return _resume(ward, code, actor, "resumed", ("paused",), at, note)


def _resume(ward, code, actor, kind, allowed, at, note):
    return _transition(
        ward,
        code,
        actor,
        kind=kind,
        allowed_from=allowed,
        to=_resume_status,
        at=at,
        reason=note,
        apply=_end_pause,
    )


def forward(ward, code, actor, *, agency, at=None, note=""):
    return _transition(
        ward,
        code,
        actor,
        kind="forwarded",
        allowed_from=("received", "in_progress"),
        to="forwarded",
        at=at,
        agency=agency,
        agency_required=True,
        reason=note,
    )


def return_from_agency(ward, code, actor, *, agency, at=None, note=""):
    return _transition(
        ward,
        code,
        actor,
        kind="returned_from_agency",
        allowed_from=("forwarded",),
        to="in_progress",
        at=at,
        agency=agency,
        agency_required=True,
        reason=note,
    )


def resolve(ward, code, actor, *, at=None, note=""):
    def apply(s, d, when, rules):
        d.resolved_at = when
        _finish(d, when)
        d.outcome = classify_outcome(when, d.due_at)
        return {"outcome": d.outcome}

    return _transition(
        ward,
        code,
        actor,
        kind="resolved",
        allowed_from=ACTIVE,
        to="resolved",
        at=at,
        reason=note,
        apply=apply,
    )


def return_result(ward, code, actor, *, at=None, note=""):
    def apply(s, d, when, rules):
        d.returned_at = when

    return _transition(
        ward,
        code,
        actor,
        kind="returned",
        allowed_from=("resolved",),
        to="returned",
        at=at,
        reason=note,
        apply=apply,
    )


def _close(s, d, when, rules):
    d.closed_at = when
    _finish(d, when)


def _closing(kind: str, reason_label: str):
    """Withdrawal and refusal end a dossier the same way; only the event and label differ."""

    def step(ward, code, actor, *, reason, at=None):
        return _transition(
            ward,
            code,
            actor,
            kind=kind,
            allowed_from=OPEN_STATUSES,
            to=kind,
            at=at,
            reason=reason,
            reason_required=reason_label,
            apply=_close,
        )

    step.__name__ = {"withdrawn": "withdraw", "refused": "refuse"}[kind]
    return step


withdraw = _closing("withdrawn", "Lý do rút hồ sơ / dừng giải quyết")
refuse = _closing("refused", "Lý do từ chối")


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
        if d.apology_count >= 1 and rules.settings["apology_only_once"]:
            raise TransitionError(
                f"Hồ sơ {d.code} đã được hẹn lại một lần; quy định chỉ cho hẹn lại một lần."
            )
        old = (
            s.scalar(
                select(Apology.new_due_at)
                .where(Apology.dossier_id == d.id)
                .order_by(Apology.nth.desc())
                .limit(1)
            )
            or d.due_at
        )
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
        d.apology_count += 1
        ap = Apology(
            uuid=new_uuid(),
            dossier_id=d.id,
            office_id=d.office_id,
            nth=d.apology_count,
            year=when.year,
            number=next_counter(s, f"apology:{d.office_id}:{when.year}"),
            reason=nfc(reason),
            old_due_at=old,
            new_due_at=due,
            issued_at=when,
            signer=nfc(signer),
            channel=channel,
        )
        s.add(ap)
        s.flush()
        if on_issue is not None:
            on_issue(s, d, ap)
        made.append(ap)
        return {"new_due_at": due.isoformat(), "number": ap.number}

    _transition(
        ward,
        code,
        actor,
        kind="apologised",
        allowed_from=OPEN_STATUSES,
        to=None,
        at=at,
        reason=reason,
        apply=apply,
        session=session,
        permission="sign",
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

    return _transition(
        ward,
        code,
        actor,
        kind="edited",
        allowed_from=STATUSES,
        to=None,
        at=at,
        reason=reason,
        reason_required="Lý do sửa",
        apply=apply,
    )
