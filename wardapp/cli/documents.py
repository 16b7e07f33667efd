"""The printed forms: receipt (Mẫu 01), apology (Mẫu 04) and its byte-for-byte reprint, the
commitment form, the process-control sheet and the logbook of a period, each a PDF."""

from __future__ import annotations

import argparse
from datetime import date

from wardapp.cli.shared import open_ward, period_of
from wardapp.common import WardError, fmt_local, parse_local


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không phải ngày dạng YYYY-MM-DD") from None


def register(sub) -> None:
    s = sub.add_parser("receipt", help="Mẫu 01 receipt and appointment slip (PDF)")
    s.add_argument("code")
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_receipt)

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
    s.set_defaults(func=cmd_apology)

    s = sub.add_parser("reprint", help="an issued apology or commitment, byte for byte")
    s.add_argument("kind", choices=("apology", "commitment", "supplement", "refusal", "stop"))
    s.add_argument("ref", help="dossier code, or the year of a commitment")
    s.add_argument("--amendment", type=int, help="commitment: 0 the original, 1, 2… its amendments")
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_reprint)

    s = sub.add_parser("commitment", help="head-of-unit commitment form with annex (PDF)")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--approver", help="city chairman who approves (stored)")
    s.add_argument(
        "--date",
        type=_day,
        help="signing date YYYY-MM-DD (stored; default today)",
    )
    s.add_argument(
        "--amend",
        action="store_true",
        help="sign an amended commitment adding the targets the year's lacks (supersedes it)",
    )
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_commitment)

    s = sub.add_parser("control-sheet", help="process-control sheet of a dossier (PDF)")
    s.add_argument("code")
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_control_sheet)

    s = sub.add_parser("logbook", help="the logbook of a period (PDF, landscape)")
    s.add_argument("--from", dest="date_from", required=True)
    s.add_argument("--to", dest="date_to", required=True)
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_logbook)


def cmd_receipt(args) -> int:
    from wardapp.documents import receipt_pdf

    print(f"đã ghi {receipt_pdf(open_ward(args), args.code, args.output)}")
    return 0


def cmd_apology(args) -> int:
    from wardapp.documents import issue_apology, issue_batch

    ward = open_ward(args)
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
    from wardapp.documents import doc_number

    sym = ward.rules().settings["apology_symbol"]
    for ap in res.apologies:
        print(f"Số {doc_number(ap.number, sym)}: hẹn lại {fmt_local(ap.new_due_at)}")
    print(f"đã ghi {res.path} (sha256 {res.sha256[:16]}…)")
    return 0


def cmd_reprint(args) -> int:
    from sqlalchemy import select

    from db.models import Apology, Commitment
    from wardapp.documents import archive, reprints
    from wardapp.dossiers import get_dossier

    ward = open_ward(args)
    with ward.read() as s:
        if args.kind in ("supplement", "refusal", "stop"):
            from wardapp.documents import issued

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
            # the year's commitment as it stands (its latest amendment), or the one asked for:
            # an amended commitment leaves the original signed paper reprintable
            q = select(Commitment).where(Commitment.year == int(args.ref))
            if args.amendment is not None:
                q = q.where(Commitment.amendment == args.amendment)
            c = s.scalars(q.order_by(Commitment.amendment.desc())).first()
            if c is None:
                which = "" if args.amendment is None else f" (sửa đổi lần {args.amendment})"
                raise WardError(f"Chưa có cam kết năm {args.ref}{which}.")
            doc = archive.find(s, "commitment", c.uuid)
    reprints.write_copy(ward, doc.id, args.output)  # refused if the bytes are not those issued
    print(
        f"đã ghi {args.output} (bản phát hành lúc {fmt_local(doc.issued_at)}, sha256 {doc.sha256[:16]}…)"
    )
    return 0


def cmd_commitment(args) -> int:
    from wardapp.common import now_local
    from wardapp.documents import commitment_pdf

    path = commitment_pdf(
        open_ward(args),
        args.year,
        args.output,
        approver=args.approver,
        signed_on=args.date or now_local().date(),
        amend=args.amend,
    )
    print(f"đã ghi {path}")
    return 0


def cmd_control_sheet(args) -> int:
    from wardapp.documents import control_sheet_pdf

    print(f"đã ghi {control_sheet_pdf(open_ward(args), args.code, args.output)}")
    return 0


def cmd_logbook(args) -> int:
    from wardapp.documents import logbook_pdf

    ward = open_ward(args)
    period = period_of(args, ward.rules().settings["quarter_scheme"])
    print(f"đã ghi {logbook_pdf(ward, period, args.output)}")
    return 0
