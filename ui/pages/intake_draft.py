"""The intake form's draft: what is typed survives a crash or a closed window and is offered
back to the same person (``wardapp.dossiers.drafts``).  Mixed into ``IntakePage``, which has the
fields, ``current_procedure`` and ``result``."""

from __future__ import annotations

from ui.qt import QTimer
from wardapp.dossiers import drafts


class IntakeDraft:
    DRAFT_FIELDS = ("proc_search", "name", "id_number", "phone", "email", "address")

    def _setup_draft(self) -> None:
        user = self.ward.user
        self.draft_file = drafts.draft_path(
            self.ward.local_path, "intake", user.username if user else self.actor
        )
        self._draft_timer = QTimer(self, singleShot=True, interval=800)
        self._draft_timer.timeout.connect(self.save_draft)
        for key in self.DRAFT_FIELDS:
            getattr(self, key).textChanged.connect(lambda _t: self._draft_timer.start())
        self.channel.currentIndexChanged.connect(lambda _i: self._draft_timer.start())
        self.restore_draft()

    def draft_fields(self) -> dict:
        out = {key: getattr(self, key).text() for key in self.DRAFT_FIELDS}
        out["procedure"] = (self.current_procedure() or ("",))[0]
        out["channel"] = self.channel.currentData()
        out["intake_key"] = self.intake_key  # a restored form saved twice is still one dossier
        return out

    def save_draft(self) -> None:
        fields = self.draft_fields()
        try:
            if any(fields[k] for k in ("name", "id_number", "phone", "email", "address")):
                drafts.save_draft(self.draft_file, fields)
            else:
                drafts.clear_draft(self.draft_file)  # nothing typed about a person yet
        except OSError:
            pass  # a draft is a convenience; the form itself is still on screen

    def restore_draft(self) -> None:
        payload = drafts.load_draft(self.draft_file)
        if payload is None:
            return
        f = payload["fields"]
        for key in self.DRAFT_FIELDS:
            if isinstance(f.get(key), str):
                getattr(self, key).setText(f[key])
        if f.get("procedure"):
            i = self.proc_box.findData(f["procedure"])
            if i >= 0:
                self.proc_box.setCurrentIndex(i)
        if isinstance(f.get("intake_key"), str) and f["intake_key"]:
            self.intake_key = f["intake_key"]
        i = self.channel.findData(f.get("channel"))
        if i >= 0:
            self.channel.setCurrentIndex(i)
        self.result.setText(
            "<span style='color:#9a5b00'>⚠ Đã khôi phục phần đang nhập dở (chưa lưu) từ "
            f"{payload.get('saved_at', '')[:16].replace('T', ' ')}: kiểm tra rồi bấm Lưu.</span>"
        )
