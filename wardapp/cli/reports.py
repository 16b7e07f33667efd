"""``wardapp report``: Biểu 06 and the indicators of a period, as a table, JSON, .xlsx or PDF;
on a city database also per ward and ranked."""

from __future__ import annotations

import json
from pathlib import Path

from wardapp.cli.shared import open_ward, period_of
from wardapp.common import WardError


def register(sub) -> None:
    s = sub.add_parser("report", help="Biểu 06 and indicators for a period")
    s.add_argument(
        "what",
        nargs="?",
        choices=("bieu06", "late-by-agency"),
        default="bieu06",
        help="late-by-agency: Hồ sơ quá hạn theo cơ quan (the agency that held each late one)",
    )
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
    s.set_defaults(func=cmd_report)
    r = sub.add_parser(
        "rank", help="city or province database: its communes ranked for a year or a quarter"
    )
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--quarter", type=int, help="quarter 1-4, per the quarter_scheme setting")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_rank)
    r = sub.add_parser(
        "rollup", help="city or province database: its half-month sums of Biểu 06's counts"
    )
    r.add_argument("action", choices=("rebuild",), help="rebuild: again from the dossiers")
    r.set_defaults(func=cmd_rollup)
    e = sub.add_parser(
        "evidence", help="evidence annex: each indicator, its definition and its dossiers"
    )
    e.add_argument("--year", type=int, required=True)
    e.add_argument("-o", "--output", required=True, help="FILE.pdf or FILE.xlsx")
    e.add_argument("--office", help="city database: one ward's agency code")
    e.set_defaults(func=cmd_evidence)


def cmd_rank(args) -> int:
    """The communes of a consolidating database (a city's, or a province's importing the wards'
    packages, the same signed files the city gets) ranked as ``ranked_offices`` orders them."""
    from wardapp.calendar import periods
    from wardapp.indicators import ranked_offices

    ward = open_ward(args)
    scheme = ward.rules().settings["quarter_scheme"]
    if args.quarter is not None and not 1 <= args.quarter <= 4:
        raise WardError(f"--quarter {args.quarter} phải từ 1 đến 4")
    try:
        period = (
            periods.quarter(args.year, args.quarter, scheme)
            if args.quarter
            else periods.year(args.year, scheme)
        )
    except ValueError as exc:
        raise WardError(f"kỳ xếp hạng không hợp lệ: {exc}") from None
    with ward.read() as s:
        if ward.office(s).kind != "city":
            raise WardError("xếp hạng chỉ dùng với cơ sở dữ liệu tổng hợp (thành phố, tỉnh)")
        ranks = ranked_offices(s, period)
    if args.json:
        found = {"period": period.as_dict(), "communes": [r.as_dict() for r in ranks]}
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    head = ["Hạng", "Mã", "Đơn vị", "Đã giải quyết", "Đúng hạn", "Xin lỗi/quá hạn"]
    lines = [f"{period.label} ({period.start:%d/%m/%Y} - {period.end:%d/%m/%Y})"]
    lines.append(" | ".join([*head, "Hài lòng", "Sáng kiến"]))
    for r in ranks:
        d = r.as_dict()
        rates = [_percent(d[k]) for k in ("on_time_rate", "apology_rate", "satisfaction_rate")]
        cells = [str(r.rank), r.code, r.name, str(d["resolved_total"]), *rates]
        lines.append(" | ".join([*cells, str(r.initiatives)]))
    print("\n".join(lines))
    return 0


def cmd_rollup(args) -> int:
    """After a restore (or when ``verify`` finds the sums wrong): recompute them all."""
    from wardapp.indicators import rebuild_rollup

    n = rebuild_rollup(open_ward(args))
    print(f"đã tính lại bảng tổng hợp số liệu từ hồ sơ: {n} dòng")
    return 0


def _percent(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.2f}%"


def cmd_evidence(args) -> int:
    from wardapp.documents import evidence_annex

    if not str(args.output).lower().endswith((".pdf", ".xlsx")):
        raise WardError("-o phải là tệp .pdf hoặc .xlsx")
    ward = open_ward(args)
    evidence_annex(ward, args.year, args.output, args.office or "")
    print(f"đã ghi {args.output}")
    return 0


