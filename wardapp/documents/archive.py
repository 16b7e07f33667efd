"""Keeping every issued apology letter and commitment form as the exact bytes handed out, in
the database itself (so backups carry them), and giving them back for an identical reprint."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import IssuedDocument
from wardapp.common.clock import now_local
from wardapp.common.errors import NotFoundError
from wardapp.documents.layout import write


def keep(
    s: Session, kind: str, refs: list[str], pdf: bytes, *, number: str = "", title: str = ""
) -> IssuedDocument:
    doc = IssuedDocument(
        kind=kind,
        refs=json.dumps(refs),
        number=number,
        title=title,
        issued_at=now_local(),
        sha256=hashlib.sha256(pdf).hexdigest(),
        pdf=pdf,
    )
    s.add(doc)
    return doc


def find(s: Session, kind: str, ref: str) -> IssuedDocument:
    """The latest issued file of ``kind`` covering ``ref`` (an apology or commitment uuid)."""
    for doc in s.scalars(
        select(IssuedDocument).where(IssuedDocument.kind == kind).order_by(IssuedDocument.id.desc())
    ):
        if ref in json.loads(doc.refs):
            return doc
    raise NotFoundError(f"Chưa có văn bản đã phát hành cho {ref}.")


def write_copy(doc: IssuedDocument, out: str | Path) -> Path:
    return write(out, doc.pdf)
