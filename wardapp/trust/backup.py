"""Backups of the office database, their rotation, and restoring one.

A copy is made by the database itself, never by copying the file (``db.backend``: SQLite's
online backup API; a live database keeps recent commits beside its file, and a plain copy taken
mid-write can be torn).  Each copy is written under a temporary name, checked by the database
and only then renamed, so a file named like a backup is always a whole one.

Each database keeps its backups in a folder of its own (office code and database id,
``folder_for``).  Rotation keeps the newest backup of each of the last 7 days, 4 ISO weeks and
12 months that have one (grandfather-father-son) in that folder only; anything in it that is not
a wardapp backup is never touched.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from db import changes
from db.backend import backend_for, copy_suffixes, local, locate
from wardapp.common.atomic import sweep
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.office.identity import (
    database_identity,
    describe,
    file_identity,
    office_identity,
)
from wardapp.office.paths import data_dir
from wardapp.trust import auth

SUFFIX = local().file_suffix
FILE_FILTER = local().file_filter  # the backups, for a file dialog
# a file's backups and a server database's dumps (``wardapp backup`` at a desk of a server)
NAME = re.compile(
    r"^wardapp-backup-(\d{8}-\d{6})(" + "|".join(re.escape(x) for x in copy_suffixes()) + ")$"
)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
WARN_AFTER = timedelta(days=2)


@dataclass
class Backup:
    path: Path
    taken_at: datetime


def folder_for(ward, base: str | Path | None = None) -> Path:
    """This database's own folder inside ``base`` (default: the backup_folder setting, else the
    data folder), named by office code and database id: two databases on one PC, or on one
    backup drive, never share a folder, so one's rotation cannot delete the other's backups."""
    if base is None:
        configured = ward.rules().settings["backup_folder"]
        base = Path(configured).expanduser() if configured else data_dir() / "backups"
    return Path(base) / database_identity(ward).folder_name


def list_backups(folder: Path) -> list[Backup]:
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        m = NAME.match(p.name)
        if m:
            out.append(Backup(p, datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")))
    return sorted(out, key=lambda b: b.taken_at)


def last_backup(ward) -> Backup | None:
    found = list_backups(folder_for(ward))
    return found[-1] if found else None


def backup_warning(ward, now: datetime | None = None, *, last: Backup | None = None) -> str | None:
    """What the window says when the last backup is older than two days (or missing).
    ``last``: the caller has already listed the folder."""
    if ward.on_server:
        return None
    now = now or now_local()
    last = last or last_backup(ward)
    if last is None:
        return f"Chưa có bản sao lưu nào trong {folder_for(ward)}."
    if now - last.taken_at > WARN_AFTER:
        return (
            f"Bản sao lưu gần nhất đã từ {last.taken_at:%d/%m/%Y %H:%M} (quá 2 ngày): "
            "hãy cắm ổ sao lưu và bấm 'Sao lưu ngay'."
        )
    return None


def keep_set(times: list[datetime]) -> set[datetime]:
    """Which backups rotation keeps: the newest of each of the most recent 7 days, 4 ISO weeks
    and 12 months that have a backup."""
    keep: set[datetime] = set()
    for key, count in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        newest: dict = {}
        for t in times:
            k = key(t)
            if k not in newest or t > newest[k]:
                newest[k] = t
        for k in sorted(newest, reverse=True)[:count]:
            keep.add(newest[k])
    return keep


def _copy(
    src: str | Path, dst: str | Path, *, standalone: bool = True, at_once: bool = False
) -> None:
    """``standalone``: the copy is a file of its own; False when writing into the live
    database.  ``at_once``: in one step, the target locked throughout."""
    local().copy(src, dst, standalone=standalone, at_once=at_once)


def integrity(path: str | Path) -> str:
    """``ok``, or what the database found wrong with the file."""
    return local().check(path)


ON_SERVER = (
    "Cơ sở dữ liệu này nằm trên máy chủ, dùng chung cho nhiều bàn: khôi phục nó bằng công cụ "
    "của máy chủ (xem README, mục 'Several desks'); wardapp chỉ khôi phục tệp dữ liệu trên máy này."
)


def backup_now(ward, folder: str | Path | None = None, now: datetime | None = None) -> Path:
    """Copy the database into its backup folder (``folder_for``; ``folder`` replaces the
    setting as the base), then rotate that folder only.  Returns the new file.  A server
    database is dumped by the server's own tool into the same folder and rotated alike."""
    auth.require(ward, "backup")
    if ward.on_server:
        backend = backend_for(ward.engine)
        return _take(ward, folder, now, backend.file_suffix, backend.copy, backend.check)
    return _take(ward, folder, now, SUFFIX, _copy, integrity)


