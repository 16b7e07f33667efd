"""Hồ sơ quá hạn theo cơ quan: the period's late dossiers split by the agency (the ward
included) that held each past its allowance, so a ward can show that its land dossiers were late
at the land office.  The late dossiers are exactly Biểu 06's ``late_total`` (resolved late in
the period, or still open and past due at its end); the rule that charges them is
``wardapp.calendar.steps``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from db.models import Dossier, DossierEvent, Procedure
from db.models_allowance import StepAllowance
from wardapp.calendar.periods import Period
from wardapp.calendar.steps import WARD, Allowance, Allowances, Step, accountable, measure, steps_of
from wardapp.common.clock import now_local
from wardapp.indicators.report import _bounds, _open_at, in_office

TITLE = "Hồ sơ quá hạn theo cơ quan"
WARD_LABEL = "Bộ phận một cửa / UBND cấp xã"
STEP_KINDS = ("forwarded", "returned_from_agency")


def standing_steps(events) -> list[tuple]:
    """``(kind, at, agency)`` of the hand-overs that stand, from ``(seq, kind, at, agency,
    data)`` in order: a step taken back (an ``undone`` event naming its ``undid_seq``,
    ``dossiers.lifecycle.undo``) is no hand-over."""
    events = list(events)
    undone = {
        json.loads(data or "{}").get("undid_seq") for _q, k, _a, _g, data in events if k == "undone"
    }
    return [(k, at, g) for seq, k, at, g, _d in events if k in STEP_KINDS and seq not in undone]


def load_allowances(s: Session, office_id: int | None = None) -> Allowances:
    """At a city, the allowances a ward's packages carried (``office_id``), so its dossiers are
    judged by the figures the ward applied; otherwise, or for a ward that sent none, the
    database's own."""

    def rows(cond):
        return list(s.scalars(select(StepAllowance).where(cond).order_by(StepAllowance.id)))

    found = rows(StepAllowance.office_id == office_id) if office_id is not None else []
    found = found or rows(StepAllowance.office_id.is_(None))
    return Allowances([Allowance(r.procedure_code, r.agency, r.days, r.legal_basis) for r in found])


def dossier_steps(s: Session, rules, d: Dossier, allowances: Allowances, as_of: datetime):
    """A dossier's forwarded steps measured at ``as_of`` (or when it was resolved)."""
    history = standing_steps((e.seq, e.kind, e.at, e.agency, e.data) for e in d.events)
    steps = steps_of(history, d.procedure.code, allowances)
    measure(rules.calendar, rules.hours, steps, d.due_at, d.resolved_at or as_of)
    return steps


@dataclass
class LateDossier:
    code: str
    procedure: str
    received_at: datetime
    due_at: datetime
    resolved_at: datetime | None
    held_late_by: list[str]  # agency names; "" is the ward itself
    steps: list[Step] = field(default_factory=list)

    def as_dict(self, minutes_per_day: int) -> dict:
        return {
            "code": self.code,
            "procedure": self.procedure,
            "received_at": self.received_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "held_late_by": [a or WARD_LABEL for a in self.held_late_by],
            "steps": [x.as_dict(minutes_per_day) for x in self.steps],
        }


@dataclass
class LateByAgency:
    period: Period
    as_of: datetime
    dossiers: list[LateDossier]
    minutes_per_day: int
    office: str = ""

    def agencies(self) -> list[tuple[str, list[LateDossier]]]:
        """(agency, its late dossiers): the ward first, then by count, then by name."""
        by: dict[str, list[LateDossier]] = {}
        for d in self.dossiers:
            for a in d.held_late_by:
                by.setdefault(a, []).append(d)
        return sorted(by.items(), key=lambda kv: (kv[0] != WARD, -len(kv[1]), kv[0]))

    def as_dict(self) -> dict:
        return {
            "title": TITLE,
            "office": self.office,
            "period": self.period.as_dict(),
            "as_of": self.as_of.isoformat(),
            "late_total": len(self.dossiers),
            "agencies": [
                {
                    "agency": a or WARD_LABEL,
                    "is_ward": a == WARD,
                    "late": len(ds),
                    "dossiers": [d.code for d in ds],
                }
                for a, ds in self.agencies()
            ],
            "dossiers": [d.as_dict(self.minutes_per_day) for d in self.dossiers],
        }


