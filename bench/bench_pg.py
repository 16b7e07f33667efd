"""PostgreSQL benchmarks (issue 20; not tests: nothing here asserts a time).

Each figure is printed next to its floor, measured in the same run on the same server:

* a ward's million: the window's six figures of ``bench_gui.py`` on the server (cold start,
  first page, jump, search, filter change, memory), and the register search through the app
  with the count exact and capped               vs the bare trigram query;
* a province's ten million (200 communes): Biểu 06 for a quarter  vs one raw GROUP BY over it;
  the 200 communes ranked for a year  vs one raw GROUP BY office; a register search  vs the bare
  trigram query; the city import of one week of 200 communes through the verified path
                                                vs raw COPY of rows of the same kind;
* three desk processes writing intakes at once on the million, each intake timed
                                                vs one raw insert transaction with the lock.

The machine is shared (2 cores, other engineers' suites): every section records the load
average before and after, its wall time, this process's CPU time and the server's (the
postmaster's children, read from /proc when the server is on this machine).

    python bench/bench_pg.py --ward URL --province URL [--build SOURCE.sqlite3] [-o FILE]
    pg_virtualenv -t python bench/bench_pg.py --tiny

The databases are built by ``bench/pg_build.py`` (COPY; ``--build`` does it first, from the
SQLite file ``bench/bench.py`` makes).  ``--tiny`` (what CI runs under ``pg_virtualenv``, so the
script cannot rot unnoticed) builds 3,000 dossiers as a ward and 2 × 3,000 as a province of 5
communes in the throwaway cluster; its figures say nothing about the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench import END, TINY, machine  # noqa: E402
from bench.pg_build import dsn  # noqa: E402
from bench.pg_desks import bench_desks  # noqa: E402

SEARCHES = ["nguyen van", "tran thi", "Lê Minh", "đức", "hoang anh", "079", "0912", "pham"]
CAP = 10_000  # the register shows "hơn 10.000" above this
PAGE = 64  # the rows the window's register asks at once (ui/pages/register_model.PAGE)


def ms(v: float) -> float:
    return round(v * 1000, 1)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def best(fn, repeat: int) -> tuple[float, float]:
    times = [timed(fn) for _ in range(repeat)]
    return min(times), statistics.median(times)


def server_cpu(con) -> float | None:
    """CPU seconds of the whole cluster so far: the postmaster's own and reaped children's,
    plus its live children's (backends, workers, checkpointer); None if not on this machine."""
    try:
        pid = con.execute("SELECT pg_backend_pid()").fetchone()[0]
        master = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                f = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if entry.name == str(master):
                total += sum(int(x) for x in f[11:15])  # utime stime cutime cstime
            elif int(f[1]) == master:
                total += int(f[11]) + int(f[12])
        return total / tick
    except (OSError, ValueError, IndexError):
        return None


class Section:
    """Wall, CPU (this process and the server) and load around one section's measurements."""

    def __init__(self, con):
        self.con = con

    def __enter__(self):
        self.load = os.getloadavg()
        self.cpu = time.process_time()
        self.server = server_cpu(self.con)
        self.t = time.perf_counter()
        return self

    def __exit__(self, kind, exc, tb):
        if exc is not None:
            return False
        self.figures = {
            "wall_s": round(time.perf_counter() - self.t, 1),
            "client_cpu_s": round(time.process_time() - self.cpu, 1),
            "load_avg_before": [round(x, 2) for x in self.load],
            "load_avg_after": [round(x, 2) for x in os.getloadavg()],
        }
        after = server_cpu(self.con)
        if after is not None and self.server is not None:
            self.figures["server_cpu_s"] = round(after - self.server, 1)
        return False


