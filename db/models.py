"""ORM models of the office database.

Every ``DateTime`` column holds the office's local wall-clock time (Asia/Ho_Chi_Minh, UTC+7,
no DST) as a naive value; ``wardapp.common.clock`` is the only place that converts to and from aware
values (exchange files carry the offset).  A naive column is never compared with an aware value.

The schema itself is created only by the Alembic migrations in ``db/migrations``; these classes
must match them (``tests/test_db.py`` checks that autogenerate finds nothing to do).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Office(Base):
    """The ward (or, for a city database, the city office itself)."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    agency_code: Mapped[str] = mapped_column(String(20), unique=True)
    parent_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    chairman: Mapped[str] = mapped_column(String(120), default="")
    # JSON list of {"name": ..., "title": ...}
    deputies: Mapped[str] = mapped_column(Text, default="[]")
    # "ward" for a ward's working database, "city" for a consolidating one (exchange issue).
    kind: Mapped[str] = mapped_column(String(10), default="ward")


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20), default="clerk")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # An account when set (scrypt, see wardapp.trust.auth); staff without one are names on documents.
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Procedure(Base):
    """One row per procedure and effective date: a province may republish a shorter limit."""

    __tablename__ = "procedure"
    __table_args__ = (UniqueConstraint("code", "effective_from", name="uq_procedure_code_eff"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(400))
    name_folded: Mapped[str] = mapped_column(String(400), index=True)
    field: Mapped[str] = mapped_column(String(120))
    limit_days: Mapped[float] = mapped_column(Float)
    cutoff: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM"
    fee: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of str
    effective_from: Mapped[date] = mapped_column(Date)
    legal_basis: Mapped[str] = mapped_column(String(400), default="")
    # "seed", "user", "city" or "imported" (unverified, created by a logbook import)
    source: Mapped[str] = mapped_column(String(20), default="seed")
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The write transaction that last changed the row (db.changes): what an export sends.
    change_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Dossier(Base):
    __tablename__ = "dossier"
    __table_args__ = (
        # Covering indexes for the period report (wardapp/report.py).  Each leads with the
        # procedure so a report reads, per procedure, one index range already in GROUP BY order
        # (no table rows, no temporary sort).
        Index(
            "ix_dossier_proc_received",
            "procedure_id",
            "received_at",
            "channel",
            "full_online",
            "fee",
            "paid_online",
            "finished_at",
            "due_at",
            "apology_count",
        ),
        Index(
            "ix_dossier_proc_resolved",
            "procedure_id",
            "resolved_at",
            "outcome",
            "apology_count",
            "returned_at",
            "rating",
        ),
        Index("ix_dossier_received_at", "received_at"),
        Index("ix_dossier_closed", "closed_at", "procedure_id", "status"),
        Index(
            "ix_dossier_open",
            "finished_at",
            "received_at",
            "procedure_id",
            "due_at",
            "apology_count",
        ),
        Index("ix_dossier_days_open", "days_open"),
        Index("ix_dossier_status_due", "status", "due_at"),
        Index("ix_dossier_status_received", "status", "received_at"),
        Index("ix_dossier_change_no", "change_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    # The desk's uuid for the intake (migration 0021): a save retried finds its dossier.
    intake_key: Mapped[str | None] = mapped_column(String(36), index=True, unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_name_folded: Mapped[str] = mapped_column(String(200), index=True)
    # no index on ID or phone: the trigram search index (migration 0005) finds them
    applicant_id: Mapped[str] = mapped_column(String(12), default="")
    phone: Mapped[str] = mapped_column(String(15), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    channel: Mapped[str] = mapped_column(String(10))  # direct | online | postal
    # Letters' "Ông"/"Bà" when the ID cannot tell: "" (from the ID) | ong | ba | none | org.
    salutation: Mapped[str] = mapped_column(String(4), default="", server_default="")
    full_online: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_online: Mapped[bool] = mapped_column(Boolean, default=False)
    fee: Mapped[int] = mapped_column(Integer, default=0)  # fee due at intake, VND
    sets_count: Mapped[int] = mapped_column(Integer, default=1)
    documents: Mapped[str] = mapped_column(Text, default="[]")
    received_at: Mapped[datetime] = mapped_column(DateTime)
    # Statutory due time, moved only by pauses; an apology's new date lives in ``apology``.
    due_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # withdrawn/refused
    # resolved_at or closed_at: the moment the dossier stopped counting as "in progress".
    # Kept as a column so the period report can use one index instead of an OR.
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Whole days from receipt to finish (rounded up).  Its maximum bounds how far before a
    # moment a dossier still open at that moment can have been received, which turns "open at
    # the period's end" into a short index range instead of a scan of all later dossiers.
    days_open: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # early | on_time | late, frozen when resolved (due_at can no longer move then).
    outcome: Mapped[str | None] = mapped_column(String(10), nullable=True)
    status: Mapped[str] = mapped_column(String(24))
    status_at: Mapped[datetime] = mapped_column(DateTime)
    # Start of the pause in force (paused, or supplement requested when that stops the clock).
    paused_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    apology_count: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[str] = mapped_column(String(16), default="", server_default="")  # "" = not asked
    logbook_no: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)  # +1 a change; exchange keys on it
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # The write transaction that last changed the row (db.changes): what an export sends.
    change_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    procedure: Mapped[Procedure] = relationship()
    events: Mapped[list[DossierEvent]] = relationship(
        back_populates="dossier", order_by="DossierEvent.seq"
    )
    apologies: Mapped[list[Apology]] = relationship(
        back_populates="dossier", order_by="Apology.nth"
    )


class DossierEvent(Base):
    """Append-only: the migration installs triggers that refuse UPDATE and DELETE."""

    __tablename__ = "dossier_event"
    __table_args__ = (
        UniqueConstraint("dossier_id", "seq", name="uq_event_seq"),
        UniqueConstraint("office_id", "chain_no", name="uq_event_chain"),
        # only the (few) backdated events: the report counts them without scanning history
        Index("ix_event_backdated", "at", sqlite_where=text("backdated = 1")),
        Index("ix_dossier_event_change_no", "change_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(DateTime)  # when it happened (as entered)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # when the program wrote it
    actor: Mapped[str] = mapped_column(String(120), default="")
    agency: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON details (e.g. edited fields)
    # The office's hash chain (wardapp.trust.chain): position, predecessor's hash, own hash.
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    chain_no: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Entered longer after it happened than the office's tolerance allowed at the time
    # (wardapp.trust.chain.backdated).  Derived from two hashed times, so not itself hashed.
    backdated: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The write transaction that last changed the row (db.changes): what an export sends.
    change_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    dossier: Mapped[Dossier] = relationship(back_populates="events")


class Apology(Base):
    __tablename__ = "apology"
    # numbered per office and year ("Số: 12/PXL"): a city holds several wards' letters no. 12
    __table_args__ = (
        UniqueConstraint("office_id", "year", "number", name="uq_apology_number"),
        Index("ix_apology_change_no", "change_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id", name="fk_apology_office_id"))
    nth: Mapped[int] = mapped_column(Integer)  # 1 for the first re-appointment of the dossier
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)  # yearly sequence for "Số: …/PXL"
    reason: Mapped[str] = mapped_column(Text)
    old_due_at: Mapped[datetime] = mapped_column(DateTime)
    new_due_at: Mapped[datetime] = mapped_column(DateTime)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    signer: Mapped[str] = mapped_column(String(120), default="")
    channel: Mapped[str] = mapped_column(String(20), default="paper")  # paper | email | sms
    # The write transaction that last changed the row (db.changes): what an export sends.
    change_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    dossier: Mapped[Dossier] = relationship(back_populates="apologies")


class Commitment(Base):
    """A head-of-unit yearly commitment (targets are data); amendments supersede, never rewrite."""

    __tablename__ = "commitment"
    __table_args__ = (UniqueConstraint("office_id", "year", "amendment", name="uq_commitment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    year: Mapped[int] = mapped_column(Integer)
    signer: Mapped[str] = mapped_column(String(120), default="")
    approver: Mapped[str] = mapped_column(String(120), default="")
    signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    amendment: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 0018
    # Bumped on every change (targets included): the exchange upserts by (uuid, version).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The write transaction that last changed the row (db.changes): what an export sends.
    change_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    targets: Mapped[list[CommitmentTarget]] = relationship(
        back_populates="commitment", order_by="CommitmentTarget.id", cascade="all, delete-orphan"
    )


class CommitmentTarget(Base):
    __tablename__ = "commitment_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id"))
    indicator: Mapped[str] = mapped_column(String(40))  # e.g. on_time_rate
    comparator: Mapped[str] = mapped_column(String(2))  # >=, <=, >, <, ==
    threshold: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(10), default="%")
    label: Mapped[str] = mapped_column(String(300), default="")

    commitment: Mapped[Commitment] = relationship(back_populates="targets")


class CalendarOverride(Base):
    """The office's own calendar on top of the ``holidays`` package."""

    __tablename__ = "calendar_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    # holiday | compensatory_off | swapped_off | makeup_workday
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(300), default="")
    legal_basis: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(20), default="seed")


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class Counter(Base):
    """Named sequences (dossier code per day, apology number per year).

    Incremented with a single UPDATE inside the writer's transaction so two writers can never
    be handed the same number.
    """

    __tablename__ = "counter"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class IssuedDocument(Base):
    """Every signed document the office issued (apology letters, commitment forms), kept as
    the exact PDF bytes so a reprint is identical to what the citizen or the city received."""

    __tablename__ = "issued_document"
    __table_args__ = (Index("ix_issued_document_kind", "kind", "issued_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # apology | commitment
    # JSON list of the uuids the file covers: one apology, a batch of them, or a commitment.
    refs: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class ExportLog(Base):
    """Packages this office sent to the city (shown in the GUI's exchange history)."""

    __tablename__ = "export_log"
    __table_args__ = (UniqueConstraint("kind", "seq", name="uq_export_kind_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="ward-data")  # or "reference"
    file_name: Mapped[str] = mapped_column(String(200))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Changes recorded at or after this moment were included (None: a full snapshot).
    since: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The changes it carried: change numbers above ``change_from`` up to ``change_to``
    # (db.changes); None on a reference package and on packages made before the counter.
    change_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    change_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
    records: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


class ImportLog(Base):
    """Packages applied to this (city) database, one row per file, never two for one hash."""

    __tablename__ = "import_log"
    __table_args__ = (UniqueConstraint("office_code", "seq", name="uq_import_office_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(String(20), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(Text)  # JSON: inserted/updated/unchanged/conflicts/…
    # The ward's change numbers the package carried (manifest "changes"); None before format 3.
    change_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    change_to: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SearchIndexState(Base):
    """One row: ``deferred_above`` is set only inside a bulk writer's transaction, while the
    search index's triggers leave newer rows to it (see ``db.search_index``)."""

    __tablename__ = "search_index_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    deferred_above: Mapped[int | None] = mapped_column(Integer, nullable=True)
