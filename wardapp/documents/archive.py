"""Keeping every issued apology letter and commitment form as the exact bytes handed out, in
the database itself (so backups carry them), and giving them back for an identical reprint."""

from __future__ import annotations

import hashlib
import io
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import IssuedDocument
from wardapp.common.clock import now_local
from wardapp.common.errors import NotFoundError


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


def print_job(pdfs: list[bytes]) -> bytes:
    """Several issued documents as one file for one print job, each keeping its own pages
    (and so its own page numbers); the documents themselves are archived one by one."""
    import pypdfium2 as pdfium  # only a batch needs it

    if len(pdfs) == 1:
        return pdfs[0]
    job = pdfium.PdfDocument.new()
    try:
        for pdf in pdfs:
            src = pdfium.PdfDocument(pdf)
            try:
                job.import_pages(src)
            finally:
                src.close()
        buf = io.BytesIO()
        job.save(buf)
        return buf.getvalue()
    finally:
        job.close()
