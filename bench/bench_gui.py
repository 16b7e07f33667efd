"""GUI benchmarks on the large database (not tests: nothing here asserts a time).

Each figure is printed next to its floor, measured in the same run on the same file:

* cold start to a usable main window (new process: imports, migrations check, every page built,
  register's first page on screen)       vs a new process showing a bare ``QTableView`` over the
                                           same first-page query;
* register first page                     vs the raw sqlite3 query of that page;
* jump to any row (scrollbar), p95        vs raw ``LIMIT 200 OFFSET n`` at the same rows: until
  the rows are painted (their page is read off the GUI thread), and how long the GUI thread
  itself was held by the jump (wall and its CPU);
* first scroll past the first page, right after a (re)load: how long the GUI thread is blocked
  (wall and that thread's CPU), then how long until the rows are filled (the id list is read
  off the GUI thread), with the load average;
* search, p95                             vs the raw FTS query for the same words;
* filter change (each quick filter)       vs the raw ``count(*)`` of that filter;
* resident memory after all of the above (peak), vs the bare-table process;
* each page's first paint, switch user, right click and reprint a receipt (``gui_actions.py``).

    python bench/bench_gui.py [--db bench/out/bench.sqlite3] [--jumps 200]
    python bench/bench_gui.py --db postgresql+psycopg://user@host/dbname
    python bench/bench_gui.py --tiny
    python bench/bench_gui.py --db copy.sqlite3 --only first_scroll   # that figure alone

On a server (issue 20) the floors are the same queries through a bare psycopg connection, the
search floor the bare trigram query (``bench/bench_pg.py`` builds the server's million).

The database is the one ``bench/bench.py`` builds (1,000,000 dossiers).  The cold-start children
run under Qt's offscreen platform so the figure does not depend on an X server.  ``--tiny`` (what
CI runs, so the script cannot rot unnoticed) generates 3,000 dossiers in a temporary folder,
starts each child once and jumps 20 times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench import END, TINY, machine  # noqa: E402

SEARCHES = ["nguyen van", "tran thi", "Lê Minh", "đức", "hoang anh", "079", "0912", "pham"]

WINDOW_CHILD = r"""
import sys, time, resource
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from ui.qt import QApplication
app = QApplication([])
from wardapp.office.store import Ward
from ui.main_window import MainWindow
ward = Ward.open({db!r})
w = MainWindow(ward, "bench", background=False)
w.nav.setCurrentRow(2)
w.show()
app.processEvents()
w.register.table.viewport().grab()  # the first page has been painted
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
sys.stdout.flush(); import os; os._exit(0)  # skip Qt's teardown: not part of the figure
"""

BARE_CHILD = r"""
import sys, time, sqlite3, resource
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QTableView
from PySide6.QtGui import QStandardItemModel, QStandardItem
app = QApplication([])
{connect}
total = con.execute("select count(*) from dossier").fetchone()[0]
rows = con.execute({sql!r}).fetchall()
m = QStandardItemModel(len(rows), len(rows[0]))
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        m.setItem(i, j, QStandardItem(str(v)))
v = QTableView(); v.setModel(m); v.resize(1200, 700); v.show()
app.processEvents(); v.viewport().grab()
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
sys.stdout.flush(); import os; os._exit(0)  # skip Qt's teardown: not part of the figure
"""

FIRST_PAGE_SQL = (
    "select d.id, d.code, d.applicant_name, p.name, p.field, d.channel, d.received_at, d.due_at,"
    " d.status, d.resolved_at, d.returned_at, d.apology_count, d.finished_at, d.phone,"
    " d.applicant_id from dossier d join procedure p on p.id = d.procedure_id"
    " order by d.received_at desc, d.id desc limit 200"
)


def raw_connect(db: str):
    """A bare connection for the floors: sqlite3 on a file, psycopg on a server; both answer
    ``con.execute(sql).fetchall()``."""
    if "://" not in db:
        return sqlite3.connect(db)
    import psycopg

    from bench.pg_build import dsn

    return psycopg.connect(dsn(db), autocommit=True)


def bare_connect(db: str) -> str:
    """The bare child's connecting line (it imports nothing of wardapp)."""
    if "://" not in db:
        return f"con = sqlite3.connect({db!r})"
    from bench.pg_build import dsn

    return f"import psycopg; con = psycopg.connect({dsn(db)!r})"


