"""The apology reaches the online applicant (issue 21, part 2): queued with the letter, sent to
a real SMTP server (aiosmtpd on localhost) with the archived PDF attached, every attempt logged,
failures retried; SMS through the configured hook."""

import hashlib
import json
import socket
import sys
from datetime import datetime
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select

from db.models import IssuedDocument
from tests.conftest import dt
from wardapp.cli import main as cli_main
from wardapp.common.clock import set_fixed_now
from wardapp.documents import outbox
from wardapp.documents.apology import issue_apology
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.office.settings import save_setting

EMAIL = "nguyen.anh@example.vn"
PHONE = "0912345678"


class Inbox:
    def __init__(self):
        self.received = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    c = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=inbox.authenticate,
        auth_require_tls=False,
    )
    c.start()
    return c, inbox


def configure(ward, **values):
    with ward.write() as s:
        for k, v in values.items():
            save_setting(s, k, v)
    ward.invalidate()


@pytest.fixture
def online_dossier(ward):
    set_fixed_now(datetime(2026, 12, 1, 9, 0))
    d = intake(
        ward,
        IntakeData(
            "HT.02",
            "Nguyễn Thị Ánh",
            email=EMAIL,
            phone=PHONE,
            channel="online",
            received_at=dt("2026-12-01 08:30"),
        ),
        "canbo1",
    )
    set_fixed_now(datetime(2026, 12, 3, 9, 0))
    yield d
    set_fixed_now(None)


def issue(ward, d, tmp_path):
    return issue_apology(ward, d.code, "x", tmp_path / "a.pdf", reason="Chờ xác minh")


def test_without_settings_the_letter_is_queued_and_nothing_is_sent(ward, online_dossier, tmp_path):
    issue(ward, online_dossier, tmp_path)
    rows = outbox.outbox(ward)
    assert [(r["kind"], r["recipient"], r["status"]) for r in rows] == [
        ("sms", PHONE, "queued"),
        ("email", EMAIL, "queued"),
    ]
    res = outbox.send_pending(ward)
    assert (res.sent, res.failed) == (0, 0)
    assert "chưa cấu hình máy chủ thư" in res.waiting["email"]
    assert "chưa cấu hình máy chủ thư" in outbox.delivery_status(ward)
    assert all(r["attempts"] == 0 for r in outbox.outbox(ward))


def test_the_email_arrives_with_the_archived_letter(ward, online_dossier, tmp_path, monkeypatch):
    port = free_port()
    server, inbox = start_server(port)
    try:
        monkeypatch.setenv("WARDAPP_SMTP_PASSWORD", "Mat-khau-thu-9")
        configure(
            ward,
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_security="none",
            smtp_user="motcua@xuanan.gov.vn",
        )
        issue(ward, online_dossier, tmp_path)
        res = outbox.send_pending(ward)
    finally:
        server.stop()
    assert (res.sent, res.failed) == (1, 0)
    assert inbox.logins == [("motcua@xuanan.gov.vn", "Mat-khau-thu-9")]
    [env] = inbox.received
    assert env.rcpt_tos == [EMAIL]
    msg = message_from_bytes(env.original_content, policy=default_policy)
    assert msg["Subject"] == f"Thư xin lỗi về việc giải quyết hồ sơ mã số {online_dossier.code}"
    assert msg["From"].addresses[0].addr_spec == "motcua@xuanan.gov.vn"
    [att] = list(msg.iter_attachments())
    assert att.get_content_type() == "application/pdf"
    assert att.get_filename() == f"xin-loi-{online_dossier.code}.pdf"
    with ward.read() as s:
        archived = s.scalars(select(IssuedDocument).where(IssuedDocument.kind == "apology")).one()
    assert hashlib.sha256(att.get_content()).hexdigest() == archived.sha256
    assert "Thời gian hẹn trả kết quả mới" in msg.get_body(("plain",)).get_content()
    email_row = next(r for r in outbox.outbox(ward) if r["kind"] == "email")
    assert (email_row["status"], email_row["attempts"]) == ("sent", 1)


def test_a_failed_send_is_logged_with_its_reason_and_retried(ward, online_dossier, tmp_path):
    port = free_port()  # nothing listens there yet
    configure(
        ward,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_sender="motcua@xuanan.gov.vn",
    )
    issue(ward, online_dossier, tmp_path)
    res = outbox.send_pending(ward)
    assert (res.sent, res.failed) == (0, 1)
    [row] = outbox.outbox(ward, ("failed",))
    assert row["last_error"].startswith(f"không kết nối được máy chủ thư 127.0.0.1:{port}")
    server, inbox = start_server(port)
    try:
        res = outbox.send_pending(ward)
    finally:
        server.stop()
    assert (res.sent, res.failed) == (1, 0)
    assert len(inbox.received) == 1
    tries = outbox.attempts(ward, row["id"])
    assert [ok for _at, ok, _detail in tries] == [False, True]
    assert tries[0][2] == row["last_error"]
    assert outbox.outbox(ward, ("failed", "queued"))[0]["kind"] == "sms"  # no hook yet


def test_the_sms_hook_runs_the_configured_command_with_its_arguments(
    ward, online_dossier, tmp_path
):
    record = tmp_path / "calls.jsonl"
    script = tmp_path / "send_sms.py"
    script.write_text(
        "import json, sys\n"
        f"open({str(record)!r}, 'a', encoding='utf-8').write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    configure(ward, sms_command=f'"{sys.executable}" "{script}" {{phone}} {{message}} {{code}}')
    issue(ward, online_dossier, tmp_path)
    res = outbox.send_pending(ward)
    assert res.sent == 1
    [args] = [json.loads(x) for x in record.read_text(encoding="utf-8").splitlines()]
    assert args[0] == PHONE
    assert online_dossier.code in args[1] and "Hen tra moi" in args[1]
    assert args[2] == online_dossier.code
    sms = next(r for r in outbox.outbox(ward) if r["kind"] == "sms")
    assert sms["status"] == "sent"


def test_a_failing_sms_command_is_logged_and_the_outbox_file_hook_writes_a_line(
    ward, online_dossier, tmp_path
):
    configure(ward, sms_command=f'"{sys.executable}" -c "import sys; sys.exit(3)"')
    issue(ward, online_dossier, tmp_path)
    assert outbox.send_pending(ward).failed == 1
    sms = next(r for r in outbox.outbox(ward) if r["kind"] == "sms")
    assert sms["last_error"].startswith("lệnh gửi tin nhắn trả mã 3")
    out = tmp_path / "sms.jsonl"
    configure(ward, sms_command="", sms_outbox_file=str(out))
    assert outbox.send_pending(ward).sent == 1
    line = json.loads(out.read_text(encoding="utf-8"))
    assert (line["phone"], line["code"]) == (PHONE, online_dossier.code)


def test_cli_mail_send_and_list(ward, online_dossier, tmp_path, capsys):
    issue(ward, online_dossier, tmp_path)
    db = str(ward.path)
    assert cli_main(["--db", db, "mail", "send"]) == 0
    out = capsys.readouterr().out
    assert "đã gửi 0" in out and "chưa cấu hình máy chủ thư" in out
    assert cli_main(["--db", db, "mail", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"Chờ gửi\tThư điện tử\t{online_dossier.code}\t{EMAIL}" in listed
