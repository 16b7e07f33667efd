"""Exchange benchmarks (not tests).

* export of 10,000 changed dossiers (with their history)  vs raw sqlite3 SELECT + JSON lines;
* import at the city of W weekly packages from N wards     vs raw sqlite3 executemany of the
  same dossier and event rows, with resident memory sampled along the way.

    python bench/bench_exchange.py [--wards 30] [--weeks 52] [--per-week 640] [--export 10000]
    python bench/bench_exchange.py --tiny

``--tiny`` (what CI runs, so the script cannot rot unnoticed) exports 3,000 dossiers and imports
3 wards × 2 weeks × 500; far below the size at which the import defers its indexes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench import TINY, machine  # noqa: E402
from db.chain_hash import GENESIS, row_hash  # noqa: E402
from wardapp.calendar.deadlines import classify_outcome  # noqa: E402
from wardapp.common.clock import set_fixed_now, to_aware  # noqa: E402
from wardapp.common.ids import new_uuid  # noqa: E402
from wardapp.exchange.city.importing import import_packages  # noqa: E402
from wardapp.exchange.city.wards import add_ward  # noqa: E402
from wardapp.exchange.export import export_package  # noqa: E402
from wardapp.exchange.package import FORMAT_VERSION, jsonl, write_package  # noqa: E402
from wardapp.office.store import Ward  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.setup.office import init_office  # noqa: E402
from wardapp.trust import auth

NOW = datetime(2026, 11, 20, 17, 0)
PROC = {
    "code": "CT.01",
    "effective_from": "2025-07-01",
    "name": "Chứng thực bản sao từ bản chính",
    "field": "Chứng thực",
    "limit_days": 0.0,
    "cutoff": "15:00",
    "fee": 2000,
    "documents": ["Bản chính giấy tờ"],
    "legal_basis": "Nghị định 23/2015/NĐ-CP",
    "verified": True,
}


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def t(v: datetime) -> str:
    return to_aware(v).isoformat()


def synth_package(
    path: Path,
    code: str,
    name: str,
    week: int,
    n: int,
    rng: random.Random,
    chain: list,
    signing: tuple[str, str],
) -> tuple[list, list]:
    """``chain`` is the ward's [last chain number, last hash], carried from week to week;
    ``signing`` its (public, private) key in hex."""
    start = datetime(2025, 12, 1, 8, 0) + timedelta(weeks=week)
    dossiers, events = [], []
    for i in range(n):
        rec = start + timedelta(minutes=rng.randint(0, 5 * 24 * 60))
        due = rec + timedelta(hours=8)
        res = rec + timedelta(hours=rng.randint(1, 10))
        du = new_uuid(at=rec)  # as the ward's wardapp makes them, at the time of intake
        dossiers.append(
            {
                "uuid": du,
                "version": 3,
                "code": f"{code}-W{week:02d}-{i:05d}",
                "procedure_code": "CT.01",
                "procedure_effective_from": "2025-07-01",
                "applicant_name": f"Người nộp {i}",
                "applicant_id": "",
                "phone": "",
                "email": "",
                "address": "",
                "channel": "direct",
                "full_online": False,
                "paid_online": False,
                "fee": 2000,
                "sets_count": 1,
                "documents": [],
                "received_at": t(rec),
                "due_at": t(due),
                "resolved_at": t(res),
                "returned_at": t(res + timedelta(hours=1)),
                "closed_at": None,
                "finished_at": t(res),
                "days_open": 1,
                "outcome": classify_outcome(res, due),  # the city replays it
                "status": "returned",
                "status_at": t(res + timedelta(hours=1)),
                "paused_at": None,
                "apology_count": 0,
                "rating": "",
                "logbook_no": i + 1,
                "note": "",
                "updated_at": t(res + timedelta(hours=1)),
            }
        )
        for seq, (kind, at) in enumerate(
            (("received", rec), ("resolved", res), ("returned", res + timedelta(hours=1))), start=1
        ):
            events.append(
                {
                    "uuid": new_uuid(at=at),
                    "dossier_uuid": du,
                    "seq": seq,
                    "kind": kind,
                    "at": t(at),
                    "recorded_at": t(at),
                    "actor": "canbo1",
                    "agency": "",
                    "reason": "",
                    "data": "{}",
                    "backdated": False,
                }
            )
            ev = events[-1]
            ev["chain_no"], ev["prev_hash"] = chain[0] + 1, chain[1]
            ev["hash"] = row_hash(chain[1], chain[0] + 1, du, {**ev, "at": at, "recorded_at": at})
            chain[0], chain[1] = ev["chain_no"], ev["hash"]
    rows = {
        "procedures": [PROC],
        "dossiers": dossiers,
        "events": events,
        "apologies": [],
        "commitments": [],
        "initiatives": [],
    }
    manifest = {
        "format_version": FORMAT_VERSION,
        "program_version": "bench",
        "kind": "ward-data",
        "office": {"code": code, "name": name},
        "period": {"from": "2025-12-01", "to": "2026-11-20"},
        "seq": week + 1,
        "prev_sha256": "",
        "created_at": t(NOW),
        "counts": {k: len(v) for k, v in rows.items()},
        "chain_head": {"chain_no": chain[0], "hash": chain[1]},
        # format 3: the range of the ward's change numbers the package carries, one per dossier
        "changes": {"from": week * len(dossiers), "to": (week + 1) * len(dossiers)},
        "members": {},
    }
    write_package(path, manifest, {f"{k}.jsonl": jsonl(v) for k, v in rows.items()}, signing)
    return dossiers, events


def ward_key() -> tuple[str, str]:
    """A fresh (public, private) Ed25519 key pair in hex, as a ward's init makes one."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    k = Ed25519PrivateKey.generate()
    raw = ser.Encoding.Raw
    return (
        k.public_key().public_bytes(raw, ser.PublicFormat.Raw).hex(),
        k.private_bytes(raw, ser.PrivateFormat.Raw, ser.NoEncryption()).hex(),
    )


