"""What an import says about each file: its counts and the reasons it gives, as one line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileSummary:
    file: str
    office: str = ""
    seq: int = 0
    status: str = "applied"  # applied | dry-run | already imported | refused
    reason: str = ""
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    missing_before: list[int] = field(default_factory=list)
    chain_gaps: list[int] = field(default_factory=list)  # chain numbers not received yet

    def line(self) -> str:
        if self.status in ("refused", "already imported"):
            return f"{self.file}: {self.status}" + (f" — {self.reason}" if self.reason else "")
        text = (
            f"{self.file}: {self.status} ({self.office} #{self.seq}) — thêm {self.inserted}, "
            f"cập nhật {self.updated}, không đổi {self.unchanged}, xung đột {len(self.conflicts)}, "
            f"loại {len(self.rejected)}"
        )
        if self.missing_before:
            text += f"; thiếu gói số {', '.join(map(str, self.missing_before))}"
        if self.chain_gaps:
            text += f"; chuỗi băm chưa liền trước sự kiện số {min(self.chain_gaps) + 1}"
        return text
