"""Long imports that commit in batches (``wardapp.dossiers.import_jobs``); kept apart from
``db.models`` to keep that module within the size limit, on the same ``Base``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class ImportJob(Base):
    """One import of a file, written in several transactions.  ``finished_at`` stays empty
    until the last batch commits: a row without it is a partial import, shown as such and
    resumed from ``done`` when the same file (``sha256``) is imported again."""

    __tablename__ = "import_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # logbook
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    total: Mapped[int] = mapped_column(Integer)  # records to write
    done: Mapped[int] = mapped_column(Integer, default=0)  # records committed so far
    actor: Mapped[str] = mapped_column(String(120), default="")
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
