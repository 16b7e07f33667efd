"""The apology reaches the online applicant: messages queued with the letter and sent later.

Queuing happens inside the transaction that issues the letter (``queue_apology``), so the
letter, its archived PDF and its messages are recorded together or not at all.  Sending is
separate (``send_pending``: ``wardapp mail send`` and the Xin lỗi page's button) because it
talks to a mail server that may be down; every attempt is logged with its result and a failed
message stays in the outbox to be tried again.  Without a mail server set nothing is tried.
How a message leaves (SMTP, the SMS hook, the password) is ``wardapp.documents.transport``."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Apology, Dossier, IssuedDocument
from db.models_mail import OutboxAttempt, OutboxMessage
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.documents import transport
from wardapp.documents.wording import when_text
from wardapp.office.store import Ward
from wardapp.trust import auth

STATUS_WORDS = {"queued": "Chờ gửi", "sent": "Đã gửi", "failed": "Gửi lỗi"}
KIND_WORDS = {"email": "Thư điện tử", "sms": "Tin nhắn"}


def subject(d: Dossier) -> str:
    return f"Thư xin lỗi về việc giải quyết hồ sơ mã số {d.code}"


def queue_apology(
    s: Session, office_name: str, d: Dossier, ap: Apology, doc: IssuedDocument
) -> list[OutboxMessage]:
    """An e-mail with the letter attached whenever the dossier has an address (unless the
    letter was to go by SMS only); an SMS where the letter says one goes (sent by SMS, or a
    paper letter to a dossier filed online: DOMAIN.md §4, ``addressing.notice_channels``)."""
    made = []
    when = when_text(ap.new_due_at)
    if d.email or d.phone:  # the ids a message refers to (a batch flushes only then)
        s.flush()
    if d.email and ap.channel != "sms":
        text = (
            f"Kính gửi {d.applicant_name},\n\n"
            f"{office_name} gửi kèm thư xin lỗi về việc giải quyết hồ sơ mã số {d.code} "
            f"({d.procedure.name}). Thời gian hẹn trả kết quả mới: {when}.\n\n"
            "Trân trọng."
        )
        made.append(_message("email", d, ap, doc.id, d.email, subject(d), text))
    if d.phone and (ap.channel == "sms" or (ap.channel == "paper" and d.channel == "online")):
        text = (
            f"{office_name} xin loi vi ho so {d.code} cham tra ket qua. "
            f"Hen tra moi: {ap.new_due_at:%H:%M %d/%m/%Y}."
        )
        made.append(_message("sms", d, ap, None, d.phone, "", text))
    s.add_all(made)
    return made


def _message(kind, d, ap, doc_id, to, subj, text) -> OutboxMessage:
    return OutboxMessage(
        kind=kind,
        dossier_id=d.id,
        apology_id=ap.id,
        document_id=doc_id,
        recipient=to,
        subject=subj,
        body=text,
        status="queued",
        attempts=0,
        created_at=now_local(),
        last_error="",
    )


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    # kinds left waiting, each with why (no mail server set, no SMS hook set)
    waiting: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"đã gửi {self.sent}", f"lỗi {self.failed}"]
        parts += [f"{KIND_WORDS[k].lower()} chưa gửi: {why}" for k, why in self.waiting.items()]
        return "; ".join(parts)


def send_pending(ward: Ward, progress=None) -> SendResult:
    """Try every queued or failed message once; log each attempt.  ``progress(done, total)``
    after each one (the window runs this off its thread: a slow server must not freeze it);
    a cancel raised there stops between messages, each attempt already logged."""
    auth.require(ward, "dossier")
    settings = ward.rules().settings
    result = SendResult()
    senders = {}
    for kind in ("email", "sms"):
        why = transport.not_configured(kind, settings)
        if why:
            result.waiting[kind] = why
        else:
            senders[kind] = transport.sender(kind, settings)
    with ward.read() as s:
        q = (
            select(OutboxMessage, Dossier.code, IssuedDocument.pdf)
            .join(Dossier, Dossier.id == OutboxMessage.dossier_id)
            .outerjoin(IssuedDocument, IssuedDocument.id == OutboxMessage.document_id)
            .where(OutboxMessage.status.in_(("queued", "failed")))
            .order_by(OutboxMessage.id)
        )
        pending = [
            transport.Outgoing(m.id, m.kind, m.recipient, m.subject, m.body, code, pdf)
            for m, code, pdf in s.execute(q)
            if m.kind in senders
        ]
    done = 0
    for kind, send in senders.items():
        batch = [m for m in pending if m.kind == kind]
        if not batch:
            continue
        for msg, error in send(batch):
            _record(ward, msg.id, error)
            if error:
                result.failed += 1
            else:
                result.sent += 1
            done += 1
            if progress is not None:
                progress(done, len(pending))
    return result


def _record(ward: Ward, message_id: int, error: str) -> None:
    when = now_local()
    with ward.write() as s:
        m = s.get(OutboxMessage, message_id)
        m.attempts += 1
        m.status = "failed" if error else "sent"
        m.last_error = error
        if not error:
            m.sent_at = when
        s.add(OutboxAttempt(message_id=message_id, at=when, ok=not error, detail=error or "đã gửi"))


def outbox(ward: Ward, statuses: tuple[str, ...] = ("queued", "sent", "failed")) -> list[dict]:
    """The outbox for the Xin lỗi page and ``wardapp mail list``, newest first."""
    auth.require(ward, "read")
    with ward.read() as s:
        q = (
            select(OutboxMessage, Dossier.code, Dossier.applicant_name)
            .join(Dossier, Dossier.id == OutboxMessage.dossier_id)
            .where(OutboxMessage.status.in_(statuses))
            .order_by(OutboxMessage.id.desc())
        )
        return [
            {
                "id": m.id,
                "kind": m.kind,
                "code": code,
                "name": name,
                "recipient": m.recipient,
                "status": m.status,
                "attempts": m.attempts,
                "created_at": m.created_at,
                "sent_at": m.sent_at,
                "last_error": m.last_error,
            }
            for m, code, name in s.execute(q)
        ]


def attempts(ward: Ward, message_id: int) -> list[tuple]:
    """(time, ok, detail) of every try at one message, oldest first."""
    auth.require(ward, "read")
    with ward.read() as s:
        return [
            (a.at, a.ok, a.detail)
            for a in s.scalars(
                select(OutboxAttempt)
                .where(OutboxAttempt.message_id == message_id)
                .order_by(OutboxAttempt.id)
            )
        ]


def store_password(ward: Ward, secret: str) -> bool:
    """Keep the SMTP account's password in the OS keyring (a leader or administrator: it is a
    setting in all but where it is kept).  A machine without a keyring is told to use the
    environment variable instead."""
    auth.require(ward, "settings")
    user = str(ward.rules().settings["smtp_user"]).strip()
    if not user:
        raise WardError("Chưa cấu hình tài khoản thư (Cài đặt › Tài khoản thư).")
    try:
        transport.store_password(user, secret)
    except Exception as exc:  # keyring's own errors: no backend on this machine
        raise WardError(
            f"Không lưu được mật khẩu vào kho khoá của hệ điều hành ({exc}); "
            f"dùng biến môi trường {transport.PASSWORD_ENV}."
        ) from None
    return True


def delivery_status(ward: Ward) -> str:
    """One sentence for the Xin lỗi page: whether letters can reach applicants at all."""
    settings = ward.rules().settings
    missing = [why for k in ("email", "sms") if (why := transport.not_configured(k, settings))]
    return "; ".join(missing) if missing else "Đã cấu hình gửi thư điện tử và tin nhắn."
