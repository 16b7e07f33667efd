"""The city's register of wards: only a city database imports, and only packages of wards
registered here (by agency code)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Office
from wardapp.common import validation
from wardapp.common.errors import WardError
from wardapp.office.store import Ward
from wardapp.trust import auth


def require_city(ward: Ward, s: Session) -> Office:
    city = ward.office(s)
    if city.kind != "city":
        raise WardError(
            "Đây là cơ sở dữ liệu của phường/xã: chỉ cơ sở dữ liệu thành phố "
            "(wardapp init --city …) mới nhập gói của các phường."
        )
    return city


def add_ward(ward: Ward, *, name: str, agency_code: str) -> Office:
    auth.require(ward, "settings")
    name = validation.required_text(name, "Tên phường/xã")
    code = validation.agency_code(agency_code)
    with ward.write() as s:
        require_city(ward, s)
        existing = s.scalars(select(Office).where(Office.agency_code == code)).first()
        if existing is not None:
            existing.name = name
            return existing
        o = Office(name=name, agency_code=code, parent_name="", deputies="[]", kind="ward")
        s.add(o)
    return o
