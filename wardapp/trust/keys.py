"""The office's signing key: who sent a package is proved by an Ed25519 signature, not by the
office code written in it (a relabelled package with recomputed hashes was once applied as
another ward's).

A ward gets its key pair at ``init`` (or at its first export, for a database made before keys
existed).  The private key is stored in the database itself (``office_key``), so the daily
backup carries it and a restore brings it back with the data it signed; whoever can read the
database file could read a key file beside it just as well.  The ward hands its public key to
the city as a small key file (``wardapp key export``); both sides read its fingerprint aloud
over the phone before the city registers it.  A city replaces a ward's key only by an explicit
action with a reason; the old key stays on record as retired.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Office
from db.models_keys import OfficeKey
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError

KEY_FILE_KIND = "wardapp-public-key"
ALGORITHM = "Ed25519"


def fingerprint(public_hex: str) -> str:
    """What two people compare over the phone: the first 16 bytes of the key's SHA-256, as
    eight groups of four hex digits (unambiguous when read aloud, unlike letters)."""
    h = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:32].upper()
    return "-".join(h[i : i + 4] for i in range(0, 32, 4))


def _public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def current_key(s: Session, office_id: int) -> OfficeKey | None:
    """The office's key in force (the one not retired)."""
    return s.scalars(
        select(OfficeKey)
        .where(OfficeKey.office_id == office_id, OfficeKey.retired_at.is_(None))
        .order_by(OfficeKey.id.desc())
    ).first()


def own_pair(s: Session, office: Office) -> tuple[str, str] | None:
    """(public, private) hex of the office's own key, None if it has none yet."""
    key = current_key(s, office.id)
    return (key.public_key, key.private_key) if key is not None and key.private_key else None


def signing_pair(s: Session, office: Office) -> tuple[str, str]:
    """(public, private) hex of the office's own key, made now if it has none yet."""
    key = ensure_own_key(s, office)
    return key.public_key, key.private_key


def ensure_own_key(s: Session, office: Office, actor: str = "") -> OfficeKey:
    """The office's own key pair, made on first need (inside the caller's write transaction)."""
    key = current_key(s, office.id)
    if key is not None and key.private_key:
        return key
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    key = OfficeKey(
        office_id=office.id,
        public_key=_public_hex(private),
        private_key=raw.hex(),
        created_at=now_local(),
        created_by=actor,
    )
    s.add(key)
    s.flush()
    return key


def sign(private_hex: str, payload: bytes) -> str:
    """Hex of the 64-byte Ed25519 signature of ``payload`` with the office's private key."""
    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return private.sign(payload).hex()


def signature_valid(public_hex: str, payload: bytes, signature_hex: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            bytes.fromhex(signature_hex), payload
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def valid_public_hex(text: object) -> bool:
    if not isinstance(text, str) or len(text) != 64:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))
    except ValueError:
        return False
    return True


@dataclass
class KeyFile:
    office_code: str
    office_name: str
    public_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def read_key_file(path: str | Path) -> KeyFile:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise WardError(f"Không đọc được tệp khoá {path}: {exc.strerror or exc}") from None
    if len(raw) > 64 * 1024:
        raise WardError(f"Tệp {path} không phải tệp khoá của wardapp (quá lớn).")
    try:
        data = json.loads(raw.decode("utf-8"))
        assert data["kind"] == KEY_FILE_KIND and data["algorithm"] == ALGORITHM
        code, name, public = data["office"]["code"], data["office"]["name"], data["public_key"]
        assert isinstance(code, str) and isinstance(name, str)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise WardError(f"Tệp {path} không phải tệp khoá công khai của wardapp.") from None
    if not valid_public_hex(public):
        raise WardError(f"Tệp {path}: khoá công khai không hợp lệ.")
    return KeyFile(code, name, public)


def office_of_key(s: Session, public_hex: str) -> tuple[Office, OfficeKey] | None:
    """The office a public key is registered to (in force or retired), if any."""
    row = s.execute(
        select(Office, OfficeKey)
        .join(OfficeKey, OfficeKey.office_id == Office.id)
        .where(OfficeKey.public_key == public_hex)
        .order_by(OfficeKey.id.desc())
    ).first()
    return (row[0], row[1]) if row else None


def own_key_file(ward) -> KeyFile:
    """The office's public key as its key file states it (made now if the office has none)."""
    with ward.write() as s:
        office = ward.office(s)
        key = ensure_own_key(s, office)
        return KeyFile(office.agency_code, office.name, key.public_key)


def write_key_file(ward, path: str | Path) -> KeyFile:
    """``wardapp key export``: the small file the ward hands to its city."""
    kf = own_key_file(ward)
    text = json.dumps(
        {
            "kind": KEY_FILE_KIND,
            "algorithm": ALGORITHM,
            "office": {"code": kf.office_code, "name": kf.office_name},
            "public_key": kf.public_key,
            "fingerprint": kf.fingerprint,
        },
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
    )
    try:
        Path(path).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise WardError(f"Không ghi được tệp khoá {path}: {exc.strerror or exc}") from None
    return kf
