"""``wardapp allowance``: the time allowance of each forwarded step (liên thông), per procedure
and agency, with its legal basis (``wardapp.catalogue.allowances``)."""

from __future__ import annotations

from wardapp.cli.shared import open_ward


def register(sub) -> None:
    s = sub.add_parser("allowance", help="time allowance of a forwarded step, per agency")
    asub = s.add_subparsers(dest="allowance_cmd", required=True)
    asub.add_parser("list")
    a = asub.add_parser("set", help="add or correct an agency's allowance")
    a.add_argument("--agency", required=True)
    a.add_argument("--days", required=True, help="working days (halves allowed)")
    a.add_argument("--basis", required=True, help="the text the figure comes from")
    a.add_argument("--procedure", default="", help="procedure code (default: every procedure)")
    a.add_argument("--unverified", action="store_true", help="the figure is not yet checked")
    a = asub.add_parser("remove")
    a.add_argument("--agency", required=True)
    a.add_argument("--procedure", default="")
    s.set_defaults(func=cmd_allowance)


def cmd_allowance(args) -> int:
    from wardapp.catalogue import list_allowances, remove_allowance, set_allowance

    ward = open_ward(args)
    if args.allowance_cmd == "set":
        set_allowance(
            ward,
            procedure_code=args.procedure,
            agency=args.agency,
            days=args.days,
            legal_basis=args.basis,
            verified=not args.unverified,
        )
        print("đã lưu thời hạn liên thông")
    elif args.allowance_cmd == "remove":
        remove_allowance(ward, procedure_code=args.procedure, agency=args.agency)
        print("đã xoá thời hạn liên thông")
    else:
        for r in list_allowances(ward):
            mark = "" if r["verified"] else "  (chưa xác nhận)"
            print(
                f"{r['procedure_code'] or '(mọi thủ tục)'}\t{r['agency']}\t{r['days']:g} ngày"
                f"\t{r['legal_basis']}{mark}"
            )
    return 0
