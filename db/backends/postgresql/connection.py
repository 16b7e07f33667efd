"""Opening a PostgreSQL office database: what every connection is told, and the write lock.

Stored times are the office's wall-clock time in ``timestamp without time zone`` columns, the
same values SQLite keeps as text; the session's ``TimeZone`` is the office's, so anything the
server computes (``now()``, a cast to ``timestamptz``) reads them as the office does.

A desk on a network must never wait without end: the connection gives up after
``CONNECT_TIMEOUT_S``, keepalives find a silent link in about a minute, a statement is cut at
``STATEMENT_TIMEOUT_MS`` and a lock wait at ``LOCK_TIMEOUT_MS`` (the SQLite busy timeout's
counterpart), and a desk that died inside a transaction frees the others after
``IDLE_IN_TRANSACTION_MS`` instead of holding the write lock until the server notices.

Writers take one advisory lock per office database inside their transaction (released by
COMMIT or ROLLBACK, also when the connection dies): the code counter, the history's hash chain
and the change counter each read-then-write, and without the lock two desks collided on them
(2 of 75 intakes, 62 of 180 steps in issue 20's trial). It plays the part of SQLite's
``BEGIN IMMEDIATE``.  A writer that finds it held by another session for longer than
``NOTICE_MS`` calls the desk's ``wardapp_on_wait`` and queues on, so the window says why the
save waits instead of looking frozen (``write_lock_busy`` reads ``pg_locks`` for a probe).
"""

from __future__ import annotations

from sqlalchemy import URL, Connection, Engine, event

from db.backends.base import (
    CONNECT_HOOKS,
    KEYRING_SERVICE,
    keyring_password,
    keyring_user,
    store_password,
)

OFFICE_TIME_ZONE = "Asia/Ho_Chi_Minh"
CONNECT_TIMEOUT_S = 10
STATEMENT_TIMEOUT_MS = 120_000  # a city's import or a year's report, not a hung desk
LOCK_TIMEOUT_MS = 10_000
IDLE_IN_TRANSACTION_MS = 60_000
WRITE_LOCK_KEY = 0x77617264  # "ward": one office per database, so one key per database
NOTICE_MS = 300  # as SQLite's: a writer still waiting after this is told so
LOCK = f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"
TRY_LOCK = f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK_KEY})"
# pg_locks shows a bigint advisory key as its high half (classid), low half (objid) and 1
HELD_BY_ANOTHER = (
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    f"AND classid = {WRITE_LOCK_KEY >> 32} AND objid = {WRITE_LOCK_KEY & 0xFFFFFFFF} "
    "AND objsubid = 1 AND pid <> pg_backend_pid())"
)
PASSWORD_ADVICE = (
    "Địa chỉ cơ sở dữ liệu không được chứa mật khẩu (nó sẽ nằm lại trong tệp cấu hình, lịch sử "
    "lệnh và tiêu đề cửa sổ). Hãy ghi mật khẩu vào tệp .pgpass (Windows: "
    "%APPDATA%\\postgresql\\pgpass.conf), kho mật khẩu của hệ điều hành ('wardapp server "
    "password') hoặc biến môi trường PGPASSWORD."
)


URL_EXAMPLE = "postgresql+psycopg://canbo@may-chu/phuong_xuan_an"  # what the first-run shows


def driver_check() -> str:
    """The dialect and the driver load, and which libpq they carry: the frozen build's proof
    that a desk can reach a server (no connection is made)."""
    import psycopg
    from sqlalchemy import create_engine

    engine = create_engine(URL_EXAMPLE)  # builds the dialect, imports the driver; no connection
    try:
        assert engine.dialect.driver == "psycopg"
        libpq = psycopg.pq.version()
        return (
            f"{engine.dialect.name}+{engine.dialect.driver} {psycopg.__version__} "
            f"({psycopg.pq.__impl__}), libpq {libpq // 10000}.{libpq % 10000}"
        )
    finally:
        engine.dispose()


def url_for(path) -> URL:
    raise ValueError(f"Một cơ sở dữ liệu trên máy chủ có địa chỉ URL, không phải tệp ({path}).")


def check_url(url: URL) -> str | None:
    if url.password:
        return PASSWORD_ADVICE
    if url.get_driver_name() != "psycopg":
        return (
            f"wardapp nói chuyện với PostgreSQL qua psycopg: hãy viết "
            f"'postgresql+psycopg://…' thay vì '{url.drivername}://…'."
        )
    if not url.database:
        return "Địa chỉ cơ sở dữ liệu thiếu tên cơ sở dữ liệu (…/ten_csdl)."
    return None


