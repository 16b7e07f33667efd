"""A long logbook import written in batches, each its own short transaction, so a desk's intake
waits for one batch (well under a second) rather than for the whole file.

A batch writes its dossiers and advances the job's ``done`` count in the same transaction, so
after a crash the file holds exactly the committed batches and the job says how many records
they were: a partial import, marked as such (``wardapp verify``, the desk's waiting notice and
the import itself say so), never a file silently counted as imported.  Importing the same file
again (same SHA-256) resumes after the last committed batch and reaches the same final state as
an uninterrupted run: the records are parsed and ordered the same way, and the counters a batch
took (codes, logbook numbers) were rolled back with the batch that did not commit.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.admin_chain import ACTOR
from db.models import Dossier
from db.models_jobs import ImportJob
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError

BATCH_ROWS = 2000
BATCH_SECONDS = 0.5  # a batch aims at this long under the write lock
MIN_ROWS = 100


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def unfinished(s: Session, kind: str | None = "logbook") -> ImportJob | None:
    """The newest import of ``kind`` (any kind: None) that has not finished."""
    q = select(ImportJob).where(ImportJob.finished_at.is_(None))
    if kind is not None:
        q = q.where(ImportJob.kind == kind)
    return s.scalars(q.order_by(ImportJob.id.desc())).first()


def create(s: Session, kind: str, name: str, total: int) -> int:
    """Mark an import as running, in the transaction of its first batch; returns its id."""
    job = ImportJob(
        kind=kind,
        file_name=name[:300],
        sha256="",
        total=total,
        done=0,
        actor=s.info.get(ACTOR) or "",
        started_at=now_local(),
    )
    s.add(job)
    s.flush()
    return job.id


def advance(s: Session, job_id: int, done: int) -> None:
    s.get(ImportJob, job_id).done = done


def finish(ward, job_id: int) -> None:
    with ward.write() as s:
        s.get(ImportJob, job_id).finished_at = now_local()


def describe(job: ImportJob) -> str:
    if job.kind == "city":
        return (
            f"nhập gói dữ liệu của phường/xã ({job.file_name}) dừng giữa chừng: đã nhập "
            f"{job.done}/{job.total} tệp, mỗi tệp trọn vẹn; chạy lại lệnh nhập để nhập các tệp "
            "còn lại (tệp đã nhập được bỏ qua)"
        )
    return (
        f"nhập sổ theo dõi từ tệp {job.file_name} chưa xong: đã ghi {job.done}/{job.total} "
        "hồ sơ; chạy lại lệnh nhập với đúng tệp đó để ghi tiếp"
    )


def resume_point(s: Session, path: Path, sha: str) -> int:
    """How many records of this file an interrupted import already committed (0 for a new
    import); another file's unfinished import must be completed first."""
    job = unfinished(s)
    if job is None:
        return 0
    if job.sha256 != sha:
        raise WardError("Một lần " + describe(job) + " (trước khi nhập tệp khác).")
    return job.done


def existing_codes(ward, codes: list[str]) -> list[str]:
    """Those of ``codes`` some dossier in the database already has."""
    found = []
    with ward.read() as s:
        for k in range(0, len(codes), 500):
            found += s.scalars(select(Dossier.code).where(Dossier.code.in_(codes[k : k + 500])))
    return found


def write_batches(ward, path: Path, sha: str, records: list, first_batch, write) -> int:
    """Write ``records`` in batches.  ``first_batch(session)`` runs in the first transaction of
    a new import (new procedures are added there); ``write(session, chunk)`` writes one batch.
    Returns how many records this call wrote."""
    with ward.write() as s:
        job = unfinished(s)
        if job is None or job.sha256 != sha:
            job = ImportJob(
                kind="logbook",
                file_name=path.name,
                sha256=sha,
                total=len(records),
                done=0,
                actor=ward.user.username if ward.user is not None else "",
                started_at=now_local(),
            )
            s.add(job)
            first_batch(s)
            s.flush()
        job_id, start = job.id, job.done
    size, at, written = BATCH_ROWS, start, 0
    while at < len(records):
        chunk = records[at : at + size]
        began = time.monotonic()
        with ward.write() as s:
            job = s.get(ImportJob, job_id)
            write(s, chunk)
            job.done = at + len(chunk)
            if job.done >= len(records):
                job.finished_at = now_local()
        at += len(chunk)
        written += len(chunk)
        spent = time.monotonic() - began
        # a slower machine (or a busy one) writes smaller batches, never longer ones
        size = max(MIN_ROWS, min(BATCH_ROWS, int(size * BATCH_SECONDS / max(spent, 1e-3))))
    if not records:
        with ward.write() as s:
            s.get(ImportJob, job_id).finished_at = now_local()
    return written