def child(code: str, repeat: int = 3) -> tuple[float, int]:
    """Best of ``repeat`` fresh processes, wall time measured outside the child too."""
    best = (1e9, 0)
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as config:
            t = time.perf_counter()
            env = {**os.environ, "XDG_CONFIG_HOME": config}  # no remembered page
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            ).stdout.split()
            wall = time.perf_counter() - t
        best = min(best, (wall, int(out[1])))
    return best


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def ms(v: float) -> float:
    return round(v * 1000, 2)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "bench/out/bench.sqlite3"))
    ap.add_argument("--jumps", type=int, default=200)
    ap.add_argument("--tiny", action="store_true", help="CI scale, in a temporary folder")
    ap.add_argument("--only", choices=["first_scroll"], help="one figure, for a before/after")
    args = ap.parse_args()
    if args.only:
        fig = {"machine": machine(), "database": args.db.split("@")[-1]}
        fig["first_scroll"] = first_scroll_alone(args.db)
        print(json.dumps(fig, ensure_ascii=False, indent=2))
        return 0
    if not args.tiny:
        print(json.dumps(run(args.db, args.jumps, starts=3), ensure_ascii=False, indent=2))
        return 0
    from wardapp.office.store import Ward
    from wardapp.setup import demo

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.sqlite3")
        ward = Ward.open(db)
        demo.generate(ward, dossiers=3_000, seed=42, end=END, span_days=3 * 365)
        ward.close()
        fig = run(db, 20, starts=1, scale=TINY)
    print(json.dumps(fig, ensure_ascii=False, indent=2))
    return 0


