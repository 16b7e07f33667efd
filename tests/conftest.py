import itertools
import os
import tempfile

# GUI tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (window geometry, last screen) must not touch the developer's own settings.
_qt_config = tempfile.mkdtemp(prefix="wardapp-qsettings-")
os.environ["XDG_CONFIG_HOME"] = _qt_config
# Backups, drafts and error logs default to the user data dir: keep them out of the real one.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="wardapp-data-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="wardapp-data-")

from datetime import datetime  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Speed is measured by bench/, never by tests: no per-example deadline (CI machines vary).
settings.register_profile("wardapp", deadline=None)
settings.load_profile("wardapp")

from wardapp.office.store import Ward  # noqa: E402
from wardapp.setup.office import init_office  # noqa: E402

AGENCY = "000.23.31.H26"


NOW = datetime(2026, 12, 15, 12, 0)


@pytest.fixture(autouse=True)
def fixed_now():
    """Every test runs at 15/12/2026 12:00 office time, whatever the machine's date."""
    from wardapp.common import clock

    clock.set_fixed_now(NOW)
    yield NOW
    clock.set_fixed_now(None)


# The PostgreSQL pass (.ci/run): WARDAPP_TEST_PG=1 with the PG* variables of a server
# (pg_virtualenv sets them) makes every ``ward`` a fresh database on that server, cloned from
# one migrated template; tests marked ``sqlite_only`` (files, copies, SQLite's own index) skip.
ON_SERVER = os.environ.get("WARDAPP_TEST_PG") == "1"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: needs the local-file engine (copies, file checks, FTS5)"
    )
    config.addinivalue_line("markers", "server_only: needs a PostgreSQL server (WARDAPP_TEST_PG)")


def pytest_collection_modifyitems(config, items):
    skip, marker = (
        (pytest.mark.skip(reason="SQLite only (this pass runs on PostgreSQL)"), "sqlite_only")
        if ON_SERVER
        else (pytest.mark.skip(reason="needs WARDAPP_TEST_PG=1 and a server"), "server_only")
    )
    for item in items:
        if marker in item.keywords:
            item.add_marker(skip)


def _server(sql: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def server_template():
    """One database migrated to the head, the template every test's database is cloned from
    (CREATE DATABASE … TEMPLATE copies its files: milliseconds, not the migrations' seconds)."""
    from db.engine import open_database

    name = f"wardapp_template_{os.getpid()}"
    _server(f"DROP DATABASE IF EXISTS {name}")
    _server(f"CREATE DATABASE {name}")
    open_database(f"postgresql+psycopg:///{name}").dispose()
    yield name
    _server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def ward_location(tmp_path, request):
    """Where the test's office database is: a file in ``tmp_path``, or on the PostgreSQL pass a
    database of its own on the server."""
    if not ON_SERVER:
        yield tmp_path / "ward.sqlite3"
        return
    template = request.getfixturevalue("server_template")
    name = f"wardapp_t_{os.getpid()}_{next(_numbers)}"
    _server(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield f"postgresql+psycopg:///{name}"
    _server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_numbers = itertools.count()


@pytest.fixture
def ward(ward_location):
    w = Ward.open(ward_location)
    init_office(
        w,
        name="Phường Xuân An",
        agency_code=AGENCY,
        parent="Ủy ban nhân dân tỉnh Lâm Đồng",
        chairman="Nguyễn Văn Bình",
        year=2026,
    )
    yield w
    w.close()


@pytest.fixture
def rules(ward):
    return ward.rules()


def open_desk(qtbot, ward, monkeypatch, *, dossiers: int, seed: int, **options):
    """The real window over ``dossiers`` demo dossiers, signed in as the chairman, its warning
    and error boxes collected in ``w.messages`` instead of shown (not yet shown itself)."""
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow
    from wardapp.setup import demo
    from wardapp.trust import auth

    demo.generate(as_demo(ward), dossiers=dossiers, seed=seed)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    w = MainWindow(ward, **options)
    qtbot.addWidget(w)
    w.messages = messages
    return w


def as_demo(ward):
    """Mark the fixture's office as demo data so ``demo.generate`` may fill it: the generator
    refuses an office's real database (tests/test_data_safety.py)."""
    from wardapp.office.identity import mark_demo

    mark_demo(ward)
    return ward


def public_key(ward) -> str:
    """The office's public key (hex), as its key file hands it to the city."""
    from wardapp.trust import keys

    with ward.write() as s:
        return keys.ensure_own_key(s, ward.office(s)).public_key


def signing(ward) -> tuple[str, str]:
    """(public, private) key of an office: tests that forge a package's content re-sign it,
    so the check they are about is reached (the signature alone would refuse it first)."""
    from wardapp.trust import keys

    with ward.write() as s:
        return keys.signing_pair(s, ward.office(s))


def dt(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def schema_diff(engine) -> list:
    """What separates the database's schema from the models (the migrations' own test holds
    them equal); the FTS5 search index (migration 0005) and its shadow tables live outside
    the ORM, as does PostgreSQL's tally of dossiers by status (migration 0022)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import db.models_admin  # noqa: F401  (its table is on the same metadata)
    import db.models_allowance  # noqa: F401  (its table is on the same metadata)
    import db.models_initiatives  # noqa: F401  (its tables are on the same metadata)
    import db.models_jobs  # noqa: F401
    import db.models_keys  # noqa: F401  (its table is on the same metadata)
    import db.models_mail  # noqa: F401  (its tables are on the same metadata)
    import db.models_rollup  # noqa: F401  (its tables and indexes are on the same metadata)
    from db.models import Base

    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    outside = ("dossier_search", "dossier_tally")  # the server's counts by status (0022)
    return [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith(outside))]


def settled(qtbot, window, timeout: int = 20000) -> None:
    """Wait for the window's work off the GUI thread (start-up checks, pages that load their
    figures behind, ``ui.loading``, the register's rows and panes) to end and be shown."""
    line = getattr(window, "desk_line", None)  # reads the screens do not wait for (issue 20)
    qtbot.waitUntil(lambda: not window.tasks and not (line and line.busy), timeout=timeout)
    qtbot.wait(20)  # what the last result queued: a box shown, the layout redone


def pane_shown(page, timeout: float = 10.0) -> None:
    """Wait for the register's detail pane of the selected dossier (read behind, issue 20)."""
    import time as _time

    from PySide6.QtWidgets import QApplication

    give_up = _time.monotonic() + timeout
    while page.pane_code is not None and page.pane_shown != page.pane_code:
        assert _time.monotonic() < give_up, "the detail pane never arrived"
        QApplication.processEvents()
        _time.sleep(0.005)
