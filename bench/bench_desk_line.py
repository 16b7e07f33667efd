"""What the desk's line (``ui/desk_line.py``) costs a clerk: an intake saved straight on the GUI
thread against the same save handed to a worker while the GUI thread waits (issue 20).  Each
figure carries the CPU time of the process and the load average beside the wall clock: on a
shared machine the wall clock alone says more about the neighbours than about the code.

    QT_QPA_PLATFORM=offscreen python bench/bench_desk_line.py [--saves N | --tiny] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(fn, n: int) -> dict:
    wall, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    wall.sort()
    return {
        "p50_ms": round(statistics.median(wall) * 1000, 2),
        "p95_ms": round(wall[int(len(wall) * 0.95) - 1] * 1000, 2),
        "cpu_ms": round(statistics.median(cpu) * 1000, 2),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--db", help="a server's URL (default: a file in a temporary folder)")
    parser.add_argument("--tiny", action="store_true", help="5 saves: bench/smoke.py's run")
    args = parser.parse_args(argv)
    if args.tiny:
        args.saves = 5
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.desk_line import DeskLine
    from ui.qt import QApplication, QMainWindow
    from wardapp.dossiers import IntakeData, intake
    from wardapp.office import Ward
    from wardapp.setup import init_office

    app = QApplication.instance() or QApplication([])
    ward = Ward.open(args.db or Path(tempfile.mkdtemp()) / "bench.sqlite3")
    init_office(ward, name="Phường Đo", agency_code="000.23.31.H26", parent="UBND", chairman="A")
    window = QMainWindow()
    line = DeskLine(window, ward)

    def form() -> IntakeData:
        return IntakeData("HT.02", "Nguyễn Văn Đo", intake_key=str(uuid.uuid4()))

    load_before = os.getloadavg()[0]
    figures = {
        "intake_on_gui_thread": timed(lambda: intake(ward, form(), "canbo"), args.saves),
        "intake_on_the_line": timed(lambda: line.call(intake, ward, form(), "canbo"), args.saves),
        "select_1_on_the_line": timed(lambda: line.call(ward.ping), args.saves),
    }
    line.close()
    ward.close()
    app.processEvents()
    print(
        json.dumps(
            {
                "scale": "tiny" if args.tiny else f"{args.saves} saves",
                "engine": "server" if args.db else "file",
                "saves": args.saves,
                **figures,
                "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "cpus": os.cpu_count(),
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