def register_search(ward, raw, repeat: int) -> dict:
    """The register's search through the app as the window asks it: the first page (whose
    count may come after it, for a common word on the server), then that count; beside them
    the count alone exact and capped, and the bare trigram query."""
    from db.backends.postgresql.search import EXPRESSION, pattern
    from wardapp.common.clock import now_local
    from wardapp.common.text import fold
    from wardapp.dossiers import register as reg

    rules, now = ward.rules(), now_local()
    app, counted, exact, capped, floor, each, counts = [], [], [], [], [], {}, {}
    capped_sql = f"SELECT count(*) FROM (SELECT 1 FROM dossier WHERE {EXPRESSION} ILIKE %s LIMIT {CAP + 1}) AS m"
    floor_sql = f"SELECT id FROM dossier WHERE {EXPRESSION} ILIKE %s LIMIT 200"

    def window_asks(f):
        t0 = time.perf_counter()
        n, _ = reg.first_page(s, f, rules, now, limit=PAGE, counted=False)
        t1 = time.perf_counter()
        if n is None:  # the window shows "Đang đếm…" and asks the count after the page
            reg.count(s, f, rules, now)
        return t1 - t0, time.perf_counter() - t0

    with ward.read() as s:
        for _ in range(repeat):
            for term in SEARCHES:
                f = reg.Filters(search=term)
                page, with_count = window_asks(f)
                app.append(page)
                counted.append(with_count)
                each.setdefault(term, []).append([ms(page), ms(with_count)])
                exact.append(
                    timed(lambda f=f: counts.update({f.search: reg.count(s, f, rules, now)}))
                )
                p = pattern(fold(term))
                capped.append(timed(lambda p=p: raw.execute(capped_sql, (p,)).fetchall()))
                floor.append(timed(lambda p=p: raw.execute(floor_sql, (p,)).fetchall()))
    return {
        "how": f"the window's first page ({PAGE} rows) and, when it came without it, its count",
        "p95_ms": ms(p95(app)),
        "median_ms": ms(statistics.median(app)),
        "with_count_p95_ms": ms(p95(counted)),
        "with_count_median_ms": ms(statistics.median(counted)),
        "floor_raw_trigram_limit_200_p95_ms": ms(p95(floor)),
        "exact_count_p95_ms": ms(p95(exact)),
        "capped_count_p95_ms": ms(p95(capped)),
        "cap": CAP,
        "matches": counts,
        "each_ms [page, page then count]": each,
    }


def _beside_floor(ward, raw, figure, p, floor_sql: str, repeat: int):
    """``figure(session, period)`` timed warm (its answer, best, median) and the raw
    ``floor_sql`` over the same days, warm too (best): the pair every period figure reports."""
    from datetime import timedelta

    with ward.read() as s:
        answer = figure(s, p)  # warm
        tmin, tmed = best(lambda: figure(s, p), repeat)
    args = (p.start, p.end + timedelta(days=1))
    raw.execute(floor_sql, args).fetchall()
    fmin, _ = best(lambda: raw.execute(floor_sql, args).fetchall(), repeat)
    return answer, tmin, tmed, fmin


def bieu06(ward, raw, repeat: int) -> dict:
    from datetime import timedelta

    from wardapp.calendar import periods
    from wardapp.indicators.report import build_report

    p = periods.quarter(2026, 3)
    floor = (
        "SELECT procedure_id, channel, count(*) FROM dossier WHERE received_at >= %s"
        " AND received_at < %s GROUP BY 1, 2"
    )
    _, tmin, tmed, fmin = _beside_floor(ward, raw, build_report, p, floor, repeat)
    args = (p.start, p.end + timedelta(days=1))
    n = raw.execute(
        "SELECT count(*) FROM dossier WHERE received_at >= %s AND received_at < %s", args
    ).fetchone()[0]
    return {
        "period": p.label,
        "received_in_period": n,
        "ms_min": ms(tmin),
        "ms_median": ms(tmed),
        "floor_one_group_by_ms": ms(fmin),
        "target_ms": 500,
    }


def ranking(ward, raw, repeat: int, period=None) -> dict:
    """The app's ranking (``ranked_offices``): Biểu 06's own queries grouped by office in one
    pass over the period, plus one grouped count of initiatives, beside one raw GROUP BY office
    over the rows resolved in the period (the least any ranking by on-time rate reads)."""
    from wardapp.calendar import periods
    from wardapp.indicators.ranking import ranked_offices

    p = period or periods.year(2026)
    floor = (
        "SELECT office_id, count(*), count(*) FILTER (WHERE outcome IN ('early', 'on_time'))"
        " FROM dossier WHERE resolved_at >= %s AND resolved_at < %s GROUP BY 1"
    )
    ranks, tmin, tmed, fmin = _beside_floor(ward, raw, ranked_offices, p, floor, repeat)
    return {
        "period": p.label,
        "communes": len(ranks),
        "resolved_in_period": sum(r.counts.values["resolved_total"] for r in ranks),
        "how": "ranked_offices = report.tally grouped by office (its whole half months from"
        " dossier_rollup) + one grouped initiatives count",
        "ms_min": ms(tmin),
        "ms_median": ms(tmed),
        "floor_one_group_by_office_ms": ms(fmin),
        "target_ms": 2000,
    }


