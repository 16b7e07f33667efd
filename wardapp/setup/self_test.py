"""``--self-test``: proof that an installed copy works, run where it is installed.

A frozen build can miss what import analysis does not see (a page loaded by name, a module
reportlab loads by exec, a font or template read from disk) and then fail only when a clerk
clicks.  This walks the paths a clerk takes on a scratch demo database in a temporary folder
(named with a space, ``#``, ``%`` and Vietnamese letters, the shapes that broke paths before) and
prints one line per check.  The window's checks live in ``ui.self_test``; these need no Qt.

A new document is one line in ``DOCUMENTS``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db.backend import server_driver
from wardapp.trust.privacy import redact

SCRATCH_PREFIX = "wardapp tự kiểm tra #1 100% "
DEMO_DOSSIERS = 200


@dataclass
class Check:
    label: str
    ok: bool
    reason: str = ""

    def line(self) -> str:
        return f"{'OK  ' if self.ok else 'FAIL'}  {self.label}" + (
            f" — {self.reason}" if self.reason else ""
        )


@dataclass
class Scratch:
    """What the checks share: the scratch database and the dossiers the documents are about."""

    folder: Path
    ward: object = None
    actor: str = "chutich"
    code: str = ""  # any dossier: receipt, control sheet
    late: str = ""  # a late dossier without an apology yet
    year: int = 0
    period: object = None
    report: object = None
    office: str = ""
    outputs: dict[str, Path] = field(default_factory=dict)


def _receipt(x: Scratch, out: Path):
    from wardapp.documents.receipt import receipt_pdf

    return receipt_pdf(x.ward, x.code, out)


def _apology(x: Scratch, out: Path):
    from wardapp.documents.apology import issue_apology

    return issue_apology(x.ward, x.late, x.actor, out, reason="Tự kiểm tra", extra_days=1)


def _commitment(x: Scratch, out: Path):
    from wardapp.documents.commitment_form import commitment_pdf

    return commitment_pdf(x.ward, x.year, out, approver="Trần Văn Tự Kiểm")


def _control_sheet(x: Scratch, out: Path):
    from wardapp.documents.tables import control_sheet_pdf

    return control_sheet_pdf(x.ward, x.code, out)


def _logbook(x: Scratch, out: Path):
    from wardapp.documents.tables import logbook_pdf

    return logbook_pdf(x.ward, x.period, out)


def _report_pdf(x: Scratch, out: Path):
    from wardapp.documents.tables import report_pdf

    return report_pdf(x.ward, x.report, out)


def _report_xlsx(x: Scratch, out: Path):
    from wardapp.indicators.heading import report_heading
    from wardapp.indicators.report_xlsx import write_report_xlsx

    with x.ward.read() as s:
        heading = report_heading(x.ward, s)
    return write_report_xlsx(x.report, out, x.office, heading)


# (label, file name, how to write it): every document a clerk can produce.
DOCUMENTS: tuple[tuple[str, str, Callable[[Scratch, Path], object]], ...] = (
    ("Giấy tiếp nhận và hẹn trả (Mẫu 01)", "receipt.pdf", _receipt),
    ("Văn bản xin lỗi (Mẫu 04)", "apology.pdf", _apology),
    ("Bản cam kết của người đứng đầu", "commitment.pdf", _commitment),
    ("Phiếu kiểm soát quá trình", "control-sheet.pdf", _control_sheet),
    ("Sổ theo dõi hồ sơ (khổ ngang)", "logbook.pdf", _logbook),
    ("Biểu 06 (PDF)", "bieu06.pdf", _report_pdf),
    ("Biểu 06 (xlsx)", "bieu06.xlsx", _report_xlsx),
)
_MAGIC = {".pdf": b"%PDF-", ".xlsx": b"PK\x03\x04"}


def run_check(label: str, fn: Callable[[], object]) -> Check:
    """A failing check reports its last error line, never a traceback (IDs redacted)."""
    try:
        detail = fn()
    except Exception as exc:  # noqa: BLE001 - every failure is a result to report
        return Check(label, False, redact(f"{type(exc).__name__}: {exc}"))
    return Check(label, True, str(detail) if detail else "")


def _output(path: Path) -> str:
    data = path.read_bytes()
    magic = _MAGIC.get(path.suffix, b"")
    if len(data) < 1000 or not data.startswith(magic):
        raise ValueError(f"{path.name}: {len(data)} byte, không phải tệp {path.suffix} hợp lệ")
    return f"{len(data) // 1024} KB"


def _resources() -> str:
    from importlib import resources

    from wardapp.documents.commitment_form import default_template
    from wardapp.documents.fonts import bundled_files
    from wardapp.office.store import load_resource_json

    n = len(load_resource_json("procedures.json")["procedures"])
    missing = [str(p) for p in bundled_files().values() if not p.exists()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    if not default_template().strip():
        raise ValueError("commitment_template.txt rỗng")
    ts = resources.files("resources").joinpath("translations")
    if not any(str(p.name).endswith((".ts", ".qm")) for p in ts.iterdir()):
        raise FileNotFoundError("resources/translations")
    return f"{n} thủ tục, phông, mẫu cam kết, bản dịch"


def _calendar(year: int) -> str:
    from wardapp.office.store import shipped_rules

    days = shipped_rules().calendar.days_off(year)
    names = " ".join(desc for _d, _k, desc, _b in days)
    if "Tết" not in names:
        raise ValueError(f"không thấy Tết trong {len(days)} ngày nghỉ năm {year}")
    return f"{len(days)} ngày nghỉ năm {year}"


def _open_demo(x: Scratch) -> str:
    from wardapp.common.clock import now_local
    from wardapp.office.paths import DB_FILE
    from wardapp.office.store import Ward
    from wardapp.setup import demo

    x.ward = Ward.open(x.folder / "Sổ hồ sơ #1 100%" / DB_FILE)
    n = demo.generate(x.ward, dossiers=DEMO_DOSSIERS, seed=1)
    x.year = now_local().year
    return f"{n} hồ sơ mẫu"


def _sign_in(x: Scratch) -> str:
    from wardapp.setup.demo import DEMO_PASSWORD
    from wardapp.trust import auth

    user = auth.sign_in(x.ward, x.actor, DEMO_PASSWORD)
    return user.full_name


def _pick_dossiers(x: Scratch) -> str:
    from sqlalchemy import select

    from db.models import Dossier
    from wardapp.calendar import periods
    from wardapp.documents.apology import batch_candidates
    from wardapp.indicators.report import build_report

    with x.ward.read() as s:
        x.code = s.scalars(select(Dossier.code).order_by(Dossier.id.desc())).first()
        office = x.ward.office(s)
        x.office = office.name
        x.period = periods.year(x.year, x.ward.rules().settings["quarter_scheme"])
        x.report = build_report(s, x.period, office_id=office.id)
        x.report.office = office.name
    late = batch_candidates(x.ward) or [_late_dossier(x)]
    x.late = late[0]
    return f"{x.code}; trễ hạn {x.late}"


def _late_dossier(x: Scratch) -> str:
    """The demo year may end with nothing late (it depends on today's date): receive one
    dossier a month back, which every procedure's limit has passed."""
    from datetime import timedelta

    from wardapp.common.clock import now_local
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake

    d = intake(
        x.ward,
        IntakeData("HT.02", "Tự Kiểm Tra", received_at=now_local() - timedelta(days=30)),
        x.actor,
    )
    return d.code


def _chain(x: Scratch) -> str:
    from wardapp.trust import chain

    with x.ward.read() as s:
        reports = chain.verify(s)
    broken = [r.message() for r in reports if not r.ok]
    if broken:
        raise ValueError("; ".join(broken))
    return f"{sum(r.events for r in reports)} bước"


def _backup(x: Scratch) -> str:
    from sqlalchemy import func, select

    from db.backend import local
    from db.models import Dossier
    from wardapp.trust import backup

    path = backup.backup_now(x.ward, x.folder / "Sao lưu #2 50%")
    check = local().check(path)
    if check != "ok":
        raise ValueError(check)

    # an empty file passes the integrity check: the copy must hold the dossiers
    def count(tables, query):
        if "dossier" not in tables:
            raise ValueError("bản sao lưu rỗng (không có bảng dossier)")
        return query("SELECT count(*) FROM dossier")[0][0]

    copied = local().peek(path, count)
    with x.ward.read() as s:
        held = s.scalar(select(func.count()).select_from(Dossier))
    if copied != held:
        raise ValueError(f"bản sao lưu có {copied} hồ sơ, cơ sở dữ liệu có {held}")
    return f"{copied} hồ sơ, {path.stat().st_size // 1024} KB"


def domain_checks(x: Scratch) -> Iterator[Check]:
    """Each check after the database needs it: once it fails, the rest are not attempted."""
    yield run_check("Tài nguyên (danh mục, phông chữ, mẫu, bản dịch)", _resources)
    yield run_check("Lịch ngày nghỉ Việt Nam", lambda: _calendar(2026))
    # a desk of a shared server needs the driver the import analysis may not see (no connection)
    yield run_check("Trình kết nối máy chủ cơ sở dữ liệu", server_driver)
    for label, fn in (
        ("Tạo cơ sở dữ liệu mẫu", _open_demo),
        ("Đăng nhập", _sign_in),
        ("Chọn hồ sơ, lập Biểu 06", _pick_dossiers),
    ):
        check = run_check(label, lambda fn=fn: fn(x))
        yield check
        if not check.ok:
            return
    for label, name, write in DOCUMENTS:
        out = x.folder / name
        x.outputs[name] = out
        yield run_check(label, lambda out=out, write=write: (write(x, out), _output(out))[1])
    yield run_check("Chuỗi lịch sử nguyên vẹn", lambda: _chain(x))
    yield run_check("Sao lưu (thư mục có #, %)", lambda: _backup(x))


def scratch() -> Scratch:
    return Scratch(Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX)))


def finish(x: Scratch) -> None:
    if x.ward is not None:
        x.ward.close()
    shutil.rmtree(x.folder, ignore_errors=True)


def report(checks: Iterator[Check], write=print) -> int:
    """Print each line as it is known (a hang shows where); 0 only when every check passed."""
    failed = total = 0
    for c in checks:
        write(c.line())
        total += 1
        failed += not c.ok
    write(f"{total - failed}/{total} OK" + (f", {failed} FAIL" if failed else ""))
    return 1 if failed or not total else 0


def main() -> int:
    """The core's checks alone (``python -m wardapp --self-test``: no window)."""
    x = scratch()
    try:
        return report(domain_checks(x))
    finally:
        finish(x)
