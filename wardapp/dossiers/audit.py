"""``wardapp verify`` beyond the hash chain: every figure is read from dossier rows, so each row
is recomputed from its events (``dossiers.replay``, the same check the city makes on a
package), allocated logbook numbers must have no holes (deleting the newest dossiers leaves
the counter ahead of them, inserting dossiers duplicates a number or outruns it), and the
triggers that guard the history must still be in the file.
"""

from __future__ import annotations

import json
from collections import Counter as Counts
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.backend import backend_for
from db.models import Apology, Counter, Dossier, DossierEvent, Office
from wardapp.dossiers.replay import differences

STREAM_ROWS = 5000
ROW_FIELDS = (
    "id",
    "rating",
    "code",
    "office_id",
    "version",
    "status",
    "status_at",
    "received_at",
    "due_at",
    "resolved_at",
    "returned_at",
    "closed_at",
    "finished_at",
    "paused_at",
    "days_open",
    "outcome",
    "apology_count",
    "channel",
    "full_online",
    "paid_online",
    "logbook_no",
)


def dossier_problems(s: Session, *, limit: int = 200) -> list[str]:
    """One line per dossier whose row its history contradicts, naming the dossier code; at
    most ``limit`` lines (the first ones, by id), then a count of the rest."""
    out: list[str] = []
    extra = 0
    # Both read in dossier order and walked side by side (the (dossier_id, seq) key serves the
    # events), so a file of a million dossiers never holds more than one dossier's history.
    events = s.execute(
        select(
            DossierEvent.dossier_id,
            DossierEvent.seq,
            DossierEvent.kind,
            DossierEvent.at,
            DossierEvent.data,
            DossierEvent.backdated,
        )
        .order_by(DossierEvent.dossier_id, DossierEvent.seq)
        .execution_options(yield_per=STREAM_ROWS)
    ).mappings()
    ahead = next(events, None)
    # apologies too: a letter deleted from the file leaves its event without a record
    apologies = s.execute(
        select(Apology.dossier_id, Apology.nth, Apology.number, Apology.new_due_at)
        .order_by(Apology.dossier_id, Apology.nth)
        .execution_options(yield_per=STREAM_ROWS)
    ).mappings()
    ap_ahead = next(apologies, None)
    cols = [getattr(Dossier, f) for f in ROW_FIELDS]
    rows = s.execute(select(*cols).order_by(Dossier.id).execution_options(yield_per=STREAM_ROWS))
    for row in rows.mappings():
        while ahead is not None and ahead["dossier_id"] < row["id"]:
            ahead = next(events, None)  # events of no dossier: not this check's concern
        evs = []
        while ahead is not None and ahead["dossier_id"] == row["id"]:
            evs.append(ahead)
            ahead = next(events, None)
        aps = []
        while ap_ahead is not None and ap_ahead["dossier_id"] < row["id"]:
            ap_ahead = next(apologies, None)
        while ap_ahead is not None and ap_ahead["dossier_id"] == row["id"]:
            aps.append(ap_ahead)
            ap_ahead = next(apologies, None)
        diff = differences(row, evs) + apology_differences(evs, aps)
        diff += [f"sự kiện số {e['seq']} đã bị xoá cờ 'nhập lùi'" for e in evs if _cleared(e)]
        if diff:
            if len(out) < limit:
                out.append(f"hồ sơ {row['code']}: " + "; ".join(diff))
            else:
                extra += 1
    if extra:
        out.append(f"… và {extra} hồ sơ khác")
    return out


def apology_differences(evs, aps) -> list[str]:
    """Each apology event of the history has its apology record, numbered as the event says,
    and no record stands without its event."""
    said = [json.loads(e["data"] or "{}") for e in evs if e["kind"] == "apologised"]
    out = []
    for nth, data in enumerate(said, 1):
        ap = next((a for a in aps if a["nth"] == nth), None)
        if ap is None:
            out.append(f"văn bản xin lỗi lần {nth} (số {data.get('number', '?')}) đã bị xoá")
        elif "number" in data and data["number"] != ap["number"]:
            out.append(
                f"văn bản xin lỗi lần {nth}: lịch sử ghi số {data['number']}, tệp có số {ap['number']}"
            )
    extra = [a for a in aps if a["nth"] > len(said) or a["nth"] < 1]
    if extra:
        out.append(f"{len(extra)} văn bản xin lỗi không có trong lịch sử (được chèn thêm)")
    return out


def _cleared(e) -> bool:
    """The hashed data says the event was entered late but the column no longer does."""
    return not e["backdated"] and '"backdated": true' in (e["data"] or "")


def number_problems(s: Session, office: Office) -> list[str]:
    """Logbook numbers are handed out 1, 2, 3… per year and never given back: each year's
    dossiers must hold exactly the numbers up to the counter, once each."""
    out = []
    counters = {
        int(k.rsplit(":", 1)[1]): v
        for k, v in s.execute(
            select(Counter.key, Counter.value).where(Counter.key.like(f"logbook:{office.id}:%"))
        )
    }
    held: dict[int, list[int]] = defaultdict(list)
    for received, no in s.execute(
        select(Dossier.received_at, Dossier.logbook_no).where(Dossier.office_id == office.id)
    ):
        held[received.year].append(no)
    for year in sorted(set(counters) | set(held)):
        nos, top = sorted(held.get(year, [])), counters.get(year, 0)
        if nos == list(range(1, top + 1)):
            continue
        missing = sorted(set(range(1, top + 1)) - set(nos))
        dup = sorted(n for n, c in Counts(nos).items() if c > 1)
        beyond = [n for n in nos if n > top or n < 1]
        parts = []
        if missing:
            parts.append(
                f"thiếu {len(missing)} số (từ {missing[0]} đến {missing[-1]}): hồ sơ đã bị xoá"
            )
        if dup:
            parts.append(f"số trùng {', '.join(map(str, dup[:5]))}: hồ sơ được chèn thêm")
        if beyond:
            parts.append(f"{len(beyond)} hồ sơ mang số chưa từng cấp: hồ sơ được chèn thêm")
        out.append(f"sổ theo dõi năm {year} (đã cấp đến số {top}): " + "; ".join(parts))
    return out


def trigger_problems(s: Session) -> list[str]:
    return [
        f"thiếu trigger bảo vệ '{name}' (đã bị xoá khỏi tệp dữ liệu)"
        for name in backend_for(s).missing_triggers(s.connection())
    ]
