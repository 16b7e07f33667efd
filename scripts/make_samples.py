"""Regenerate docs/samples/: every document from a demo database, rendered to PNG with
pdftoppm (poppler-utils) so they can be looked at.  Fixed clock, fixed seed: repeatable.

    python scripts/make_samples.py [--keep DIR]
    python scripts/make_samples.py --references   # rewrite tests/visual/ (the visual test's)

``--keep DIR`` leaves the PDFs themselves in DIR, to render every page and read them whole
(the PNGs here show the first page or two of each).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wardapp.calendar import periods  # noqa: E402
from wardapp.common.clock import set_fixed_now  # noqa: E402
from wardapp.documents.apology import issue_apology, issue_batch  # noqa: E402
from wardapp.documents.commitment_form import commitment_pdf  # noqa: E402
from wardapp.documents.receipt import receipt_pdf  # noqa: E402
from wardapp.documents.step_forms import issue as issue_form  # noqa: E402
from wardapp.documents.step_forms import parse_missing  # noqa: E402
from wardapp.documents.tables import control_sheet_pdf, logbook_pdf, report_pdf  # noqa: E402
from wardapp.dossiers.lifecycle import processing  # noqa: E402
from wardapp.dossiers.lifecycle.intake import IntakeData, intake  # noqa: E402
from wardapp.indicators.report import build_report  # noqa: E402
from wardapp.office.store import Ward  # noqa: E402
from wardapp.setup import demo
from wardapp.trust import auth

OUT = ROOT / "docs" / "samples"
# Reference renderings the visual test compares every document with (``--references`` rewrites
# them; a changed reference then shows up in review as a changed picture).
REFERENCES = ROOT / "tests" / "visual"
REFERENCE_DPI = 40


def png(pdf: Path, name: str, pages: str = "1") -> None:
    first, last = pages.split("-") if "-" in pages else (pages, pages)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", first, "-l", last, str(pdf), str(OUT / name)],
        check=True,
    )


def build(t: Path) -> list[tuple[Path, str, str]]:
    """Every document, issued on a fixed clock from a fixed demo year into folder ``t``:
    (pdf, name, pages) for each.  The visual test (tests/test_visual.py) builds the same."""
    set_fixed_now(datetime(2026, 11, 20, 10, 0))
    made: list[tuple[Path, str, str]] = []

    def png(pdf: Path, name: str, pages: str = "1") -> None:
        made.append((Path(pdf), name, pages))

    try:
        ward = Ward.open(t / "samples.sqlite3")
        demo.generate(ward, dossiers=800, seed=11)
        auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)  # the clerk at the desk
        d = intake(
            ward,
            IntakeData(
                "HT.02",
                "Nguyễn Thị Ánh Tuyết",
                applicant_id="068190001234",
                phone="0912345678",
                email="tuyet@example.vn",
                address="12 Trường Chinh, phường Xuân An",
                received_at=datetime(2026, 11, 16, 9, 15),
            ),
            "canbo1",
        )
        png(receipt_pdf(ward, d.code, t / "receipt.pdf"), "01-receipt")
        processing.forward(
            ward,
            d.code,
            "canbo1",
            agency="Văn phòng đăng ký đất đai",
            at=datetime(2026, 11, 16, 10, 0),
        )
        auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)  # the chairman signs the letters
        png(
            issue_apology(
                ward,
                d.code,
                "canbo1",
                t / "apology.pdf",
                reason="Cơ quan phối hợp chưa trả kết quả xác minh",
                extra_days=3,
            ).path,
            "04-apology",
        )
        png(
            issue_batch(
                ward, "canbo1", t / "batch.pdf", reason="Hệ thống liên thông gặp sự cố"
            ).path,
            "04-apology-batch",
        )
        png(
            commitment_pdf(ward, 2026, t / "commitment.pdf", approver="Lê Minh Quang"),
            "commitment",
            "1-3",
        )
        png(control_sheet_pdf(ward, d.code, t / "control.pdf"), "06-control-sheet")
        auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)
        steps = [
            ("supplement", "02-supplement", "Bản sao giấy chứng sinh không đọc được số"),
            ("refusal", "03-refusal", "Thủ tục không thuộc thẩm quyền của phường"),
            ("stop", "05-stop", "Người nộp có đơn đề nghị rút hồ sơ"),
        ]
        for kind, name, reason in steps:
            other = intake(
                ward,
                IntakeData(
                    "HT.02",
                    "Trần Văn Bảy",
                    phone="0987654321",
                    address="45 Phan Đình Phùng, phường Xuân An",
                    received_at=datetime(2026, 11, 19, 14, 5),
                    salutation="ong",  # no ID number: the clerk's choice at intake
                ),
                "canbo1",
            )
            missing = parse_missing(
                "Giấy chứng sinh = 1/0/0\nGiấy chứng nhận kết hôn của cha mẹ = 0/1/0\n"
                "Văn bản ủy quyền = 1/0/1"
            )
            path = issue_form(
                ward, kind, other.code, "canbo1", t / f"{kind}.pdf", reason=reason, missing=missing
            ).path
            png(path, name)
        png(logbook_pdf(ward, periods.month(2026, 11), t / "logbook.pdf"), "07-logbook")
        with ward.read() as s:
            rep = build_report(s, periods.quarter(2026, 3))
        png(report_pdf(ward, rep, t / "bieu06.pdf"), "bieu06", "1-2")
        ward.close()
    finally:
        set_fixed_now(None)
    return made


def render(pdf: Path, page: int, dpi: int = REFERENCE_DPI):
    """One page as a grey PIL image through PDFium (the renderer the window previews with)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[page - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def pages_of(spec: str) -> range:
    first, last = spec.split("-") if "-" in spec else (spec, spec)
    return range(int(first), int(last) + 1)


def main() -> int:
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(keep or tmp)
        t.mkdir(parents=True, exist_ok=True)
        made = build(t)
        if "--references" in sys.argv:
            REFERENCES.mkdir(parents=True, exist_ok=True)
            for pdf, name, spec in made:
                for n in pages_of(spec):
                    render(pdf, n).save(REFERENCES / f"{name}-{n}.png", optimize=True)
            print("\n".join(sorted(p.name for p in REFERENCES.glob("*.png"))))
            return 0
        OUT.mkdir(parents=True, exist_ok=True)
        for pdf, name, spec in made:
            png(pdf, name, spec)
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