def _take(ward, folder, now, suffix: str, copy, check_copy) -> Path:
    now = now or now_local()
    folder = folder_for(ward, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WardError(f"Không tạo được thư mục sao lưu {folder}: {exc.strerror}") from None
    sweep(folder)  # a .part an interrupted backup left
    final = folder / f"wardapp-backup-{now:%Y%m%d-%H%M%S}{suffix}"
    tmp = folder / (final.name + ".part")
    try:
        tmp.unlink(missing_ok=True)
        copy(locate(ward.path), tmp)
        check = check_copy(tmp)
        if check != "ok":
            raise WardError(f"Bản sao lưu không đạt kiểm tra toàn vẹn: {check}")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WardError(f"Không ghi được bản sao lưu vào {folder}: {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    rotate(folder)
    return final


def rotate(folder: Path) -> list[Path]:
    found = list_backups(folder)
    keep = keep_set([b.taken_at for b in found])
    removed = []
    for b in found:
        if b.taken_at not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def backup_if_due(ward, now: datetime | None = None) -> Path | None:
    """The automatic daily backup: one per calendar day, taken at the first opportunity."""
    if ward.on_server:  # the server's own schedule, not one dump a day from every desk
        return None
    now = now or now_local()
    last = last_backup(ward)
    if last is not None and last.taken_at.date() >= now.date():
        return None
    return backup_now(ward, now=now)


# -- restore -----------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    restored_from: Path
    replaced_copy: Path
    chain: str


def check_foreign(ward, path: str | Path) -> None:
    """Refuse a backup of another office, of the other kind (a city's database over a ward's
    or the reverse) or of demo data over real data, or the reverse: restoring it would put
    another office's dossiers, or fake ones, in this office's file.  An administrator may still
    ask for it explicitly (``foreign=True``: the CLI's ``--foreign``, a second question in the
    window), e.g. to move an office to a new database."""
    code, name, kind, demo = office_identity(ward)
    found = file_identity(path)
    if (found.office_code, found.kind, found.demo) == (code, kind, demo):
        return
    raise ForeignBackup(
        f"{Path(path).name} là bản sao lưu của "
        f"{describe(found.office_code, found.office_name, found.kind, found.demo)}, không phải "
        f"của {describe(code, name, kind, demo)}: không khôi phục."
    )


class ForeignBackup(WardError):
    """The window asks the administrator a second time on this one; the CLI needs --foreign."""


def check_candidate(path: str | Path) -> str:
    """Everything a file must pass before it may replace the office database; returns the
    chain summary, raises ``WardError`` naming the first problem."""
    from db.engine import open_database
    from wardapp.office.store import Ward
    from wardapp.trust.chain import verify

    path = Path(path)
    if not path.is_file():
        raise WardError(f"Không có tệp {path}.")
    if not local().is_database(path):
        raise WardError(f"{path.name} không phải tệp cơ sở dữ liệu.")
    check = integrity(path)
    if check != "ok":
        raise WardError(f"{path.name} không đạt kiểm tra toàn vẹn: {check}")
    # Work on a scratch copy: opening runs migrations, which must not touch the candidate.  It
    # goes in a temporary folder, not beside the file: a backup is often on a read-only medium
    # (a write-protected USB drive, a CD), and a copy beside it was left there when a check
    # died (244 MB).  The folder takes the migration's own copy too, and goes with it.
    with tempfile.TemporaryDirectory(prefix="wardapp-checking-") as folder:
        scratch = Path(folder) / (path.name + ".checking")
        _copy(path, scratch)
        candidate = Ward(open_database(scratch), scratch)
        try:
            with candidate.read() as s:
                candidate.office(s)
                reports = verify(s, allow_gaps=candidate.office(s).kind == "city")
        finally:
            candidate.close()
    broken = [r for r in reports if not r.ok]
    if broken:
        raise WardError("Không khôi phục: " + broken[0].message())
    return "; ".join(r.message() for r in reports)


def restore(ward, path: str | Path, *, foreign: bool = False) -> RestoreResult:
    """Replace the office database with a checked backup of the same office and kind
    (``check_foreign``; ``foreign=True`` skips that check only).  The database being replaced
    is first kept beside it (``….replaced-<time>`` with the file's suffix), so a restore can itself be undone.
    The caller must reopen the database afterwards (``ward`` is closed here)."""
    auth.require(ward, "restore")
    if ward.on_server:
        raise WardError(ON_SERVER)
    chain_summary = check_candidate(path)
    if not foreign:
        check_foreign(ward, path)
    live = Path(ward.path)
    now = now_local()
    kept = live.with_name(f"{live.stem}.replaced-{now:%Y%m%d-%H%M%S}{live.suffix}")
    staged = live.with_name(f"{live.stem}.restoring{live.suffix}")
    _remove(staged)
    try:
        # The backup, brought to this program's schema before anyone can write to it.
        _copy(path, staged)
        _stamp_generation(staged, None)
        # Take the file over: from this commit on every other program's write is refused
        # (db.changes), so what they confirmed is all in the copy kept next.
        with ward.write() as s:
            generation = changes.fence(ward.engine, s)
        _copy(live, kept)
        if integrity(kept) != "ok":
            changes.restamp(ward.engine, generation - 1)
            raise WardError("Không giữ được bản hiện tại trước khi khôi phục; không thay thế gì.")
        _stamp_generation(kept, generation - 1)  # the kept copy opens as a normal database
        _stamp_generation(staged, generation)  # programs that had the old file must restart
        ward.close()
        _copy(
            staged, live, standalone=False, at_once=True
        )  # one step: the file is locked throughout
    finally:
        _remove(staged)
    return RestoreResult(Path(path), kept, chain_summary)


def _remove(path: Path) -> None:
    for f in (path, *local().companions(path)):
        f.unlink(missing_ok=True)
    for folder in (path.parent, path.parent / "backups"):  # a migration's own copy
        for extra in folder.glob(f"{path.stem}.before-*"):
            extra.unlink(missing_ok=True)


def _stamp_generation(path: Path, generation: int | None) -> None:
    """Open ``path`` as a database (migrating it) and set its restore generation (None: leave
    it).  A file being replaced never stays marked if the restore stops before the copy."""
    from db.engine import open_database

    engine = open_database(path)
    try:
        if generation is not None:
            changes.restamp(engine, generation)
    finally:
        engine.dispose()


def restore_as_new(path: str | Path, target: str | Path) -> str:
    """A new PC's first start: the office's backup becomes the database at ``target``, where
    none exists yet, after the same checks as a restore.  Returns the chain summary."""
    target = Path(target)
    if target.exists():
        raise WardError(f"Đã có cơ sở dữ liệu {target}: khôi phục trong Cài đặt → Sao lưu.")
    chain_summary = check_candidate(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    _copy(path, part)
    if integrity(part) != "ok":
        part.unlink(missing_ok=True)
        raise WardError(f"Bản chép từ {Path(path).name} không đạt kiểm tra toàn vẹn.")
    part.replace(target)
    return chain_summary
