"""The office administration chain's table (``db.admin_chain`` says why it exists); kept apart
from ``db.models`` to keep that module within the size limit, on the same ``Base``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class AdminEvent(Base):
    """Append-only (triggers refuse UPDATE and DELETE): one change of a setting, an account,
    the office, a calendar day, a key or an issued document, with the subject's whole new
    state, chained by ``no`` and SHA-256 like the dossier history."""

    __tablename__ = "admin_event"
    __table_args__ = (Index("ix_admin_event_subject", "kind", "subject", "no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    no: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(120), default="")
    # setting | account | office | calendar | key | document
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(120))
    state: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON; None: removed
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
