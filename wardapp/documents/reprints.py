"""What can be printed again for one dossier, for the register's context menu and In menu:
every apology letter and written form (Mẫu 02, 03, 05) issued for it, as the archived bytes
(``archive``), listed newest first with the number the citizen holds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Apology, DossierEvent, IssuedDocument
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.office.store import Ward
from wardapp.trust import admin_audit, auth

KIND_LABELS = {
    "apology": "Văn bản xin lỗi",
    "supplement": "Phiếu yêu cầu bổ sung (Mẫu 02)",
    "refusal": "Phiếu từ chối (Mẫu 03)",
    "stop": "Thông báo dừng giải quyết (Mẫu 05)",
}


@dataclass(frozen=True)
class Archived:
    id: int
    kind: str
    number: str
    issued_at: datetime
    letters: int  # how many dossiers the file covers (a batch of apologies covers several)

    @property
    def label(self) -> str:
        text = (
            f"{KIND_LABELS.get(self.kind, self.kind)} số {self.number}, {self.issued_at:%d/%m/%Y}"
        )
        return text + (f" (cả lô {self.letters} văn bản)" if self.letters > 1 else "")


def issued_for(s: Session, code: str) -> list[Archived]:
    """The archived files that cover dossier ``code``: its apologies and its steps' forms."""
    d = get_dossier(s, code)
    refs = set(s.scalars(select(Apology.uuid).where(Apology.dossier_id == d.id)))
    refs |= set(
        s.scalars(
            select(DossierEvent.uuid).where(
                DossierEvent.dossier_id == d.id,
                DossierEvent.kind.in_(("supplement_requested", "refused", "withdrawn")),
            )
        )
    )
    if not refs:
        return []
    q = select(
        IssuedDocument.id,
        IssuedDocument.kind,
        IssuedDocument.number,
        IssuedDocument.issued_at,
        IssuedDocument.refs,
    ).where(IssuedDocument.kind.in_(tuple(KIND_LABELS)))
    # narrowed in SQL by the uuids' text; the JSON list below is the exact check
    q = q.where(or_(*[IssuedDocument.refs.contains(r) for r in refs]))
    out = []
    for doc_id, kind, number, issued_at, doc_refs in s.execute(
        q.order_by(IssuedDocument.id.desc())
    ):
        covered = json.loads(doc_refs)
        if refs.intersection(covered):
            out.append(Archived(doc_id, kind, number, issued_at, len(covered)))
    return out


def list_for(ward: Ward, code: str) -> list[Archived]:
    auth.require(ward, "read")
    with ward.read() as s:
        return issued_for(s, code)


def write_copy(ward: Ward, doc_id: int, out: str | Path) -> Path:
    """The exact bytes handed out, written to ``out``; refused if they are not the bytes
    recorded at issue (``admin_audit.checked_pdf``)."""
    auth.require(ward, "read")
    with ward.read() as s:
        pdf = admin_audit.checked_pdf(s, doc_id)
    from wardapp.documents.layout import write  # reportlab: only when a file is written

    return write(out, pdf)
