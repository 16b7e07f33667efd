"""The exchange's results in words for the window.  The command line keeps its short codes
("dry-run", "applied", "procedures: 30"), which scripts and the tests read; a clerk reads
"chạy thử, chưa ghi" and "30 thủ tục"."""

from __future__ import annotations

STATUS_WORDS = {
    "applied": "đã nhập",
    "dry-run": "kiểm tra được, chưa ghi",
    "already imported": "đã nhập từ trước, bỏ qua",
    "refused": "bị từ chối",
}
COUNT_WORDS = {
    "procedures": "thủ tục",
    "dossiers": "hồ sơ",
    "events": "bước xử lý",
    "apologies": "văn bản xin lỗi",
    "commitments": "bản cam kết",
}


def counts_in_words(counts: dict[str, int]) -> str:
    """{"procedures": 30, "dossiers": 3002} → "30 thủ tục, 3.002 hồ sơ"."""
    return ", ".join(f"{_n(v)} {COUNT_WORDS.get(k, k)}" for k, v in counts.items())


def summary_in_words(s) -> str:
    """One import summary (``city.summary.FileSummary``) as the window says it."""
    status = STATUS_WORDS.get(s.status, s.status)
    if s.status in ("refused", "already imported"):
        return f"{s.file}: {status}" + (f" — {s.reason}" if s.reason else "")
    text = (
        f"{s.file}: {status} ({s.office}, gói số {s.seq}) — thêm {_n(s.inserted)}, "
        f"cập nhật {_n(s.updated)}, không đổi {_n(s.unchanged)}, xung đột {len(s.conflicts)}, "
        f"loại {len(s.rejected)}"
    )
    if s.missing_before:
        text += f"; thiếu gói số {', '.join(map(str, s.missing_before))}"
    if s.chain_gaps:
        text += f"; chuỗi băm chưa liền trước sự kiện số {min(s.chain_gaps) + 1}"
    return text


def _n(v: int) -> str:
    return f"{v:,}".replace(",", ".")  # Vietnamese thousands separator
