"""Ward side: export what changed since the last package (or everything) to a .wardpkg file,
and keep the history of what was sent."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from db import changes
from db.backend import backend_for
from db.models import Commitment, Dossier, ExportLog, Procedure
from db.models_allowance import StepAllowance
from db.models_initiatives import Initiative
from wardapp import __version__
from wardapp.calendar.periods import iso_week
from wardapp.common.atomic import atomic_target
from wardapp.common.clock import now_local, to_aware
from wardapp.common.errors import WardError
from wardapp.exchange import rows as R
from wardapp.exchange.package import FORMAT_VERSION, file_sha256, jsonl, write_package
from wardapp.indicators.heading import report_heading
from wardapp.indicators.report import build_report
from wardapp.indicators.report_xlsx import write_report_xlsx
from wardapp.office.store import Ward
from wardapp.trust import auth, chain, keys


@dataclass
class ExportResult:
    path: Path
    seq: int
    counts: dict[str, int]
    sha256: str
    since: datetime | None


def package_name(office_code: str, when: date, seq: int) -> str:
    y, w, _ = when.isocalendar()
    return f"{office_code}_{y}-W{w:02d}_{seq}.wardpkg"


def last_export(ward: Ward) -> ExportLog | None:
    with ward.read() as s:
        return s.scalars(
            select(ExportLog).where(ExportLog.kind == "ward-data").order_by(ExportLog.seq.desc())
        ).first()


def export_logs(s) -> list[ExportLog]:
    """The ward-data packages sent, oldest first."""
    return list(
        s.scalars(select(ExportLog).where(ExportLog.kind == "ward-data").order_by(ExportLog.seq))
    )


def _start(s, last: ExportLog | None, full: bool, since_ts: datetime | None, upto: int) -> int:
    """The change number the package starts above: where the last one ended, 0 for a full
    snapshot, or, from a date, below the first dossier changed since then (a re-send)."""
    if full or last is None:
        return 0
    if since_ts is not None:
        first = s.scalar(select(func.min(Dossier.change_no)).where(Dossier.updated_at >= since_ts))
        return upto if first is None else first - 1
    if last.change_to is None:  # made before the counter: what the migration could not number
        return 0
    return last.change_to


def export_package(
    ward: Ward, out_dir: str | Path, *, full: bool = False, since: date | None = None
) -> ExportResult:
    auth.require(ward, "export")
    now = now_local()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    last = last_export(ward)
    policy = ward.rules().settings["export_personal_data"]
    with ward.read() as s:  # a read: a batch holding the write lock must not block it
        signing = keys.own_pair(s, ward.office(s))
    if signing is None:  # an office made before keys existed gets its key now
        with ward.write() as s:
            signing = keys.signing_pair(s, ward.office(s))
    since_ts = datetime.combine(since, time(0, 0)) if since is not None and not full else None
    with ward.read() as s:  # one snapshot: the counter and every row as of one commit
        office = ward.office(s)
        if office.kind != "ward":
            raise WardError("Đây là cơ sở dữ liệu của thành phố: chỉ phường/xã xuất gói dữ liệu.")
        backend = backend_for(s)
        upto = changes.current(s)
        after = _start(s, last, full, since_ts, upto)
        lines = {
            member: backend.json_lines(s, R.json_lines(member, policy), after or None)
            for member in ("dossiers", "events", "apologies")
        }
        scope = (Dossier.change_no > after,) if after else ()
        used = sorted(s.scalars(select(Dossier.procedure_id).where(*scope).distinct()))
        earliest = s.scalar(select(func.min(Dossier.received_at)).where(*scope))
        commitments = [
            R.commitment_row(c)
            for c in s.scalars(
                select(Commitment)
                .where(Commitment.office_id == office.id)
                .order_by(Commitment.year)
            )
        ]
        # all of them each time, like the commitments: a handful a year
        initiatives = [
            R.initiative_row(i)
            for i in s.scalars(
                select(Initiative).where(Initiative.office_id == office.id).order_by(Initiative.id)
            )
        ]
        allowances = [
            R.allowance_row(a)
            for a in s.scalars(
                select(StepAllowance)
                .where(StepAllowance.office_id.is_(None))
                .order_by(StepAllowance.id)
            )
        ]
        procs = {p.id: p for p in s.scalars(select(Procedure))}
        procedures = [R.procedure_row(procs[i]) for i in used]
        week = iso_week(*now.date().isocalendar()[:2])
        summary = build_report(s, week, office.id)
        summary.office = office.name
        # The week's figures as the ward signs them: receiving unit and signatures as Biểu 06.
        heading = report_heading(ward, s, now.date())
        code, name = office.agency_code, office.name
        head_no, head_hash = chain.head(s, office.id)
    if since_ts is not None:
        first_day = since_ts.date()
    elif after and last is not None:
        first_day = last.created_at.date()
    else:
        first_day = earliest.date() if earliest else now.date()
    seq = (last.seq + 1) if last else 1
    members = {
        "procedures.jsonl": jsonl(procedures),
        **{f"{m}.jsonl": "".join(x + "\n" for x in rows).encode() for m, rows in lines.items()},
        "commitments.jsonl": jsonl(commitments),
        "initiatives.jsonl": jsonl(initiatives),
        "allowances.jsonl": jsonl(allowances),
    }
    counts = {
        "procedures": len(procedures),
        **{m: len(rows) for m, rows in lines.items()},
        "commitments": len(commitments),
        "initiatives": len(initiatives),
        "allowances": len(allowances),
    }
    manifest = {
        "format_version": FORMAT_VERSION,
        "program_version": __version__,
        "kind": "ward-data",
        "office": {"code": code, "name": name},
        "period": {
            "from": first_day.isoformat(),
            "to": now.date().isoformat(),
            "week": f"{week.start:%G-W%V}",
        },
        "seq": seq,
        "prev_sha256": last.sha256 if last else "",
        "created_at": to_aware(now).isoformat(),
        "since": to_aware(since_ts).isoformat() if since_ts else None,
        "full": after == 0,
        "changes": {"from": after, "to": upto},
        "counts": counts,
        "chain_head": {"chain_no": head_no, "hash": head_hash},
        "members": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "summary.xlsx"
        write_report_xlsx(summary, xlsx, name, heading)
        members["summary.xlsx"] = xlsx.read_bytes()
    final = out_dir / package_name(code, now.date(), seq)
    if final.exists():
        raise WardError(f"Đã có tệp {final.name}; không ghi đè.")
    with atomic_target(final) as tmp:
        write_package(tmp, manifest, members, signing)
        sha = file_sha256(tmp)
        with ward.write() as s:  # the history row commits only if the file is complete
            s.add(
                ExportLog(
                    seq=seq,
                    kind="ward-data",
                    file_name=final.name,
                    period_from=first_day,
                    period_to=now.date(),
                    created_at=now,
                    since=since_ts,
                    change_from=after,
                    change_to=upto,
                    records=sum(counts.values()),
                    sha256=sha,
                )
            )
    return ExportResult(final, seq, counts, sha, since_ts)


def export_reminder(ward: Ward, now: datetime | None = None) -> str | None:
    """A sentence for the window when last week's package has not been made, else None."""
    now = now or now_local()
    this_monday = now.date() - timedelta(days=now.weekday())
    last = last_export(ward)
    if last is None:
        return "Chưa xuất gói dữ liệu nào gửi thành phố."
    if last.created_at.date() < this_monday - timedelta(days=7):
        return (
            f"Gói gần nhất gửi thành phố là ngày {last.created_at:%d/%m/%Y} (số {last.seq}): "
            "đã quá một tuần, hãy xuất gói tuần này."
        )
    return None