def late_by_agency(
    s: Session, rules, period: Period, office_id: int | None = None, now: datetime | None = None
) -> LateByAgency:
    start, end = _bounds(period)
    as_of = min(end, now or now_local())
    scope = [] if office_id is None else [in_office(Dossier.office_id, office_id)]
    # The same two sets as Biểu 06's late total, each read the way build_report reads it (one
    # index range per condition; an OR of them would scan the whole table on a big file).
    per_procedure = Dossier.procedure_id.in_(list(s.scalars(select(Procedure.id))))
    conditions = [
        and_(
            Dossier.resolved_at >= start,
            Dossier.resolved_at < end,
            Dossier.outcome == "late",
            per_procedure,
        ),
        *(and_(c, Dossier.due_at < as_of) for c in _open_at(s, as_of, per_procedure)),
    ]
    ids = sorted(
        {i for cond in conditions for i in s.scalars(select(Dossier.id).where(cond, *scope))}
    )
    # The columns the split needs, not the dossiers as objects: building ten thousand ORM
    # objects was most of a year's split on a million dossiers (bench/bench.py, dashboard).
    rows = []
    for i in range(0, len(ids), 500):
        rows += s.execute(
            select(
                Dossier.id,
                Dossier.code,
                Dossier.office_id,
                Dossier.received_at,
                Dossier.due_at,
                Dossier.resolved_at,
                Procedure.code,
                Procedure.name,
            )
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.id.in_(ids[i : i + 500]))
        ).all()
    rows.sort(key=lambda r: (r[3], r[0]))
    history: dict[int, list] = {}
    for i in range(0, len(ids), 500):
        q = (
            select(
                DossierEvent.dossier_id,
                DossierEvent.seq,
                DossierEvent.kind,
                DossierEvent.at,
                DossierEvent.agency,
                DossierEvent.data,
            )
            .where(DossierEvent.dossier_id.in_(ids[i : i + 500]))
            .where(DossierEvent.kind.in_((*STEP_KINDS, "undone")))
            .order_by(DossierEvent.dossier_id, DossierEvent.seq)
        )
        for did, *event in s.execute(q):
            history.setdefault(did, []).append(event)
    per_office: dict[int, Allowances] = {}
    cal, hours = rules.calendar, rules.hours
    out = []
    for did, code, office, received, due, resolved, pcode, pname in rows:
        ended = resolved if resolved and resolved < end else as_of
        if office not in per_office:
            per_office[office] = load_allowances(s, office)
        steps = steps_of(standing_steps(history.get(did, [])), pcode, per_office[office])
        measure(cal, hours, steps, due, ended)
        who = accountable(cal, hours, steps, received, due, ended)
        out.append(LateDossier(code, pname, received, due, resolved, who, steps))
    return LateByAgency(period, as_of, out, hours.minutes_per_day)


STEP_OUTCOME_WORDS = {
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    None: "Chưa trả",
}


def _t(v: datetime | None) -> str:
    return f"{v:%d/%m/%Y %H:%M}" if v else ""


def write_late_xlsx(r: LateByAgency, path) -> None:
    """Two sheets: the count per agency, and one row per (agency, dossier, step) with the
    hand-over and return times, so each count opens on the dossiers behind it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from wardapp.common import inert
    from wardapp.common.atomic import atomic_target

    wb = Workbook()
    ws = wb.active
    ws.title = "Theo cơ quan"
    ws.append([TITLE])
    ws["A1"].font = Font(bold=True)
    ws.append(
        [f"{r.office} — {r.period.label} ({r.period.start:%d/%m/%Y} - {r.period.end:%d/%m/%Y})"]
    )
    ws.append(["Cơ quan giữ hồ sơ quá thời hạn", "Số hồ sơ quá hạn"])
    for agency, ds in r.agencies():
        ws.append([agency or WARD_LABEL, len(ds)])
    ws.append(["Tổng số hồ sơ quá hạn (mỗi hồ sơ một lần)", len(r.dossiers)])
    ws.column_dimensions["A"].width = 48
    detail = wb.create_sheet("Hồ sơ")
    detail.append(
        [
            "Cơ quan giữ quá hạn",
            "Mã hồ sơ",
            "Thủ tục",
            "Ngày nhận",
            "Hẹn trả",
            "Có kết quả",
            "Bước: cơ quan",
            "Giao",
            "Nhận lại",
            "Thời hạn bước (ngày làm việc)",
            "Hạn của bước",
            "Kết quả bước",
            "Căn cứ",
        ]
    )
    for agency, ds in r.agencies():
        for d in ds:
            head = [agency or WARD_LABEL, d.code, d.procedure, _t(d.received_at), _t(d.due_at)]
            head.append(_t(d.resolved_at))
            if not d.steps:
                detail.append([*head, "", "", "", "", "", "", ""])
            for st in d.steps:
                a = st.allowance
                detail.append(
                    [
                        *head,
                        st.agency,
                        _t(st.given_at),
                        _t(st.taken_at),
                        a.days if a else "",
                        _t(st.due_at),
                        STEP_OUTCOME_WORDS[st.outcome],
                        a.legal_basis if a else "Chưa có thời hạn riêng: tính theo hạn hồ sơ",
                    ]
                )
    for col, w in zip(
        "ABCDEFGHIJKLM", (40, 24, 40, 17, 17, 17, 36, 17, 17, 12, 17, 12, 50), strict=True
    ):
        detail.column_dimensions[col].width = w
    detail.freeze_panes = "A2"
    inert.xlsx_sheet(ws)
    inert.xlsx_sheet(detail)
    with atomic_target(path) as tmp:
        wb.save(tmp)
