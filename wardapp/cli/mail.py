"""``wardapp mail``: send the outbox (apology letters to online applicants by e-mail and SMS),
list it, and keep the SMTP password in the operating system's keyring."""

from __future__ import annotations

from wardapp.cli.shared import open_ward


def register(sub) -> None:
    s = sub.add_parser("mail", help="apology e-mails and SMS: send the outbox, list it")
    msub = s.add_subparsers(dest="mail_cmd", required=True)
    msub.add_parser("send", help="try every queued or failed message once")
    m = msub.add_parser("list")
    m.add_argument("--failed", action="store_true", help="only messages whose last try failed")
    msub.add_parser(
        "password",
        help="store the SMTP account's password in the OS keyring (asked for, or "
        "WARDAPP_NEW_PASSWORD)",
    )
    s.set_defaults(func=cmd_mail)


def cmd_mail(args) -> int:
    from wardapp.documents import outbox

    ward = open_ward(args)
    if args.mail_cmd == "send":
        print(outbox.send_pending(ward).summary())
    elif args.mail_cmd == "password":
        from wardapp.cli.shared import secret

        user = str(ward.rules().settings["smtp_user"]).strip() or "?"
        typed = secret("WARDAPP_NEW_PASSWORD", f"Mật khẩu thư của {user}: ", confirm=True)
        outbox.store_password(ward, typed)
        print("đã lưu mật khẩu thư vào kho khoá của hệ điều hành")
    else:
        rows = outbox.outbox(ward, ("failed",) if args.failed else ("queued", "sent", "failed"))
        print(outbox.delivery_status(ward))
        for r in rows:
            print(
                f"{outbox.STATUS_WORDS[r['status']]}\t{outbox.KIND_WORDS[r['kind']]}\t{r['code']}"
                f"\t{r['recipient']}\t{r['attempts']} lần\t{r['last_error']}"
            )
    return 0
