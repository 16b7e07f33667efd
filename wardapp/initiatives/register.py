"""The office's register of reform initiatives (sáng kiến cải cách hành chính).

The city asks every ward for at least one initiative a year and grades the self-assessment on
evidence, not on the ward's word: so an initiative carries the decision that recognised it
(number and date) and its evidence files, kept in the database as their exact bytes with their
SHA-256 (backups carry them; ``extract`` writes them back out byte for byte, and refuses bytes
that no longer match their hash).

Which initiatives count for a year: those recognised (or further: applied, replicated) by a
decision dated in that year.  A proposal alone is a claim; the decision is the evidence, and
its date cannot be moved by editing the proposal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models_initiatives import Initiative, InitiativeFile
from wardapp.common.atomic import atomic_target
from wardapp.common.clock import now_local
from wardapp.common.errors import NotFoundError, ValidationError
from wardapp.common.ids import new_uuid
from wardapp.common.text import nfc
from wardapp.trust import auth

STATUS_LABELS = {
    "proposed": "Đề xuất",
    "recognised": "Được công nhận",
    "applied": "Đang áp dụng",
    "replicated": "Nhân rộng",
}
STATUSES = tuple(STATUS_LABELS)
# Statuses that rest on a recognising decision: only these count against the commitment.
RECOGNISED = ("recognised", "applied", "replicated")
# An evidence file larger than this belongs in the archive, not in the office database.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class InitiativeRow:
    id: int
    uuid: str
    title: str
    authors: str
    field: str
    proposed_on: date
    status: str
    decision_no: str
    decision_on: date | None
    files: tuple[tuple[int, str, str, int], ...]  # (id, name, sha256, size)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def decision(self) -> str:
        """'Số 12/QĐ-UBND ngày 05/03/2026', or '' before recognition."""
        if not self.decision_no:
            return ""
        when = f" ngày {self.decision_on:%d/%m/%Y}" if self.decision_on else ""
        return f"Số {self.decision_no}{when}"


def row_of(i: Initiative) -> InitiativeRow:
    return InitiativeRow(
        i.id,
        i.uuid,
        i.title,
        i.authors,
        i.field,
        i.proposed_on,
        i.status,
        i.decision_no,
        i.decision_on,
        tuple((f.id, f.name, f.sha256, f.size) for f in i.files),
    )


def _get(s: Session, ref: int | str) -> Initiative:
    """By its number in the register (``id``) or its uuid."""
    key = str(ref).strip()
    cond = Initiative.id == int(key) if key.isdigit() else Initiative.uuid == key
    i = s.scalars(select(Initiative).where(cond)).first()
    if i is None:
        raise NotFoundError(f"Không có sáng kiến số '{ref}' trong sổ.")
    return i


def _touch(i: Initiative) -> None:
    i.version += 1
    i.updated_at = now_local()


def add(
    ward,
    *,
    title: str,
    authors: str,
    field: str,
    proposed_on: date,
    note: str = "",
    actor: str = "",
) -> InitiativeRow:
    auth.actor(ward, "dossier", actor)
    title, authors, field = nfc(title), nfc(authors), nfc(field)
    if not title:
        raise ValidationError("Tên sáng kiến", "chưa nhập")
    if not authors:
        raise ValidationError("Tác giả", "chưa nhập")
    if proposed_on > now_local().date():
        raise ValidationError("Ngày đề xuất", f"{proposed_on:%d/%m/%Y} ở tương lai")
    now = now_local()
    with ward.write() as s:
        i = Initiative(
            uuid=new_uuid(),
            office_id=ward.office(s).id,
            title=title,
            authors=authors,
            field=field,
            proposed_on=proposed_on,
            status="proposed",
            decision_no="",
            decision_on=None,
            note=nfc(note),
            created_at=now,
            updated_at=now,
            version=1,
        )
        s.add(i)
        s.flush()
        return row_of(i)


def set_status(
    ward,
    ref: int | str,
    status: str,
    *,
    decision_no: str = "",
    decision_on: date | None = None,
    actor: str = "",
) -> InitiativeRow:
    """Move an initiative to ``status``; a recognised status needs the decision's number and
    date (given now, or recorded before)."""
    auth.actor(ward, "dossier", actor)
    if status not in STATUS_LABELS:
        raise ValidationError("Trạng thái", f"'{status}' không thuộc {', '.join(STATUS_LABELS)}")
    with ward.write() as s:
        i = _get(s, ref)
        number = nfc(decision_no) or i.decision_no
        on = decision_on or i.decision_on
        if status in RECOGNISED:
            if not number:
                raise ValidationError("Số quyết định công nhận", "chưa nhập")
            if on is None:
                raise ValidationError("Ngày quyết định công nhận", "chưa nhập")
            if on < i.proposed_on:
                raise ValidationError(
                    "Ngày quyết định công nhận",
                    f"{on:%d/%m/%Y} trước ngày đề xuất {i.proposed_on:%d/%m/%Y}",
                )
            if on > now_local().date():
                raise ValidationError("Ngày quyết định công nhận", f"{on:%d/%m/%Y} ở tương lai")
        i.status, i.decision_no, i.decision_on = status, number, on
        _touch(i)
        s.flush()
        return row_of(i)


def attach(ward, ref: int | str, path: str | Path, *, actor: str = "") -> tuple[int, str]:
    """Store the file's bytes with the initiative; returns (file id, SHA-256)."""
    who = auth.actor(ward, "dossier", actor)
    path = Path(path)
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            "Tệp minh chứng",
            f"{path.name} nặng {len(data) // (1024 * 1024)} MB, quá {MAX_FILE_BYTES // (1024 * 1024)} MB",
        )
    digest = hashlib.sha256(data).hexdigest()
    with ward.write() as s:
        i = _get(s, ref)
        f = InitiativeFile(
            initiative_id=i.id,
            name=nfc(path.name),
            sha256=digest,
            size=len(data),
            content=data,
            attached_at=now_local(),
            attached_by=who,
        )
        s.add(f)
        _touch(i)
        s.flush()
        return f.id, digest


