"""The outbox of messages to applicants (an apology by e-mail or SMS) and every attempt to send
one; kept apart from ``db.models`` only to keep that module within the size limit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class OutboxMessage(Base):
    """One message to one applicant, queued in the transaction that issued what it carries,
    so an apology is never recorded without its message nor a message without its apology."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_status", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # email | sms
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    apology_id: Mapped[int | None] = mapped_column(ForeignKey("apology.id"), nullable=True)
    # the archived PDF the e-mail attaches (issued_document.id); None for an SMS
    document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"), nullable=True)
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="queued")  # queued | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")


class OutboxAttempt(Base):
    """Every try, kept: the page and the office can show when a message failed and why."""

    __tablename__ = "outbox_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    ok: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(Text, default="")
