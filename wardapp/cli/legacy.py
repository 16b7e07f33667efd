"""``wardapp register``: the paper-era logbook (.csv/.xlsx) in and out.

Its own group, not the dossiers', because ``wardapp --help`` lists it between the calendar and
the report commands and the groups are added in that order.
"""

from __future__ import annotations

import sys

from wardapp.cli.shared import EXIT_ERROR, Parser, open_ward


def register(sub) -> None:
    s = sub.add_parser("register", help="legacy logbook import/export (.csv or .xlsx)")
    rsub = s.add_subparsers(dest="register_command", required=True, parser_class=Parser)
    r = rsub.add_parser("import")
    r.add_argument("file")
    r.add_argument("--dry-run", action="store_true")
    r = rsub.add_parser("export")
    r.add_argument("file")
    s.set_defaults(func=cmd_register)


def cmd_register(args) -> int:
    from wardapp.dossiers import export_logbook, import_logbook

    ward = open_ward(args)
    if args.register_command == "export":
        n = export_logbook(ward, args.file)
        print(f"{n} hồ sơ đã xuất ra {args.file}")
        return 0
    res = import_logbook(ward, args.file, dry_run=args.dry_run)
    for rowno, msg in res.errors:
        print(f"dòng {rowno}: {msg}", file=sys.stderr)
    if res.errors:
        print(
            f"wardapp: error: {len(res.errors)} dòng lỗi trong {res.rows} dòng; không ghi gì vào cơ sở dữ liệu",
            file=sys.stderr,
        )
        return EXIT_ERROR
    for name in res.new_procedures:
        print(f"thủ tục mới (chưa đối chiếu): {name}")
    if res.resumed_from:
        print(f"tiếp tục lần nhập dở của tệp này: {res.resumed_from} hồ sơ đã ghi từ trước")
    if res.dry_run:
        print(f"{res.rows} dòng hợp lệ (chạy thử, chưa ghi)")
    else:
        print(f"{res.written} hồ sơ đã nhập")
    return 0
