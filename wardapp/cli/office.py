"""``wardapp init`` and ``wardapp demo``: the only two commands allowed to create a database."""

from __future__ import annotations

from wardapp.cli.shared import open_ward
from wardapp.common import WardError


def register(sub) -> None:
    s = sub.add_parser("init", help="create the office database (idempotent)")
    s.add_argument("--office-name", required=True)
    s.add_argument("--office-code", required=True, help="agency code, e.g. 000.23.31.H26")
    s.add_argument("--parent", default="", help="parent authority name")
    s.add_argument("--address", default="")
    s.add_argument("--chairman", default="")
    s.add_argument("--city", action="store_true", help="a city (consolidating) database")
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("demo", help="fill the database with a realistic demo year")
    s.add_argument("--dossiers", type=int, default=3000)
    s.add_argument("--seed", type=int, default=1)
    s.set_defaults(func=cmd_demo)


def cmd_init(args) -> int:
    from wardapp.common import validation
    from wardapp.setup import init_office

    # Validate before the file is created: a bad command leaves nothing behind.
    validation.required_text(args.office_name, "Tên cơ quan")
    validation.agency_code(args.office_code)
    ward = open_ward(args, create=True)
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
    from wardapp.office import default_db_path, file_identity

    path = default_db_path(args.db)
    if path.exists():  # read as it is, before opening migrates or signs in: nothing changes
        found = file_identity(path)
        if found.office_code is not None and not found.demo:
            raise WardError(demo.refusal(path, found))
    ward = open_ward(args, create=True)
    n = demo.generate(ward, dossiers=args.dossiers, seed=args.seed)
    print(f"{n} hồ sơ mẫu đã ghi vào {ward.path}")
    return 0
