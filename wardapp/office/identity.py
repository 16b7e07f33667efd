"""Which database this is: its office, its kind (ward or city), an id of its own and whether it
holds demo data.  What keeps foreign data out of an office's real file rests on these: the demo
generator fills only a demo database, a restore takes only a backup of the same office and kind
unless an administrator asks for it, and each database keeps its backups in a folder of its own
so one's rotation can never delete another's."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from db.identity import DATABASE_ID_KEY, DEMO_KEY, FileIdentity, read_file_identity
from db.models import Setting
from wardapp.common.errors import WardError

KIND_LABELS = {"ward": "phường/xã", "city": "thành phố"}
_KEYS = (DATABASE_ID_KEY, DEMO_KEY)


@dataclass(frozen=True)
class Identity:
    office_code: str
    office_name: str
    kind: str
    database_id: str
    demo: bool

    @property
    def folder_name(self) -> str:
        """A backup folder's name: the office code a person recognises, then the database id
        that tells two databases of one office (a real one and a test copy) apart."""
        code = re.sub(r"[^0-9A-Za-z.]", "_", self.office_code)
        return f"{code}-{self.database_id[:12]}"


def database_identity(ward) -> Identity:
    """The open database's identity; gives it an id the first time one is asked for (databases
    made before ids existed have none)."""
    with ward.read() as s:
        office = ward.office(s)
        marks = _marks(s)
    if DATABASE_ID_KEY not in marks:
        with ward.write() as s:  # the write lock makes check-then-insert one step
            marks = _marks(s)
            if DATABASE_ID_KEY not in marks:
                marks[DATABASE_ID_KEY] = uuid.uuid4().hex
                s.add(Setting(key=DATABASE_ID_KEY, value=json.dumps(marks[DATABASE_ID_KEY])))
    return Identity(
        office.agency_code,
        office.name,
        office.kind,
        marks[DATABASE_ID_KEY],
        marks.get(DEMO_KEY) is True,
    )


def _marks(s) -> dict:
    rows = s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(_KEYS)))
    return {k: json.loads(v) for k, v in rows}


def office_identity(ward) -> tuple[str, str, str, bool]:
    """Office code, name, kind and the demo mark, read without writing anything (a database
    without an id keeps it that way)."""
    with ward.read() as s:
        office = ward.office(s)
        demo = _marks(s).get(DEMO_KEY) is True
        return office.agency_code, office.name, office.kind, demo


def is_demo(ward) -> bool:
    with ward.read() as s:
        return _marks(s).get(DEMO_KEY) is True


def mark_demo(ward) -> None:
    """Mark a database as holding demo data only: the demo generator does so when it creates
    the demo office; tests and the screenshot script for a database they made to fill."""
    with ward.write() as s:
        if s.get(Setting, DEMO_KEY) is None:
            s.add(Setting(key=DEMO_KEY, value="true"))


def file_identity(path: str | Path) -> FileIdentity:
    """What the file at ``path`` is, read without migrating or writing it."""
    try:
        return read_file_identity(path)
    except ValueError as exc:
        name = Path(path).name if isinstance(path, str | Path) and "://" not in str(path) else path
        raise WardError(f"Không đọc được {name}: {exc}.") from None


def describe(code: str | None, name: str | None, kind: str | None, demo: bool) -> str:
    """How a person reads a database's identity in a message."""
    if code is None:
        return "cơ sở dữ liệu chưa có cơ quan"
    text = f"{name} ({code}, {KIND_LABELS.get(kind or '', kind)}"
    return text + (", dữ liệu mẫu)" if demo else ")")
