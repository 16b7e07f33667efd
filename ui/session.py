"""Sessions on the shared desk PC: lock now, switch user and sign out without restarting.

Whoever signs in, the window then works as that account: events record it, and every page
re-applies what its role may do (``refresh_access``).  The intake page is built again, because
its unsaved-form draft belongs to the person who typed it; its draft is saved first."""

from __future__ import annotations

from ui.qt import QDialog, tr

# Pages whose state belongs to the signed-in person: dropped and built again for the next one.
PER_PERSON = ("intake",)


class Sessions:
    """Mixed into the main window (which provides ``sign_in_dialog``, ``page``, ``_pages``)."""

    def _covered(self, dialog) -> bool:
        """Run ``dialog`` with the window's content hidden: a locked or signed-out desk shows
        no citizen's data."""
        central = self.centralWidget()
        central.setVisible(False)
        try:
            return dialog.exec() == QDialog.Accepted
        finally:
            central.setVisible(True)

    def switch_user(self) -> bool:
        """Another person takes the desk; cancelling keeps the one signed in."""
        dialog = self.sign_in_dialog()
        dialog.setWindowTitle(tr("wardapp — đổi người dùng"))
        if not self._covered(dialog):
            return False
        self.session_changed()
        return True

    def sign_out(self) -> bool:
        """Nobody is signed in until someone signs in; cancelling closes the program."""
        from wardapp.trust import auth

        for key in PER_PERSON:
            if key in self._pages:
                self._pages[key].save_draft()
        auth.sign_out(self.ward)
        self.show_user()
        if not self._covered(self.sign_in_dialog()):
            self.close()
            return False
        self.session_changed()
        return True

    def session_changed(self) -> None:
        """Someone signed in (after a lock, a switch, a sign-out): the same person keeps their
        pages as they were; another gets every page's actions for their role."""
        same = self.ward.user.username == self.actor
        self.actor = self.ward.user.username
        for key in list(self._pages):
            page = self._pages[key]
            if key in PER_PERSON and not same:
                page.save_draft()
                self.drop_page(key)
                continue
            if hasattr(page, "actor"):
                page.actor = self.actor
            if hasattr(page, "refresh_access"):
                page.refresh_access()
        self.show_user()
