"""Entry point of the ``wardapp`` command.

``--self-test`` checks the installed program end to end (``ui.self_test``).  With a subcommand
(or ``--version``/``--help``) it hands over to ``wardapp.cli`` before anything
imports Qt, so the CLI starts fast and runs on machines without a display.  Without one it opens
the window, creating a demo database first when none exists.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_FLAGS = {"--version", "-h", "--help"}
GUI_FLAGS = {"--demo"}  # open the demo data (created on first use) instead of the office's file


def wants_cli(argv: Sequence[str]) -> bool:
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in CLI_FLAGS:
            return True
        if a == "--db":
            i += 2
            continue
        if a.startswith("--db=") or a in GUI_FLAGS:
            i += 1
            continue
        return True  # a subcommand or an unknown option: the CLI parser decides
    return False


def _db_arg(argv: Sequence[str]) -> str | None:
    for i, a in enumerate(argv):
        if a == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--db="):
            return a.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None, *, console: bool = False) -> int:
    """``console``: started as ``wardapp-cli``, which never opens the window (no arguments
    print the help instead)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in argv:  # the window's checks too, so Qt is loaded here
        from ui.self_test import main as self_test

        return self_test(argv)
    if console or wants_cli(argv):
        from wardapp.cli import main as cli_main

        return cli_main(argv)
    from ui.main_window import run_gui

    return run_gui(_db_arg(argv), demo="--demo" in argv)


if __name__ == "__main__":
    sys.exit(main())