def run(db: str, jumps: int, starts: int, scale: str = "full") -> dict:
    from wardapp.office.store import Ward

    Ward.open(db)  # migrate once, outside every timing
    fig: dict = {"machine": machine(), "scale": scale, "database": db.split("@")[-1]}

    start, start_rss = child(WINDOW_CHILD.format(root=str(ROOT), db=db), starts)
    bare, bare_rss = child(BARE_CHILD.format(connect=bare_connect(db), sql=FIRST_PAGE_SQL), starts)
    fig["cold_start"] = {
        "s": round(start, 3),
        "floor_bare_table_s": round(bare, 3),
        "target_s": 1.5,
    }

    from ui.pages.register import RegisterPage
    from ui.pages.register_filters import FILTERS
    from ui.qt import QApplication
    from wardapp.common.clock import now_local
    from wardapp.dossiers import register as reg

    app = QApplication.instance() or QApplication([])
    ward = Ward.open(db)
    raw = raw_connect(db)
    with ward.read() as s:
        total = reg.count(s, reg.Filters(), ward.rules(), now_local())
    fig["dossiers"] = total

    from wardapp.office.store import prepare_calendar

    prepare_calendar(ward)  # as the window does at start, off the GUI thread
    page = RegisterPage(ward, "bench")
    page.resize(1200, 700)
    page.show()
    app.processEvents()
    from ui.heap import settle_heap

    settle_heap()  # as run_gui does once the window is up
    model, view = page.model, page.table

    def first_page():
        model.reload()
        view.viewport().grab()

    first = min(timed(first_page) for _ in range(5))
    raw_first = min(timed(lambda: raw.execute(FIRST_PAGE_SQL).fetchall()) for _ in range(5))
    fig["first_page"] = {"ms": ms(first), "floor_raw_query_ms": ms(raw_first), "target_ms": 100}
    fig["first_scroll"] = first_scroll(app, model, view, repeat=3 if scale == "full" else 1)

    rng = random.Random(7)
    rows = [rng.randrange(total) for _ in range(jumps)]
    jumps, raw_jumps, held, held_cpu = [], [], [], []
    bar = view.verticalScrollBar()
    load = [round(os.getloadavg()[0], 2)]
    for i in rows:
        t0, c0 = time.perf_counter(), time.thread_time()
        bar.setValue(i)
        view.viewport().grab()  # painted at once: the loaded rows, "Đang tải…" for the others
        held.append(time.perf_counter() - t0)
        held_cpu.append(time.thread_time() - c0)
        rows_painted(app, model, view)
        jumps.append(time.perf_counter() - t0)
    load.append(round(os.getloadavg()[0], 2))
    for i in rows[:50]:
        sql = FIRST_PAGE_SQL.replace("limit 200", f"limit 200 offset {i // 200 * 200}")
        raw_jumps.append(timed(lambda sql=sql: raw.execute(sql).fetchall()))
    fig["jump"] = {
        "p95_ms": ms(p95(jumps)),
        "median_ms": ms(statistics.median(jumps)),
        "floor_raw_offset_p95_ms": ms(p95(raw_jumps)),
        "gui_held_p95_ms": ms(p95(held)),
        "gui_held_cpu_p95_ms": ms(p95(held_cpu)),
        "load_average": load,
        "target_p95_ms": 16,
    }

    searches, raw_searches, by_term = [], [], {text: [] for text in SEARCHES}
    search_cpu, search_load = [], [round(os.getloadavg()[0], 2)]
    for _ in range(3):
        for text in SEARCHES:
            page.search.setText(text)
            c0 = time.process_time()
            took = timed(lambda: (page.apply_filters(), view.viewport().grab()))  # noqa: B023
            search_cpu.append(time.process_time() - c0)
            searches.append(took)
            by_term[text].append(ms(took))
            raw_searches.append(timed(lambda text=text: raw_search(raw, text)))
    page.search.setText("")
    fig["search"] = {
        "p95_ms": ms(p95(searches)),
        "median_ms": ms(statistics.median(searches)),
        "floor_raw_p95_ms": ms(p95(raw_searches)),
        "process_cpu_p95_ms": ms(p95(search_cpu)),
        "load_average": [*search_load, round(os.getloadavg()[0], 2)],
        "each_ms": by_term,
        "target_p95_ms": 50,
    }

    filters = {}
    for i, (label, f) in enumerate(FILTERS):
        took = timed(lambda i=i: (page.filter_box.setCurrentIndex(i), view.viewport().grab()))
        page.filter_box.setCurrentIndex(0)
        with ward.read() as s:
            sql_count = timed(lambda f=f: reg.count(s, f, ward.rules(), model.now))  # noqa: B023
        filters[label] = {"ms": ms(took), "floor_count_ms": ms(sql_count)}
    fig["filter"] = {
        "max_ms": max(v["ms"] for v in filters.values()),
        "each": filters,
        "target_ms": 100,
    }
    import resource

    fig["memory"] = {
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "cold_start_window_peak_rss_mb": start_rss,
        "floor_bare_table_peak_rss_mb": bare_rss,
        "target_mb": 400,
    }
    from bench.gui_actions import measure

    page.close()
    fig.update(measure(ward, app, repeat=10 if scale == "full" else 3))
    raw.close()
    ward.close()
    return fig


