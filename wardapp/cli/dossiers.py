"""``wardapp dossier``: every step of a dossier's life from the command line, one sub-command
per transition of ``wardapp.dossiers.lifecycle``, for scripts and for a desk without the window."""

from __future__ import annotations

from wardapp.cli.shared import Parser, open_ward
from wardapp.common import fmt_local, parse_local

# sub-command -> the option each needs besides the code, --at and --actor
_STEPS = (
    ("resolve", ()),
    ("return", ()),
    ("resume", ()),
    ("supplied", ()),
    ("pause", ("reason",)),
    ("supplement", ("reason",)),
    ("withdraw", ("reason",)),
    ("refuse", ("reason",)),
    ("forward", ("agency",)),
    ("back", ("agency",)),
)
_RATINGS = ("hai_long", "binh_thuong", "khong_hai_long")
# Lifecycle steps that print a form with -o: step → (form kind, what it is).
FORM_STEPS = {
    "supplement": ("supplement", "Mẫu 02"),
    "refuse": ("refusal", "Mẫu 03"),
    "withdraw": ("stop", "Mẫu 05, TT 03/2025"),
}


def register(sub) -> None:
    s = sub.add_parser("dossier", help="dossier lifecycle from the command line")
    dsub = s.add_subparsers(dest="dossier_command", required=True, parser_class=Parser)
    d = dsub.add_parser("intake", help="receive a dossier; prints its code and due time")
    d.add_argument("--procedure", required=True)
    d.add_argument("--name", required=True)
    d.add_argument("--id-number", default="")
    d.add_argument("--phone", default="")
    d.add_argument("--email", default="")
    d.add_argument("--address", default="")
    d.add_argument("--channel", default="direct")
    # the online-rate and online-payment indicators count these (README "Indicators")
    d.add_argument("--full-online", action="store_true", help="resolved online end to end")
    d.add_argument("--paid-online", action="store_true", help="fee paid online")
    d.add_argument(
        "--salutation",
        choices=("ong", "ba", "none", "org"),
        default="",
        help="how letters address the applicant when the 12-digit ID cannot tell (org: by name)",
    )
    d.add_argument("--received", help='"YYYY-MM-DD HH:MM" (default: now)')
    d.add_argument("--actor", default="cli")
    d = dsub.add_parser("show")
    d.add_argument("code")
    d = dsub.add_parser("search", help="the register's search: the count, then the newest matches")
    d.add_argument("term", help="part of a code, a name, an ID number or a phone number")
    d.add_argument("--limit", type=int, default=20, help="how many matches to list")
    d.add_argument("--json", action="store_true")
    for name, extra in _STEPS:
        d = dsub.add_parser(name)
        d.add_argument("code")
        for e in extra:
            d.add_argument(f"--{e}", required=True)
        d.add_argument("--at", help='"YYYY-MM-DD HH:MM" (default: now)')
        d.add_argument("--actor", default="cli")
        if name == "return":
            d.add_argument(
                "--rating",
                choices=_RATINGS,
                help="the citizen's satisfaction, asked at return (omit: not asked)",
            )
            d.add_argument("--comment", default="", help="the citizen's comment with the rating")
        if name in FORM_STEPS:
            d.add_argument(
                "-o", "--output", help=f"write its form ({FORM_STEPS[name][1]}, PDF) and archive it"
            )
        if name == "return":
            d.add_argument(
                "--collector-name", default="", help="who took the result, if not the applicant"
            )
            d.add_argument("--collector-id", default="", help="that person's ID number")
        if name == "supplement":
            d.add_argument(
                "--missing",
                action="append",
                default=[],
                help='a document asked for, "NAME" or "NAME=originals/certified/copies" '
                "(repeat for each)",
            )
    d = dsub.add_parser(
        "undo",
        help="take back the dossier's last step, within the office's undo_minutes of its entry "
        "(recorded as its own history event)",
    )
    d.add_argument("code")
    d.add_argument("--reason", default="")
    d.add_argument("--actor", default="cli")
    d = dsub.add_parser("rate", help="record the citizen's rating of a returned dossier")
    d.add_argument("code")
    d.add_argument("--rating", required=True, choices=_RATINGS)
    d.add_argument("--comment", default="")
    d.add_argument("--actor", default="cli")
    d = dsub.add_parser("apologise")
    d.add_argument("code")
    d.add_argument("--reason", required=True)
    d.add_argument("--signer", required=True)
    g = d.add_mutually_exclusive_group(required=True)
    g.add_argument("--days", type=float)
    g.add_argument("--new-due")
    d.add_argument("--actor", default="cli")
    s.set_defaults(func=cmd_dossier)


def _print_dossier(ward, code: str) -> None:
    from wardapp.dossiers import EVENT_LABELS, STATUS_LABELS, get_dossier

    with ward.read() as s:
        d = get_dossier(s, code)
        print(f"{d.code}  {d.procedure.name}")
        print(f"  Người nộp: {d.applicant_name}  {d.applicant_id}  {d.phone}")
        print(f"  Trạng thái: {STATUS_LABELS[d.status]} ({fmt_local(d.status_at)})")
        print(f"  Tiếp nhận: {fmt_local(d.received_at)}  Hẹn trả: {fmt_local(d.due_at)}")
        for ap in d.apologies:
            print(f"  Xin lỗi số {ap.number}/{ap.year}: hẹn lại {fmt_local(ap.new_due_at)}")
        for e in d.events:
            extra = " ".join(x for x in (e.agency, e.reason, _collector(e, d)) if x)
            print(
                f"  {e.seq:>2}. {fmt_local(e.at)}  {EVENT_LABELS.get(e.kind, e.kind)}  {e.actor}  {extra}".rstrip()
                + (f"  [nhập lùi, ghi lúc {fmt_local(e.recorded_at)}]" if e.backdated else "")
            )


