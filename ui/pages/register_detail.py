"""The register's detail pane: a dossier, its apologies and its history as HTML, read and
built in one go on the window's line (``ui.desk_line``), off the GUI thread, which does not wait
for it: the clerk moving down the list with the arrow keys never waits for a far server, and
only the newest selection's pane is shown.  "Đang tải…" appears only if the answer is slow
(a pane flashing it at each row of a local register would flicker)."""

from __future__ import annotations

from ui.desk_line import LOST, behind
from ui.pages import register_reprint as reprint
from ui.pages.register_model import fmt_minute
from ui.pages.register_steps import last_step, step_note
from ui.qt import QTimer, tr
from wardapp.dossiers import EVENT_LABELS, STATUS_LABELS, get_dossier

LOADING_AFTER_MS = 150


def load(page, code: str) -> None:
    """Read ``code``'s pane behind; shown if it is still the selected dossier then."""
    page.pane_code = code

    def late() -> None:
        if page.pane_code == code and page.pane_shown != code:
            page.detail.setHtml(f"<b>{code}</b><br><i>" + tr("Đang tải…") + "</i>")

    QTimer.singleShot(LOADING_AFTER_MS, page.detail, late)
    behind(
        page,
        pane,
        page.ward,
        code,
        done=lambda got: _arrived(page, code, got),
        lost=lambda: _lost(page, code),
    )


def _arrived(page, code: str, got) -> None:
    if page.pane_code != code:  # the clerk moved on: a newer pane is on its way
        return
    html, last = got
    page.known_last = {code: last}
    r = page.current()
    page.update_actions(r)  # the undo is offered by the step just read
    if page.why.get("undo") is None:  # within the minutes: offered where the step is read
        html.append(
            "<p><a href='undo:'>"
            + tr("Hoàn tác bước cuối (ghi nhầm?)")
            + "</a> — "
            + tr("lịch sử vẫn giữ bước đó")
            + "</p>"
        )
    page.detail.setHtml("".join(html))
    page.pane_shown = code


def _lost(page, code: str) -> None:
    if page.pane_code == code:
        page.detail.setHtml(f"<b>{code}</b><p style='color:#b00020'>{LOST}</p>")
        page.pane_shown = None  # shown again once the server answers


def pane(ward, code: str):
    """On a worker: the pane's HTML pieces and the last step (which the undo is judged by)."""
    return detail_html(ward, code), last_step(ward, code)


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
