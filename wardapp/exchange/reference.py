"""The other direction: the city sends its wards reference data — the procedure catalogue with
the limits the province published, calendar overrides, and the year's commitment targets.  A
ward reads the package, sees what would change, and accepts it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from db.models import CalendarOverride, CommitmentTarget, ExportLog, Procedure
from wardapp import __version__
from wardapp.catalogue.procedures import upsert
from wardapp.common.atomic import atomic_target
from wardapp.common.clock import now_local, to_aware
from wardapp.common.errors import WardError
from wardapp.exchange import rows as R
from wardapp.exchange.package import (
    FORMAT_VERSION,
    PackageError,
    file_sha256,
    jsonl,
    read_package,
    write_package,
)
from wardapp.indicators.commitment import current, seed_commitment
from wardapp.office.store import Ward
from wardapp.trust import auth


def export_reference(ward: Ward, out_dir: str | Path, year: int) -> Path:
    auth.require(ward, "export")
    now = now_local()
    with ward.read() as s:
        city = ward.office(s)
        if city.kind != "city":
            raise WardError("Chỉ cơ sở dữ liệu thành phố gửi dữ liệu tham chiếu cho phường/xã.")
        procs = [
            R.procedure_row(p)
            for p in s.scalars(
                select(Procedure).where(~Procedure.source.like("ward:%")).order_by(Procedure.code)
            )
        ]
        cal = [
            {
                "day": o.day.isoformat(),
                "kind": o.kind,
                "description": o.description,
                "legal_basis": o.legal_basis,
            }
            for o in s.scalars(select(CalendarOverride).order_by(CalendarOverride.day))
        ]
        c = current(s, city.id, year)
        targets = [
            {
                "year": year,
                "indicator": t.indicator,
                "comparator": t.comparator,
                "threshold": t.threshold,
                "unit": t.unit,
                "label": t.label,
            }
            for t in (c.targets if c else [])
        ]
        last = s.scalars(
            select(ExportLog).where(ExportLog.kind == "reference").order_by(ExportLog.seq.desc())
        ).first()
        code, name = city.agency_code, city.name
    seq = (last.seq + 1) if last else 1
    members_rows = {"procedures": procs, "calendar": cal, "year_targets": targets}
    manifest = {
        "format_version": FORMAT_VERSION,
        "program_version": __version__,
        "kind": "reference",
        "office": {"code": code, "name": name},
        "period": {"from": date(year, 1, 1).isoformat(), "to": date(year, 12, 31).isoformat()},
        "seq": seq,
        "prev_sha256": last.sha256 if last else "",
        "created_at": to_aware(now).isoformat(),
        "counts": {k: len(v) for k, v in members_rows.items()},
        "members": {},
    }
    out = Path(out_dir) / f"{code}_reference_{year}_{seq}.wardpkg"
    with atomic_target(out) as tmp:
        write_package(tmp, manifest, {f"{k}.jsonl": jsonl(v) for k, v in members_rows.items()})
        sha = file_sha256(tmp)
        with ward.write() as s:
            s.add(
                ExportLog(
                    seq=seq,
                    kind="reference",
                    file_name=out.name,
                    period_from=date(year, 1, 1),
                    period_to=date(year, 12, 31),
                    created_at=now,
                    since=None,
                    records=sum(manifest["counts"].values()),
                    sha256=sha,
                )
            )
    return out


@dataclass
class ReferenceDiff:
    source: str
    procedures_new: list[str] = field(default_factory=list)
    procedures_changed: list[str] = field(default_factory=list)
    calendar_new: list[str] = field(default_factory=list)
    calendar_changed: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    year: int | None = None

    @property
    def empty(self) -> bool:
        return not (
            self.procedures_new
            or self.procedures_changed
            or self.calendar_new
            or self.calendar_changed
            or self.targets
        )

    def lines(self) -> list[str]:
        out = [f"Dữ liệu tham chiếu từ {self.source}:"]
        out += [f"  + thủ tục mới: {x}" for x in self.procedures_new]
        out += [f"  ~ thủ tục thay đổi: {x}" for x in self.procedures_changed]
        out += [f"  + ngày nghỉ/làm bù mới: {x}" for x in self.calendar_new]
        out += [f"  ~ ngày nghỉ/làm bù thay đổi: {x}" for x in self.calendar_changed]
        out += [f"  ~ chỉ tiêu cam kết {self.year}: {x}" for x in self.targets]
        if self.empty:
            out.append("  (không có gì thay đổi)")
        return out


def apply_reference(ward: Ward, path: str | Path, *, accept: bool = False) -> ReferenceDiff:
    """Compare the package with this ward's data; with ``accept``, apply it all at once."""
    auth.require(ward, "settings" if accept else "read")
    try:
        pkg = read_package(path)
    except PackageError as exc:
        raise WardError(f"Gói tham chiếu bị từ chối: {exc}") from None
    if pkg.manifest["kind"] != "reference":
        raise WardError("Đây không phải gói dữ liệu tham chiếu của thành phố.")
    diff = ReferenceDiff(source=f"{pkg.manifest['office']['name']} ({pkg.office_code})")
    with ward.write() as s:
        office = ward.office(s)
        if office.kind != "ward":
            raise WardError("Chỉ phường/xã nhận gói dữ liệu tham chiếu.")
        procs = upsert(s, pkg.rows["procedures"], "city", apply=accept)
        diff.procedures_new, diff.procedures_changed = procs.new, procs.changed
        for o in pkg.rows["calendar"]:
            held = s.scalars(
                select(CalendarOverride).where(CalendarOverride.day == o["day"])
            ).first()
            label = f"{o['day']:%d/%m/%Y} {o['kind']} — {o['description']}"
            if held is None:
                diff.calendar_new.append(label)
                if accept:
                    s.add(CalendarOverride(**o, source="city"))
            elif (held.kind, held.description, held.legal_basis) != (
                o["kind"],
                o["description"],
                o["legal_basis"],
            ):
                diff.calendar_changed.append(label)
                if accept:
                    held.kind, held.description, held.legal_basis, held.source = (
                        o["kind"],
                        o["description"],
                        o["legal_basis"],
                        "city",
                    )
        years = {t["year"] for t in pkg.rows["year_targets"]}
        for y in sorted(years):
            diff.year = y
            wanted = [
                (t["indicator"], t["comparator"], t["threshold"], t["unit"], t["label"])
                for t in pkg.rows["year_targets"]
                if t["year"] == y
            ]
            c = seed_commitment(s, office, y)
            s.flush()
            have = [(t.indicator, t.comparator, t.threshold, t.unit, t.label) for t in c.targets]
            if have != wanted:
                diff.targets += [f"{lbl}: {op} {th:g}{u}" for _i, op, th, u, lbl in wanted]
                if c.signed_on is not None:
                    # what the chairman signed is kept: new targets take an amended commitment
                    diff.targets.append(
                        f"bản cam kết năm {y} đã ký được giữ nguyên; "
                        "chỉ tiêu mới cần Chủ tịch ký cam kết sửa đổi, bổ sung"
                    )
                elif accept:
                    c.targets = [
                        CommitmentTarget(
                            indicator=i, comparator=op, threshold=th, unit=u, label=lbl
                        )
                        for i, op, th, u, lbl in wanted
                    ]
                    c.version += 1
        if not accept:
            s.rollback()
    if accept:
        ward.invalidate()
    return diff
