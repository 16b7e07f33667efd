"""Time allowances of forwarded steps (liên thông); kept apart from ``db.models`` only to keep
that module within the size limit, on the same ``Base`` so the migrations see it."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class StepAllowance(Base):
    """How many working days an agency may hold a forwarded dossier of one procedure (or of
    every procedure, ``procedure_code`` empty).  Catalogue data the office edits, with the text
    it comes from: the province's coordination rules set these figures, not the program."""

    __tablename__ = "step_allowance"
    __table_args__ = (
        UniqueConstraint("office_id", "procedure_code", "agency_folded", name="uq_step_allowance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: this database's own office.  At a city, a ward's rows as its packages carried them,
    # so the city charges a ward's late dossiers by the figures the ward itself applied.
    office_id: Mapped[int | None] = mapped_column(
        ForeignKey("office.id", name="fk_step_allowance_office_id"), nullable=True
    )
    procedure_code: Mapped[str] = mapped_column(String(40), default="")
    agency: Mapped[str] = mapped_column(String(200))
    # the agency's name folded (no diacritics, lower case): what a forwarding is matched by
    agency_folded: Mapped[str] = mapped_column(String(200))
    days: Mapped[float] = mapped_column(Float)
    legal_basis: Mapped[str] = mapped_column(String(400), default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
