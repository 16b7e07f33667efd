"""The weekly exchange between a ward and its city: ``export`` (a ward's package, or the city's
reference data), ``reference`` on the ward's side, ``import``, ``ward`` and ``offices`` on the
city's."""

from __future__ import annotations

from datetime import date

from wardapp.cli.shared import EXIT_ERROR, Parser, open_ward
from wardapp.common import WardError


def register(sub) -> None:
    s = sub.add_parser("export", help="weekly package for the city (.wardpkg)")
    s.add_argument("-o", "--output", required=True, help="folder to write the package into")
    s.add_argument("--full", action="store_true", help="a full snapshot, not only changes")
    s.add_argument("--since", help="changes since this date (YYYY-MM-DD)")
    s.add_argument("--year", type=int, help="city database: the year of the reference data")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("reference", help="ward: show (and --accept) the city's reference package")
    s.add_argument("file")
    s.add_argument("--accept", action="store_true")
    s.set_defaults(func=cmd_reference)

    s = sub.add_parser("import", help="city: verify and apply ward packages")
    s.add_argument("files", nargs="+")
    s.add_argument("--dry-run", action="store_true")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("ward", help="city: register a ward whose packages will be imported")
    wsub = s.add_subparsers(dest="ward_command", required=True, parser_class=Parser)
    w = wsub.add_parser("add")
    w.add_argument("--office-name", required=True)
    w.add_argument("--office-code", required=True)
    w.add_argument("--key", help="the ward's key file (wardapp key export); check its fingerprint")
    w = wsub.add_parser("rekey", help="replace a ward's public key (logged with the reason)")
    w.add_argument("--office-code", required=True)
    w.add_argument("--key", required=True)
    w.add_argument("--reason", required=True)
    s.set_defaults(func=cmd_ward)

    s = sub.add_parser("key", help="ward: the public key file the city registers")
    ksub = s.add_subparsers(dest="key_command", required=True, parser_class=Parser)
    k = ksub.add_parser("export")
    k.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_key)

    s = sub.add_parser("offices", help="city: wards, last package received, missing packages")
    s.set_defaults(func=cmd_offices)


def cmd_export(args) -> int:
    from wardapp.exchange import export_package

    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            raise WardError(f"--since '{args.since}' phải là YYYY-MM-DD") from None
    ward = open_ward(args)
    with ward.read() as s:
        is_city = ward.office(s).kind == "city"
    if is_city:
        from wardapp.common import now_local
        from wardapp.exchange import export_reference

        print(export_reference(ward, args.output, args.year or now_local().year))
        return 0
    res = export_package(ward, args.output, full=args.full, since=since)
    counts = ", ".join(f"{k} {v}" for k, v in res.counts.items())
    print(f"{res.path} (gói số {res.seq}; {counts}; sha256 {res.sha256[:16]}…)")
    return 0


def cmd_reference(args) -> int:
    from wardapp.exchange import apply_reference

    diff = apply_reference(open_ward(args), args.file, accept=args.accept)
    print("\n".join(diff.lines()))
    if not diff.empty:
        print("đã áp dụng" if args.accept else "chưa áp dụng: chạy lại với --accept để nhận")
    return 0


def cmd_import(args) -> int:
    from wardapp.exchange import import_packages

    summaries = import_packages(open_ward(args), args.files, dry_run=args.dry_run)
    for sm in summaries:
        print(sm.line())
        for c in sm.conflicts:
            print(f"  xung đột: {c}")
        for r in sm.rejected:
            print(f"  loại: {r}")
    return EXIT_ERROR if any(sm.status == "refused" for sm in summaries) else 0


def cmd_ward(args) -> int:
    from wardapp.common import validation
    from wardapp.exchange import add_ward, replace_key
    from wardapp.trust import keys

    kf = keys.read_key_file(args.key) if args.key else None
    if kf is not None and kf.office_code != validation.agency_code(args.office_code):
        raise WardError(
            f"Tệp khoá là của {kf.office_code} ({kf.office_name}), không phải của "
            f"{args.office_code}."
        )
    if args.ward_command == "rekey":
        fp = replace_key(
            open_ward(args), agency_code=args.office_code, public_key=kf.public_key,
            reason=args.reason,
        )  # fmt: skip
        print(f"{args.office_code}: đã thay khoá, vân tay mới {fp}")
        return 0
    o = add_ward(
        open_ward(args), name=args.office_name, agency_code=args.office_code,
        public_key=kf.public_key if kf else None,
    )  # fmt: skip
    print(
        f"{o.name} ({o.agency_code})"
        + (
            f": khoá vân tay {kf.fingerprint} — đối chiếu qua điện thoại với phường"
            if kf
            else ": chưa có khoá, gói của đơn vị này sẽ bị từ chối cho đến khi thêm --key"
        )
    )
    return 0


def cmd_key(args) -> int:
    from wardapp.trust import keys

    kf = keys.write_key_file(open_ward(args), args.output)
    print(f"đã ghi {args.output}: {kf.office_code} ({kf.office_name}), vân tay {kf.fingerprint}")
    return 0


def cmd_offices(args) -> int:
    from wardapp.exchange import describe, office_statuses

    for st in office_statuses(open_ward(args)):
        missing = f"; thiếu gói số {', '.join(map(str, st.missing))}" if st.missing else ""
        hole = f"; {describe(st.change_holes)}" if st.change_holes else ""
        last = f"gói {st.last_seq}, tuần {st.last_week}" if st.last_seq else "chưa có gói nào"
        print(f"{st.code}  {st.name}: {st.packages} gói, cuối cùng {last}{missing}{hole}")
    return 0
