"""The register's detail pane: a dossier, its apologies and its history as HTML, read and
built in one go so the window runs it on its line (``ui.desk_line``), off the GUI thread."""

from __future__ import annotations

from ui.pages import register_reprint as reprint
from ui.pages.register_model import fmt_minute
from ui.pages.register_steps import step_note
from wardapp.dossiers import EVENT_LABELS, STATUS_LABELS, get_dossier


def detail_html(ward, code: str) -> list[str]:
    """The pane's HTML pieces (the page adds the undo link, which the role decides)."""
    with ward.read() as s:
        d = get_dossier(s, code)
        events = [
            (
                e.at,
                EVENT_LABELS.get(e.kind, e.kind),
                e.actor,
                e.agency,
                " — ".join(x for x in (e.reason, step_note(e, d.applicant_name)) if x),
                e.recorded_at if e.backdated else None,
            )
            for e in d.events
        ]
        apologies = [(a.number, a.new_due_at) for a in d.apologies]
        again = max((due for _n, due in apologies), default=None)
        due = (  # the date the applicant holds; the statutory one beside it
            f"<b>{fmt_minute(again)}</b> (hẹn lại; ban đầu {fmt_minute(d.due_at)})"
            if again
            else f"<b>{fmt_minute(d.due_at)}</b>"
        )
        html = [
            f"<b>{d.code}</b> — {d.procedure.name}<br>",
            f"Người nộp: <b>{d.applicant_name}</b> {d.applicant_id} {d.phone}<br>",
            f"Tiếp nhận: {fmt_minute(d.received_at)} · Hẹn trả: {due} · "
            f"Trạng thái: <b>{STATUS_LABELS[d.status]}</b><br>",
        ]
    for number, new_due in apologies:
        html.append(f"Văn bản xin lỗi số {number}: hẹn lại {fmt_minute(new_due)}<br>")
    html.append(
        "<table cellspacing=4><tr><th align=left>Thời điểm</th><th align=left>Bước</th><th align=left>Người</th><th align=left>Ghi chú</th></tr>"
    )
    for at, label, actor, agency, reason, late_entry in events:
        note = " — ".join(x for x in (agency, reason) if x)
        if late_entry is not None:  # symbol and words, not colour alone
            note = (
                f"<span style='color:#9a5b00'>⚠ nhập lùi: ghi lúc {fmt_minute(late_entry)}</span>"
                + (f" — {note}" if note else "")
            )
        html.append(
            f"<tr><td>{fmt_minute(at)}</td><td>{label}</td><td>{actor}</td><td>{note}</td></tr>"
        )
    html.append("</table>")
    html.append(f"<p>{reprint.links(ward, code)}</p>")
    return html
