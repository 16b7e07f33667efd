"""Creating an office database and changing its details: office record, the shipped seed data (procedure catalogue,
calendar overrides, this year's default commitment targets)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CalendarOverride, Office, Procedure
from wardapp.catalogue.procedures import procedure_from_row
from wardapp.common import validation
from wardapp.common.errors import WardError
from wardapp.common.text import nfc
from wardapp.indicators.commitment import seed_commitment
from wardapp.office.store import Ward, load_resource_json
from wardapp.trust import auth, keys


def init_office(
    ward: Ward,
    *,
    name: str,
    agency_code: str,
    parent: str = "",
    address: str = "",
    chairman: str = "",
    kind: str = "ward",
    year: int | None = None,
) -> Office:
    """Idempotent: the same call twice leaves one office; another agency code is refused."""
    auth.require(ward, "settings")
    name = validation.required_text(name, "Tên cơ quan")
    agency_code = validation.agency_code(agency_code)
    with ward.write() as s:
        office = s.scalars(select(Office)).first()
        if office is not None:
            if office.agency_code != agency_code:
                raise WardError(
                    f"Cơ sở dữ liệu này đã thuộc {office.name} ({office.agency_code}); "
                    "mỗi cơ quan dùng một tệp dữ liệu riêng."
                )
            office.name = name
            office.parent_name = nfc(parent) or office.parent_name
            office.address = nfc(address) or office.address
            office.chairman = nfc(chairman) or office.chairman
            keys.ensure_own_key(s, office)  # a database made before keys existed gets one
            return office
        office = Office(
            name=name,
            agency_code=agency_code,
            parent_name=nfc(parent),
            address=nfc(address),
            chairman=nfc(chairman),
            deputies="[]",
            kind=kind,
        )
        s.add(office)
        s.flush()
        seed_catalogue(s)
        seed_calendar(s)
        seed_commitment(s, office, year or date.today().year)
        keys.ensure_own_key(s, office)  # signs its packages (wardapp.trust.keys)
    ward.invalidate()
    return office


def seed_catalogue(s: Session) -> int:
    data = load_resource_json("procedures.json")["procedures"]
    existing = {(c, e) for c, e in s.execute(select(Procedure.code, Procedure.effective_from))}
    added = 0
    for p in data:
        eff = date.fromisoformat(p["effective_from"])
        if (p["code"], eff) in existing:
            continue
        row = {
            **p,
            "effective_from": eff,
            "cutoff": p.get("cutoff"),
            "fee": int(p.get("fee", 0)),
            "documents": p.get("documents", []),
            "legal_basis": nfc(p.get("legal_basis", "")),
            "verified": bool(p.get("verified", True)),
            "name": nfc(p["name"]),
            "field": nfc(p["field"]),
            "limit_days": float(p["limit_days"]),
        }
        s.add(procedure_from_row(row, "seed"))
        added += 1
    return added


def seed_calendar(s: Session) -> int:
    data = load_resource_json("calendar_overrides.json")["overrides"]
    existing = set(s.scalars(select(CalendarOverride.day)))
    added = 0
    for o in data:
        day = date.fromisoformat(o["day"])
        if day in existing:
            continue
        s.add(
            CalendarOverride(
                day=day,
                kind=o["kind"],
                description=nfc(o["description"]),
                legal_basis=nfc(o["legal_basis"]),
                source="seed",
            )
        )
        added += 1
    return added


def update_office(
    ward: Ward,
    *,
    name: str,
    parent: str = "",
    address: str = "",
    chairman: str = "",
    deputies: list[str] | tuple[str, ...] = (),
) -> Office:
    """Office details and signers (the chairman and deputies sign documents)."""
    auth.require(ward, "settings")
    name = validation.required_text(name, "Tên cơ quan")
    clean = [nfc(d) for d in deputies if nfc(d)]
    if len(set(clean)) != len(clean):
        raise WardError("Phó Chủ tịch: có tên bị trùng.")
    with ward.write() as s:
        office = ward.office(s)
        office.name, office.parent_name, office.address = name, nfc(parent), nfc(address)
        office.chairman = nfc(chairman)
        office.deputies = json.dumps(
            [{"name": d, "title": "Phó Chủ tịch"} for d in clean], ensure_ascii=False
        )
    return office


def set_settings(ward: Ward, values: dict) -> None:
    """Save several settings at once: all are checked first, then written in one transaction."""
    from wardapp.office.settings import save_setting

    auth.require(ward, "settings")
    with ward.write() as s:
        for key, value in values.items():
            save_setting(s, key, value)
    ward.invalidate()


def add_calendar_override(
    ward: Ward, day: date, kind: str, description: str, legal_basis: str
) -> None:
    from wardapp.calendar.working_days import OVERRIDE_KINDS

    auth.require(ward, "settings")
    if kind not in OVERRIDE_KINDS:
        raise WardError(f"Loại ngày '{kind}' không hợp lệ.")
    description = validation.required_text(description, "Mô tả")
    legal_basis = validation.required_text(legal_basis, "Căn cứ pháp lý", 300)
    with ward.write() as s:
        if (
            s.scalars(select(CalendarOverride).where(CalendarOverride.day == day)).first()
            is not None
        ):
            raise WardError(f"Ngày {day:%d/%m/%Y} đã có trong lịch của cơ quan; xóa dòng cũ trước.")
        s.add(
            CalendarOverride(
                day=day, kind=kind, description=description, legal_basis=legal_basis, source="user"
            )
        )
    ward.invalidate()


def remove_calendar_override(ward: Ward, day: date) -> None:
    auth.require(ward, "settings")
    with ward.write() as s:
        row = s.scalars(select(CalendarOverride).where(CalendarOverride.day == day)).first()
        if row is None:
            raise WardError(f"Ngày {day:%d/%m/%Y} không có trong lịch của cơ quan.")
        s.delete(row)
    ward.invalidate()
