"""Document benchmarks (not tests): one apology letter, a batch of 500, each next to a bare
reportlab page set in the same font, measured in the same run.

    python bench/bench_documents.py [--tiny]

``--tiny`` (what CI runs, so the script cannot rot unnoticed) issues 10 letters and a batch of 50.

Each figure is wall-clock time, with the process's CPU time beside it and the load average
before and after: on a machine shared with other work the wall clock waits for the CPU, and the
CPU time is what the work itself took.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.bench import TINY, machine  # noqa: E402
from db.models import Procedure  # noqa: E402
from wardapp.common.clock import set_fixed_now  # noqa: E402
from wardapp.documents import fonts  # noqa: E402
from wardapp.documents.apology import issue_apology, issue_batch  # noqa: E402
from wardapp.dossiers.bulk import HistoricDossier, write_historic  # noqa: E402
from wardapp.office.store import Ward  # noqa: E402
from wardapp.setup.office import init_office  # noqa: E402

NOW = datetime(2026, 11, 20, 10, 0)
TEXT = (
    "Ủy ban nhân dân Phường Xuân An trân trọng xin lỗi Ông/Bà Nguyễn Thị Ánh Tuyết vì sự chậm "
    "trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ. "
) * 4


# Applicants' names as a ward sees them: every letter has other Vietnamese letters in it.
NAMES = (
    "Nguyễn Thị Ánh Tuyết",
    "Trần Văn Hải",
    "Lê Hoàng Phúc",
    "Phạm Ngọc Diệp",
    "Huỳnh Thị Mỹ Duyên",
    "Võ Quốc Khánh",
    "Đặng Thùy Trang",
    "Bùi Đức Thắng",
    "Đỗ Kiều Oanh",
    "Hồ Sỹ Lũy",
)


def bare_font() -> str:
    """The document's font file registered as plain reportlab has it (a subset made and
    deflated per document): the floor is what reportlab itself costs, not wardapp's cache."""
    name = "BenchBare"
    if name not in pdfmetrics.getRegisteredFontNames():
        source = pdfmetrics.getFont(fonts.font()).face.filename
        # registerFont would hand back wardapp's font object (reportlab keeps one per face).
        pdfmetrics._fonts[name] = TTFont(name, source)
        pdfmetrics.registerFontFamily(name)
    return name


def bare_page() -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, initialFontName=bare_font())
    c.setFont(bare_font(), 13)
    for i, k in enumerate(range(0, len(TEXT), 90)):
        c.drawString(80, 760 - 18 * i, TEXT[k : k + 90])
    c.showPage()
    c.save()
    return buf.getvalue()


def late_dossiers(ward: Ward, n: int) -> None:
    with ward.write() as s:
        office = ward.office(s)
        proc = s.scalars(select(Procedure).where(Procedure.code == "HT.02")).one()
        recs = []
        for i in range(n):
            received = NOW - timedelta(days=10, minutes=i)
            recs.append(
                HistoricDossier(
                    procedure_id=proc.id,
                    applicant_name=f"{NAMES[i % len(NAMES)]} {i}",
                    received_at=received,
                    due_at=received + timedelta(days=5),
                    status="in_progress",
                    status_at=received,
                    address="12 Trường Chinh, phường Xuân An",
                )
            )
        write_historic(s, office, ward.rules().settings["code_pattern"], recs, "bench")


def _timed(fn, laps: list, cpu: list):
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    laps.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
    return result


def _ms(values: list) -> float:
    return round(statistics.median(values) * 1000, 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tiny", action="store_true", help="CI scale: 10 letters, a batch of 50")
    args = ap.parse_args()
    singles, batch_size = (10, 50) if args.tiny else (20, 500)
    load_before = os.getloadavg()[0]
    set_fixed_now(NOW)
    fonts.register()
    bare_page()
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        ward = Ward.open(t / "docs.sqlite3")
        init_office(
            ward,
            name="Phường Xuân An",
            agency_code="000.23.31.H26",
            parent="Ủy ban nhân dân tỉnh Lâm Đồng",
            chairman="Nguyễn Văn Bình",
        )
        late_dossiers(ward, singles + batch_size)
        with ward.read() as s:
            from db.models import Dossier

            codes = list(s.scalars(select(Dossier.code).order_by(Dossier.id).limit(singles)))
        single, single_cpu = [], []
        for i, code in enumerate(codes):

            def issue(code=code, out=t / f"a{i}.pdf"):
                reason = "Cơ quan phối hợp chậm"
                return issue_apology(ward, code, "bench", out, reason=reason, extra_days=3)

            _timed(issue, single, single_cpu)
        bare, bare_cpu = [], []
        for _ in range(singles):
            _timed(bare_page, bare, bare_cpu)
        from db.models import Apology, Dossier
        from wardapp.documents import apology as A
        from wardapp.documents import layout as L
        from wardapp.documents.letterhead import load_letterhead

        render, render_cpu = [], []
        with ward.read() as s:
            lh = load_letterhead(ward, s)
            st, avail = L.Styles(L.BASE_PT["A4"]), L.frame_width("A4")
            # Each letter issued above, each to another applicant.
            for ap in s.scalars(select(Apology).order_by(Apology.id)):
                d = s.get(Dossier, ap.dossier_id)

                def one(d=d, ap=ap):
                    story = A._letter(lh, st, avail, d, ap, lh.signer(), "PXL")
                    return L.render(story, A._info(lh, d.code))

                _timed(one, render, render_cpu)
        laps, cpu = [], []
        res = _timed(
            lambda: issue_batch(
                ward, "bench", t / "batch.pdf", reason="Hệ thống liên thông gặp sự cố"
            ),
            laps,
            cpu,
        )
        batch, batch_cpu = laps[0], cpu[0]
        ward.close()
    out = {
        "machine": machine(),
        "scale": TINY if args.tiny else "full",
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "apology_letter_ms": {
            "median": _ms(single),
            "min": round(min(single) * 1000, 1),
            "cpu_median": _ms(single_cpu),
            "note": "issue: validate, record apology + event, render, archive, write file",
        },
        "apology_letter_render_only_ms": {
            "median": _ms(render),
            "min": round(min(render) * 1000, 1),
            "cpu_median": _ms(render_cpu),
            "target": 10,
        },
        "bare_reportlab_page_ms": {
            "median": _ms(bare),
            "min": round(min(bare) * 1000, 1),
            "cpu_median": _ms(bare_cpu),
        },
        "batch": {
            "letters": len(res.apologies),
            "seconds": round(batch, 2),
            "cpu_seconds": round(batch_cpu, 2),
            "target_s": 4.0,
            "per_letter_ms": round(batch / len(res.apologies) * 1000, 1),
        },
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
