"""Builds the PostgreSQL benchmark databases with COPY (``bench/bench_pg.py`` measures them).

The rows come from a SQLite database ``bench/bench.py`` made with the demo generator (1,000,000
dossiers, their ~3M history events, procedures, staff, settings): real names, identity numbers
and phones, so the register's searches find what they find on SQLite.  The schema is the app's
own: the office database is migrated to head by ``Ward.open`` before a row is copied.

* A ward (``wards=0``): every table copied as it is, one pass.  The chain is the source's.
* A province (``wards=200``): the office becomes a city with 200 communes added through the
  app's ``add_ward`` (each with a signing key, so the week's packages import through the real
  verified path); the source's dossiers are streamed ``passes`` times, each dossier given to a
  commune, with a new id, uuid and code, and its events re-chained per commune with the app's
  own ``row_hash`` (``wardapp verify`` holds on the result).  Left out of a province: the
  apology letters, issued documents and outbox rows (they belong to the source's one office).

Secondary indexes are dropped before COPY and rebuilt after (as a restore does): an index kept
up row by row costs several times the COPY.  Triggers (change stamp, append-only history, the
foreign keys) are not fired during the load (``session_replication_role = replica``): the rows
already hold their change numbers and the references hold by construction; the register's
tally of dossiers by status is counted again after the load.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import psycopg

from db.chain_hash import GENESIS, row_hash

BIG = ("dossier", "dossier_event")
# SQLite's own search tables, and the rows only a ward's single office can own
NOT_COPIED = {"alembic_version", "dossier_search_state"}
WARD_ONLY = {"apology", "issued_document", "outbox_message", "outbox_attempt"}
CITY_CODE = "000.00.00.H68"


def ward_code(w: int) -> str:
    return f"000.{20 + w // 100}.{w % 100:02d}.H68"


def dsn(url: str) -> str:
    """libpq's form of the app's SQLAlchemy URL (no password: .pgpass or PGPASSWORD)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = {"host": u.host, "port": u.port, "user": u.username, "dbname": u.database}
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


def columns(cur, table: str) -> list[str]:
    cur.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s ORDER BY ordinal_position",
        (table,),
    )
    return [r[0] for r in cur.fetchall()]


def build(url: str, source: Path, *, passes: int = 1, wards: int = 0, log=print) -> dict:
    """Fills the (migrated, then emptied) database at ``url``; returns figures and the
    communes' private keys (hex, by agency code) for signing their packages."""
    from wardapp.office.store import Ward

    Ward.open(url).close()  # the app's migrations, to head
    src = sqlite3.connect(source)
    con = psycopg.connect(dsn(url), autocommit=True)
    cur = con.cursor()
    cur.execute("SET session_replication_role = replica")
    cur.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        " AND tablename <> 'alembic_version'"
    )
    tables = [r[0] for r in cur.fetchall()]
    cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
    mine = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    fig: dict = {"source": str(source), "passes": passes, "communes": wards}
    t0 = time.perf_counter()
    for table in tables:
        skip = NOT_COPIED | (WARD_ONLY if wards else set())
        if table in BIG or table not in mine or table in skip:
            continue
        cols = [c for c in columns(cur, table) if c in _sqlite_columns(src, table)]
        _copy(cur, table, cols, src.execute(f"SELECT {', '.join(cols)} FROM {table}"))
    _set_sequences(cur, tables)
    keys = _make_province(url, cur, wards) if wards else {}
    dropped = _drop_secondary_indexes(cur)
    log(f"small tables and communes: {time.perf_counter() - t0:.1f} s")

    t = time.perf_counter()
    n = _copy_dossiers(src, cur, passes, wards)
    fig["dossiers"] = n
    fig["dossier_copy_s"] = round(time.perf_counter() - t, 1)
    log(f"dossiers: {n} in {fig['dossier_copy_s']} s")
    t = time.perf_counter()
    fig["events"] = _copy_events(src, cur, passes, wards)
    fig["event_copy_s"] = round(time.perf_counter() - t, 1)
    log(f"events: {fig['events']} in {fig['event_copy_s']} s")
    t = time.perf_counter()
    for name, sql in dropped:
        t1 = time.perf_counter()
        cur.execute(sql)
        log(f"  {name}: {time.perf_counter() - t1:.1f} s")
    fig["index_build_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    _set_sequences(cur, tables)
    _recount(url)
    cur.execute("VACUUM (ANALYZE) dossier")
    cur.execute("VACUUM (ANALYZE) dossier_event")
    cur.execute("ANALYZE")
    fig["vacuum_analyze_s"] = round(time.perf_counter() - t, 1)
    fig["total_s"] = round(time.perf_counter() - t0, 1)
    con.close()
    src.close()
    return {"figures": fig, "keys": keys}


def _recount(url: str) -> None:
    """The register's tally by status (migration 0022): its triggers were not fired either."""
    from db.backends.postgresql.tally import recount
    from db.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        recount(conn)
    engine.dispose()


def _sqlite_columns(src: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in src.execute(f"PRAGMA table_info({table})")}


def _copy(cur, table: str, cols: list[str], rows) -> int:
    n = 0
    with cur.copy(f'COPY "{table}" ({", ".join(cols)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _set_sequences(cur, tables: list[str]) -> None:
    for table in tables:
        if "id" not in columns(cur, table):
            continue
        cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table}"',))
        seq = cur.fetchone()[0]
        if seq:
            cur.execute(
                f'SELECT setval(%s, coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)',
                (seq,),
            )


def _drop_secondary_indexes(cur) -> list[tuple[str, str]]:
    """The big tables' indexes that back no constraint: dropped now, their definitions kept
    (as the migrations made them, character for character) to be rebuilt after the load."""
    cur.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
        " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
        " WHERE c.conname = i.indexname) ORDER BY i.indexname",
        (list(BIG),),
    )
    found = cur.fetchall()
    for name, _sql in found:
        cur.execute(f'DROP INDEX "{name}"')
    return found


