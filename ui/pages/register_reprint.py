"""Printing again from the register: the receipt (Mẫu 01) and the process-control sheet made
afresh from the dossier, and every apology letter and form issued for it as the archived bytes
(``wardapp.documents.reprints``), each opened in the preview.  Reached from a row's context menu,
the links in the detail pane and the window's In menu.  The issued ones are read behind: the
menu opens at once with "Đang tải…" where they will be (issue 20: no read on the GUI thread)."""

from __future__ import annotations

from ui.access import NO_DOSSIER, offer
from ui.desk_line import LOST, behind, fetch
from ui.preview import show_document
from ui.qt import QT_TR_NOOP, QAction, QMenu, tr
from wardapp.trust import auth

# The documents every dossier has, made from its current record.
MADE = (
    ("receipt", QT_TR_NOOP("Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)"), "dossier"),
    ("control", QT_TR_NOOP("Phiếu kiểm soát quá trình giải quyết"), "read"),
)


def archived(ward, code: str) -> list:
    """The documents issued for ``code`` (on a worker: it reads the archive)."""
    from wardapp.documents import reprints  # reportlab: when asked, not at start

    return reprints.list_for(ward, code)


def open_made(parent, ward, kind: str, code: str):
    """Mẫu 01 or the control sheet of ``code`` in the preview."""
    if kind == "receipt":
        from wardapp.documents import receipt_pdf

        return show_document(
            parent,
            tr("Giấy tiếp nhận"),
            f"giay-tiep-nhan-{code}.pdf",
            lambda path: receipt_pdf(ward, code, path),
        )
    from wardapp.documents import control_sheet_pdf

    return show_document(
        parent,
        tr("Phiếu kiểm soát"),
        f"phieu-kiem-soat-{code}.pdf",
        lambda path: control_sheet_pdf(ward, code, path),
    )


def open_archived(parent, ward, doc, code: str):
    """An issued letter or form exactly as handed out."""
    from wardapp.documents import reprints

    return show_document(
        parent,
        doc.label,
        f"{doc.kind}-{code}-{doc.id}.pdf",
        lambda path: reprints.write_copy(ward, doc.id, path),
    )


def fill_menu(menu: QMenu, parent, ward, code: str) -> list[QAction]:
    """The reprint entries for ``code``: the two made documents (returned), then each issued
    one, added when the archive has been read."""
    acts = []
    for kind, label, permission in MADE:
        act = menu.addAction(tr(label))
        offer(act, auth.refusal(ward, permission))
        act.triggered.connect(lambda _c=False, k=kind: open_made(parent, ward, k, code))
        acts.append(act)
    menu.addSeparator()
    waiting = menu.addAction(tr("Đang tải…"))
    waiting.setEnabled(False)

    def arrived(docs) -> None:
        menu.removeAction(waiting)
        if not docs:
            none = menu.addAction(tr("(Chưa có văn bản nào đã phát hành)"))
            none.setEnabled(False)
        for doc in docs:
            act = menu.addAction(tr("In lại: {label}").format(label=doc.label))
            act.triggered.connect(lambda _c=False, d=doc: open_archived(parent, ward, d, code))

    behind(menu, archived, ward, code, done=arrived, lost=lambda: waiting.setText(LOST))
    return acts


def links(ward, code: str) -> str:
    """The detail pane's "In lại" line: one link per document (``reprint:…`` anchors)."""
    parts = [f"<a href='reprint:{kind}'>{tr(label)}</a>" for kind, label, _p in MADE]
    parts += [f"<a href='reprint:doc:{d.id}'>{d.label}</a>" for d in archived(ward, code)]
    return tr("In lại: ") + " · ".join(parts)


def follow(parent, ward, code: str, href: str):
    """A link of :func:`links` clicked."""
    _, _, what = href.partition(":")
    if what.startswith("doc:"):
        doc_id = int(what[4:])
        ok, docs = fetch(parent, archived, ward, code)  # the clerk asked: waited, with a deadline
        for doc in docs if ok else ():
            if doc.id == doc_id:
                return open_archived(parent, ward, doc, code)
        return None
    return open_made(parent, ward, what, code)


def offer_menu(actions: dict, ward, row) -> None:
    """The window's In menu follows the selected dossier (and the role, for the receipt)."""
    for key, permission in (("receipt", "dossier"), ("control", "read"), ("issued", "read")):
        if key in actions:
            why = tr(NO_DOSSIER) if row is None else auth.refusal(ward, permission)
            offer(actions[key], why)
