"""The city's register of wards: only a city database imports, and only packages of wards
registered here (by agency code) and signed with the key registered for them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Office
from db.models_keys import OfficeKey
from wardapp.common import validation
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.common.text import nfc
from wardapp.office.store import Ward
from wardapp.trust import auth, keys


def require_city(ward: Ward, s: Session) -> Office:
    city = ward.office(s)
    if city.kind != "city":
        raise WardError(
            "Đây là cơ sở dữ liệu của phường/xã: chỉ cơ sở dữ liệu thành phố "
            "(wardapp init --city …) mới nhập gói của các phường."
        )
    return city


def _check_key_free(s: Session, public_key: str, office: Office | None) -> None:
    owner = keys.office_of_key(s, public_key)
    if owner is not None and (office is None or owner[0].id != office.id):
        raise WardError(
            f"Khoá này đã đăng ký cho {owner[0].name} ({owner[0].agency_code}); "
            "mỗi đơn vị có khoá riêng."
        )


def add_ward(ward: Ward, *, name: str, agency_code: str, public_key: str | None = None) -> Office:
    """Register a ward, or rename it.  ``public_key`` (hex, from its key file) is recorded if
    the ward has none yet; a different key for a ward that has one is refused: replacing a key
    is ``replace_key``, with a reason."""
    who = auth.actor(ward, "settings")
    name = validation.required_text(name, "Tên phường/xã")
    code = validation.agency_code(agency_code)
    if public_key is not None and not keys.valid_public_hex(public_key):
        raise WardError("Khoá công khai không hợp lệ.")
    with ward.write() as s:
        require_city(ward, s)
        o = s.scalars(select(Office).where(Office.agency_code == code)).first()
        if o is None:
            o = Office(name=name, agency_code=code, parent_name="", deputies="[]", kind="ward")
            s.add(o)
            s.flush()
        elif o.kind != "ward":
            raise WardError(f"{code} là mã của chính thành phố, không phải của một phường/xã.")
        o.name = name
        if public_key is not None:
            held = keys.current_key(s, o.id)
            if held is None:
                _check_key_free(s, public_key, o)
                s.add(
                    OfficeKey(
                        office_id=o.id,
                        public_key=public_key,
                        created_at=now_local(),
                        created_by=who,
                    )
                )
            elif held.public_key != public_key:
                raise WardError(
                    f"{name} ({code}) đã có khoá, vân tay {keys.fingerprint(held.public_key)}; "
                    "muốn thay khoá thì dùng 'wardapp ward rekey' và ghi rõ lý do."
                )
    return o


def replace_key(ward: Ward, *, agency_code: str, public_key: str, reason: str) -> str:
    """The city's explicit action when a ward's key changes (a new PC, a lost database): the
    old key is retired with the reason and the person, never deleted.  Returns the new key's
    fingerprint."""
    who = auth.actor(ward, "settings")
    code = validation.agency_code(agency_code)
    reason = nfc(reason)
    if not reason:
        raise WardError("Thay khoá cần ghi lý do.")
    if not keys.valid_public_hex(public_key):
        raise WardError("Khoá công khai không hợp lệ.")
    with ward.write() as s:
        require_city(ward, s)
        o = s.scalars(select(Office).where(Office.agency_code == code)).first()
        if o is None or o.kind != "ward":
            raise WardError(f"Đơn vị {code} chưa được đăng ký (wardapp ward add …).")
        _check_key_free(s, public_key, o)
        held = keys.current_key(s, o.id)
        if held is not None and held.public_key == public_key:
            raise WardError("Khoá mới trùng khoá đang dùng: không có gì để thay.")
        now = now_local()
        if held is not None:
            held.retired_at, held.retired_by = now, who
        s.add(
            OfficeKey(
                office_id=o.id, public_key=public_key, created_at=now, created_by=who, reason=reason
            )
        )
    return keys.fingerprint(public_key)