def _make_province(url: str, cur, wards: int) -> dict[str, str]:
    """The source's office becomes a city; the communes are added the way the city's staff
    adds them (``add_ward``), each with a key pair whose private half signs its packages."""
    from bench.bench_exchange import ward_key
    from wardapp.exchange.city.wards import add_ward
    from wardapp.office.store import Ward
    from wardapp.setup.demo import DEMO_PASSWORD
    from wardapp.trust import auth

    cur.execute(
        "UPDATE office SET kind = 'city', agency_code = %s, name = %s WHERE id = 1",
        (CITY_CODE, "Ủy ban nhân dân tỉnh Lâm Đồng"),
    )
    city = Ward.open(url)
    auth.sign_in(city, "quantri", DEMO_PASSWORD)  # the demo's administrator
    keys = {}
    for w in range(wards):
        public, private = ward_key()
        add_ward(city, name=f"Xã số {w + 1}", agency_code=ward_code(w), public_key=public)
        keys[ward_code(w)] = private
    city.close()
    return keys


def _office_of(src_id: int, p: int, wards: int) -> int:
    """The commune (office id 2…) a source dossier is given to in pass ``p``."""
    return 2 + (src_id * 7 + p * 13) % wards


def _uuid(u: str, p: int) -> str:
    """Pass ``p``'s copy of a source uuid: its version digit (a 7 in every source uuid) made
    another, so no two passes share one."""
    return u if p == 0 else f"{u[:14]}{'89abcdef0'[p - 1]}{u[15:]}"


def _copy_dossiers(src, cur, passes: int, wards: int) -> int:
    cols = [c for c in columns(cur, "dossier") if c in _sqlite_columns(src, "dossier")]
    if not wards:
        return _copy(cur, "dossier", cols, src.execute(f"SELECT {', '.join(cols)} FROM dossier"))
    i_id, i_uuid, i_code, i_office = (cols.index(c) for c in ("id", "uuid", "code", "office_id"))
    base = src.execute("SELECT max(id) FROM dossier").fetchone()[0]
    sql = f"SELECT {', '.join(cols)} FROM dossier ORDER BY id"
    n = 0
    with cur.copy(f"COPY dossier ({', '.join(cols)}) FROM STDIN") as copy:
        for p in range(passes):
            for row in src.execute(sql):
                r = list(row)
                office = _office_of(row[i_id], p, wards)
                r[i_id] = p * base + row[i_id]
                r[i_uuid] = _uuid(row[i_uuid], p)
                r[i_code] = f"{ward_code(office - 2)}{row[i_code][13:]}-{p}"
                r[i_office] = office
                copy.write_row(r)
                n += 1
    return n


def _copy_events(src, cur, passes: int, wards: int) -> int:
    cols = [c for c in columns(cur, "dossier_event") if c in _sqlite_columns(src, "dossier_event")]
    if not wards:
        sql = f"SELECT {', '.join(cols)} FROM dossier_event"
        return _copy(cur, "dossier_event", cols, src.execute(sql))
    ix = {c: i for i, c in enumerate(cols)}
    base = src.execute("SELECT max(id) FROM dossier").fetchone()[0]
    ebase = src.execute("SELECT max(id) FROM dossier_event").fetchone()[0]
    sql = (
        f"SELECT {', '.join('e.' + c for c in cols)}, d.uuid FROM dossier_event e"
        " JOIN dossier d ON d.id = e.dossier_id ORDER BY e.id"
    )
    heads: dict[int, list] = {}  # office id -> [last chain number, its hash]
    n = 0
    with cur.copy(f"COPY dossier_event ({', '.join(cols)}) FROM STDIN") as copy:
        for p in range(passes):
            for row in src.execute(sql):
                r = list(row[:-1])
                src_dossier = row[ix["dossier_id"]]
                office = _office_of(src_dossier, p, wards)
                head = heads.setdefault(office, [0, GENESIS])
                r[ix["id"]] = p * ebase + row[ix["id"]]
                r[ix["uuid"]] = _uuid(row[ix["uuid"]], p)
                r[ix["dossier_id"]] = p * base + src_dossier
                r[ix["office_id"]] = office
                values = {c: r[ix[c]] for c in ("uuid", "seq", "kind", "at", "recorded_at")}
                values |= {c: r[ix[c]] for c in ("actor", "agency", "reason", "data")}
                no = head[0] + 1
                h = row_hash(head[1], no, _uuid(row[-1], p), values)
                r[ix["chain_no"]], r[ix["prev_hash"]], r[ix["hash"]] = no, head[1], h
                head[0], head[1] = no, h
                copy.write_row(r)
                n += 1
    return n


def save_keys(path: Path, keys: dict[str, str]) -> None:
    path.write_text(json.dumps(keys))
