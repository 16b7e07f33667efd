"""``wardapp due`` and ``wardapp calendar``: the deadline rules, answerable before any database
exists (a clerk checks a due time on a fresh install)."""

from __future__ import annotations

from datetime import date

from wardapp.cli.shared import open_ward
from wardapp.common import WardError, fmt_local, parse_local


def register(sub) -> None:
    s = sub.add_parser("due", help="compute a due time")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--procedure", help="procedure code from the catalogue")
    g.add_argument("--days", type=float, help="limit in working days (0, 0.5, 1, …)")
    s.add_argument("--received", required=True, help='"YYYY-MM-DD HH:MM"')
    s.add_argument("--explain", action="store_true", help="also print the reasoning")
    s.set_defaults(func=cmd_due)

    s = sub.add_parser("calendar", help="list days off and make-up working days of a year")
    s.add_argument("--year", type=int, required=True)
    s.set_defaults(func=cmd_calendar)


def _rules_for(args):
    """Rules from the database when it exists; otherwise defaults plus the shipped calendar,
    so ``due`` and ``calendar`` work without creating a database."""
    from wardapp.office import default_db_path

    path = default_db_path(args.db)
    if path.exists():
        ward = open_ward(args)
        return ward, ward.rules()
    from wardapp.office import shipped_rules

    return None, shipped_rules()


def cmd_due(args) -> int:
    from wardapp.calendar import compute_due, explain_due, parse_hhmm

    try:
        received = parse_local(args.received)
    except ValueError as exc:
        raise WardError(f"--received: {exc}") from None
    ward, rules = _rules_for(args)
    cutoff = rules.cutoff
    if args.procedure:
        if ward is not None:
            from wardapp.dossiers import find_procedure

            with ward.read() as s:
                proc = find_procedure(s, args.procedure, received)
                days, cut = proc.limit_days, proc.cutoff
        else:
            from wardapp.office import load_resource_json

            found = [
                p
                for p in load_resource_json("procedures.json")["procedures"]
                if p["code"] == args.procedure
            ]
            if not found:
                raise WardError(f"không có thủ tục mã '{args.procedure}' trong danh mục")
            days, cut = found[0]["limit_days"], found[0].get("cutoff")
        if cut:
            cutoff = parse_hhmm(cut)
    else:
        days = args.days
    print(fmt_local(compute_due(rules.calendar, rules.hours, received, days, cutoff)))
    if args.explain:
        print(explain_due(rules.calendar, rules.hours, received, days, cutoff))
    return 0


def cmd_calendar(args) -> int:
    from wardapp.calendar import KIND_LABELS

    if not 1900 <= args.year <= 2200:
        raise WardError(f"--year {args.year} ngoài khoảng 1900-2200")
    _, rules = _rules_for(args)
    cal = rules.calendar
    days = cal.days_off(args.year)
    working = cal.working_days_between(date(args.year - 1, 12, 31), date(args.year, 12, 31))
    for d, kind, desc, basis in days:
        label = KIND_LABELS.get(kind, kind)
        print(f"{d:%Y-%m-%d} {d:%a}  {label:<14} {desc}" + (f"  [{basis}]" if basis else ""))
    print(f"# {working} ngày làm việc trong năm {args.year}")
    return 0
