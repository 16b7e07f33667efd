"""Who sends Biểu 06 to whom and who signs it: one value shared by the PDF and the .xlsx, so
the two files a ward sends the city never disagree on the units, the date or the names.  The
documents layer fills it in (it owns the NĐ 30 wording of names and dates)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportHeading:
    reporting_unit: str  # "Ủy ban nhân dân phường Xuân An"
    receiving_unit: str  # the office's parent as set ("Ủy ban nhân dân tỉnh Lâm Đồng")
    date_line: str  # "Xuân An, ngày 05 tháng 02 năm 2026"
    preparer: str  # NGƯỜI LẬP BIỂU; "" leaves the line for a handwritten name
    authority: str = "TM. Ủy ban nhân dân"
    head_title: str = "Chủ tịch"
    head_name: str = ""


UNIT_LINE = "Đơn vị tính: Số hồ sơ TTHC"
FIELD_HEAD = "Lĩnh vực, công việc giải quyết theo cấp"


def column_numbers(count_columns: int) -> list[str]:
    """ "(1)" … under every column, STT and the field included, as the paper form numbers them:
    the city checks a ward's figures by these numbers ("(3) = (4) + (5) + (6)")."""
    return [f"({i})" for i in range(1, count_columns + 3)]


# Withdrawn and refused are not among the form's columns: kept after them, with the identity
# that ties them in, so the totals still add up for whoever checks.
EXTRA_NOTE = (
    "Cột (14), (15) thêm ngoài biểu mẫu để đối chiếu: (3) = (4) + (5) + (6) = (7) + (11) + (14)"
    " + (15)."
)
