"""Reform initiatives (sáng kiến cải cách hành chính) and their evidence files; kept apart from
``db.models`` only to keep that module within the size limit, on the same ``Base`` so the
metadata and the migrations see them like any other table (``wardapp.initiatives`` says why
the register exists)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base


class Initiative(Base):
    """One initiative of the office.  ``status`` moves along proposed → recognised → applied →
    replicated; recognition comes with the decision that recognised it (number and date), the
    proof a reviewer asks for before counting it against the commitment."""

    __tablename__ = "initiative"
    __table_args__ = (Index("ix_initiative_proposed_on", "proposed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    title: Mapped[str] = mapped_column(String(400))
    authors: Mapped[str] = mapped_column(String(400), default="")
    field: Mapped[str] = mapped_column(String(200), default="")
    proposed_on: Mapped[date] = mapped_column(Date)
    # proposed | recognised | applied | replicated
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    decision_no: Mapped[str] = mapped_column(String(60), default="")
    decision_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Bumped on every change (files included): the exchange upserts by (uuid, version).
    version: Mapped[int] = mapped_column(Integer, default=1)

    files: Mapped[list[InitiativeFile]] = relationship(
        back_populates="initiative", order_by="InitiativeFile.id"
    )


class InitiativeFile(Base):
    """An evidence file kept as its exact bytes with their SHA-256, so what is handed to a
    reviewer years later is provably what was attached."""

    __tablename__ = "initiative_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    attached_at: Mapped[datetime] = mapped_column(DateTime)
    attached_by: Mapped[str] = mapped_column(String(120), default="")

    initiative: Mapped[Initiative] = relationship(back_populates="files")
