"""Who may act and whether the record can be trusted: staff accounts (``user``), ``verify`` of
the database and its hash chain, ``backup`` and ``restore``."""

from __future__ import annotations

from wardapp.cli.shared import EXIT_ERROR, Parser, open_ward, secret
from wardapp.common import WardError

ROLES = ("clerk", "leader", "city", "admin")


def register(sub) -> None:
    s = sub.add_parser("user", help="staff accounts (the first one must be an administrator)")
    usub = s.add_subparsers(dest="user_command", required=True, parser_class=Parser)
    u = usub.add_parser("add")
    u.add_argument("username")
    u.add_argument("--full-name", required=True)
    u.add_argument("--role", required=True, choices=ROLES)
    u.add_argument("--title", default="")
    u = usub.add_parser("passwd", help="set a password (asked for, or WARDAPP_NEW_PASSWORD)")
    u.add_argument("username")
    u = usub.add_parser("role")
    u.add_argument("username")
    u.add_argument("role", choices=ROLES)
    for name in ("disable", "enable", "unlock"):
        usub.add_parser(name).add_argument("username")
    usub.add_parser("list")
    s.set_defaults(func=cmd_user)

    s = sub.add_parser("verify", help="check the database and the hash chain of the history")
    s.set_defaults(func=cmd_verify)
    s = sub.add_parser("backup", help="back up the database now (online backup API) and rotate")
    s.add_argument("-o", "--output", help="folder (default: the backup_folder setting)")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser("restore", help="replace the database with a checked backup")
    s.add_argument("file")
    s.add_argument(
        "--foreign",
        action="store_true",
        help="administrator: accept a backup of another office, kind (ward/city) or demo data",
    )
    s.set_defaults(func=cmd_restore)


def _new_password(username: str) -> str:
    return secret("WARDAPP_NEW_PASSWORD", f"Mật khẩu mới cho {username}: ", confirm=True)


def cmd_user(args) -> int:
    from wardapp.trust import auth

    ward = open_ward(args)
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
    from db.backend import backend_for
    from wardapp.dossiers import audit, import_jobs
    from wardapp.indicators import rollup_problems
    from wardapp.trust import admin_audit, chain

    ward = open_ward(args)
    with ward.read() as s:
        check = backend_for(s).integrity(s.connection())
        office = ward.office(s)
        reports = chain.verify(s, allow_gaps=office.kind == "city")
        problems = audit.trigger_problems(s)
        if office.kind == "ward":  # a city holds no counters for its wards' numbers
            problems += audit.number_problems(s, office)
        problems += audit.dossier_problems(s)
        problems += rollup_problems(s)  # a city's half-month sums against its dossiers
        admin = admin_audit.admin_problems(s)
        partial = import_jobs.unfinished(s, None)
    with ward.write() as s:  # FTS5 runs its check as a special INSERT that writes nothing
        search = backend_for(s).search_integrity(s.connection())
    print(f"integrity_check: {check}")
    print(f"search index: {search}")
    for r in reports:
        print(r.message())
    for p in problems + admin:
        print(p)
    if not problems:
        print("hồ sơ: mọi hồ sơ khớp lịch sử của nó; số sổ theo dõi liên tục; trigger bảo vệ đủ")
    if not admin:
        print(
            "quản trị: cài đặt, tài khoản, thông tin cơ quan, lịch và khoá khớp nhật ký quản trị; "
            "mọi văn bản đã phát hành còn nguyên"
        )
    if partial is not None:  # consistent as it stands: each batch committed whole
        print("lưu ý: " + import_jobs.describe(partial))
    ok = check == "ok" and search in ("ok", "absent") and not problems and not admin
    return 0 if ok and all(r.ok for r in reports) else EXIT_ERROR


def cmd_backup(args) -> int:
    from wardapp.trust import backup

    ward = open_ward(args)
    path = backup.backup_now(ward, args.output)
    print(f"đã sao lưu vào {path}")
    return 0


def cmd_restore(args) -> int:
    from wardapp.trust import backup

    ward = open_ward(args)
    try:
        res = backup.restore(ward, args.file, foreign=args.foreign)
    except backup.ForeignBackup as exc:
        raise WardError(f"{exc} Quản trị vẫn muốn khôi phục: thêm --foreign.") from None
    print(f"đã khôi phục từ {res.restored_from}; bản trước đó giữ tại {res.replaced_copy}")
    print(res.chain)
    return 0
