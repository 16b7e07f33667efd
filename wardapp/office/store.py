"""The open office database and the rules read from it (settings, calendar, desk hours).

Like Anki's ``Collection``: one object the CLI and the GUI hold, which services take as their
first argument.  The rule context is read once and cached; services that change settings or the
calendar call ``invalidate()``.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.admin_chain import ACTOR, CLOCK
from db.backend import ServerDatabase, is_server
from db.engine import open_database, ping, read_session, write_session
from db.models import CalendarOverride, Office
from db.models_jobs import ImportJob
from wardapp.calendar.deadlines import DeskHours, parse_hhmm
from wardapp.calendar.working_days import Override, WorkCalendar
from wardapp.common.atomic import sweep
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.office.settings import Settings


@dataclass(frozen=True)
class Rules:
    settings: Settings
    calendar: WorkCalendar
    hours: DeskHours
    cutoff: time


def load_resource_json(name: str):
    with resources.files("resources").joinpath(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


def load_rules(session: Session) -> Rules:
    return build_rules(
        Settings.load(session),
        [
            Override(o.day, o.kind, o.description, o.legal_basis)
            for o in session.scalars(select(CalendarOverride))
        ],
    )


def shipped_rules() -> Rules:
    """Default settings and the shipped calendar: for commands run without a database."""
    return build_rules(
        Settings(),
        [
            Override(date.fromisoformat(o["day"]), o["kind"], o["description"], o["legal_basis"])
            for o in load_resource_json("calendar_overrides.json")["overrides"]
        ],
    )


def build_rules(settings: Settings, overrides: list[Override]) -> Rules:
    return Rules(
        settings=settings,
        calendar=WorkCalendar(overrides, culture_day_off=bool(settings["culture_day_off"])),
        hours=DeskHours.parse(settings["desk_hours"]),
        cutoff=parse_hhmm(settings["same_day_cutoff"]),
    )


class Ward:
    def __init__(self, engine: Engine, path: str | Path | None = None):
        self.engine = engine
        self.path = path
        self._rules: Rules | None = None
        self.user = None  # the signed-in account (wardapp.trust.auth.User), None until sign-in
        self._has_accounts: bool | None = None  # cached by wardapp.trust.auth.setup_mode
        self.on_wait = None  # the window's notice while a save waits for the write lock
        # A desk's write gives up on the server after this (the window's own deadline is a
        # little longer, so the server's cancel, a clean rollback, normally comes first).
        self.deadline_ms: int | None = None

    @classmethod
    def open(cls, path: str | Path | ServerDatabase) -> Ward:
        ward = cls(open_database(path), path)
        if not is_server(path) and "://" not in str(path):
            for folder in (Path(path).parent, Path(path).parent / "backups"):
                sweep(folder)  # what an interrupted run left beside the database
        return ward

    @property
    def on_server(self) -> bool:
        """Several desks share the database: nothing of it lives beside this program."""
        return is_server(self.path) or "://" in str(self.path)

    @property
    def local_path(self) -> Path:
        """What this desk keeps of the database (intake drafts) is named after this path: the
        database file, or for a server database a name of its own in the data folder."""
        if not self.on_server:
            return Path(self.path)
        from wardapp.office.paths import data_dir

        url = self.engine.url
        return data_dir() / "servers" / f"{url.host or 'local'}-{url.port or ''}-{url.database}"

    @contextmanager
    def write(self):
        """One transaction for one user action; the administration chain records who made it
        and when by the office clock (``db.admin_chain``).  While it waits for another
        program's write (a long import's batch), ``on_wait`` is told what to show, then ""."""
        user = self.user.username if self.user is not None else ""
        waited: list[bool] = []

        def waiting() -> None:
            waited.append(True)
            self.on_wait(waiting_message(self))

        notice = waiting if self.on_wait is not None else None
        try:
            with write_session(
                self.engine, {ACTOR: user, CLOCK: now_local}, notice, self.deadline_ms
            ) as s:
                yield s
        finally:
            if waited:
                self.on_wait("")

    def read(self):
        return read_session(self.engine)

    def ping(self) -> None:
        """The cheapest round trip to the database: raises if it cannot be reached (the
        window's reconnection probe while the server is gone)."""
        ping(self.engine)

    def rules(self) -> Rules:
        if self._rules is None:
            with self.read() as s:
                self._rules = load_rules(s)
        return self._rules

    def change_number(self) -> int:
        """The last change committed to the file (``db/changes.py``), whoever wrote it: this
        window, the command line, a city's import.  Screens showing figures refresh when it
        moves (Anki's "operations report what changed, screens refresh themselves")."""
        from db.changes import current

        with self.read() as s:
            return current(s)

    def invalidate(self) -> None:
        """Settings or accounts changed: re-read rules and setup mode on next use."""
        self._rules = None
        self._has_accounts = None

    def office(self, session: Session) -> Office:
        office = session.scalars(select(Office).order_by(Office.id)).first()
        if office is None:
            raise WardError(
                "Cơ sở dữ liệu chưa có thông tin cơ quan: chạy 'wardapp init --office-name … "
                "--office-code …' hoặc 'wardapp demo' trước."
            )
        return office

    def close(self) -> None:
        self.engine.dispose()


WAITING = "Đang có một tác vụ nhập dữ liệu, vui lòng chờ…"


def waiting_message(ward: Ward) -> str:
    """What a desk shows while its save waits for the write lock: a long import writes in
    batches (``wardapp.dossiers.import_jobs``) and marks itself while it runs."""
    with ward.read() as s:
        job = s.scalars(
            select(ImportJob).where(ImportJob.finished_at.is_(None)).order_by(ImportJob.id.desc())
        ).first()
    if job is not None:
        return f"{WAITING} ({job.file_name}: {job.done}/{job.total} hồ sơ)"
    return "Đang chờ một thao tác khác ghi xong, vui lòng chờ…"


def prepare_calendar(ward: Ward, progress=None) -> None:
    """This year's working-day calendar, built ahead of the first filter or due date that
    needs it (run by the window at start, off the GUI thread)."""
    ward.rules().calendar.prepare(now_local().year)
