"""The register's steps the law wants in writing: the form of a supplement request, a refusal or
a stop (Mẫu 02/03/05) and the apology letter, each issued with its step and opened in the preview.
Kept apart from the register page so that page holds the list and its actions, not the letters."""

from __future__ import annotations

from ui.errors import run_action
from ui.preview import show_document
from ui.qt import QInputDialog, tr


def issue_form(page, kind: str, code: str, title: str, reason: str):
    """The step whose form the law wants in writing: taken and its form opened in the
    preview in one go (Mẫu 02 also asks for the documents, one a line)."""
    from wardapp.documents import step_forms  # reportlab: not at start

    missing = []
    if kind == "supplement":
        text, ok = QInputDialog.getMultiLineText(
            page,
            tr(title),
            tr("Giấy tờ cần bổ sung, mỗi dòng một giấy tờ (số bản: Tên = chính/chứng thực/photo):"),
        )
        if not ok:
            return None
        missing = run_action(page, step_forms.parse_missing, text)
        if missing is None:
            return None
    return show_document(
        page,
        title,
        f"{kind}-{code}.pdf",
        lambda path: step_forms.issue(
            page.ward, kind, code, page.actor, path, reason=reason, missing=missing
        ),
    )


def apologise_dialog(page, code: str) -> None:
    reason = page.ask("Xin lỗi, hẹn lại", "Lý do chậm trễ (ghi trong văn bản):")
    if reason is None:
        return
    default = int(page.ward.rules().settings["apology_extension_days"])
    days, ok = QInputDialog.getInt(
        page, tr("Xin lỗi, hẹn lại"), tr("Gia hạn thêm (ngày làm việc):"), default, 1, 60
    )
    if not ok:
        return
    if (
        show_document(
            page,
            "Văn bản xin lỗi",
            f"xin-loi-{code}.pdf",
            lambda path: _apologise(page, code, reason, days, path),
        )
        is not None
    ):
        page.refresh()
        page.changed.emit()


def _apologise(page, code: str, reason: str, days: int, path: str):
    from wardapp.documents import issue_apology  # reportlab: 0.27 s, not at start

    return issue_apology(page.ward, code, page.actor, path, reason=reason, extra_days=days)
