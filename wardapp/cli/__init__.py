"""``wardapp <subcommand>``: the whole core driven without a window (and without importing Qt).

Errors print one line on stderr (``wardapp: error: …``) and exit non-zero; nothing is written
when a command fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wardapp import __version__
from wardapp.common.clock import fmt_local, parse_local
from wardapp.common.errors import WardError

EXIT_USAGE, EXIT_ERROR = 2, 1
# Lifecycle steps that print a form with -o: step → (form kind, what it is).
FORM_STEPS = {
    "supplement": ("supplement", "Mẫu 02"),
    "refuse": ("refusal", "Mẫu 03"),
    "withdraw": ("stop", "Mẫu 05, TT 03/2025"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, as argparse does, but without the usage dump
        self.exit(
            EXIT_USAGE,
            f"wardapp: error: {message} (xem 'wardapp {self.prog.split()[-1]} --help')\n",
        )


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="wardapp", description="Sổ theo dõi hồ sơ một cửa cấp xã / ward one-stop desk")
    p.add_argument("--db", help="database file (default: WARDAPP_DB or the user data dir)")
    p.add_argument("--version", action="version", version=f"wardapp {__version__}")
    p.add_argument(
        "--user",
        help="account to sign in as (default WARDAPP_USER); the password comes from "
        "WARDAPP_PASSWORD or is asked for",
    )
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("init", help="create the office database (idempotent)")
    s.add_argument("--office-name", required=True)
    s.add_argument("--office-code", required=True, help="agency code, e.g. 000.23.31.H26")
    s.add_argument("--parent", default="", help="parent authority name")
    s.add_argument("--address", default="")
    s.add_argument("--chairman", default="")
    s.add_argument("--city", action="store_true", help="a city (consolidating) database")

    s = sub.add_parser("demo", help="fill the database with a realistic demo year")
    s.add_argument("--dossiers", type=int, default=3000)
    s.add_argument("--seed", type=int, default=1)

    s = sub.add_parser("due", help="compute a due time")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--procedure", help="procedure code from the catalogue")
    g.add_argument("--days", type=float, help="limit in working days (0, 0.5, 1, …)")
    s.add_argument("--received", required=True, help='"YYYY-MM-DD HH:MM"')
    s.add_argument("--explain", action="store_true", help="also print the reasoning")

    s = sub.add_parser("calendar", help="list days off and make-up working days of a year")
    s.add_argument("--year", type=int, required=True)

    s = sub.add_parser("register", help="legacy logbook import/export (.csv or .xlsx)")
    rsub = s.add_subparsers(dest="register_command", required=True, parser_class=_Parser)
    r = rsub.add_parser("import")
    r.add_argument("file")
    r.add_argument("--dry-run", action="store_true")
    r = rsub.add_parser("export")
    r.add_argument("file")

    s = sub.add_parser("report", help="Biểu 06 and indicators for a period")
    s.add_argument("--from", dest="date_from", help="YYYY-MM-DD")
    s.add_argument("--to", dest="date_to", help="YYYY-MM-DD")
    s.add_argument(
        "--quarter", type=int, help="quarter 1-4 (with --year), per the quarter_scheme setting"
    )
    s.add_argument("--month", type=int, help="month 1-12 (with --year)")
    s.add_argument("--year", type=int)
    s.add_argument("--format", choices=("table", "json", "xlsx", "pdf"), default="table")
    s.add_argument("-o", "--output")
    s.add_argument("--office", help="city database: one ward's agency code")
    s.add_argument(
        "--by-office", action="store_true", help="city database: indicators per ward, ranked"
    )

    s = sub.add_parser("export", help="weekly package for the city (.wardpkg)")
    s.add_argument("-o", "--output", required=True, help="folder to write the package into")
    s.add_argument("--full", action="store_true", help="a full snapshot, not only changes")
    s.add_argument("--since", help="changes since this date (YYYY-MM-DD)")
    s.add_argument("--year", type=int, help="city database: the year of the reference data")

    s = sub.add_parser("reference", help="ward: show (and --accept) the city's reference package")
    s.add_argument("file")
    s.add_argument("--accept", action="store_true")

    s = sub.add_parser("import", help="city: verify and apply ward packages")
    s.add_argument("files", nargs="+")
    s.add_argument("--dry-run", action="store_true")

    s = sub.add_parser("ward", help="city: register a ward whose packages will be imported")
    wsub = s.add_subparsers(dest="ward_command", required=True, parser_class=_Parser)
    w = wsub.add_parser("add")
    w.add_argument("--office-name", required=True)
    w.add_argument("--office-code", required=True)

    sub.add_parser("offices", help="city: wards, last package received, missing packages")

    s = sub.add_parser("user", help="staff accounts (the first one must be an administrator)")
    usub = s.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    u = usub.add_parser("add")
    u.add_argument("username")
    u.add_argument("--full-name", required=True)
    u.add_argument("--role", required=True, choices=("clerk", "leader", "city", "admin"))
    u.add_argument("--title", default="")
    u = usub.add_parser("passwd", help="set a password (asked for, or WARDAPP_NEW_PASSWORD)")
    u.add_argument("username")
    u = usub.add_parser("role")
    u.add_argument("username")
    u.add_argument("role", choices=("clerk", "leader", "city", "admin"))
    for name in ("disable", "enable", "unlock"):
        usub.add_parser(name).add_argument("username")
    usub.add_parser("list")

    sub.add_parser("verify", help="check the database and the hash chain of the history")
    s = sub.add_parser("backup", help="back up the database now (online backup API) and rotate")
    s.add_argument("-o", "--output", help="folder (default: the backup_folder setting)")
    s = sub.add_parser("restore", help="replace the database with a checked backup")
    s.add_argument("file")
    s.add_argument(
        "--foreign",
        action="store_true",
        help="administrator: accept a backup of another office, kind (ward/city) or demo data",
    )

    s = sub.add_parser("receipt", help="Mẫu 01 receipt and appointment slip (PDF)")
    s.add_argument("code")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("apology", help="Mẫu 04 apology letter; records the apology (PDF)")
    s.add_argument("code", nargs="?")
    s.add_argument("--batch", action="store_true", help="every late/near-late dossier without one")
    s.add_argument("--reason", required=True)
    g = s.add_mutually_exclusive_group()
    g.add_argument("--days", type=float, help="extension in working days")
    g.add_argument("--new-due", help='"YYYY-MM-DD HH:MM"')
    s.add_argument("--signer", help="chairman (default) or a deputy's name")
    s.add_argument("--channel", choices=("paper", "email", "sms"), default="paper")
    s.add_argument("--actor", default="cli")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("reprint", help="an issued apology or commitment, byte for byte")
    s.add_argument("kind", choices=("apology", "commitment", "supplement", "refusal", "stop"))
    s.add_argument("ref", help="dossier code, or the year of a commitment")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("commitment", help="head-of-unit commitment form with annex (PDF)")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--approver", help="city chairman who approves (stored)")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("control-sheet", help="process-control sheet of a dossier (PDF)")
    s.add_argument("code")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("logbook", help="the logbook of a period (PDF, landscape)")
    s.add_argument("--from", dest="date_from", required=True)
    s.add_argument("--to", dest="date_to", required=True)
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("dossier", help="dossier lifecycle from the command line")
    dsub = s.add_subparsers(dest="dossier_command", required=True, parser_class=_Parser)
    d = dsub.add_parser("intake", help="receive a dossier; prints its code and due time")
    d.add_argument("--procedure", required=True)
    d.add_argument("--name", required=True)
    d.add_argument("--id-number", default="")
    d.add_argument("--phone", default="")
    d.add_argument("--email", default="")
    d.add_argument("--address", default="")
    d.add_argument("--channel", default="direct")
    d.add_argument("--received", help='"YYYY-MM-DD HH:MM" (default: now)')
    d.add_argument("--actor", default="cli")
    d = dsub.add_parser("show")
    d.add_argument("code")
    for name, extra in (
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
    ):
        d = dsub.add_parser(name)
        d.add_argument("code")
        for e in extra:
            d.add_argument(f"--{e}", required=True)
        d.add_argument("--at", help='"YYYY-MM-DD HH:MM" (default: now)')
        d.add_argument("--actor", default="cli")
        if name in FORM_STEPS:
            d.add_argument(
                "-o", "--output", help=f"write its form ({FORM_STEPS[name][1]}, PDF) and archive it"
            )
        if name == "supplement":
            d.add_argument(
                "--missing",
                action="append",
                default=[],
                help='a document asked for, "NAME" or "NAME=originals/certified/copies" '
                "(repeat for each)",
            )
    d = dsub.add_parser("apologise")
    d.add_argument("code")
    d.add_argument("--reason", required=True)
    d.add_argument("--signer", required=True)
    g = d.add_mutually_exclusive_group(required=True)
    g.add_argument("--days", type=float)
    g.add_argument("--new-due")
    d.add_argument("--actor", default="cli")
    return p


# -- commands --------------------------------------------------------------------------------


def _ward(args, create: bool = False):
    """Open the database; only ``init`` and ``demo`` may create it (a typo in --db must not
    leave an empty database behind)."""
    from wardapp.office.paths import default_db_path
    from wardapp.office.store import Ward

    path = default_db_path(args.db)
    if not create and not path.exists():
        raise WardError(
            f"Chưa có cơ sở dữ liệu {path}: chạy 'wardapp init --office-name … --office-code …' "
            "hoặc 'wardapp demo' trước (no database there yet)."
        )
    ward = Ward.open(path)
    _sign_in(ward, args)
    return ward


def _sign_in(ward, args) -> None:
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
    auth.sign_in(ward, username, _secret("WARDAPP_PASSWORD", f"Mật khẩu của {username}: "))


def cmd_init(args) -> int:
    from wardapp.common import validation
    from wardapp.setup.office import init_office

    # Validate before the file is created: a bad command leaves nothing behind.
    validation.required_text(args.office_name, "Tên cơ quan")
    validation.agency_code(args.office_code)
    ward = _ward(args, create=True)
    office = init_office(
        ward,
        name=args.office_name,
        agency_code=args.office_code,
        parent=args.parent,
        address=args.address,
        chairman=args.chairman,
        kind="city" if args.city else "ward",
    )
    print(f"{office.name} ({office.agency_code}): {ward.path}")
    return 0


def cmd_demo(args) -> int:
    from wardapp.setup import demo

    if args.dossiers < 0:
        raise WardError("--dossiers phải ≥ 0")
    from wardapp.office.identity import file_identity
    from wardapp.office.paths import default_db_path

    path = default_db_path(args.db)
    if path.exists():  # read as it is, before opening migrates or signs in: nothing changes
        found = file_identity(path)
        if found.office_code is not None and not found.demo:
            raise WardError(demo.refusal(path, found))
    ward = _ward(args, create=True)
    n = demo.generate(ward, dossiers=args.dossiers, seed=args.seed)
    print(f"{n} hồ sơ mẫu đã ghi vào {ward.path}")
    return 0


def _rules_for(args):
    """Rules from the database when it exists; otherwise defaults plus the shipped calendar,
    so ``due`` and ``calendar`` work without creating a database."""
    from wardapp.office.paths import default_db_path

    path = default_db_path(args.db)
    if path.exists():
        ward = _ward(args)
        return ward, ward.rules()
    from wardapp.office.store import shipped_rules

    return None, shipped_rules()


def cmd_due(args) -> int:
    from wardapp.calendar.deadlines import compute_due, explain_due, parse_hhmm

    try:
        received = parse_local(args.received)
    except ValueError as exc:
        raise WardError(f"--received: {exc}") from None
    ward, rules = _rules_for(args)
    cutoff = rules.cutoff
    if args.procedure:
        if ward is not None:
            from wardapp.dossiers.lifecycle.intake import find_procedure

            with ward.read() as s:
                proc = find_procedure(s, args.procedure, received)
                days, cut = proc.limit_days, proc.cutoff
        else:
            from wardapp.office.store import load_resource_json

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
    from wardapp.calendar.working_days import KIND_LABELS

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


def cmd_register(args) -> int:
    from wardapp.dossiers.logbook import export_logbook, import_logbook

    ward = _ward(args)
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
    if res.dry_run:
        print(f"{res.rows} dòng hợp lệ (chạy thử, chưa ghi)")
    else:
        print(f"{res.written} hồ sơ đã nhập")
    return 0


def _period(args, scheme: str):
    from wardapp.calendar import periods

    try:
        if args.date_from or args.date_to:
            if not (args.date_from and args.date_to):
                raise WardError("cần cả --from và --to")
            start = date.fromisoformat(args.date_from)
            end = date.fromisoformat(args.date_to)
            return periods.Period(start, end, f"{start:%d/%m/%Y} - {end:%d/%m/%Y}")
        if getattr(args, "year", None) and getattr(args, "quarter", None):
            return periods.quarter(
                getattr(args, "year", None), getattr(args, "quarter", None), scheme
            )
        if getattr(args, "year", None) and getattr(args, "month", None):
            if not 1 <= getattr(args, "month", None) <= 12:
                raise WardError(f"--month {getattr(args, 'month', None)} phải từ 1 đến 12")
            return periods.month(getattr(args, "year", None), getattr(args, "month", None))
        if getattr(args, "year", None):
            return periods.year(getattr(args, "year", None), scheme)
    except ValueError as exc:
        raise WardError(f"kỳ báo cáo không hợp lệ: {exc}") from None
    raise WardError("cần --from/--to, hoặc --year với --quarter/--month")


def _table(report) -> str:
    from wardapp.indicators.report import INDICATOR_LABELS

    heads = [
        "Lĩnh vực",
        "Nhận",
        "T.tuyến",
        "T.tiếp/BC",
        "Kỳ trước",
        "Đã GQ",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Đang GQ",
        "Trong hạn",
        "Quá hạn",
        "Rút",
        "Từ chối",
    ]
    body = [[f, *c.columns().values()] for f, c in report.rows.items()]
    body.append(["Tổng cộng", *report.total.columns().values()])
    widths = [max(len(str(r[i])) for r in [heads, *body]) for i in range(len(heads))]
    lines = [
        f"Biểu 06/VPCP/KSTT — {report.period.label} "
        f"({report.period.start:%d/%m/%Y} - {report.period.end:%d/%m/%Y})",
        "  ".join(
            h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(heads)
        ),
    ]
    for r in body:
        lines.append(
            "  ".join(
                str(v).ljust(widths[0]) if i == 0 else str(v).rjust(widths[i])
                for i, v in enumerate(r)
            )
        )
    for k, v in report.total.indicators().items():
        lines.append(f"{INDICATOR_LABELS[k]}: {'—' if v is None else f'{v * 100:.2f}%'}")
    lines.append(f"Bước xử lý nhập lùi (ghi sau quá thời hạn cho phép): {report.backdated_events}")
    return "\n".join(lines)


def cmd_report(args) -> int:
    from wardapp.indicators.report import build_report

    ward = _ward(args)
    period = _period(args, ward.rules().settings["quarter_scheme"])
    with ward.read() as s:
        office = ward.office(s)
        if args.office or args.by_office:
            if office.kind != "city":
                raise WardError("--office/--by-office chỉ dùng với cơ sở dữ liệu thành phố")
            if args.by_office:
                print(_by_office_table(s, period))
                return 0
            from sqlalchemy import select

            from db.models import Office

            office = s.scalars(select(Office).where(Office.agency_code == args.office)).first()
            if office is None:
                raise WardError(f"không có đơn vị mã {args.office}")
        report = build_report(s, period, office_id=None if office.kind == "city" else office.id)
        report.office = office.name
    if args.format in ("xlsx", "pdf"):
        if not args.output:
            raise WardError(f"--format {args.format} cần -o TỆP.{args.format}")
        if args.format == "xlsx":
            from wardapp.indicators.report_xlsx import write_report_xlsx

            write_report_xlsx(report, args.output, office.name)
        else:
            from wardapp.documents.tables import report_pdf

            report_pdf(ward, report, args.output)
        print(f"đã ghi {args.output}")
        return 0
    text = (
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
        if args.format == "json"
        else _table(report)
    )
    if args.output:
        from wardapp.common.atomic import atomic_target

        with atomic_target(args.output) as tmp:
            Path(tmp).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def _print_dossier(ward, code: str) -> None:
    from wardapp.dossiers.lifecycle.statuses import EVENT_LABELS, STATUS_LABELS
    from wardapp.dossiers.lifecycle.transition import get_dossier

    with ward.read() as s:
        d = get_dossier(s, code)
        print(f"{d.code}  {d.procedure.name}")
        print(f"  Người nộp: {d.applicant_name}  {d.applicant_id}  {d.phone}")
        print(f"  Trạng thái: {STATUS_LABELS[d.status]} ({fmt_local(d.status_at)})")
        print(f"  Tiếp nhận: {fmt_local(d.received_at)}  Hẹn trả: {fmt_local(d.due_at)}")
        for ap in d.apologies:
            print(f"  Xin lỗi số {ap.number}/{ap.year}: hẹn lại {fmt_local(ap.new_due_at)}")
        for e in d.events:
            extra = " ".join(x for x in (e.agency, e.reason) if x)
            print(
                f"  {e.seq:>2}. {fmt_local(e.at)}  {EVENT_LABELS.get(e.kind, e.kind)}  {e.actor}  {extra}".rstrip()
                + (f"  [nhập lùi, ghi lúc {fmt_local(e.recorded_at)}]" if e.backdated else "")
            )


def cmd_dossier(args) -> int:
    from wardapp.dossiers.lifecycle import closing, processing
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake
    from wardapp.dossiers.lifecycle.statuses import STATUS_LABELS

    ward = _ward(args)
    c = args.dossier_command
    if c == "show":
        _print_dossier(ward, args.code)
        return 0
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
                received_at=received,
            ),
            args.actor,
        )
        print(f"{d.code}\t{fmt_local(d.due_at)}")
        return 0
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
        from wardapp.documents.wording import doc_number

        sym = ward.rules().settings["apology_symbol"]
        print(f"Số {doc_number(ap.number, sym)}: hẹn lại {fmt_local(ap.new_due_at)}")
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
    d = fn(ward, args.code, args.actor, at=at, **kwargs)
    print(f"{d.code}\t{STATUS_LABELS[d.status]}\t{fmt_local(d.status_at)}")
    return 0


def _form_step(ward, args, at) -> int:
    """A step whose form the law wants in writing: with -o the form is issued with it."""
    from wardapp.documents import step_forms
    from wardapp.dossiers.lifecycle.statuses import STATUS_LABELS
    from wardapp.dossiers.lifecycle.transition import get_dossier

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


def _by_office_table(s, period) -> str:
    from wardapp.indicators.report import INDICATORS, ranked_offices

    head = [
        "Hạng",
        "Đơn vị",
        "Nhận",
        "Đúng hạn",
        "Trực tuyến",
        "TT trực tuyến",
        "Xin lỗi",
        "Ghi trả",
    ]
    lines = [f"{period.label} ({period.start:%d/%m/%Y} - {period.end:%d/%m/%Y})", " | ".join(head)]
    for r in ranked_offices(s, period):
        ind = r.counts.indicators()
        cells = ["—" if ind[k] is None else f"{ind[k] * 100:.2f}%" for k in INDICATORS]
        lines.append(
            " | ".join([str(r.rank), r.name, str(r.counts.columns()["received_total"]), *cells])
        )
    return "\n".join(lines)


def cmd_export(args) -> int:
    from wardapp.exchange.export import export_package

    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            raise WardError(f"--since '{args.since}' phải là YYYY-MM-DD") from None
    ward = _ward(args)
    with ward.read() as s:
        is_city = ward.office(s).kind == "city"
    if is_city:
        from wardapp.common.clock import now_local
        from wardapp.exchange.reference import export_reference

        print(export_reference(ward, args.output, args.year or now_local().year))
        return 0
    res = export_package(ward, args.output, full=args.full, since=since)
    counts = ", ".join(f"{k} {v}" for k, v in res.counts.items())
    print(f"{res.path} (gói số {res.seq}; {counts}; sha256 {res.sha256[:16]}…)")
    return 0


def cmd_reference(args) -> int:
    from wardapp.exchange.reference import apply_reference

    diff = apply_reference(_ward(args), args.file, accept=args.accept)
    print("\n".join(diff.lines()))
    if not diff.empty:
        print("đã áp dụng" if args.accept else "chưa áp dụng: chạy lại với --accept để nhận")
    return 0


def cmd_import(args) -> int:
    from wardapp.exchange.city.importing import import_packages

    summaries = import_packages(_ward(args), args.files, dry_run=args.dry_run)
    for sm in summaries:
        print(sm.line())
        for c in sm.conflicts:
            print(f"  xung đột: {c}")
        for r in sm.rejected:
            print(f"  loại: {r}")
    return EXIT_ERROR if any(sm.status == "refused" for sm in summaries) else 0


def cmd_ward(args) -> int:
    from wardapp.exchange.city.wards import add_ward

    o = add_ward(_ward(args), name=args.office_name, agency_code=args.office_code)
    print(f"{o.name} ({o.agency_code})")
    return 0


def cmd_offices(args) -> int:
    from wardapp.exchange.city.status import office_statuses
    from wardapp.exchange.ranges import describe

    for st in office_statuses(_ward(args)):
        missing = f"; thiếu gói số {', '.join(map(str, st.missing))}" if st.missing else ""
        hole = f"; {describe(st.change_holes)}" if st.change_holes else ""
        last = f"gói {st.last_seq}, tuần {st.last_week}" if st.last_seq else "chưa có gói nào"
        print(f"{st.code}  {st.name}: {st.packages} gói, cuối cùng {last}{missing}{hole}")
    return 0


def cmd_receipt(args) -> int:
    from wardapp.documents.receipt import receipt_pdf

    print(f"đã ghi {receipt_pdf(_ward(args), args.code, args.output)}")
    return 0


def cmd_apology(args) -> int:
    from wardapp.documents.apology import issue_apology, issue_batch

    ward = _ward(args)
    if args.batch:
        if args.code or args.new_due:
            raise WardError("--batch không đi cùng mã hồ sơ hay --new-due")
        res = issue_batch(
            ward,
            args.actor,
            args.output,
            reason=args.reason,
            signer=args.signer,
            extra_days=args.days,
        )
    else:
        if not args.code:
            raise WardError("cần mã hồ sơ, hoặc --batch")
        new_due = parse_local(args.new_due) if args.new_due else None
        res = issue_apology(
            ward,
            args.code,
            args.actor,
            args.output,
            reason=args.reason,
            signer=args.signer,
            extra_days=args.days,
            new_due=new_due,
            channel=args.channel,
        )
    from wardapp.documents.wording import doc_number

    sym = ward.rules().settings["apology_symbol"]
    for ap in res.apologies:
        print(f"Số {doc_number(ap.number, sym)}: hẹn lại {fmt_local(ap.new_due_at)}")
    print(f"đã ghi {res.path} (sha256 {res.sha256[:16]}…)")
    return 0


def cmd_reprint(args) -> int:
    from sqlalchemy import select

    from db.models import Apology, Commitment
    from wardapp.documents import archive
    from wardapp.dossiers.lifecycle.transition import get_dossier

    ward = _ward(args)
    with ward.read() as s:
        if args.kind in ("supplement", "refusal", "stop"):
            from wardapp.documents.step_forms import issued

            doc = issued(s, args.kind, args.ref)
        elif args.kind == "apology":
            d = get_dossier(s, args.ref)
            ap = s.scalars(
                select(Apology).where(Apology.dossier_id == d.id).order_by(Apology.nth.desc())
            ).first()
            if ap is None:
                raise WardError(f"Hồ sơ {d.code} chưa có văn bản xin lỗi.")
            doc = archive.find(s, "apology", ap.uuid)
        else:
            if not args.ref.isdigit():
                raise WardError("năm phải là số, ví dụ 2026")
            c = s.scalars(select(Commitment).where(Commitment.year == int(args.ref))).first()
            if c is None:
                raise WardError(f"Chưa có cam kết năm {args.ref}.")
            doc = archive.find(s, "commitment", c.uuid)
    archive.write_copy(doc, args.output)
    print(
        f"đã ghi {args.output} (bản phát hành lúc {fmt_local(doc.issued_at)}, sha256 {doc.sha256[:16]}…)"
    )
    return 0


def cmd_commitment(args) -> int:
    from wardapp.documents.commitment_form import commitment_pdf

    print(f"đã ghi {commitment_pdf(_ward(args), args.year, args.output, approver=args.approver)}")
    return 0


def cmd_control_sheet(args) -> int:
    from wardapp.documents.tables import control_sheet_pdf

    print(f"đã ghi {control_sheet_pdf(_ward(args), args.code, args.output)}")
    return 0


def cmd_logbook(args) -> int:
    from wardapp.documents.tables import logbook_pdf

    ward = _ward(args)
    period = _period(args, ward.rules().settings["quarter_scheme"])
    print(f"đã ghi {logbook_pdf(ward, period, args.output)}")
    return 0


def _secret(env: str, prompt: str, *, confirm: bool = False) -> str:
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


def _new_password(username: str) -> str:
    return _secret("WARDAPP_NEW_PASSWORD", f"Mật khẩu mới cho {username}: ", confirm=True)


def cmd_user(args) -> int:
    from wardapp.trust import auth

    ward = _ward(args)
    c = args.user_command
    if c == "add":
        u = auth.add_account(
            ward,
            args.username,
            args.full_name,
            args.role,
            _new_password(args.username),
            title=args.title,
        )
        print(f"đã tạo tài khoản {u.username} ({u.role_label})")
    elif c == "passwd":
        auth.set_password(ward, args.username, _new_password(args.username))
        print(f"đã đặt mật khẩu mới cho {args.username}")
    elif c == "role":
        auth.update_account(ward, args.username, role=args.role)
        print(f"{args.username}: {auth.ROLES[args.role]}")
    elif c in ("disable", "enable"):
        auth.update_account(ward, args.username, active=c == "enable")
        print(f"{args.username}: {'hoạt động' if c == 'enable' else 'ngừng hoạt động'}")
    elif c == "unlock":
        auth.unlock(ward, args.username)
        print(f"đã mở khoá {args.username}")
    else:
        for a in auth.list_accounts(ward):
            state = "" if a["active"] else " (ngừng)"
            kind = (
                auth.ROLES.get(a["role"], a["role"]) if a["account"] else "chỉ tên, không đăng nhập"
            )
            print(f"{a['username']:<14} {a['full_name']:<28} {kind}{state}")
    return 0


def cmd_verify(args) -> int:
    from wardapp.trust import backup, chain

    ward = _ward(args)
    check = backup.integrity(ward.path)
    with ward.read() as s:
        reports = chain.verify(s, allow_gaps=ward.office(s).kind == "city")
    print(f"integrity_check: {check}")
    for r in reports:
        print(r.message())
    return 0 if check == "ok" and all(r.ok for r in reports) else EXIT_ERROR


def cmd_backup(args) -> int:
    from wardapp.trust import backup

    ward = _ward(args)
    path = backup.backup_now(ward, args.output)
    print(f"đã sao lưu vào {path}")
    return 0


def cmd_restore(args) -> int:
    from wardapp.trust import backup

    ward = _ward(args)
    try:
        res = backup.restore(ward, args.file, foreign=args.foreign)
    except backup.ForeignBackup as exc:
        raise WardError(f"{exc} Quản trị vẫn muốn khôi phục: thêm --foreign.") from None
    print(f"đã khôi phục từ {res.restored_from}; bản trước đó giữ tại {res.replaced_copy}")
    print(res.chain)
    return 0


COMMANDS = {
    "user": cmd_user,
    "verify": cmd_verify,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "import": cmd_import,
    "reference": cmd_reference,
    "ward": cmd_ward,
    "offices": cmd_offices,
    "receipt": cmd_receipt,
    "apology": cmd_apology,
    "reprint": cmd_reprint,
    "commitment": cmd_commitment,
    "control-sheet": cmd_control_sheet,
    "logbook": cmd_logbook,
    "init": cmd_init,
    "demo": cmd_demo,
    "due": cmd_due,
    "calendar": cmd_calendar,
    "register": cmd_register,
    "report": cmd_report,
    "dossier": cmd_dossier,
}


def main(argv: Sequence[str] | None = None) -> int:
    from db.changes import DatabaseReplaced
    from db.engine import DatabaseError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except (WardError, DatabaseError, DatabaseReplaced) as exc:
        print(f"wardapp: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except ValueError as exc:  # e.g. a malformed date typed on the command line
        print(f"wardapp: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
