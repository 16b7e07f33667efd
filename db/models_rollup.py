"""The consolidating database's running sums of Biểu 06's range counts (``db.rollup`` keeps
them, ``wardapp.indicators.report.tally`` reads them); apart from ``db.models`` only to keep
that module within the size limit, on the same ``Base``."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Dossier

# One office's dossiers of one half month, for each of the three ranges: the import recomputes
# the (office, half month) keys a package touched from these ranges, not from the procedure-led
# report indexes that would make it read every office's rows of the month.  A large import drops
# them with the other secondary indexes (``db.deferred_indexes``) and sums its offices once at
# its end instead (``db.rollup.held``).
OFFICE_RANGE_INDEXES = (
    Index("ix_dossier_office_received", Dossier.office_id, Dossier.received_at),
    Index("ix_dossier_office_resolved", Dossier.office_id, Dossier.resolved_at),
    Index("ix_dossier_office_closed", Dossier.office_id, Dossier.closed_at),
)


class RollupOffice(Base):
    """An office whose dossiers only the verified import writes (a city's or a province's
    commune), so its sums can be kept in step with its rows; a ward's own office, written by
    its desks, is never listed and is counted from its rows."""

    __tablename__ = "rollup_office"

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)


class DossierRollup(Base):
    """Sums per office, procedure and half month ([1st, 15th) or [15th, next 1st), ``bucket``
    its first day) of the dossiers received, resolved and closed in it, one column per count
    ``db.rollup.RANGES`` defines (named ``<range>_<count>``)."""

    __tablename__ = "dossier_rollup"
    __table_args__ = (Index("ix_dossier_rollup_bucket", "bucket", "office_id"),)

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    bucket: Mapped[date] = mapped_column(Date, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"), primary_key=True)

    received_n: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    received_online: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    received_full_online: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    received_with_fee: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    received_paid_online: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_n: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_early: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_late: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_apologised: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_returned: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_asked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_satisfied: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_neutral: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    closed_n: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    closed_withdrawn: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
