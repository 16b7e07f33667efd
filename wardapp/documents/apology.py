"""Mẫu 04 — the written apology for a late dossier with its new return date (DOMAIN.md §4).

Issuing a letter records the apology and its event, numbers it from the yearly sequence and
archives the exact PDF, all in one transaction: if the letter cannot be produced, nothing is
recorded.  The batch does the same for every open dossier that is late, or will be within one
working day, and has no apology yet: one transaction, a separate document per letter (its own
number, page numbers and archive entry), and one file joining them to print as a single job.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Spacer
from sqlalchemy import select

from db.models import Apology, Dossier, Procedure
from wardapp.common.atomic import atomic_target
from wardapp.common.errors import ValidationError, WardError
from wardapp.documents import archive, outbox
from wardapp.documents import layout as L
from wardapp.documents.addressing import addressee
from wardapp.documents.apology_candidates import batch_candidates
from wardapp.documents.apology_text import body
from wardapp.documents.archive import print_job
from wardapp.documents.forms import form
from wardapp.documents.letterhead import Letterhead, load_letterhead
from wardapp.documents.wording import date_words, doc_number, when_text
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.batch import Batch
from wardapp.indicators.agency_delays import dossier_steps, load_allowances
from wardapp.office.store import Ward
from wardapp.trust import auth


@dataclass
class Issued:
    apologies: list[Apology]
    path: Path
    sha256: str


def _letter(
    lh: Letterhead,
    st: L.Styles,
    avail: float,
    d: Dossier,
    ap: Apology,
    signer,
    symbol: str,
    late_at: tuple[str, ...] = (),
) -> list:
    f = form(lh.form_set, "apology")
    authority, title, name = signer
    paras = body(lh.form_set, lh.authority, d, ap, when_text, date_words, late_at)
    story = [
        lh.header(st, avail, ap.issued_at.date(), number=f"Số: {doc_number(ap.number, symbol)}"),
        Spacer(1, 8),
        L.para(f.title, st.title),
        *L.subject(st, avail, f"Về việc giải quyết hồ sơ mã số {d.code}"),
        Spacer(1, 6),
        L.para(f"Kính gửi: {addressee(d)}", st.center),
        Spacer(1, 6),
        *(L.para(x, st.body) for x in paras),
        Spacer(1, 6),
        L.signature(
            st,
            avail,
            authority=authority,
            title=title,
            name=name,
            left=L.recipients(st, ["Như trên", "Bộ phận một cửa", "Lưu: VT"], avail * 0.48),
        ),
    ]
    return story


def _info(lh: Letterhead, ref: str) -> L.DocInfo:
    f = form(lh.form_set, "apology")
    return lh.doc_info(f, ref, title=f.title)


@dataclass
class _Setup:
    """What every letter of one issuing run shares: letterhead, signer, number symbol, layout."""

    lh: Letterhead
    signer: tuple[str, str, str]
    symbol: str
    size: str
    st: L.Styles
    avail: float
    ward: Ward

    def letter(self, s, d: Dossier, ap: Apology) -> list:
        late_at = late_agencies(s, self.ward, d, ap.issued_at)
        return _letter(self.lh, self.st, self.avail, d, ap, self.signer, self.symbol, late_at)


def late_agencies(s, ward: Ward, d: Dossier, at: datetime) -> tuple[str, ...]:
    """The agencies whose forwarded step had run past its allowance when the letter was
    issued, when the setting lets the letter name them; none otherwise."""
    rules = ward.rules()
    if not rules.settings["apology_names_agency"]:
        return ()
    steps = dossier_steps(s, rules, d, load_allowances(s, d.office_id), at)
    return tuple(dict.fromkeys(x.agency for x in steps if x.outcome == "late"))


def _setup(ward: Ward, signer: str | None) -> _Setup:
    with ward.read() as s:
        lh = load_letterhead(ward, s)
    size = lh.slip_size
    return _Setup(
        lh,
        lh.signer(signer),
        ward.rules().settings["apology_symbol"],
        size,
        L.Styles(L.BASE_PT[size]),
        L.frame_width(size),
        ward,
    )


def issue_apology(
    ward: Ward,
    code: str,
    actor: str,
    out: str | Path,
    *,
    reason: str,
    signer: str | None = None,
    extra_days: float | None = None,
    new_due: datetime | None = None,
    channel: str = "paper",
) -> Issued:
    actor = auth.actor(ward, "sign", actor)
    if not L.nfc(reason).strip():
        raise ValidationError("Lý do chậm trễ", "chưa nhập")
    if extra_days is None and new_due is None:
        extra_days = ward.rules().settings["apology_extension_days"]
    run = _setup(ward, signer)
    result: dict = {}

    def on_issue(s, d, ap):
        pdf = L.render(run.letter(s, d, ap), _info(run.lh, d.code), run.size)
        doc = archive.keep(
            s, "apology", [ap.uuid], pdf, number=doc_number(ap.number, run.symbol), title=d.code
        )
        outbox.queue_apology(s, run.lh.authority, d, ap, doc)
        result.update(pdf=pdf, sha=doc.sha256)

    # The letter is written (temporary name, target folder) before the apology commits and
    # renamed after: an unwritable output leaves no apology, so the retry is not "once only".
    with atomic_target(out) as tmp, ward.write() as s:
        ap = processing.apologise(
            ward,
            code,
            actor,
            reason=reason,
            signer=run.signer[2],
            new_due=new_due,
            extra_days=extra_days,
            channel=channel,
            on_issue=on_issue,
            session=s,
        )
        tmp.write_bytes(result["pdf"])
    return Issued([ap], Path(out), result["sha"])


def issue_batch(
    ward: Ward,
    actor: str,
    out: str | Path,
    *,
    reason: str,
    signer: str | None = None,
    extra_days: float | None = None,
    codes: list[str] | None = None,
    reasons: dict[str, str] | None = None,
    progress=None,
) -> Issued:
    """``codes``: the candidates the signer ticked (default: all of them); ``reasons``: a
    reason for a dossier that differs from the shared ``reason``; ``progress(done, total)``
    after each letter (it may raise to stop: nothing is issued then)."""
    actor = auth.actor(ward, "sign", actor)
    reasons = {c: r for c, r in (reasons or {}).items() if L.nfc(r).strip()}
    codes = _chosen(ward, codes)
    missing = [c for c in codes if c not in reasons]
    if missing and not L.nfc(reason).strip():
        raise ValidationError(
            "Lý do chậm trễ", "chưa nhập (dùng chung cho cả lô): " + ", ".join(missing[:3])
        )
    if extra_days is None:
        extra_days = ward.rules().settings["apology_extension_days"]
    run = _setup(ward, signer)
    made: list[Apology] = []
    letters: list[bytes] = []

    def on_issue(s, d, ap):
        # One letter, one document: its own number, page numbers from 1 and archive entry, so a
        # reprint hands one citizen their letter and nobody else's.
        pdf = L.render(run.letter(s, d, ap), _info(run.lh, d.code), run.size)
        doc = archive.keep(
            s, "apology", [ap.uuid], pdf, number=doc_number(ap.number, run.symbol), title=d.code
        )
        outbox.queue_apology(s, run.lh.authority, d, ap, doc)
        letters.append(pdf)

    with atomic_target(out) as tmp, ward.write() as s:  # the file first, as issue_apology
        # Every letter names its dossier's procedure: loaded once and held here, each letter
        # finds it in the session instead of a query of its own; the dossiers, their last
        # events, the chain's head and the apology counter are read once for the whole batch.
        procedures = s.scalars(select(Procedure)).all()  # noqa: F841
        batch = Batch(s, codes)
        for i, code in enumerate(codes):
            made.append(
                processing.apologise(
                    ward,
                    code,
                    actor,
                    reason=reasons.get(code, reason),
                    signer=run.signer[2],
                    extra_days=extra_days,
                    on_issue=on_issue,
                    session=s,
                    batch=batch,
                )
            )
            if progress is not None:
                progress(i + 1, len(codes))
        job = print_job(letters)  # inside the transaction: no job, no letters recorded
        tmp.write_bytes(job)
    return Issued(made, Path(out), hashlib.sha256(job).hexdigest())


def _chosen(ward: Ward, codes: list[str] | None) -> list[str]:
    """The ticked codes, each still a candidate (a dossier apologised for or returned since
    the list was shown is refused by name, not silently skipped), in the candidates' order."""
    candidates = batch_candidates(ward)
    if not candidates:
        raise WardError("Không có hồ sơ nào quá hạn hoặc sắp quá hạn mà chưa có văn bản xin lỗi.")
    if codes is None:
        return candidates
    gone = [c for c in codes if c not in candidates]
    if gone:
        raise WardError(
            "Không còn trong danh sách cần xin lỗi (đã xin lỗi hoặc đã có kết quả): "
            + ", ".join(gone)
        )
    if not codes:
        raise ValidationError("Hồ sơ", "chưa chọn hồ sơ nào")
    return [c for c in candidates if c in set(codes)]


class _Preview(Exception):
    """Raised inside the write transaction so that nothing of a preview is kept."""


def preview_letter(
    ward: Ward,
    code: str,
    *,
    reason: str,
    signer: str | None = None,
    extra_days: float | None = None,
) -> bytes:
    """The letter ``code`` would get, as it would be printed (its number, new date and signer
    included), made inside a transaction that is rolled back: nothing is recorded, numbered
    or archived.  The signer sees exactly what they are about to issue."""
    if not L.nfc(reason).strip():
        raise ValidationError("Lý do chậm trễ", "chưa nhập")
    if extra_days is None:
        extra_days = ward.rules().settings["apology_extension_days"]
    run = _setup(ward, signer)
    out: dict = {}

    def on_issue(s, d, ap):
        out["pdf"] = L.render(run.letter(s, d, ap), _info(run.lh, d.code), run.size)
        raise _Preview

    try:
        with ward.write() as s:
            processing.apologise(
                ward,
                code,
                ward.user.username if ward.user else "preview",
                reason=reason,
                signer=run.signer[2],
                extra_days=extra_days,
                on_issue=on_issue,
                session=s,
            )
    except _Preview:
        pass
    return out["pdf"]
