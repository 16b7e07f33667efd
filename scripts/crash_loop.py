"""Kill a writing wardapp process at random moments, hundreds of times, and check nothing
confirmed was lost.

A child process opens the database and records dossiers and their steps as fast as it can,
printing ``OK <code> <step>`` only after each transaction has committed (what the clerk would see
as "saved").  The parent kills it with SIGKILL at a random moment, then checks:

* ``PRAGMA integrity_check`` is ``ok``;
* the hash chain verifies from the first event (``wardapp.trust.chain.verify``);
* every step confirmed before the kill is in the database.

Usage: ``python scripts/crash_loop.py --kills 300 [--json docs/bench/crash_loop.json]``
(``.ci/run`` runs a bounded count).  POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AGENCY = "000.23.31.H26"


def child(db: str, seed: int) -> None:
    from wardapp.dossiers.lifecycle import closing, processing
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake
    from wardapp.office.store import Ward

    rng = random.Random(seed)
    ward = Ward.open(db)
    print("READY", flush=True)
    while True:
        d = intake(ward, IntakeData("HT.02", f"Người nộp {rng.randint(1, 10**6)}"), "loop")
        print(f"OK {d.code} received", flush=True)
        if rng.random() < 0.6:
            processing.resolve(ward, d.code, "loop")
            print(f"OK {d.code} resolved", flush=True)
            if rng.random() < 0.7:
                closing.return_result(ward, d.code, "loop")
                print(f"OK {d.code} returned", flush=True)


def check(db: Path, confirmed: list[tuple[str, str]]) -> list[str]:
    from sqlalchemy import select

    from db.models import Dossier, DossierEvent
    from wardapp.office.store import Ward
    from wardapp.trust import backup, chain

    problems = []
    ic = backup.integrity(db)
    if ic != "ok":
        problems.append(f"integrity_check: {ic}")
    ward = Ward.open(db)
    try:
        with ward.read() as s:
            for rep in chain.verify(s):
                if not rep.ok:
                    problems.append(rep.message())
            have = set(
                s.execute(
                    select(Dossier.code, DossierEvent.kind).join(
                        DossierEvent, DossierEvent.dossier_id == Dossier.id
                    )
                ).all()
            )
    finally:
        ward.close()
    lost = [c for c in confirmed if c not in have]
    if lost:
        problems.append(f"{len(lost)} confirmed steps missing, e.g. {lost[:3]}")
    return problems


def run(kills: int, seed: int, max_delay: float) -> dict:
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="wardapp-crash-"))
    db = tmp / "ward.sqlite3"
    w = Ward.open(db)
    init_office(w, name="Phường Xuân An", agency_code=AGENCY, year=2026)
    w.close()
    confirmed: list[tuple[str, str]] = []
    failures = []
    started = time.perf_counter()
    for k in range(kills):
        p = subprocess.Popen(
            [sys.executable, __file__, "--child", str(db), "--seed", str(rng.randint(0, 10**9))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
            cwd=ROOT,
        )
        line = p.stdout.readline()
        if line.strip() != "READY":
            p.kill()
            raise SystemExit(f"child did not start: {line!r} {p.stderr.read()}")
        deadline = time.perf_counter() + rng.uniform(0, max_delay)
        while True:  # read confirmations until the chosen moment, then kill mid-stream
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            ready, _, _ = select.select([p.stdout], [], [], left)
            if ready:
                out = p.stdout.readline()
                if out.startswith("OK "):
                    _, code, step = out.split()
                    confirmed.append((code, step))
                elif not out:
                    break
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        err = p.stderr.read()
        if "Traceback" in err:
            failures.append(f"kill {k}: child failed: {err.strip().splitlines()[-1]}")
        problems = check(db, confirmed)
        if problems:
            failures.append(f"kill {k}: " + "; ".join(problems))
            break
    return {
        "kills": kills,
        "confirmed_steps": len(confirmed),
        "failures": failures,
        "seconds": round(time.perf_counter() - started, 1),
        "database": str(db),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-delay", type=float, default=1.5, help="seconds after start-up")
    ap.add_argument("--json", help="write the result here")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.seed)
        return 0
    res = run(a.kills, a.seed, a.max_delay)
    print(
        f"{res['kills']} kills, {res['confirmed_steps']} confirmed steps, "
        f"{len(res['failures'])} failures, {res['seconds']} s"
    )
    for f in res["failures"]:
        print("FAIL", f)
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
    return 1 if res["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
