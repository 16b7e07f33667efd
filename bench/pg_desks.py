"""Three desks writing at once on one server (``bench_pg.py``'s desk figure).

The same desk as ``tests/test_pg_desks.py`` (a process of its own, intakes each followed by a
step on one of its dossiers, as fast as it can), with each intake timed inside the desk, and
a notice for a save that waits, as the window has (the write lock then taken as the window
takes it).  Three
desks at full speed are a harder load than three clerks typing: each intake waits for the
others' write lock far more often than at a ward's counter.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESKS = 3
DESK = r"""
import json, random, sys, time
from wardapp.common.errors import TransitionError
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.office.store import Ward

url, desk, seconds, pause = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
from wardapp.setup.demo import DEMO_PASSWORD
from wardapp.trust import auth
ward = Ward.open(url)
ward.on_wait = lambda text: None  # as the window's (ui.lock_wait): a save told when it waits
auth.sign_in(ward, ("canbo1", "canbo2", "chutich")[int(desk)], DEMO_PASSWORD)  # the demo's desks
rng = random.Random(desk)
t = time.perf_counter()  # the first intake and steps load the catalogue and calendar: apart
codes, first = [intake(ward, IntakeData("1.001193", f"Bàn {desk}"), actor=f"desk{desk}").code], []
first.append(time.perf_counter() - t)
processing.forward(ward, codes[0], f"desk{desk}", agency="Văn phòng đăng ký đất đai")
processing.resolve(ward, codes[0], f"desk{desk}")
print("ready", flush=True)
sys.stdin.readline()  # all three start together
took, steps, errors = [], 0, []
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        t = time.perf_counter()
        d = intake(ward, IntakeData("1.001193", f"Bàn {desk} {len(codes)}"), actor=f"desk{desk}")
        took.append(time.perf_counter() - t)
        codes.append(d.code)
        code = rng.choice(codes)
        if rng.random() < 0.5:
            processing.forward(ward, code, f"desk{desk}", agency="Văn phòng đăng ký đất đai")
        else:
            processing.resolve(ward, code, f"desk{desk}")
        steps += 1
        time.sleep(rng.uniform(0, 2 * pause))  # 0: flat out
    except TransitionError:  # a step the dossier's status refuses (resolved twice)
        continue
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}"[:300])
ward.close()
print(json.dumps({"codes": codes, "took": took, "first": first, "steps": steps, "errors": errors}))
"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def floor_transaction(raw, n: int = 100) -> float:
    """p95 of one bare write transaction: the office's advisory lock, one row, COMMIT (the
    round trips and the WAL flush every intake pays)."""
    from db.backends.postgresql.connection import WRITE_LOCK_KEY

    raw.execute("CREATE TEMP TABLE floor_desk (id serial, t text)")
    took = []
    for i in range(n):
        t = time.perf_counter()
        with raw.transaction():
            raw.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            raw.execute("INSERT INTO floor_desk (t) VALUES (%s)", (str(i),))
        took.append(time.perf_counter() - t)
    raw.execute("DROP TABLE floor_desk")
    return p95(took)


def bench_desks(url: str, raw, seconds: float) -> dict:
    """Flat out (each desk writes again as soon as its last write is done: the others' lock
    is nearly always held), then paced (a busy counter: an intake and a step about every
    second at each desk)."""
    floor = floor_transaction(raw)
    return {
        "flat_out": _run(url, seconds, 0.0),
        "paced_about_1_s": _run(url, seconds, 0.5),
        "floor_locked_insert_commit_p95_ms": round(floor * 1000, 1),
        "target_p95_ms": 100,
    }


def _run(url: str, seconds: float, pause: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    desks = [
        subprocess.Popen(
            [sys.executable, "-c", DESK, url, str(n), str(seconds), str(pause)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(DESKS)
    ]
    for p in desks:  # every desk warmed up before any is timed
        if p.stdout.readline().strip() != "ready":
            raise RuntimeError(p.communicate()[1][-2000:])
    for p in desks:
        p.stdin.write("go\n")
        p.stdin.flush()
    each, errors, codes, steps = [], [], [], 0
    for p in desks:
        out, err = p.communicate(timeout=seconds * 20 + 60)
        if p.returncode:
            raise RuntimeError(err[-2000:])
        r = json.loads(out.strip().splitlines()[-1])
        took = r["took"] or [0.0]
        each.append(
            {
                "intakes": len(r["took"]),
                "p95_ms": round(p95(took) * 1000, 1),
                "median_ms": round(statistics.median(took) * 1000, 1),
                "first_intake_ms": round(r["first"][0] * 1000, 1),
            }
        )
        errors += r["errors"]
        codes += r["codes"]
        steps += r["steps"]
    return {
        "desks": DESKS,
        "seconds": seconds,
        "pause_s": f"0–{2 * pause:g} after each intake and step",
        "each": each,
        "worst_p95_ms": max(d["p95_ms"] for d in each),
        "steps": steps,
        "errors": errors[:5],
        "duplicate_codes": len(codes) - len(set(codes)),
    }
