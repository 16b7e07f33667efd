"""Who sends Biểu 06 to whom and who signs it: one value shared by the PDF, the .xlsx a clerk
saves, the weekly package's summary.xlsx and the self-test's, so the files a ward sends the city
never disagree on the units, the date or the names.  Built here, under both the documents and
the exchange, from the office's record and settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from wardapp.common.clock import now_local
from wardapp.common.errors import ValidationError
from wardapp.common.names import date_words, mid_sentence, place_of
from wardapp.common.text import nfc
from wardapp.office.store import Ward


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


def report_heading(ward: Ward, s: Session, on: date | None = None) -> ReportHeading:
    """Units, date and signers of Biểu 06.  The receiving unit is the parent as the office set
    it; the generic "Ủy ban nhân dân thành phố" only when no parent is set.  The preparer is
    the ``report_preparer`` setting, else the signed-in user."""
    office = ward.office(s)
    settings = ward.rules().settings
    name = nfc(office.name).strip()
    if not name:
        raise ValidationError("Tên cơ quan", "chưa nhập")
    reporting = (
        name if name.startswith("Ủy ban nhân dân") else f"Ủy ban nhân dân {mid_sentence(name)}"
    )
    receiving = nfc(office.parent_name).strip() or (
        f"Ủy ban nhân dân {settings['upper_level_label']}"
    )
    user = getattr(ward, "user", None)
    preparer = (
        nfc(settings["report_preparer"]).strip() or nfc(getattr(user, "full_name", "")).strip()
    )
    place = place_of(name, settings["place_name"])
    return ReportHeading(
        reporting_unit=reporting,
        receiving_unit=mid_sentence(receiving) if receiving.startswith("Ủy ban") else receiving,
        date_line=f"{nfc(place)}, {date_words(on or now_local().date())}",
        preparer=preparer,
        head_name=nfc(office.chairman),
    )
