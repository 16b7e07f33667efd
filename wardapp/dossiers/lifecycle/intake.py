"""Receiving a dossier: the catalogue version in force, the due time, the dossier code and the
office's counters (codes, logbook and apology numbers), then the first event."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import backend
from db.models import Counter, Dossier, Office, Procedure
from wardapp.calendar.deadlines import compute_due, parse_hhmm
from wardapp.common import validation
from wardapp.common.clock import now_local
from wardapp.common.errors import ValidationError
from wardapp.common.ids import new_uuid
from wardapp.common.text import fold, nfc
from wardapp.dossiers.lifecycle.transition import FUTURE_SLACK, append_event
from wardapp.office.store import Rules, Ward
from wardapp.trust import auth


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
    # How letters address the applicant when the ID cannot tell (documents.addressing).
    salutation: str = ""
    # The desk's uuid for this intake, made when its form opens: a save retried after a lost
    # COMMIT returns the dossier it already made (``intake``), not a second one.
    intake_key: str = ""


def next_counter(s: Session, key: str) -> int:
    """One statement, inside the writer's transaction and under its write lock: two desks are
    never handed the same number."""
    return backend.next_counter(s, Counter.__table__, key)


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


def _salutation(value: str) -> str:
    if value not in ("", "ong", "ba", "none", "org"):
        raise ValidationError("Cách xưng hô", f"'{value}' phải là ong, ba, none hoặc org")
    return value


def _intake_key(value: str) -> str | None:
    if not value:
        return None
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise ValidationError("Mã lần tiếp nhận", f"'{value}' không phải một UUID") from None


def _sets(value) -> int:
    if not 1 <= int(value) <= 99:
        raise ValidationError("Số bộ hồ sơ", f"{value} phải từ 1 đến 99")
    return int(value)


def _checks(data: IntakeData, year: int):
    """Each field's check, in the order of the paper slip: ``intake`` stops at the first
    failure, ``problems`` lists every one (the same rule either way)."""
    return (
        (
            "applicant_name",
            lambda: validation.required_text(data.applicant_name, "Họ tên người nộp"),
        ),
        ("applicant_id", lambda: validation.citizen_id(data.applicant_id, current_year=year)),
        ("phone", lambda: validation.phone(data.phone)),
        ("email", lambda: validation.email(data.email)),
        ("channel", lambda: validation.channel(data.channel)),
        ("salutation", lambda: _salutation(data.salutation)),
        ("sets_count", lambda: _sets(data.sets_count)),
    )


def problems(data: IntakeData, *, year: int | None = None) -> dict[str, str]:
    """Every problem of ``data`` at once, by field (the intake form lists them as they are
    typed and keeps "Lưu" greyed until there are none)."""
    out = {}
    for key, check in _checks(data, year or now_local().year):
        try:
            check()
        except ValidationError as exc:
            out[key] = str(exc)
    return out


def intake(ward: Ward, data: IntakeData, actor: str) -> Dossier:
    actor = auth.actor(ward, "dossier", actor)
    rules = ward.rules()
    now = now_local()
    received_at = data.received_at or now
    if received_at > now + FUTURE_SLACK:
        raise ValidationError("Thời điểm tiếp nhận", f"{received_at:%d/%m/%Y %H:%M} ở tương lai")
    v = {key: check() for key, check in _checks(data, received_at.year)}
    name, id_no, phone = v["applicant_name"], v["applicant_id"], v["phone"]
    email, channel = v["email"], v["channel"]
    key = _intake_key(data.intake_key)
    with ward.write() as s:
        if key is not None:
            # under the write lock: a first save still committing is seen, or waited for
            done = s.scalars(select(Dossier).where(Dossier.intake_key == key)).first()
            if done is not None:
                return done
        office = ward.office(s)
        proc = find_procedure(s, data.procedure_code, received_at)
        if not proc.active:
            raise ValidationError("Thủ tục", f"'{proc.name}' đã ngừng áp dụng")
        code = allocate_code(s, office, rules.settings["code_pattern"], received_at)
        d = Dossier(
            uuid=new_uuid(),
            intake_key=key,
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
            salutation=data.salutation,
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
        append_event(
            s,
            d,
            "received",
            received_at,
            actor,
            rules,
            seq=1,
            # the channel and flags too: the figures count them, and the row alone is editable
            data={
                "due_at": d.due_at.isoformat(),
                "channel": d.channel,
                "full_online": d.full_online,
                "paid_online": d.paid_online,
            },
        )
    return d