def bench_export(tmp: Path, n: int) -> dict:
    ward = Ward.open(tmp / "ward.sqlite3")
    demo.generate(ward, dossiers=n, seed=3, end=NOW)
    auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)
    t0 = time.perf_counter()
    res = export_package(ward, tmp / "out", full=True)
    dt = time.perf_counter() - t0
    con = sqlite3.connect(tmp / "ward.sqlite3")
    t0 = time.perf_counter()
    cur = con.execute("SELECT * FROM dossier")
    cols = [c[0] for c in cur.description]
    lines = [json.dumps(dict(zip(cols, r, strict=True)), ensure_ascii=False) for r in cur]
    ev = con.execute("SELECT * FROM dossier_event").fetchall()
    lines += [json.dumps(list(r), ensure_ascii=False) for r in ev]
    ft = time.perf_counter() - t0
    con.close()
    ward.close()
    return {
        "dossiers": res.counts["dossiers"],
        "events": res.counts["events"],
        "seconds": round(dt, 3),
        "floor_raw_select_json_s": round(ft, 3),
        "target_s": 1.0,
    }


def bench_import(tmp: Path, wards: int, weeks: int, per_week: int) -> dict:
    rng = random.Random(5)
    city = Ward.open(tmp / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    pk = tmp / "pkgs"
    pk.mkdir()
    files, floor_rows = [], ([], [])
    t0 = time.perf_counter()
    for w in range(wards):
        code = f"000.23.{w:02d}.H26"
        pair = ward_key()
        add_ward(city, name=f"Phường {w + 1}", agency_code=code, public_key=pair[0])
        chain = [0, GENESIS]
        for k in range(weeks):
            f = pk / f"{code}_{k}.wardpkg"
            d, e = synth_package(f, code, f"Phường {w + 1}", k, per_week, rng, chain, pair)
            if w == 0 and k < 4:  # the floor is measured on a sample of the same rows
                floor_rows[0].extend(d)
                floor_rows[1].extend(e)
            files.append(f)
    make_s = time.perf_counter() - t0
    samples = []

    def sample(done: int, total: int) -> None:
        samples.append(round(rss_mb()))

    t0 = time.perf_counter()  # one call, as the city selects a year's files in the window
    res = import_packages(city, files, progress=sample)
    bad = [s.line() for s in res if s.status != "applied"]
    assert not bad, bad[:3]
    total = sum(s.inserted for s in res)
    dt = time.perf_counter() - t0
    city.close()
    # floor: raw executemany of the same kind of rows into bare tables
    con = sqlite3.connect(tmp / "floor.sqlite3")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(f"CREATE TABLE d ({', '.join(floor_rows[0][0])})")
    con.execute(f"CREATE TABLE e ({', '.join(floor_rows[1][0])})")
    t1 = time.perf_counter()
    con.executemany(
        f"INSERT INTO d VALUES ({','.join('?' * len(floor_rows[0][0]))})",
        [[json.dumps(v) if isinstance(v, list) else v for v in r.values()] for r in floor_rows[0]],
    )
    con.executemany(
        f"INSERT INTO e VALUES ({','.join('?' * len(floor_rows[1][0]))})",
        [list(r.values()) for r in floor_rows[1]],
    )
    con.commit()
    ft = time.perf_counter() - t1
    n_floor = len(floor_rows[0])
    return {
        "packages": len(files),
        "dossiers": total,
        "events": total * 3,
        "seconds": round(dt, 1),
        "dossiers_per_s": round(total / dt),
        "rss_mb_samples": samples[:: max(1, len(samples) // 10)],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "floor_raw_executemany_dossiers_per_s": round(n_floor / ft),
        "packages_built_in_s": round(make_s, 1),
        "target_s": 120,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wards", type=int, default=30)
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--per-week", type=int, default=640)
    ap.add_argument("--export", type=int, default=10_000, help="dossiers in the exported ward")
    ap.add_argument("--tiny", action="store_true", help="CI scale: a few thousand dossiers")
    args = ap.parse_args()
    if args.tiny:
        args.wards, args.weeks, args.per_week, args.export = 3, 2, 500, 3_000
    set_fixed_now(NOW)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "e").mkdir()
        out = {
            "machine": machine(),
            "scale": TINY if args.tiny else "full",
            f"export_{args.export // 1000}k": bench_export(tmp / "e", args.export),
            "city_import": bench_import(tmp, args.wards, args.weeks, args.per_week),
        }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
