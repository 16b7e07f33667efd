"""The signing keys of offices (``wardapp.trust.keys`` says why and how they are used); kept
apart from ``db.models`` only to keep that module within the size limit, on the same ``Base``
so the metadata and the migrations see it like any other table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class OfficeKey(Base):
    """Ed25519 keys that sign ward packages.  At a ward: its own key pair (``private_key``
    set).  At a city: each registered ward's public key.  A replaced key is kept with the
    time, reason and person of its replacement, so a key change is always on record."""

    __tablename__ = "office_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # raw 32 bytes, hex
    private_key: Mapped[str | None] = mapped_column(String(64), nullable=True)  # own key only
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    retired_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    retired_by: Mapped[str] = mapped_column(String(120), default="")
    reason: Mapped[str] = mapped_column(Text, default="")  # why it replaced the previous key
