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
``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from sqlalchemy import URL, Engine, event

from db.backends.base import keyring_password

OFFICE_TIME_ZONE = "Asia/Ho_Chi_Minh"
CONNECT_TIMEOUT_S = 10
STATEMENT_TIMEOUT_MS = 120_000  # a city's import or a year's report, not a hung desk
LOCK_TIMEOUT_MS = 10_000
IDLE_IN_TRANSACTION_MS = 60_000
WRITE_LOCK_KEY = 0x77617264  # "ward": one office per database, so one key per database
PASSWORD_ADVICE = (
    "Địa chỉ cơ sở dữ liệu không được chứa mật khẩu (nó sẽ nằm lại trong tệp cấu hình, lịch sử "
    "lệnh và tiêu đề cửa sổ). Hãy ghi mật khẩu vào tệp .pgpass (Windows: "
    "%APPDATA%\\postgresql\\pgpass.conf) hoặc biến môi trường PGPASSWORD."
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

    @event.listens_for(engine, "do_connect")
    def _password(_dialect, _record, _args, params):
        # libpq reads PGPASSWORD and .pgpass itself; the keyring's entry, when there is one
        # and no PGPASSWORD, is handed over here (the URL never carries a password)
        if "password" not in params:
            found = keyring_password(engine.url)
            if found:
                params["password"] = found

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        options = conn.get_execution_options()
        deadline = options.get("wardapp_deadline_ms")
        if deadline:  # a desk's action: cut at the desk's deadline, not the import's two minutes
            conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(deadline)}")
        if options.get("wardapp_write"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def driver_error(exc: BaseException) -> BaseException | None:
    """The server's or the driver's own complaint (unreachable, refused, no such database)."""
    import psycopg

    for candidate in (exc, getattr(exc, "orig", None)):
        if isinstance(candidate, psycopg.OperationalError):
            return candidate
    return None
