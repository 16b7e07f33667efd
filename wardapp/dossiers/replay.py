"""A dossier row recomputed from its own history.

Every figure the office is graded on (on-time rate, apology coverage, online share) is read from
the dossier row, but only the events are sealed in the hash chain: an outcome edited from late
to on time, a due time moved by sixty days or a channel changed in the file would go unseen.
Replaying the events gives what the row must say; ``wardapp verify`` names every difference by
dossier code, and the city refuses a package whose rows differ from the replay of the events
they carry (same function, so the two can never disagree).

What the events determine depends on how the dossier was entered.  One received at the desk
records every step with its data (the due time at intake and after each pause, the channel and
online flags at intake since format 4, the old and new value of every correction), so the whole
row is checked.  A dossier imported from an old logbook or made by the demo has events rebuilt
from the row's own timestamps (their data says ``source``): its status, due time and flags were
never recorded separately, so only the times, outcome and apology count are checked.
"""

from __future__ import annotations

import json
from datetime import datetime

from wardapp.calendar.deadlines import classify_outcome
from wardapp.dossiers.lifecycle.transition import days_open

# The status each step leads to (None: the step keeps the status; resumes are computed).
TARGET = {
    "received": "received",
    "supplement_requested": "supplement_requested",
    "forwarded": "forwarded",
    "returned_from_agency": "in_progress",
    "paused": "paused",
    "resolved": "resolved",
    "returned": "returned",
    "withdrawn": "withdrawn",
    "refused": "refused",
    "apologised": None,
    "edited": None,
    "undone": None,  # its data says the status it returns to (``to``)
    "rated": None,
}
RATINGS = ("hai_long", "binh_thuong", "khong_hai_long")
RESUMES = ("supplied", "resumed")
TIME_FIELDS = (
    "received_at",
    "due_at",
    "resolved_at",
    "returned_at",
    "closed_at",
    "finished_at",
    "status_at",
    "paused_at",
)
FLAG_FIELDS = ("channel", "full_online", "paid_online")
# Fields a correction ("edited") may change, as the lifecycle allows.
EDITED = (
    "applicant_name",
    "applicant_id",
    "phone",
    "email",
    "address",
    *FLAG_FIELDS,
    "sets_count",
    "note",
)
LABELS = {
    "status": "trạng thái",
    "received_at": "thời điểm tiếp nhận",
    "due_at": "hạn trả",
    "resolved_at": "thời điểm có kết quả",
    "returned_at": "thời điểm trả kết quả",
    "closed_at": "thời điểm kết thúc",
    "finished_at": "thời điểm hoàn thành",
    "status_at": "thời điểm trạng thái",
    "paused_at": "thời điểm tạm dừng",
    "days_open": "số ngày giải quyết",
    "outcome": "kết quả (sớm/đúng/trễ hạn)",
    "apology_count": "số lần xin lỗi",
    "version": "phiên bản",
    "channel": "kênh tiếp nhận",
    "full_online": "trực tuyến toàn trình",
    "rating": "mức hài lòng",
    "paid_online": "thanh toán trực tuyến",
}


def _dt(v) -> datetime | None:
    """A datetime from a datetime or the text SQLite or a package row stores for one."""
    if v is None or isinstance(v, datetime):
        return v
    return datetime.fromisoformat(v)


def _data(ev) -> dict:
    d = ev["data"]
    if isinstance(d, dict):
        return d
    try:
        out = json.loads(d) if d and d != "{}" else {}
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}


