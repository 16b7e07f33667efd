"""Moving an office from its SQLite file onto a server that several desks share, verified
before anything is committed on the server: the same rows in every table, the same hash chain
(events, head number and head hash of each office), and the same Biểu 06 for every year the
register covers.  If any of it differs, or anything fails on the way, the server's database is
left empty and the file was only read (after being brought to this program's schema, with the
usual copy made first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import transfer
from db.backend import ServerDatabase, backend_for
from db.engine import open_database
from db.models import Dossier
from wardapp.calendar import periods
from wardapp.common.errors import WardError
from wardapp.indicators.report import build_report
from wardapp.office.store import Ward
from wardapp.trust import auth, chain


@dataclass
class Moved:
    rows: dict[str, int]
    chains: list[str]  # each office's chain, as verify says it
    years: list[int]  # the years whose Biểu 06 was compared


def _fingerprint(s: Session) -> tuple[list[tuple], dict[int, dict]]:
    heads = [(r.office_code, r.events, r.head_no, r.head_hash, r.ok) for r in chain.verify(s)]
    first, last = s.execute(
        select(func.min(Dossier.received_at), func.max(Dossier.received_at))
    ).one()
    years = range(first.year, last.year + 1) if first is not None else range(0)
    return heads, {y: build_report(s, periods.year(y)).as_dict() for y in years}


def move_to_server(source: Ward, target: ServerDatabase | str, progress=None) -> Moved:
    """``source``: the office's file, opened and signed in (an administrator once it has
    accounts)."""
    auth.require(source, "restore")
    if source.on_server:
        raise WardError("Nguồn phải là tệp dữ liệu trên máy này (--from TỆP).")
    with source.read() as s:
        heads, reports = _fingerprint(s)
    if not all(h[-1] for h in heads):
        raise WardError("Chuỗi băm của tệp nguồn không nguyên vẹn: hãy chạy 'wardapp verify'.")
    before = transfer.table_counts(source.engine)
    engine = open_database(target)

    def check(out: Session, copied: dict[str, int]) -> None:
        held = transfer.table_counts(out)
        if held != before or copied != before:
            wrong = sorted(t for t in before if held.get(t) != before[t])
            raise WardError(f"Số dòng trên máy chủ khác tệp nguồn ở bảng: {', '.join(wrong)}.")
        their_heads, their_reports = _fingerprint(out)
        if their_heads != heads:
            raise WardError("Chuỗi băm trên máy chủ khác tệp nguồn: không có gì được ghi.")
        if their_reports != reports:
            differ = [y for y in reports if their_reports.get(y) != reports[y]]
            raise WardError(f"Biểu 06 trên máy chủ khác tệp nguồn (năm {differ}).")

    try:
        rows = transfer.copy_all(source.engine, engine, check, progress)
    finally:
        engine.dispose()
    with source.read() as s:
        chains = [r.message() for r in chain.verify(s)]
    return Moved(rows, chains, sorted(reports))


def grant_desk(ward: Ward, role: str) -> None:
    """Let the server's login role ``role`` (made by the IT person, with its password) work at
    a desk: the register read and written, the history only added to, the schema untouched."""
    auth.require(ward, "accounts")
    if not ward.on_server:
        raise WardError("Vai trò đăng nhập chỉ có trên máy chủ.")
    with ward.write() as s:
        backend_for(s).grant_desk(s.connection(), role)


def remember_password(target, secret: str) -> str:
    """A desk's password for the server database ``target`` (a ``ServerDatabase``), kept in
    the operating system's keyring instead of a file: Windows Credential Manager, where a
    ``pgpass.conf`` would be one more plain-text file on a shared PC."""
    if not secret:
        raise WardError("Mật khẩu trống: không có gì được ghi.")
    try:
        return backend_for(target.url).remember_password(target.url, secret)
    except Exception as exc:
        raise WardError(f"Không ghi được vào kho mật khẩu của hệ điều hành: {exc}") from None


def source_path(value: str) -> Path:
    path = Path(value).expanduser()
    if not path.is_file():
        raise WardError(f"Không có tệp dữ liệu {path}.")
    return path
