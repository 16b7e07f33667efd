"""``wardapp initiative``: the register of reform initiatives and their evidence files."""

from __future__ import annotations

from datetime import date

from wardapp.cli.shared import Parser, open_ward
from wardapp.common import ValidationError

_STATUSES = ("proposed", "recognised", "applied", "replicated")


def _day(text: str, label: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(label, f"'{text}' không phải ngày YYYY-MM-DD") from None


def register(sub) -> None:
    s = sub.add_parser("initiative", help="reform initiatives (sáng kiến cải cách hành chính)")
    isub = s.add_subparsers(dest="initiative_command", required=True, parser_class=Parser)
    a = isub.add_parser("add", help="register an initiative; prints its number")
    a.add_argument("--title", required=True)
    a.add_argument("--authors", required=True)
    a.add_argument("--field", default="")
    a.add_argument("--proposed", required=True, help="date proposed, YYYY-MM-DD")
    a.add_argument("--note", default="")
    a.add_argument("--actor", default="cli")
    a = isub.add_parser("list", help="the register (with --year: proposed or recognised in it)")
    a.add_argument("--year", type=int)
    a = isub.add_parser("status", help="move an initiative along; recognition needs its decision")
    a.add_argument("id")
    a.add_argument("--status", required=True, choices=_STATUSES)
    a.add_argument("--decision-no", default="")
    a.add_argument("--decision-date", help="YYYY-MM-DD")
    a.add_argument("--actor", default="cli")
    a = isub.add_parser("attach", help="store an evidence file (bytes and SHA-256)")
    a.add_argument("id")
    a.add_argument("file")
    a.add_argument("--actor", default="cli")
    a = isub.add_parser("extract", help="write an evidence file back out, byte for byte")
    a.add_argument("file_id", type=int)
    a.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_initiative)


def cmd_initiative(args) -> int:
    from wardapp import initiatives as I

    ward = open_ward(args)
    c = args.initiative_command
    if c == "add":
        r = I.add(
            ward,
            title=args.title,
            authors=args.authors,
            field=args.field,
            proposed_on=_day(args.proposed, "Ngày đề xuất"),
            note=args.note,
            actor=args.actor,
        )
        print(f"{r.id}\t{r.status_label}\t{r.title}")
    elif c == "status":
        on = _day(args.decision_date, "Ngày quyết định") if args.decision_date else None
        r = I.set_status(
            ward,
            args.id,
            args.status,
            decision_no=args.decision_no,
            decision_on=on,
            actor=args.actor,
        )
        print(f"{r.id}\t{r.status_label}\t{r.decision}")
    elif c == "attach":
        file_id, digest = I.attach(ward, args.id, args.file, actor=args.actor)
        print(f"Tệp số {file_id}: sha256 {digest}")
    elif c == "extract":
        path, digest = I.extract(ward, args.file_id, args.output)
        print(f"Đã ghi {path} (sha256 {digest})")
    else:
        for r in I.list_initiatives(ward, args.year):
            print(
                f"{r.id}\t{r.proposed_on:%d/%m/%Y}\t{r.status_label}\t{r.title}\t{r.authors}"
                + (f"\t{r.decision}" if r.decision else "")
            )
            for fid, name, digest, size in r.files:
                print(f"\t  tệp {fid}: {name} ({size} byte, sha256 {digest[:16]}…)")
    return 0
