"""``wardapp server``: putting an office's database on a server that several desks share."""

from __future__ import annotations

from wardapp.cli.shared import Parser, secret, sign_in


def register(sub) -> None:
    s = sub.add_parser("server", help="an office database on a server shared by several desks")
    ssub = s.add_subparsers(dest="server_command", required=True, parser_class=Parser)
    i = ssub.add_parser(
        "init",
        help="the office and its first administrator in the empty server database named by "
        "--db / WARDAPP_DB (password: WARDAPP_NEW_PASSWORD or asked for)",
    )
    i.add_argument("--office-name", required=True)
    i.add_argument("--office-code", required=True, help="agency code, e.g. 000.23.31.H26")
    i.add_argument("--parent", default="")
    i.add_argument("--chairman", default="")
    i.add_argument("--admin", required=True, help="the administrator's user name")
    i.add_argument("--admin-name", required=True, help="the administrator's full name")
    i.add_argument(
        "--desk-role",
        action="append",
        default=[],
        help="a login role of the server (made beforehand) that desks connect as: may read "
        "and write the register, only add to the history, never change the schema",
    )
    m = ssub.add_parser(
        "migrate",
        help="move the office's SQLite file into the server database named by --db / WARDAPP_DB "
        "(empty; verified before it is committed)",
    )
    m.add_argument("--from", dest="source", required=True, help="the office's database file")
    ssub.add_parser(
        "password",
        help="keep this desk's password for the server database (--db / WARDAPP_DB) in the OS "
        "keyring (Windows Credential Manager); asked for, or WARDAPP_DB_PASSWORD",
    )
    s.set_defaults(func=cmd_server)


def cmd_server(args) -> int:
    from wardapp.common import WardError
    from wardapp.office import default_db_path

    target = default_db_path(args.db)
    if not hasattr(target, "url"):
        raise WardError("--db (hoặc WARDAPP_DB) phải là địa chỉ của cơ sở dữ liệu trên máy chủ.")
    if args.server_command == "password":
        from wardapp.setup import server

        typed = secret("WARDAPP_DB_PASSWORD", f"Mật khẩu của {target}: ")
        print(f"đã ghi vào kho mật khẩu: {server.remember_password(target, typed)}")
        return 0
    return (_init if args.server_command == "init" else _migrate)(args, target)


def _init(args, target) -> int:
    from wardapp.common import validation
    from wardapp.office import Ward
    from wardapp.setup import init_office, server
    from wardapp.trust import auth

    validation.required_text(args.office_name, "Tên cơ quan")
    validation.agency_code(args.office_code)
    ward = Ward.open(target)
    try:
        # once the administrator exists, running it again (say, for another desk role) needs
        # that administrator signed in, and the same office
        first = auth.setup_mode(ward)
        if not first:
            sign_in(ward, args)
        office = init_office(
            ward,
            name=args.office_name,
            agency_code=args.office_code,
            parent=args.parent,
            chairman=args.chairman,
        )
        if first:
            password = secret("WARDAPP_NEW_PASSWORD", f"Mật khẩu cho {args.admin}: ", confirm=True)
            auth.add_account(ward, args.admin, args.admin_name, "admin", password)
            auth.sign_in(ward, args.admin, password)
        for role in args.desk_role:
            server.grant_desk(ward, role)
    finally:
        ward.close()
    print(f"{office.name} ({office.agency_code}): {target}; quản trị: {args.admin}")
    for role in args.desk_role:
        print(f"vai trò {role}: đọc, ghi sổ; lịch sử chỉ được thêm")
    return 0


def _migrate(args, target) -> int:
    from wardapp.office import Ward
    from wardapp.setup import server

    source = Ward.open(server.source_path(args.source))
    try:
        sign_in(source, args)
        moved = server.move_to_server(source, target)
    finally:
        source.close()
    for table, n in moved.rows.items():
        print(f"{table}: {n} dòng")
    for line in moved.chains:
        print(line)
    years = ", ".join(str(y) for y in moved.years) or "không có hồ sơ"
    print(f"Biểu 06 giống nhau trước và sau (năm {years}); đã chuyển vào {target}")
    return 0
