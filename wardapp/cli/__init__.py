"""``wardapp <subcommand>``: the whole core driven without a window (and without importing Qt).

Errors print one line on stderr (``wardapp: error: …``) and exit non-zero; nothing is written
when a command fails.

Each group of commands is one module that declares its parsers next to their handlers in a
``register(sub)`` function; this package only puts the groups together.  A new group is a new
module plus its name in the import below and in ``GROUPS``.  Group modules import only the light
shared helpers at start-up; what a command needs (SQLAlchemy, reportlab, openpyxl, alembic) is
imported inside its handler, so ``wardapp due`` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wardapp import __version__
from wardapp.cli import (
    calendar,
    catalogue,
    documents,
    dossiers,
    exchange,
    initiatives,
    legacy,
    mail,
    office,
    reports,
    server,
    trust,
)
from wardapp.cli.shared import EXIT_ERROR, EXIT_USAGE, Parser, run

__all__ = ["EXIT_ERROR", "EXIT_USAGE", "build_parser", "main"]

# In the order ``wardapp --help`` lists their commands.
GROUPS = (
    office,  # init, demo
    calendar,  # due, calendar
    legacy,  # register
    reports,  # report
    catalogue,  # allowance
    exchange,  # export, reference, import, ward, key, offices
    trust,  # user, verify, backup, restore
    documents,  # receipt, apology, reprint, commitment, control-sheet, logbook
    mail,  # mail send|list|password
    dossiers,  # dossier
    initiatives,  # initiative
    server,  # server migrate
)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="wardapp", description="Sổ theo dõi hồ sơ một cửa cấp xã / ward one-stop desk")
    p.add_argument("--db", help="database file (default: WARDAPP_DB or the user data dir)")
    p.add_argument("--version", action="version", version=f"wardapp {__version__}")
    p.add_argument(
        "--user",
        help="account to sign in as (default WARDAPP_USER); the password comes from "
        "WARDAPP_PASSWORD or is asked for",
    )
    sub = p.add_subparsers(dest="command", parser_class=Parser)
    for group in GROUPS:
        group.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from wardapp.common import utf8_streams

    utf8_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in argv:
        from wardapp.setup import self_test

        return self_test.main()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    return run(args)