def cmd_report(args) -> int:
    from wardapp.indicators import build_report

    ward = open_ward(args)
    period = period_of(args, ward.rules().settings["quarter_scheme"])
    if args.what == "late-by-agency":
        return _late_by_agency(ward, period, args)
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
            from wardapp.documents import report_heading
            from wardapp.indicators import write_report_xlsx

            with ward.read() as s:
                heading = report_heading(ward, s)
            write_report_xlsx(report, args.output, office.name, heading)
        else:
            from wardapp.documents import report_pdf
            from wardapp.indicators import late_by_agency

            with ward.read() as s:  # the split of the report's own scope (a city's one ward)
                scope = None if office.kind == "city" else office.id
                late = late_by_agency(s, ward.rules(), period, office_id=scope)
            report_pdf(ward, report, args.output, late)
        print(f"đã ghi {args.output}")
        return 0
    text = (
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
        if args.format == "json"
        else _table(report)
    )
    return _emit(text, args.output)


def _late_by_agency(ward, period, args) -> int:
    """Hồ sơ quá hạn theo cơ quan as a table, JSON or .xlsx (``wardapp.indicators``)."""
    from wardapp.indicators import WARD_LABEL, late_by_agency, write_late_xlsx

    if args.format == "pdf":
        raise WardError("báo cáo quá hạn theo cơ quan: dùng --format table, json hoặc xlsx")
    with ward.read() as s:
        office = ward.office(s)
        scope = None if office.kind == "city" else office.id
        if args.office:
            from sqlalchemy import select

            from db.models import Office

            if office.kind != "city":
                raise WardError("--office chỉ dùng với cơ sở dữ liệu thành phố")
            office = s.scalars(select(Office).where(Office.agency_code == args.office)).first()
            if office is None:
                raise WardError(f"không có đơn vị mã {args.office}")
            scope = office.id
        r = late_by_agency(s, ward.rules(), period, office_id=scope)
        r.office = office.name
    if args.format == "xlsx":
        if not args.output:
            raise WardError("--format xlsx cần -o TỆP.xlsx")
        write_late_xlsx(r, args.output)
        print(f"đã ghi {args.output}")
        return 0
    if args.format == "json":
        text = json.dumps(r.as_dict(), ensure_ascii=False, indent=2)
    else:
        lines = [f"Hồ sơ quá hạn theo cơ quan — {period.label}: {len(r.dossiers)} hồ sơ"]
        for agency, ds in r.agencies():
            lines.append(f"{agency or WARD_LABEL}: {len(ds)}")
            for d in ds:
                steps = "; ".join(
                    f"{x.agency} giao {x.given_at:%d/%m %H:%M}, "
                    + (f"nhận {x.taken_at:%d/%m %H:%M}" if x.taken_at else "chưa trả")
                    for x in d.steps
                )
                lines.append(f"  {d.code}  {d.procedure}" + (f"  ({steps})" if steps else ""))
        text = "\n".join(lines)
    return _emit(text, args.output)


def _emit(text: str, output: str | None) -> int:
    """The report's text into ``-o FILE`` (whole or not at all), else onto the console."""
    if output:
        from wardapp.common import atomic_target

        with atomic_target(output) as tmp:
            Path(tmp).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def _table(report) -> str:
    from wardapp.indicators import INDICATOR_LABELS

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


def _by_office_table(s, period) -> str:
    from wardapp.indicators import INDICATORS, ranked_offices

    head = [
        "Hạng",
        "Đơn vị",
        "Nhận",
        "Đúng hạn",
        "Trực tuyến",
        "TT trực tuyến",
        "Xin lỗi",
        "Ghi trả",
        "Hài lòng",
        "Sáng kiến",
    ]
    lines = [f"{period.label} ({period.start:%d/%m/%Y} - {period.end:%d/%m/%Y})", " | ".join(head)]
    for r in ranked_offices(s, period):
        ind = r.counts.indicators()
        cells = ["—" if ind[k] is None else f"{ind[k] * 100:.2f}%" for k in INDICATORS]
        lines.append(
            " | ".join(
                [
                    str(r.rank),
                    r.name,
                    str(r.counts.columns()["received_total"]),
                    *cells,
                    str(r.initiatives),
                ]
            )
        )
    return "\n".join(lines)