def extract(ward, file_id: int, out: str | Path) -> tuple[Path, str]:
    """Write an evidence file back out exactly as attached; refuses bytes whose hash no longer
    matches the one recorded at attachment (the file was altered inside the database)."""
    auth.require(ward, "read")
    with ward.read() as s:
        f = s.get(InitiativeFile, file_id)
        if f is None:
            raise NotFoundError(f"Không có tệp minh chứng số {file_id}.")
        data, digest, size = bytes(f.content), f.sha256, f.size
    if size and not data:
        raise ValidationError(
            "Tệp minh chứng",
            f"số {file_id} chỉ được phường/xã gửi mã băm (sha256 {digest}); bản gốc lưu ở phường/xã",
        )
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValidationError(
            "Tệp minh chứng", f"số {file_id} không còn khớp mã băm đã ghi khi đính kèm"
        )
    out = Path(out)
    with atomic_target(out) as tmp:
        tmp.write_bytes(data)
    return out, digest


def list_initiatives(ward, year: int | None = None) -> list[InitiativeRow]:
    """The register, oldest proposal first; with ``year``, those proposed or recognised in it."""
    with ward.read() as s:
        q = select(Initiative).order_by(Initiative.proposed_on, Initiative.id)
        if year is not None:
            first, last = date(year, 1, 1), date(year, 12, 31)
            q = q.where(
                Initiative.proposed_on.between(first, last)
                | Initiative.decision_on.between(first, last)
            )
        return [row_of(i) for i in s.scalars(q)]


def _counts_for(year: int) -> tuple:
    """The one rule for which initiatives count for ``year`` (module docstring), shared by the
    list behind a ward's figure and the province's per-office counts so the two cannot part."""
    return (
        Initiative.status.in_(RECOGNISED),
        Initiative.decision_on >= date(year, 1, 1),
        Initiative.decision_on <= date(year, 12, 31),
    )


def counted(s: Session, year: int, office_id: int | None = None) -> list[Initiative]:
    """The initiatives that count for ``year`` (module docstring), by decision date."""
    q = select(Initiative).where(*_counts_for(year))
    if office_id is not None:
        q = q.where(Initiative.office_id == office_id)
    return list(s.scalars(q.order_by(Initiative.decision_on, Initiative.id)))


def count_in_year(s: Session, year: int, office_id: int | None = None) -> int:
    return len(counted(s, year, office_id))


def count_by_office(s: Session, year: int) -> dict[int, int]:
    """``count_in_year`` for every office at once (a province ranks two hundred communes in one
    query, not two hundred); an office with none is absent."""
    q = select(Initiative.office_id, func.count()).where(*_counts_for(year))
    return dict(s.execute(q.group_by(Initiative.office_id)).all())


def recognised_in(ward, year: int) -> list[InitiativeRow]:
    """The rows behind the year's count (what the commitment's figure opens)."""
    with ward.read() as s:
        return [row_of(i) for i in counted(s, year)]