def ranking_quarter(ward, raw, repeat: int) -> dict:
    from wardapp.calendar import periods

    return ranking(ward, raw, repeat, periods.quarter(2026, 3))


RANKING = (("ranking_year", ranking), ("ranking_quarter", ranking_quarter))


def rollup_facts(raw) -> dict:
    """What the reports read their whole half months from (``db.rollup``): its size beside the
    dossiers', so a figure can be told from the rows' floor."""
    rows, offices = raw.execute(
        "SELECT count(*), count(DISTINCT office_id) FROM dossier_rollup"
    ).fetchone()
    size = raw.execute("SELECT pg_total_relation_size('dossier_rollup')").fetchone()[0]
    return {"rows": rows, "offices": offices, "mb": round(size / 2**20, 1)}


def floor_copy(raw, n: int) -> dict:
    """Raw COPY of ``n`` dossier rows already in memory into a bare table of the same shape:
    what the server takes, with no generation, index, trigger or check."""
    rows = raw.execute(f"SELECT * FROM dossier ORDER BY id LIMIT {n}").fetchall()
    raw.execute("CREATE TEMP TABLE floor_copy (LIKE dossier)")
    cur = raw.cursor()
    t = time.perf_counter()
    with cur.copy("COPY floor_copy FROM STDIN") as copy:
        for r in rows:
            copy.write_row(r)
    dt = time.perf_counter() - t
    raw.execute("DROP TABLE floor_copy")
    raw.commit()
    return {"rows": len(rows), "s": round(dt, 2), "rows_per_s": round(len(rows) / dt)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ward", help="URL of the ward's million (built by pg_build)")
    ap.add_argument("--province", help="URL of the province's ten million")
    ap.add_argument("--build", help="build both first, from this SQLite file (bench.py's)")
    ap.add_argument("--keys", help="the communes' private keys (JSON) if built earlier")
    ap.add_argument(
        "--parts",
        default="ward,desks,province",
        help="which parts to run (rank: Biểu 06 and the ranking alone; import: the week alone)",
    )
    ap.add_argument("--per-week", type=int, default=320, help="dossiers a commune sends a week")
    ap.add_argument("--desk-seconds", type=float, default=30)
    ap.add_argument("-o", "--out", help="also write the figures here")
    ap.add_argument("--tiny", action="store_true", help="CI scale, under pg_virtualenv")
    args = ap.parse_args()
    fig = tiny() if args.tiny else full(args)
    text = json.dumps(fig, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


def full(args) -> dict:
    from bench import pg_build

    fig: dict = {"machine": machine(), "scale": "full"}
    keys = json.loads(Path(args.keys).read_text()) if args.keys else {}
    if args.build:
        fig["build_ward"] = pg_build.build(args.ward, Path(args.build))["figures"]
        built = pg_build.build(args.province, Path(args.build), passes=10, wards=200)
        fig["build_province"], keys = built["figures"], built["keys"]
    parts = args.parts.split(",")
    return measure(fig, args.ward, args.province, keys, parts, args, jumps=200, starts=3)


def done(fig: dict, name: str) -> None:
    """Each section's figures as soon as it ends (stderr): a run cut short keeps them."""
    print(json.dumps({name: fig[name]}, ensure_ascii=False), file=sys.stderr, flush=True)


def measure(fig, ward_url, province_url, keys, parts, args, *, jumps, starts) -> dict:
    import psycopg

    from bench import bench_gui
    from bench.pg_import import city_week
    from wardapp.office.store import Ward

    repeat = 3 if fig["scale"] == "full" else 1
    if "ward" in parts:
        raw = psycopg.connect(dsn(ward_url), autocommit=True)
        fig["machine"] |= server_facts(raw)
        with Section(raw) as sec:
            fig["ward_gui"] = bench_gui.run(ward_url, jumps, starts, fig["scale"])
            fig["ward_gui"].pop("machine", None)
        fig["ward_gui"]["measured"] = sec.figures
        ward = Ward.open(ward_url)
        with Section(raw) as sec:
            fig["ward_search"] = register_search(ward, raw, repeat)
        fig["ward_search"] |= {"target_p95_ms": 50, "measured": sec.figures}
        fig["ward_search"]["dossiers"] = raw.execute("SELECT count(*) FROM dossier").fetchone()[0]
        ward.close()
        raw.close()
    if "desks" in parts:
        raw = psycopg.connect(dsn(ward_url), autocommit=True)
        with Section(raw) as sec:
            fig["desks"] = bench_desks(ward_url, raw, args.desk_seconds)
        fig["desks"]["measured"] = sec.figures
        raw.close()
    if "search" in parts:  # the register search alone, on both databases: reads only
        for name, url, target in (
            ("ward_search", ward_url, 50),
            ("province_search", province_url, 100),
        ):
            if not url:
                continue
            raw = psycopg.connect(dsn(url), autocommit=True)
            fig["machine"] |= server_facts(raw)
            ward = Ward.open(url)
            with Section(raw) as sec:
                fig[name] = register_search(ward, raw, repeat)
            fig[name] |= {"target_p95_ms": target, "measured": sec.figures}
            fig[name]["dossiers"] = raw.execute("SELECT count(*) FROM dossier").fetchone()[0]
            done(fig, name)
            ward.close()
            raw.close()
    if "rank" in parts:  # Biểu 06 and the ranking alone: reads only, leaves the province as it was
        raw = psycopg.connect(dsn(province_url), autocommit=True)
        fig["machine"] |= server_facts(raw)
        ward = Ward.open(province_url)
        fig["province_dossiers"] = raw.execute("SELECT count(*) FROM dossier").fetchone()[0]
        fig["rollup"] = rollup_facts(raw)
        for name, fn in (("bieu06_quarter", bieu06), *RANKING):
            with Section(raw) as sec:
                fig[name] = fn(ward, raw, 3 if fig["scale"] == "full" else 1)
            fig[name]["measured"] = sec.figures
            done(fig, name)
        ward.close()
        raw.close()
    if "province" in parts:
        raw = psycopg.connect(dsn(province_url), autocommit=True)
        fig["machine"] |= server_facts(raw)
        ward = Ward.open(province_url)
        fig["province_dossiers"] = raw.execute("SELECT count(*) FROM dossier").fetchone()[0]
        for name, fn in (("bieu06_quarter", bieu06), *RANKING):
            with Section(raw) as sec:
                fig[name] = fn(ward, raw, 2 if fig["scale"] == "full" else 1)
            fig[name]["measured"] = sec.figures
            done(fig, name)
        with Section(raw) as sec:
            fig["province_search"] = register_search(ward, raw, 2 if repeat > 1 else 1)
        fig["province_search"] |= {"target_p95_ms": 100, "measured": sec.figures}
        done(fig, "province_search")
        with Section(raw) as sec:
            fig["floor_raw_copy"] = floor_copy(raw, 200_000 if fig["scale"] == "full" else 2_000)
        fig["floor_raw_copy"]["measured"] = sec.figures
        done(fig, "floor_raw_copy")
        ward.close()
        raw.close()
    if "province" in parts or "import" in parts:
        raw = psycopg.connect(dsn(province_url), autocommit=True)
        with Section(raw) as sec:
            fig["city_import_week"] = city_week(province_url, keys, args.per_week, raw)
        fig["city_import_week"]["measured"] = sec.figures
        raw.close()
    return fig


def server_facts(raw) -> dict:
    names = ("server_version", "shared_buffers", "work_mem", "max_parallel_workers_per_gather")
    return {"postgresql_" + n: raw.execute(f"SHOW {n}").fetchone()[0] for n in names}


def tiny() -> dict:
    """Two throwaway databases on the cluster ``pg_virtualenv`` exported (PGHOST, PGPORT …)."""
    import psycopg

    from bench import pg_build
    from wardapp.office.store import Ward
    from wardapp.setup import demo

    admin = psycopg.connect("dbname=postgres", autocommit=True)
    names = ("bench_pg_tiny_ward", "bench_pg_tiny_province")
    for name in names:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "source.sqlite3"
            w = Ward.open(source)
            demo.generate(w, dossiers=3_000, seed=42, end=END, span_days=3 * 365)
            w.close()
            ward_url, province_url = (f"postgresql+psycopg:///{n}" for n in names)
            fig: dict = {"machine": machine(), "scale": TINY}
            fig["build_ward"] = pg_build.build(ward_url, source, log=lambda m: None)["figures"]
            built = pg_build.build(province_url, source, passes=2, wards=5, log=lambda m: None)
            fig["build_province"] = built["figures"]
            args = argparse.Namespace(per_week=50, desk_seconds=2)
            parts = ["ward", "desks", "province"]
            return measure(
                fig, ward_url, province_url, built["keys"], parts, args, jumps=20, starts=1
            )
    finally:
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
