"""Build full-size hostile packages and import each at a city in a child process, reporting
whether it was refused, why, and the child's peak resident memory (VmHWM).

Issue 16 found a package with ``seq = 10^12`` driving the city import to 21.9 GB and a 138 MB
package of whitespace peaking at 6.9 GB.  Each case here starts from a genuine ward package and
changes one thing, recomputing every member hash and size, so only the bounds can refuse it.

Usage: ``python scripts/fuzz_packages.py [--mb 500] [--json FILE]``.  It needs about 1 GB of
free disk in the temporary folder and a few minutes; the figures go in README "Data safety".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = """
import json, sys
from wardapp.office.store import Ward
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.status import office_statuses
city = Ward.open(sys.argv[1])
(s,) = import_packages(city, [sys.argv[2]])
office_statuses(city)
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over fork and exec)
peak = int(next(x for x in open("/proc/self/status") if x.startswith("VmHWM")).split()[1]) // 1024
print(json.dumps({"status": s.status, "reason": s.reason, "peak_mb": peak}))
"""


KEY: list[str] = []  # the ward's (public, private) key, set by genuine()


def translate(n: int, alphabet: bytes) -> bytes:
    table = bytes(alphabet[i % len(alphabet)] for i in range(256))
    return os.urandom(n).translate(table)


def genuine(folder: Path) -> tuple[Path, Path]:
    """A ward with a few dossiers and its first package; a city that knows the ward."""
    import wardapp.common.clock as clock
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake
    from wardapp.exchange.city.wards import add_ward
    from wardapp.exchange.export import export_package
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office
    from wardapp.trust import keys

    clock.set_fixed_now(datetime(2026, 12, 15, 12, 0))
    ward = Ward.open(folder / "ward.sqlite3")
    init_office(ward, name="Phường Xuân An", agency_code="000.23.31.H26")
    for i in range(3):
        intake(ward, IntakeData("HT.02", f"Người {i}", received_at=datetime(2026, 12, 15, 9)), "x")
    pkg = export_package(ward, folder / "good").path
    with ward.write() as s:
        KEY[:] = keys.signing_pair(s, ward.office(s))  # the hostile sender is the ward itself
    ward.close()
    city = Ward.open(folder / "city.sqlite3")
    init_office(city, name="Thành phố", agency_code="000.00.00.H26", kind="city")
    add_ward(city, name="Phường Xuân An", agency_code="000.23.31.H26", public_key=KEY[0])
    city.close()
    return pkg, folder / "city.sqlite3"


def repack(good: Path, dst: Path, manifest=None, members=None) -> Path:
    from wardapp.exchange.package import write_package

    with zipfile.ZipFile(good) as z:
        data = {n: z.read(n) for n in z.namelist()}
    m = json.loads(data.pop("manifest.json"))
    data.pop("manifest.sig")
    for k, v in (manifest or {}).items():
        m[k] = m[k] | v if isinstance(v, dict) else v
    data.update(members or {})
    write_package(dst, m, data, tuple(KEY))
    return dst


def duplicated_rows(good: Path, mb: int) -> dict:
    """The genuine events repeated to ``mb`` MB with their count set to match: well-formed
    lines the reader must parse before duplicate UUIDs show."""
    with zipfile.ZipFile(good) as z:
        lines = z.read("events.jsonl")
    data = lines * (mb * (1 << 20) // len(lines))
    return {
        "members": {"events.jsonl": data},
        "manifest": {"counts": {"events": data.count(b"\n")}},
    }


def distinct_rows(good: Path, mb: int) -> dict:
    """As ``duplicated_rows``, each copy with a uuid of its own: nothing is wrong with a row
    alone, so every row is parsed and held until the references are checked (events of
    dossiers the package does not carry)."""
    import uuid

    with zipfile.ZipFile(good) as z:
        first = json.loads(z.read("events.jsonl").splitlines()[0])
    lines = []
    size = 0
    while size < mb << 20:
        first["uuid"], first["dossier_uuid"] = str(uuid.uuid4()), str(uuid.uuid4())
        line = json.dumps(first, ensure_ascii=False).encode() + b"\n"
        lines.append(line)
        size += len(line)
    return {
        "members": {"events.jsonl": b"".join(lines)},
        "manifest": {"counts": {"events": len(lines)}},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=500, help="size of the big members (MB)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    n = args.mb << 20
    cases = {
        f"{args.mb} MB of whitespace in events.jsonl": lambda: {
            "members": {"events.jsonl": translate(n, b" \t\n\r")}
        },
        f"one {args.mb} MB line": lambda: {
            "members": {"events.jsonl": translate(n, b"abcdefghijklmnop")}
        },
        "seq = 10^12": lambda: {"manifest": {"seq": 10**12}},
        "seq 5,000 above what the city holds": lambda: {"manifest": {"seq": 5000}},
        "counts = 10^12": lambda: {"manifest": {"counts": {"dossiers": 10**12}}},
        "change number 10^30": lambda: {"manifest": {"changes": {"from": 0, "to": 10**30}}},
        f"{args.mb // 5} MB of duplicated well-formed event rows": None,
        f"{args.mb // 5} MB of distinct well-formed event rows": "distinct",
    }
    results = []
    with tempfile.TemporaryDirectory(prefix="wardapp-fuzz-") as tmp:
        folder = Path(tmp)
        good, city = genuine(folder)
        for i, (name, make) in enumerate(cases.items()):
            if make is None:
                spec = duplicated_rows(good, args.mb // 5)
            elif make == "distinct":
                spec = distinct_rows(good, args.mb // 5)
            else:
                spec = make()
            pkg = repack(good, folder / f"case{i}.wardpkg", **spec)
            del spec
            size = pkg.stat().st_size
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(city), str(pkg)],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            took = time.perf_counter() - started
            pkg.unlink()
            if out.returncode != 0:
                got = {"status": "crashed", "reason": out.stderr.strip()[-300:], "peak_mb": None}
            else:
                got = json.loads(out.stdout.strip().splitlines()[-1])
            got |= {"case": name, "file_mb": round(size / (1 << 20), 1), "seconds": round(took, 1)}
            results.append(got)
            print(
                f"{name:45} {got['file_mb']:>7} MB file  {got['status']:8} "
                f"peak {got['peak_mb']} MB  {got['seconds']} s  {got['reason'][:90]}",
                flush=True,
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    return 0 if all(r["status"] == "refused" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
