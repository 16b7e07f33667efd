"""A city import of many ward packages: files in order of their weeks, applied in batches that
each commit whole, the secondary indexes dropped and rebuilt around a large one."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select

from db import deferred_indexes, rollup, search_index
from db.models import Dossier
from wardapp.dossiers import import_jobs
from wardapp.exchange.city.apply import catalogue_ids, import_one
from wardapp.exchange.city.summary import FileSummary
from wardapp.exchange.city.verify import Refused, verified
from wardapp.exchange.city.wards import require_city
from wardapp.exchange.package import Package, PackageError, peek
from wardapp.office.store import Ward
from wardapp.trust import auth

# A commit costs ~50 ms whatever its size (the search index flushes, the WAL checkpoints), which
# is as much as applying a ward's whole week: files are applied in batches of about this many
# dossiers, each file inside its own savepoint so it still applies completely or not at all.
# A batch also ends after about half a second, so another program's write (a desk's save)
# waits at most that long plus one file.
BATCH_DOSSIERS = 10_000
BATCH_SECONDS = 0.5


def import_packages(
    ward: Ward, files: list[str | Path], *, dry_run: bool = False, progress=None
) -> list[FileSummary]:
    """Each file is verified completely, then applied in its own savepoint; a batch of files
    commits together.  With ``dry_run`` everything is applied in one transaction and rolled
    back, so the summary is exact.  ``progress(done, total)`` is called before each file and
    may raise to stop: batches already committed stay, each one whole."""
    auth.require(ward, "import")
    with ward.read() as s:
        require_city(ward, s)
    out: list[FileSummary] = []
    peeks = [peek(f) for f in files]
    incoming = verified(_in_time_order(files, peeks))
    # marked as running from the first batch that applies a file (a waiting save says so); a
    # killed import leaves the mark, which verify notes: each file it applied is whole, and
    # the next run skips them.  A run that applies nothing leaves no trace.
    job: list[int] = []
    try:
        with _indexes_deferred(ward, sum(p.dossiers for p in peeks if p), dry_run):
            while _apply_batch(ward, incoming, out, (files, dry_run, progress), job):
                pass
    finally:
        if job:
            import_jobs.finish(ward, job[0])
    if progress is not None:
        progress(len(files), len(files))
    return out


def _in_time_order(files: list[str | Path], peeks: list) -> list[str | Path]:
    """Files by period, then ward, then number, whatever order they were chosen in: each ward's
    packages then apply in sequence (no false "older version" conflicts when a year is imported
    at once), and a year of thirty wards is written week by week, as the weekly imports would
    write it.  Unreadable files go last, in their order, to be refused with their reason."""
    keyed = [
        (p.order if p else None, i, f) for i, (f, p) in enumerate(zip(files, peeks, strict=True))
    ]
    readable = sorted((k, i, f) for k, i, f in keyed if k is not None)
    return [f for _k, _i, f in readable] + [f for k, _i, f in keyed if k is None]


@contextmanager
def _indexes_deferred(ward: Ward, expected: int, dry_run: bool):
    """A large import (by the manifests' counts) writes without the secondary indexes and
    rebuilds them at the end, even when it stops early (``db.deferred_indexes``); its search
    index is merged once at the end too (``db.search_index.merges_held``), and each office's
    half-month sums are written once, after the indexes (``db.rollup.held``)."""
    with ward.read() as s:
        held = s.scalar(select(func.max(Dossier.id))) or 0
    if dry_run or not deferred_indexes.worth_deferring(held, expected):
        yield
        return
    with ward.write() as s:
        deferred_indexes.drop(s.connection())
    with rollup.held(ward.write):  # its offices summed once, after the indexes are back
        try:
            with search_index.merges_held(ward.write):
                yield
        finally:
            with ward.write() as s:
                deferred_indexes.restore(s.connection())


def _names(files: list) -> str:
    first = Path(files[0]).name if files else ""
    return first + (f" và {len(files) - 1} tệp khác" if len(files) > 1 else "")


def _apply_batch(ward: Ward, incoming, out: list, run: tuple, job: list[int]) -> bool:
    """Apply files from ``incoming`` in one transaction until about ``BATCH_DOSSIERS`` are
    written; True if files remain.  Each file is applied as it arrives, so what waits in
    memory is the reader's read-ahead, not the batch."""
    files, dry_run, progress = run
    total, more = len(files), False
    with ward.write() as s:
        began = time.monotonic()
        require_city(ward, s)
        known = catalogue_ids(s)
        size = 0
        with search_index.deferred(s):  # the batch's new dossiers indexed in one statement
            for f, pkg in incoming:
                if progress is not None:  # may raise: the open batch is rolled back
                    progress(len(out), total)
                summary = _received(f, pkg)
                out.append(summary)
                if summary.status == "refused":
                    continue
                try:
                    with s.begin_nested():
                        import_one(s, pkg, summary, known)
                except Refused as exc:
                    _refuse(summary, str(exc))
                    known = catalogue_ids(s)  # what the refused file added was rolled back
                else:
                    if dry_run and summary.status == "applied":
                        summary.status = "dry-run"
                    elif summary.status == "applied" and not job:
                        job.append(import_jobs.create(s, "city", _names(files), total))
                size += len(pkg.prepared.dossiers)
                full = size >= BATCH_DOSSIERS or time.monotonic() - began >= BATCH_SECONDS
                if full and not dry_run:
                    more = True
                    break
        if job and not dry_run:
            import_jobs.advance(s, job[0], len(out))
        if dry_run:
            s.rollback()
    return more


def _received(f, pkg: Package | PackageError) -> FileSummary:
    """The file's summary as read: refused already, or waiting to be applied."""
    summary = FileSummary(file=Path(f).name)
    if isinstance(pkg, PackageError):
        summary.status, summary.reason = "refused", str(pkg)
        return summary
    summary.office, summary.seq = pkg.office_code, pkg.seq
    if pkg.manifest["kind"] != "ward-data":
        summary.status, summary.reason = "refused", "gói dữ liệu tham chiếu dành cho phường/xã"
    return summary


def _refuse(summary: FileSummary, reason: str) -> None:
    """Nothing of a refused file stays, so neither do its counts."""
    summary.status, summary.reason = "refused", reason
    summary.inserted = summary.updated = summary.unchanged = 0
    summary.conflicts, summary.rejected = [], []
    summary.missing_before, summary.chain_gaps = [], []
