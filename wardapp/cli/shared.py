"""What every command group leans on: the one-line error parser, opening and signing in to the
database, reading a password and a reporting period, and turning failures into exit codes.

Kept apart so a group module holds only its own commands, and light: it is imported at start-up
by every group, so anything heavy (SQLAlchemy, the stores) is imported inside the functions.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from wardapp.common import WardError, failure_message

EXIT_USAGE, EXIT_ERROR = 2, 1


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, as argparse does, but without the usage dump
        self.exit(
            EXIT_USAGE,
            f"wardapp: error: {message} (xem 'wardapp {self.prog.split()[-1]} --help')\n",
        )


def run(args) -> int:
    """Run the command chosen on the command line; a refusal is one line on stderr, not a
    traceback, and the exit code tells scripts it failed."""
    from db.changes import DatabaseReplaced
    from db.engine import DatabaseError

    try:
        return args.func(args)
    except (WardError, DatabaseError, DatabaseReplaced) as exc:
        print(f"wardapp: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except ValueError as exc:  # e.g. a malformed date typed on the command line
        print(f"wardapp: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # an output file open in Excel, a read-only or full disk, a pipe
        from wardapp.common import os_error_text

        if isinstance(exc, BrokenPipeError):  # nothing more can go to stdout, not even a flush
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        named = isinstance(exc, (PermissionError, FileNotFoundError, IsADirectoryError))
        message = None if named else failure_message(exc)  # full disk, read-only medium…
        print(f"wardapp: error: {message or os_error_text(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a lock held too long, a read-only database: one line too
        message = failure_message(exc)
        if message is None:
            raise
        print(f"wardapp: error: {message}", file=sys.stderr)
        return EXIT_ERROR


def open_ward(args, create: bool = False):
    """Open the database; only ``init`` and ``demo`` may create it (a typo in --db must not
    leave an empty database behind)."""
    from wardapp.office import Ward, default_db_path

    path = default_db_path(args.db)
    if not create and not path.exists():
        raise WardError(
            f"Chưa có cơ sở dữ liệu {path}: chạy 'wardapp init --office-name … --office-code …' "
            "hoặc 'wardapp demo' trước (no database there yet)."
        )
    ward = Ward.open(path)
    sign_in(ward, args)
    return ward


def sign_in(ward, args) -> None:
    """Once a database has accounts every command runs as a signed-in account."""
    import os

    from wardapp.trust import auth

    if auth.setup_mode(ward):
        return
    username = getattr(args, "user", None) or os.environ.get("WARDAPP_USER")
    if not username:
        raise WardError(
            "Cơ sở dữ liệu này có tài khoản: cần đăng nhập (--user hoặc WARDAPP_USER, mật khẩu "
            "trong WARDAPP_PASSWORD hoặc nhập khi được hỏi)."
        )
    auth.sign_in(ward, username, secret("WARDAPP_PASSWORD", f"Mật khẩu của {username}: "))


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A password from ``env`` (scripts, tests) or typed at a terminal, never an argument
    (it would stay in the shell history and the process list)."""
    import getpass
    import os

    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise WardError(f"Thiếu mật khẩu: đặt {env} hoặc chạy trong cửa sổ lệnh.")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại: ") != value:
        raise WardError("Hai lần nhập mật khẩu không giống nhau.")
    return value


def period_of(args, scheme: str):
    """The period named by --from/--to or --year with --quarter/--month; shared by the report
    and the logbook PDF so both read a period the same way (``scheme`` decides the quarters)."""
    from wardapp.calendar import periods

    # the logbook has no --year/--quarter/--month
    year, quarter, month = (getattr(args, k, None) for k in ("year", "quarter", "month"))
    try:
        if args.date_from or args.date_to:
            if not (args.date_from and args.date_to):
                raise WardError("cần cả --from và --to")
            start = date.fromisoformat(args.date_from)
            end = date.fromisoformat(args.date_to)
            return periods.Period(start, end, f"{start:%d/%m/%Y} - {end:%d/%m/%Y}")
        if year and quarter:
            return periods.quarter(year, quarter, scheme)
        if year and month:
            if not 1 <= month <= 12:
                raise WardError(f"--month {month} phải từ 1 đến 12")
            return periods.month(year, month)
        if year:
            return periods.year(year, scheme)
    except ValueError as exc:
        raise WardError(f"kỳ báo cáo không hợp lệ: {exc}") from None
    raise WardError("cần --from/--to, hoặc --year với --quarter/--month")
