"""Time allowances of forwarded steps (liên thông): how many working days the land office, the
tax office or a higher level may hold a dossier of a procedure.  The province's coordination
rules set them, not a national text the program could quote, so they are catalogue rows the
office corrects (each with its basis), and ``verified`` says whether anyone checked the figure.
How a step is judged against its allowance is ``wardapp.calendar.steps``."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Procedure
from db.models_allowance import StepAllowance
from wardapp.catalogue.procedures import MAX_LIMIT_DAYS
from wardapp.common.errors import ValidationError, WardError
from wardapp.common.text import fold, nfc
from wardapp.office.store import Ward
from wardapp.trust import auth


def list_allowances(ward: Ward) -> list[dict]:
    auth.require(ward, "read")
    with ward.read() as s:
        rows = s.scalars(
            select(StepAllowance)
            .where(StepAllowance.office_id.is_(None))
            .order_by(StepAllowance.procedure_code, StepAllowance.agency)
        )
        return [
            {
                "procedure_code": r.procedure_code,
                "agency": r.agency,
                "days": r.days,
                "legal_basis": r.legal_basis,
                "verified": r.verified,
            }
            for r in rows
        ]


def set_allowance(
    ward: Ward,
    *,
    procedure_code: str,
    agency: str,
    days: float,
    legal_basis: str,
    verified: bool = True,
) -> None:
    """Add or correct the allowance of ``agency`` for a procedure ("" for every procedure).
    A corrected figure applies to every measurement from then on, past steps included: the
    report answers "who overran what the rules now say", and the basis text says which."""
    auth.require(ward, "settings")
    agency, code, basis = nfc(agency), nfc(procedure_code), nfc(legal_basis)
    if not agency:
        raise ValidationError("Cơ quan liên thông", "không được để trống")
    if not basis:
        raise ValidationError("Căn cứ pháp lý", "ghi văn bản quy định thời hạn này")
    try:
        days = float(str(days).replace(",", "."))
    except ValueError:
        raise ValidationError("Thời hạn (ngày làm việc)", f"'{days}' không phải số") from None
    if not 0 <= days <= MAX_LIMIT_DAYS or days * 2 != int(days * 2):
        raise ValidationError(
            "Thời hạn (ngày làm việc)", f"phải từ 0 đến {MAX_LIMIT_DAYS}, theo nửa ngày"
        )
    with ward.write() as s:
        if code and s.scalar(select(Procedure.id).where(Procedure.code == code).limit(1)) is None:
            raise WardError(f"Không có thủ tục mã '{code}' trong danh mục.")
        row = s.scalars(
            select(StepAllowance).where(
                StepAllowance.office_id.is_(None),
                StepAllowance.procedure_code == code,
                StepAllowance.agency_folded == fold(agency),
            )
        ).first()
        if row is None:
            row = StepAllowance(procedure_code=code, agency_folded=fold(agency))
            s.add(row)
        row.agency, row.days, row.legal_basis, row.verified = agency, days, basis, verified


def remove_allowance(ward: Ward, *, procedure_code: str, agency: str) -> None:
    auth.require(ward, "settings")
    with ward.write() as s:
        row = s.scalars(
            select(StepAllowance).where(
                StepAllowance.office_id.is_(None),
                StepAllowance.procedure_code == nfc(procedure_code),
                StepAllowance.agency_folded == fold(agency),
            )
        ).first()
        if row is None:
            raise WardError(f"Không có thời hạn liên thông của '{agency}' cho thủ tục này.")
        s.delete(row)
