"""What migration 0019 adds on a server: the administration chain is append-only as the dossier
history is, and the partial indexes are the ones the server's planner picks for Biểu 06 and the
dashboard on a filled database (run by the PostgreSQL pass, see .ci/run)."""

from datetime import datetime

import pytest
from conftest import as_demo
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from db.backend import backend_for
from db.models import Dossier
from wardapp.calendar import periods
from wardapp.indicators.dashboard import desk_summary
from wardapp.indicators.report import build_report
from wardapp.setup import demo

pytestmark = pytest.mark.server_only

SHIFTED = ("received_at", "due_at", "resolved_at", "returned_at", "closed_at", "finished_at")
SHIFTED += ("status_at", "paused_at", "updated_at")


def test_the_administration_chain_is_append_only_on_the_server(ward):
    with ward.read() as s:
        held = s.scalar(text("SELECT count(*) FROM admin_event"))
        assert backend_for(s).missing_triggers(s.connection()) == []
    assert held > 0  # the office, its settings and accounts
    for sql in ("UPDATE admin_event SET actor = 'x'", "DELETE FROM admin_event"):
        with pytest.raises(DBAPIError, match="admin_event is append-only"), ward.write() as s:
            s.execute(text(sql))
    with pytest.raises(DBAPIError, match="append-only"), ward.write() as s:
        s.execute(text("TRUNCATE admin_event"))
    with ward.read() as s:
        assert s.scalar(text("SELECT count(*) FROM admin_event")) == held
        s.execute(text("DROP TRIGGER admin_event_no_delete ON admin_event"))
        assert backend_for(s).missing_triggers(s.connection()) == ["admin_event_no_delete"]
        s.rollback()


def _filled(ward, copies: int) -> int:
    """The demo's dossiers copied ``copies`` times, each copy a week further back: a register of
    several years in which one quarter is a small share, as on a real server."""
    demo.generate(as_demo(ward), dossiers=300, seed=5)
    cols = [c.name for c in Dossier.__table__.columns if c.name != "id"]
    values = [
        "gen_random_uuid()::text"
        if c == "uuid"
        else "code || '-' || g"
        if c == "code"
        else f"{c} - g * interval '7 days'"
        if c in SHIFTED
        else c
        for c in cols
    ]
    with ward.write() as s:
        s.execute(
            text(
                f"INSERT INTO dossier ({', '.join(cols)}) SELECT {', '.join(values)} "
                f"FROM dossier, generate_series(1, {copies}) AS g"
            )
        )
    with ward.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE dossier")
        return conn.scalar(text("SELECT count(*) FROM dossier"))


def _plans(ward, work) -> str:
    """The server's plans of every statement ``work`` runs, as one text."""
    seen: list[tuple[str, object]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(ward.engine, "before_cursor_execute", remember)
    try:
        with ward.read() as s:
            work(s)
    finally:
        event.remove(ward.engine, "before_cursor_execute", remember)
    with ward.engine.connect() as conn:
        return "\n".join(
            line
            for statement, parameters in seen
            for (line,) in conn.exec_driver_sql("EXPLAIN " + statement, parameters)
        )


def test_biểu_06_and_the_dashboard_read_the_partial_indexes(ward, rules):
    assert _filled(ward, 150) > 40_000
    quarter = periods.quarter(2026, 4)
    report = _plans(ward, lambda s: build_report(s, quarter))
    assert "ix_dossier_resolved_pg" in report
    now = datetime(2026, 12, 15, 12, 0)
    dashboard = _plans(ward, lambda s: desk_summary(s, rules, now))
    assert "ix_dossier_open_due_pg" in dashboard
    assert "ix_dossier_unreturned_pg" in dashboard