def _collector(e, d) -> str:
    import json

    from wardapp.dossiers import closing

    if e.kind != "returned":
        return ""
    who = closing.collector_text(json.loads(e.data or "{}").get("collector"), d.applicant_name)
    return f"Người nhận: {who}" if who else ""


def cmd_dossier(args) -> int:
    from wardapp.dossiers import STATUS_LABELS, IntakeData, closing, intake, processing

    ward = open_ward(args)
    c = args.dossier_command
    if c == "show":
        _print_dossier(ward, args.code)
        return 0
    if c == "search":
        return _search(ward, args)
    if c == "intake":
        received = parse_local(args.received) if args.received else None
        d = intake(
            ward,
            IntakeData(
                procedure_code=args.procedure,
                applicant_name=args.name,
                applicant_id=args.id_number,
                phone=args.phone,
                email=args.email,
                address=args.address,
                channel=args.channel,
                full_online=args.full_online,
                paid_online=args.paid_online,
                salutation=args.salutation,
                received_at=received,
            ),
            args.actor,
        )
        print(f"{d.code}\t{fmt_local(d.due_at)}")
        return 0
    if c == "rate":
        return _rate(ward, args)
    if c == "apologise":
        new_due = parse_local(args.new_due) if args.new_due else None
        ap = processing.apologise(
            ward,
            args.code,
            args.actor,
            reason=args.reason,
            signer=args.signer,
            new_due=new_due,
            extra_days=args.days,
        )
        from wardapp.documents import doc_number

        sym = ward.rules().settings["apology_symbol"]
        print(f"Số {doc_number(ap.number, sym)}: hẹn lại {fmt_local(ap.new_due_at)}")
        return 0
    if c == "undo":
        from wardapp.dossiers import undo_last_step

        d = undo_last_step(ward, args.code, args.actor, reason=args.reason)
        print(f"{d.code}\t{STATUS_LABELS[d.status]}\t{fmt_local(d.status_at)}")
        return 0
    at = parse_local(args.at) if args.at else None
    if c in FORM_STEPS:
        return _form_step(ward, args, at)
    fn = {
        "resolve": processing.resolve,
        "return": closing.return_result,
        "resume": processing.resume,
        "supplied": processing.supplied,
        "pause": processing.pause,
        "supplement": processing.request_supplement,
        "withdraw": closing.withdraw,
        "refuse": closing.refuse,
        "forward": processing.forward,
        "back": processing.return_from_agency,
    }[c]
    kwargs = {k: getattr(args, k) for k in ("reason", "agency") if hasattr(args, k)}
    if c == "return":
        kwargs["collected_by"] = closing.collector(args.collector_name, args.collector_id)
    if c == "return" and args.comment and not args.rating:
        from wardapp.common import ValidationError

        raise ValidationError("--comment", "chỉ ghi kèm mức hài lòng (--rating)")
    d = fn(ward, args.code, args.actor, at=at, **kwargs)
    print(f"{d.code}\t{STATUS_LABELS[d.status]}\t{fmt_local(d.status_at)}")
    if c == "return" and args.rating:
        _rate(ward, args)
    return 0


def _search(ward, args) -> int:
    """As the register's search box: on a server a count above ``COUNT_CAP`` is "hơn 10.000"
    (``capped`` in JSON, with ``count`` the cap plus one)."""
    import json

    from wardapp.common import ValidationError, now_local
    from wardapp.dossiers import STATUS_LABELS, Filters, register

    if args.limit < 1:
        raise ValidationError("--limit", "phải là một số nguyên dương")
    with ward.read() as s:
        n, rows = register.first_page(
            s, Filters(search=args.term), ward.rules(), now_local(), limit=args.limit
        )
    capped = n > register.COUNT_CAP
    if args.json:
        found = [
            {
                "code": r.code,
                "status": r.status,
                "applicant": r.applicant,
                "received_at": r.received.isoformat(),
            }
            for r in rows
        ]
        shown = register.count_text(n)
        print(
            json.dumps(
                {"count": n, "capped": capped, "shown": shown, "dossiers": found},
                ensure_ascii=False,
            )
        )
        return 0
    print(f"{register.count_text(n)} hồ sơ")
    for r in rows:
        print(f"{r.code}\t{STATUS_LABELS[r.status]}\t{r.applicant}\t{fmt_local(r.received)}")
    return 0


def _rate(ward, args) -> int:
    from wardapp.dossiers import RATINGS, rate

    d = rate(ward, args.code, args.actor, args.rating, comment=args.comment)
    print(f"{d.code}\tĐánh giá: {RATINGS[args.rating]}")
    return 0


def _form_step(ward, args, at) -> int:
    """A step whose form the law wants in writing: with -o the form is issued with it."""
    from wardapp.documents import step_forms
    from wardapp.dossiers import STATUS_LABELS, get_dossier

    missing = step_forms.parse_missing(getattr(args, "missing", []))
    kind = FORM_STEPS[args.dossier_command][0]
    if args.output:
        res = step_forms.issue(
            ward,
            kind,
            args.code,
            args.actor,
            args.output,
            reason=args.reason,
            at=at,
            missing=missing,
        )
        print(f"Số {res.number}: đã ghi {res.path} (sha256 {res.sha256[:16]}…)")
    else:
        extra = {"missing": missing} if kind == "supplement" else {}
        step = step_forms.STEPS[kind]
        step(ward, args.code, args.actor, reason=args.reason, at=at, **extra)
    with ward.read() as s:
        d = get_dossier(s, args.code)
        print(f"{d.code}\t{STATUS_LABELS[d.status]}\t{fmt_local(d.status_at)}")
    return 0
