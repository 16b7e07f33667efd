"""How a queued message leaves the office: e-mail over SMTP with the letter's PDF attached, and
SMS through a hook the office configures (a command, or a file another program picks up), since
an SMS gateway is a contract with a carrier, not something the program can assume.

The SMTP password is never a setting (the settings travel in backups and are shown on screen):
it lives in the operating system's keyring (Windows Credential Manager, the Secret Service on
Linux), read with ``keyring``; ``WARDAPP_SMTP_PASSWORD`` stands in where there is no keyring
(tests, a headless service)."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import smtplib
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

KEYRING_SERVICE = "wardapp-smtp"
PASSWORD_ENV = "WARDAPP_SMTP_PASSWORD"
TIMEOUT_S = 30


@dataclass
class Outgoing:
    id: int
    kind: str
    recipient: str
    subject: str
    body: str
    code: str
    pdf: bytes | None


def not_configured(kind: str, settings) -> str:
    """Why ``kind`` cannot be sent with these settings, or ""."""
    if kind == "email" and not str(settings["smtp_host"]).strip():
        return (
            "chưa cấu hình máy chủ thư (Cài đặt › Máy chủ gửi thư (SMTP)), thư xin lỗi "
            "không được gửi qua e-mail"
        )
    if kind == "email" and not (
        str(settings["smtp_sender"]).strip() or str(settings["smtp_user"]).strip()
    ):
        return "chưa cấu hình địa chỉ người gửi (Cài đặt › Địa chỉ người gửi hoặc Tài khoản thư)"
    if kind == "sms" and not (
        str(settings["sms_command"]).strip() or str(settings["sms_outbox_file"]).strip()
    ):
        return "chưa cấu hình cách gửi tin nhắn (Cài đặt › Lệnh gửi tin nhắn hoặc Tệp tin nhắn chờ gửi)"
    return ""


def password(user: str) -> str:
    """The SMTP account's password: the keyring's entry, else the environment's."""
    if user:
        try:
            import keyring

            found = keyring.get_password(KEYRING_SERVICE, user)
            if found:
                return found
        except Exception:  # no keyring backend on this machine (headless Linux, a service)
            pass
    return os.environ.get(PASSWORD_ENV, "")


def store_password(user: str, secret: str) -> None:
    """Keep the password in the keyring; refused (keyring's own error) where there is none."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, user, secret)


def sender(kind: str, settings) -> Callable[[list[Outgoing]], Iterator[tuple[Outgoing, str]]]:
    return (
        (lambda batch: _smtp(settings, batch))
        if kind == "email"
        else (lambda batch: _sms(settings, batch))
    )


def email_message(settings, msg: Outgoing) -> EmailMessage:
    sender_addr = str(settings["smtp_sender"]).strip() or str(settings["smtp_user"]).strip()
    m = EmailMessage()
    m["From"] = formataddr((str(settings["smtp_sender_name"]), sender_addr))
    m["To"] = msg.recipient
    m["Subject"] = msg.subject
    m["Message-ID"] = make_msgid(domain=sender_addr.rpartition("@")[2] or None)
    m.set_content(msg.body)
    if msg.pdf is not None:
        m.add_attachment(
            msg.pdf, maintype="application", subtype="pdf", filename=f"xin-loi-{msg.code}.pdf"
        )
    return m


def _smtp(settings, batch: list[Outgoing]) -> Iterator[tuple[Outgoing, str]]:
    host, port = str(settings["smtp_host"]).strip(), int(settings["smtp_port"])
    security, user = settings["smtp_security"], str(settings["smtp_user"]).strip()
    try:
        if security == "ssl":
            conn = smtplib.SMTP_SSL(
                host, port, timeout=TIMEOUT_S, context=ssl.create_default_context()
            )
        else:
            conn = smtplib.SMTP(host, port, timeout=TIMEOUT_S)
            if security == "starttls":
                conn.starttls(context=ssl.create_default_context())
        if user:
            conn.login(user, password(user))
    except (OSError, smtplib.SMTPException, UnicodeError) as exc:
        why = _smtp_error(exc, host, port)
        for msg in batch:
            yield msg, why
        return
    try:
        for msg in batch:
            try:
                conn.send_message(email_message(settings, msg))
            except smtplib.SMTPServerDisconnected as exc:
                yield msg, _smtp_error(exc, host, port)
                return
            except (OSError, smtplib.SMTPException, ValueError) as exc:
                yield msg, _smtp_error(exc, host, port)
            else:
                yield msg, ""
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            conn.quit()


def _smtp_error(exc: Exception, host: str, port: int) -> str:
    if isinstance(exc, UnicodeError):  # smtplib sends the account and password as ASCII
        return "tài khoản hoặc mật khẩu thư có chữ có dấu, máy chủ không nhận được"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "máy chủ thư từ chối tài khoản hoặc mật khẩu"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "máy chủ thư từ chối địa chỉ người nhận"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"máy chủ thư {host}:{port} không hỗ trợ STARTTLS hoặc đăng nhập ({exc})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"máy chủ thư trả lời lỗi {exc.smtp_code}: {exc.smtp_error!r}"
    if isinstance(exc, (OSError, smtplib.SMTPServerDisconnected)):
        return f"không kết nối được máy chủ thư {host}:{port} ({exc})"
    return f"lỗi gửi thư: {exc}"


def _sms(settings, batch: list[Outgoing]) -> Iterator[tuple[Outgoing, str]]:
    """The hook: ``sms_command`` is run once per message with ``{phone}``, ``{message}`` and
    ``{code}`` replaced in its arguments (no shell; exit 0 = sent); else each message is
    appended as one JSON line to ``sms_outbox_file`` for the office's SMS program."""
    command = str(settings["sms_command"]).strip()
    for msg in batch:
        if not command:
            line = json.dumps(
                {"phone": msg.recipient, "message": msg.body, "code": msg.code},
                ensure_ascii=False,
            )
            try:
                with open(settings["sms_outbox_file"], "a", encoding="utf-8") as f:
                    f.write(line + "\n")
            except OSError as exc:
                yield msg, f"không ghi được tệp tin nhắn: {exc}"
            else:
                yield msg, ""
            continue
        values = {"phone": msg.recipient, "message": msg.body, "code": msg.code}
        args = [a.format(**values) for a in shlex.split(command, posix=os.name != "nt")]
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            yield msg, f"không chạy được lệnh gửi tin nhắn: {exc}"
            continue
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip()[-300:]
            yield msg, f"lệnh gửi tin nhắn trả mã {done.returncode}: {tail}"
        else:
            yield msg, ""