def engine_options() -> dict:
    options = " ".join(
        f"-c {k}={v}"
        for k, v in (
            ("TimeZone", OFFICE_TIME_ZONE),
            ("statement_timeout", STATEMENT_TIMEOUT_MS),
            ("lock_timeout", LOCK_TIMEOUT_MS),
            ("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION_MS),
            # JIT compiling a report's query cost more than running it: 0.9 s of 1.5 s for the
            # backdated count of a province's quarter (10M dossiers, 2 cores), on every query
            # the planner thinks big, and the app runs the same few again and again
            ("jit", "off"),
        )
    )
    return {
        "pool_pre_ping": True,  # a connection the server or the network dropped is replaced
        "connect_args": {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            "application_name": "wardapp",
            "options": options,
        },
    }


NUL_REFUSED = (
    "Dữ liệu có ký tự NUL (mã 0, thường do dán từ một tệp hỏng), máy chủ không lưu được: "
    "hãy xóa ký tự đó rồi lưu lại. Không có gì được ghi."
)


def configure(engine: Engine, error: type[Exception]) -> None:
    """``error``: raised with a message for the user for a value the server cannot store."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        # SQLite stores a NUL inside a text; PostgreSQL's text cannot hold one, and psycopg's
        # complaint is English and technical
        if "NUL (0x00)" in str(context.original_exception):
            raise error(NUL_REFUSED) from context.original_exception

    password_hook(engine)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        options = conn.get_execution_options()
        deadline = options.get("wardapp_deadline_ms")
        if deadline:  # a desk's action: cut at the desk's deadline, not the import's two minutes
            conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(deadline)}")
        if not options.get("wardapp_write"):
            return
        on_wait = options.get("wardapp_on_wait")
        if on_wait is not None and _taken_within(conn, NOTICE_MS):
            return
        if on_wait is not None:
            on_wait()  # e.g. the desk shows "an import is running, please wait"
        conn.exec_driver_sql(LOCK)


# libpq's answers when the server wants a password it was not given, or refused the one given
NO_PASSWORD = ("no password supplied", "password authentication failed")


def _password_wanted(exc: Exception) -> bool:
    """The connection failed for want of the right password: libpq's own flags (the server's
    message may be in the office's language), else its English words."""
    pgconn = getattr(exc, "pgconn", None)
    if pgconn is not None and (pgconn.needs_password or pgconn.used_password):
        return True
    return any(t in str(exc) for t in NO_PASSWORD)


def password_hook(engine: Engine) -> None:
    """PGPASSWORD, when set, is what the IT person chose; otherwise libpq's own (.pgpass, or a
    server that asks none), then the OS keyring's entry (Windows Credential Manager).

    The keyring is asked only once libpq's own attempt is refused for want of a password: on a
    Linux desk, finding the keyring's backend scans every installed package's entry points
    (0.3 s of a 1.3 s start on a server database, every start, even with a .pgpass)."""
    needed = []  # the keyring answered once: later connections of this engine go to it at once

    @event.listens_for(engine, "do_connect")
    def _password(dialect, _record, cargs, cparams):
        if "password" in cparams:
            return None
        if not needed:
            try:
                return dialect.connect(*cargs, **cparams)
            except Exception as exc:
                if not _password_wanted(exc):
                    raise
                found = keyring_password(engine.url)
                if not found:
                    raise
                needed.append(True)
        found = keyring_password(engine.url)
        if found:
            cparams["password"] = found
        return None  # the dialect connects, with the keyring's password


CONNECT_HOOKS["postgresql"] = password_hook


def remember_password(url: URL, secret: str) -> str:
    """Keep a desk's server password in the OS keyring (``wardapp server password``; the
    first-run dialog does the same); the entry's name, for the user to find it in Credential
    Manager."""
    store_password(url, secret)
    return f"{KEYRING_SERVICE} / {keyring_user(url)}"


def write_lock_busy(conn: Connection) -> bool:
    """Another session holds the office's write lock now (a desk saving, an import's batch);
    a read of ``pg_locks`` that takes no lock itself."""
    return bool(conn.exec_driver_sql(HELD_BY_ANOTHER).scalar())


def _taken_within(conn: Connection, ms: int) -> bool:
    """The write lock taken within ``ms``, or False (not held) once they have passed.

    Free, it is taken by the first statement.  Held, it is queued for as any lock, with
    ``lock_timeout`` cut to ``ms`` inside a savepoint, so a desk behind another desk's save
    gets it the moment that COMMITs.  (It used to read ``pg_locks`` before every save, then
    every 20 ms while another held it: one more round trip per save, and a wait behind a 25 ms
    save rounded up to 40.)  Timed out, the savepoint's rollback restores ``lock_timeout``."""
    if conn.exec_driver_sql(TRY_LOCK).scalar():
        return True
    import psycopg

    # the driver's own cursor: a lock timeout seen by SQLAlchemy rolls the whole transaction
    # back, savepoint and all
    with conn.connection.driver_connection.cursor() as cur:
        cur.execute("SAVEPOINT wardapp_write_lock")
        try:
            cur.execute(f"SET LOCAL lock_timeout = {int(ms)}")
            cur.execute(LOCK)
        except psycopg.errors.LockNotAvailable:
            cur.execute("ROLLBACK TO SAVEPOINT wardapp_write_lock")
            return False
        # the lock stays the transaction's; lock_timeout goes back to the connection's own
        cur.execute("RELEASE SAVEPOINT wardapp_write_lock")
        cur.execute("SET LOCAL lock_timeout TO DEFAULT")
    return True


def driver_error(exc: BaseException) -> BaseException | None:
    """The server's or the driver's own complaint (unreachable, refused, no such database)."""
    import psycopg

    for candidate in (exc, getattr(exc, "orig", None)):
        if isinstance(candidate, psycopg.OperationalError):
            return candidate
    return None