def replay(events: list) -> dict:
    """What the row must hold, from its events in ``seq`` order: only the fields the events
    determine (see the module docstring); an empty history determines nothing but that it is
    empty (``version`` 0)."""
    events = sorted(events, key=lambda e: e["seq"])
    out: dict = {"version": len(events), "apology_count": 0, "rating": ""}
    if not events:
        return out
    first = _data(events[0])
    historic = "source" in first or "due_at" not in first
    status = status_at = paused_at = due = resolved = None
    received = _dt(events[0]["at"])
    flags = {k: first[k] for k in FLAG_FIELDS if k in first}
    prev_data: dict = {}
    paused_known = True  # False after a supplement request recorded before the flag existed
    for ev in events:
        kind, at, data = ev["kind"], _dt(ev["at"]), _data(ev)
        target = TARGET.get(kind)
        if kind in RESUMES:
            target = prev_data.get("from")
            target = target if target in ("forwarded", "in_progress") else "in_progress"
            if "due_at" in data:
                due = _dt(data["due_at"])
            paused_at = None
        elif kind == "received" and "due_at" in data:
            due = _dt(data["due_at"])
        elif kind in ("supplement_requested", "paused"):
            paused_at = at if (kind == "paused" or data.get("clock_paused")) else None
            paused_known = kind == "paused" or "clock_paused" in data
        elif kind == "resolved":
            resolved = at
            out["resolved_at"] = at
            out["finished_at"] = at
            paused_at = None
        elif kind == "returned":
            out["returned_at"] = at
        elif kind in ("withdrawn", "refused"):
            out["closed_at"] = at
            out["finished_at"] = at
            paused_at = None
        elif kind == "apologised":
            out["apology_count"] += 1
        elif kind == "undone":  # the step it names is taken back (lifecycle.undo)
            target = data.get("to")
            undid = data.get("undid_kind")
            if undid == "resolved":
                resolved = out["resolved_at"] = out["finished_at"] = None
            elif undid == "returned":
                out["returned_at"] = None
            elif undid == "paused":
                paused_at = None
        elif kind == "rated" and not out["rating"]:  # the first answer is the citizen's
            out["rating"] = data.get("rating") if data.get("rating") in RATINGS else "?"
        elif kind == "edited":
            for k, change in (data.get("changes") or {}).items():
                if k in FLAG_FIELDS and isinstance(change, list) and len(change) == 2:
                    flags[k] = change[1]
        if target is not None:
            status, status_at = target, at
        prev_data = data
    out["received_at"] = received
    for k in ("resolved_at", "returned_at", "closed_at", "finished_at"):
        out.setdefault(k, None)
    out["days_open"] = days_open(received, out["finished_at"]) if out["finished_at"] else None
    if historic:
        out["_outcome_from_row_due"] = resolved
        return out
    out["status"], out["status_at"], out["due_at"] = status, status_at, due
    if paused_known or paused_at is not None or status != "supplement_requested":
        out["paused_at"] = paused_at
    out["outcome"] = classify_outcome(resolved, due) if resolved else None
    if len(flags) == len(FLAG_FIELDS):
        out.update(flags)
    return out


def _same(field: str, want, have) -> bool:
    if field in TIME_FIELDS:
        return _dt(want) == _dt(have)
    if field in ("full_online", "paid_online"):
        return bool(want) == bool(have)
    return want == have


def differences(row, events: list) -> list[str]:
    """Each field of ``row`` (a mapping) that its events contradict, as 'label: row says X,
    history says Y'.  ``version`` may not exceed the number of events (a desk dossier's is
    exactly that; an imported one stays at 1)."""
    want = replay(events)
    out = []
    if not events:
        return ["không có sự kiện nào trong lịch sử (hồ sơ được chèn thẳng vào tệp dữ liệu?)"]
    if row["version"] > want["version"] or row["version"] < 1:
        out.append(
            f"phiên bản {row['version']} vượt quá {want['version']} sự kiện của hồ sơ"
            if row["version"] > want["version"]
            else f"phiên bản {row['version']} không hợp lệ"
        )
    if "_outcome_from_row_due" in want:
        r = want.pop("_outcome_from_row_due")
        want["outcome"] = classify_outcome(r, _dt(row["due_at"])) if r else None
    for field, value in want.items():
        if field == "version":
            continue
        if not _same(field, value, row[field]):
            out.append(
                f"{LABELS.get(field, field)}: hồ sơ ghi {_show(row[field])}, lịch sử là {_show(value)}"
            )
    return out


def _show(v) -> str:
    if v is None:
        return "trống"
    if isinstance(v, str) and len(v) >= 16 and v[4] == "-" and v[10] in " T":
        v = _dt(v)
    if isinstance(v, datetime):
        return f"{v:%H:%M %d/%m/%Y}"
    return str(v)
