"""The office's change counter, and the mark a restore leaves so no write lands in a replaced file.

A clock cannot order changes for the exchange: ``updated_at`` is stamped before a transaction
commits, so a change that committed while an export ran had a time before the export's start and
was never sent.  Instead every write transaction takes the next value of one counter (row
``change`` of ``counter``) under the write lock, the first time it writes a stamped record, and
stamps that value on every record it inserts or changes (``change_no``).  The write lock orders
transactions, so the numbers follow commit order: a reader that sees counter value V sees every
record stamped up to V and none above, and an export of ``(last sent, V]`` read in one snapshot
leaves nothing between two exports.

ORM writes are stamped by a ``before_flush`` hook; bulk writers put ``take(session)`` in their
rows.  Each unstamped write is caught by the database itself (migration 0009): an insert left at
0 or an update that keeps the number takes a fresh number in the dossier table, and an event or
apology inserted at 0 is refused.

The ``restores`` row is the database's restore generation.  Every program remembers the value
it saw when it opened the file, and every write transaction compares it with the file's under
the write lock (``check_generation``): a restore first sets it negative (being replaced: no
write may land), then copies in a file with a new value, so a program that had the old file
open is refused with "restart" instead of writing into, or re-issuing numbers of, a file that
was replaced under it.
"""

from __future__ import annotations

import weakref

from sqlalchemy import Engine, event, insert, select, update
from sqlalchemy.orm import Session

from db.models import Apology, Commitment, Counter, Dossier, DossierEvent, Procedure

CHANGE = "change"
RESTORES = "restores"
STAMPED = (Dossier, DossierEvent, Apology, Commitment, Procedure)
_TAKEN = "wardapp_change_no"
_generations: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()


class DatabaseReplaced(Exception):
    """The file was restored (or is being restored) by another program since this one opened it;
    the message is meant for the user."""


def take(session: Session) -> int:
    """This transaction's change number, taken from the counter on first use (the caller holds
    the write lock: ``write_session`` begins IMMEDIATE)."""
    n = session.info.get(_TAKEN)
    if n is None:
        n = session.execute(
            update(Counter)
            .where(Counter.key == CHANGE)
            .values(value=Counter.value + 1)
            .returning(Counter.value)
        ).scalar()
        if n is None:  # a file made before the counter existed and not migrated: start at 1
            session.execute(insert(Counter).values(key=CHANGE, value=1))
            n = 1
        # remembered until the (sub)transaction that took it ends: a rolled-back savepoint
        # takes the bump back with it, so the next write takes a number anew
        session.info[_TAKEN] = n
        session.info[_TAKEN + "_in"] = session.get_nested_transaction() or session.get_transaction()
    return n


def current(session: Session) -> int:
    """The highest change number committed as this session's snapshot sees it."""
    return session.scalar(select(Counter.value).where(Counter.key == CHANGE)) or 0


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _flush_context, _instances) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, STAMPED) and (obj in session.new or session.is_modified(obj)):
            obj.change_no = take(session)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction) -> None:
    if session.info.get(_TAKEN + "_in") is transaction:
        session.info.pop(_TAKEN, None)
        session.info.pop(_TAKEN + "_in", None)


# -- restore generation -------------------------------------------------------------------------


def generation(session: Session) -> int:
    return session.scalar(select(Counter.value).where(Counter.key == RESTORES)) or 0


def remember(engine: Engine, session: Session) -> None:
    """Called when a program opens the file: the generation its writes must find."""
    _generations[engine] = generation(session)


def check_generation(engine: Engine, session: Session) -> None:
    """Refuse this write transaction if the file was replaced since ``engine`` first saw it, or
    is being replaced now (the caller holds the write lock, so no restore can start midway)."""
    found = generation(session)
    seen = _generations.setdefault(engine, found)
    if found < 0:
        raise DatabaseReplaced(
            "Cơ sở dữ liệu đang được khôi phục từ bản sao lưu: thao tác chưa được ghi. "
            "Hãy đóng wardapp và mở lại khi khôi phục xong."
        )
    if found != seen:
        raise DatabaseReplaced(
            "Cơ sở dữ liệu đã được khôi phục từ bản sao lưu sau khi chương trình này mở nó: "
            "thao tác chưa được ghi. Hãy đóng wardapp và mở lại."
        )


def set_generation(session: Session, value: int) -> None:
    done = session.execute(update(Counter).where(Counter.key == RESTORES).values(value=value))
    if not done.rowcount:
        session.execute(insert(Counter).values(key=RESTORES, value=value))


def fence(engine: Engine, session: Session) -> int:
    """Mark the file as being replaced (inside the caller's write transaction): every other
    program's next write is refused from the commit on.  Returns the generation the restored
    file will carry."""
    check_generation(engine, session)
    new = abs(generation(session)) + 1
    set_generation(session, -new)
    _generations[engine] = -new
    return new


def restamp(engine: Engine, value: int) -> None:
    """Set the generation of a file without the check (a copy being prepared, or a restore
    undoing its own mark); the write lock is taken as by any writer."""
    with engine.connect() as conn:
        conn = conn.execution_options(wardapp_write=True)
        with Session(bind=conn) as s:
            set_generation(s, value)
            s.commit()
    _generations[engine] = value
