"""Opening the office database: engine, migrations at start-up, the transactions of a user action.

What differs between engines (connection set-up, the write lock, copies) is the backend's
(``db.backend``); this module is the same for all of them.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, inspect, literal, select, text
from sqlalchemy.orm import Session

from db.backend import DatabaseError, ServerDatabase, backend_for, locate

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(where: str | Path | ServerDatabase) -> Engine:
    """``where``: a local file's path, or a server database (its URL, or ``db.backend.locate``'s
    answer for one); a URL no backend accepts raises ``DatabaseError`` with the reason."""
    try:
        location = locate(where)
    except ValueError as exc:
        raise DatabaseError(str(exc)) from None
    if isinstance(location, ServerDatabase):
        backend = backend_for(location.url)
        engine = create_engine(location.url, **backend.engine_options())
    else:
        from db.backend import local

        backend = local()
        engine = create_engine(backend.url_for(location), **backend.engine_options())
    backend.configure(engine, DatabaseError)
    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    # a ConfigParser value: an installation folder with "%" must not read as interpolation
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def newest_file_revision() -> str | None:
    """Migrations are files ``NNNN_<what>.py`` with revision ``'NNNN'`` (a test holds every file
    to it), so the newest number is Alembic's head, known without importing Alembic: 150 ms
    saved at every start of an up-to-date database."""
    numbers = sorted(p.name[:4] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]" * 4 + "_*.py"))
    return numbers[-1] if numbers else None


def _has_user_tables(engine: Engine) -> bool:
    return bool(set(inspect(engine).get_table_names()) - {"alembic_version"})


def copy_database(engine: Engine, dest: Path) -> Path:
    """A whole copy of a live database, written under a temporary name first."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(dest.suffix + ".part")
    backend_for(engine).copy(engine.url.database, tmp)
    tmp.replace(dest)
    return dest


def migrate(engine: Engine, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to the newest revision; return the backup made first, if any.

    A pending migration on a file that already holds data is preceded by a timestamped copy.
    An up-to-date database costs one small query (no copy), so start-up stays fast on big files.
    """
    current = current_revision(engine)
    if current is not None and current == newest_file_revision():
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    head = script.get_current_head()
    if current == head:
        return None
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise DatabaseError(
            f"Cơ sở dữ liệu có phiên bản lược đồ '{current}' mới hơn chương trình này "
            f"(mới nhất chương trình biết: '{head}'). Hãy cập nhật wardapp rồi mở lại. "
            "(The database schema is newer than this program; update wardapp.)"
        )
    backup = None
    local_file = backend_for(engine).early_ddl and engine.url.database  # a server keeps its own
    if local_file and Path(engine.url.database).is_file() and _has_user_tables(engine):
        db_path = Path(engine.url.database)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backup_dir or db_path.parent / "backups"
        backup = copy_database(
            engine, folder / f"{db_path.stem}.before-{head}.{stamp}{db_path.suffix}"
        )
    command.upgrade(alembic_config(engine), "head")
    return backup


def open_database(path: str | Path | ServerDatabase) -> Engine:
    """Open (creating if needed) and migrate the database at ``path`` (or on a server)."""
    try:
        p = locate(path)
    except ValueError as exc:
        raise DatabaseError(str(exc)) from None
    if isinstance(p, Path):
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"Không tạo được thư mục dữ liệu {p.parent}: {exc}") from exc
    engine = make_engine(p)
    try:
        migrate(engine)
        _restore_indexes(engine)
        _remember_generation(engine)
    except DatabaseError:
        raise
    except Exception as exc:
        driver = backend_for(engine).driver_error(exc)
        if driver is not None:  # not a database, or a damaged one
            raise DatabaseError(f"Không mở được cơ sở dữ liệu {p}: {driver}") from exc
        raise
    return engine


def _restore_indexes(engine: Engine) -> None:
    """An import that died while its indexes were dropped (``db.deferred_indexes``) left them
    missing, or while the search index's merging was held (``db.search_index.merges_held``)
    left it unmerged: build and merge them now, before anything relies on them."""
    from db import deferred_indexes, search_index

    with engine.connect() as conn:
        missing = bool(deferred_indexes.missing(conn))
        unmerged = search_index.needs_healing(conn)
    if not (missing or unmerged):
        return
    with write_session(engine) as s:
        deferred_indexes.restore(s.connection())
        if unmerged:
            search_index.merge_all(s)


def _remember_generation(engine: Engine) -> None:
    from db import changes

    with read_session(engine) as s:
        changes.remember(engine, s)


@contextmanager
def write_session(
    engine: Engine, info: dict | None = None, on_wait=None, deadline_ms: int | None = None
):
    """One transaction for one user action: commits on success, rolls back on any error.
    ``info`` goes to ``session.info`` (who acts and the office clock, for ``db.admin_chain``);
    ``on_wait()`` is called if the write lock is not free at once (another program writes);
    ``deadline_ms`` bounds each statement where the backend can (a server's statement timeout)."""
    from db import admin_chain, changes  # noqa: F401  (install the stamp and the chain hooks)

    with engine.connect() as conn:
        conn = conn.execution_options(
            wardapp_write=True, wardapp_on_wait=on_wait, wardapp_deadline_ms=deadline_ms
        )
        with Session(bind=conn, expire_on_commit=False, info=info) as session:
            try:
                changes.check_generation(engine, session)  # under the write lock
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise


@contextmanager
def read_session(engine: Engine):
    with Session(engine, expire_on_commit=False) as session:
        yield session


def ping(engine: Engine) -> None:
    """One ``SELECT 1`` on a connection from the pool (which pre-pings it, so a connection
    the server dropped is replaced first): raises if the database cannot be reached."""
    with engine.connect() as conn:
        conn.execute(select(literal(1))).scalar()
