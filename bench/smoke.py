"""Run every benchmark at its tiny scale and fail if one broke (``.ci/run`` calls this).

Nothing ran the benchmarks, so a moved module or a new trigger broke them unnoticed until the
next full run.  This checks only what cannot be noise on a shared machine: each script exits 0
and prints its figures as one JSON object with every section present.  It never looks at a time.

    python bench/smoke.py
    pg_virtualenv -t python bench/smoke.py --pg    # the PostgreSQL benchmark, on a throwaway cluster
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each script and the sections its result must hold.
SCRIPTS = {
    "bench.py": ("generation", "due", "report_quarter", "register_import"),
    "bench_documents.py": (
        "apology_letter_ms",
        "apology_letter_render_only_ms",
        "bare_reportlab_page_ms",
        "batch",
    ),
    "bench_exchange.py": ("export_3k", "city_import"),
    "bench_gui.py": ("cold_start", "first_page", "jump", "search", "filter", "memory"),
    "bench_desk_line.py": ("intake_on_gui_thread", "intake_on_the_line", "select_1_on_the_line"),
}
# Needs a server: run apart, under pg_virtualenv, which exports PGHOST, PGPORT, PGUSER …
SERVER_SCRIPTS = {
    "bench_pg.py": (
        "ward_gui",
        "ward_search",
        "desks",
        "bieu06_quarter",
        "ranking_year",
        "ranking_quarter",
        "province_search",
        "floor_raw_copy",
        "city_import_week",
    ),
}


def problems(out: str, sections: tuple[str, ...]) -> list[str]:
    """What is wrong with a script's printed result; empty when it is whole."""
    try:
        figures = json.loads(out)
    except json.JSONDecodeError as e:
        return [f"stdout is not one JSON object ({e})"]
    if not isinstance(figures, dict):
        return ["stdout is not one JSON object"]
    found = [] if str(figures.get("scale", "")).startswith("tiny") else ["scale is not tiny"]
    for name in sections:
        if not isinstance(figures.get(name), dict) or not figures[name]:
            found.append(f"section {name!r} missing or empty")
    return found


def main() -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    scripts = SERVER_SCRIPTS if "--pg" in sys.argv[1:] else SCRIPTS
    failed = []
    for script, sections in scripts.items():
        t = time.perf_counter()
        run = subprocess.run(
            [sys.executable, str(ROOT / "bench" / script), "--tiny"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        took = time.perf_counter() - t
        found = [f"exit code {run.returncode}"] if run.returncode else []
        found += problems(run.stdout, sections)
        print(f"{script}: {'FAILED' if found else 'ok'} ({took:.1f} s)", flush=True)
        if found:
            failed.append(script)
            print("  " + "; ".join(found))
            print("  stderr (last lines):")
            for line in run.stderr.strip().splitlines()[-15:]:
                print("    " + line)
    if failed:
        print(f"benchmarks broken: {', '.join(failed)}")
        return 1
    print(f"all {len(scripts)} benchmarks ran at tiny scale")
    return 0


if __name__ == "__main__":
    sys.exit(main())