def first_scroll(app, model, view, repeat: int = 3) -> dict:
    """Reload, paint, then scroll just past the first page at once, as a clerk does: the time
    the GUI thread is blocked by that scroll, and when the real rows replace "Đang tải…".
    The jumps measured after this one find the id list loaded, as before."""
    from ui.pages.register_model import PAGE

    bar = view.verticalScrollBar()
    blocked, blocked_cpu, filled, stall = [], [], [], []
    load = [round(os.getloadavg()[0], 2)]
    for _ in range(repeat):
        bar.setValue(0)
        model.reload()
        view.viewport().grab()
        target = min(model.rowCount() - 1, 3 * PAGE)
        t0, c0 = time.perf_counter(), time.thread_time()
        bar.setValue(target)
        view.viewport().grab()
        blocked.append(time.perf_counter() - t0)
        blocked_cpu.append(time.thread_time() - c0)
        longest = rows_painted(app, model, view)  # the id list, then the page of real rows
        filled.append(time.perf_counter() - t0)
        stall.append(longest)
        shown = model.data(model.index(target, 0))
        assert shown == model.row(target).code, shown  # the real row, not the placeholder
    load.append(round(os.getloadavg()[0], 2))
    return {
        "gui_blocked_ms": [ms(v) for v in blocked],
        "gui_blocked_cpu_ms": [ms(v) for v in blocked_cpu],
        "rows_filled_after_ms": [ms(v) for v in filled],
        "longest_gui_stall_while_waiting_ms": [ms(v) for v in stall],
        "load_average": load,
        "target_ms": 16,
    }


def rows_painted(app, model, view) -> float:
    """Let the rows on screen arrive (the id list and their pages are read off the GUI thread)
    and paint them; the longest the GUI thread was held meanwhile.  The GUI thread waits in
    Qt's event loop as the window's does (a polling loop would fight the reading thread for
    Python's lock and time that fight); a 2 ms timer checks and measures the gaps."""
    from ui.pages.register_model import PAGE
    from ui.qt import QEventLoop, QTimer

    loop, tick = QEventLoop(), QTimer(interval=2)
    longest, last, give_up = 0.0, [time.perf_counter()], time.perf_counter() + 60

    def check(*_args) -> None:
        now = time.perf_counter()
        nonlocal longest
        longest = max(longest, now - last[0])
        last[0] = now
        top = max(0, view.rowAt(0))
        bottom = view.rowAt(view.viewport().height() - 1)
        bottom = model.rowCount() - 1 if bottom < 0 else bottom
        pages = range(top // PAGE, bottom // PAGE + 1)
        if all(p in model._pages for p in pages) or now > give_up:
            loop.quit()

    tick.timeout.connect(check)
    model.filled.connect(check)
    tick.start()
    QTimer.singleShot(0, check)
    loop.exec()
    tick.stop()
    model.filled.disconnect(check)
    return max(longest, timed(view.viewport().grab))


def first_scroll_alone(db: str) -> dict:
    from ui.pages.register import RegisterPage
    from ui.qt import QApplication
    from wardapp.office.store import Ward, prepare_calendar

    app = QApplication.instance() or QApplication([])
    ward = Ward.open(db)
    prepare_calendar(ward)
    page = RegisterPage(ward, "bench")
    page.resize(1200, 700)
    page.show()
    app.processEvents()
    fig = first_scroll(app, page.model, page.table, repeat=5)
    page.close()
    ward.close()
    return fig


def raw_search(con, text: str) -> None:
    from wardapp.common.text import fold

    folded = fold(text)
    if not isinstance(con, sqlite3.Connection):  # the server's trigram index, bare
        from db.backends.postgresql.search import EXPRESSION, pattern

        sql = f"select id from dossier where {EXPRESSION} ilike %s limit 200"
        con.execute(sql, (pattern(folded),)).fetchall()
        return
    try:
        con.execute(
            "select rowid from dossier_search where dossier_search match ? limit 200",
            (f'"{folded}"',),
        ).fetchall()
    except sqlite3.OperationalError:  # no FTS table yet: the LIKE scan is the floor
        con.execute(
            "select id from dossier where applicant_name_folded like ? limit 200",
            (f"%{folded}%",),
        ).fetchall()


if __name__ == "__main__":
    sys.exit(main())
