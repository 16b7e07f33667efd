"""The panel the citizen answers on when the result is handed back: three large buttons and a
skip, readable from across the desk, so the clerk can turn the screen round (or the panel opens
full screen on a second monitor, facing the citizen, when one is connected).

It only asks: the answer is recorded by ``wardapp.dossiers.rate`` as its own step after the
return, and "Bỏ qua" writes nothing (the dossier stays "not asked")."""

from __future__ import annotations

from ui.desk_line import run_desk
from ui.qt import (
    QApplication,
    QDialog,
    QFont,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    Signal,
    tr,
)
from wardapp.dossiers import RATINGS, rate

# Button colours: green, neutral, red, readable as much by colour as by word.
COLOURS = {"hai_long": "#2e7d32", "binh_thuong": "#5f6b7a", "khong_hai_long": "#c62828"}


class SatisfactionPanel(QDialog):
    """Emits ``answered(rating, comment)`` when the citizen presses one of the three buttons;
    "Bỏ qua" closes it silently.  Opened with ``open()``: the desk is not blocked."""

    answered = Signal(str, str)

    def __init__(self, parent=None, *, code: str = "", second_screen: bool = True):
        super().__init__(parent)
        self.setWindowTitle(tr("Ý kiến của người dân"))
        self.rating: str | None = None
        big = QFont()
        big.setPointSize(20)
        big.setBold(True)
        question = QLabel(tr("Ông/Bà có hài lòng với việc giải quyết hồ sơ không?"))
        question.setWordWrap(True)
        question.setAlignment(Qt.AlignCenter)
        q_font = QFont()
        q_font.setPointSize(18)
        question.setFont(q_font)
        lay = QVBoxLayout(self)
        if code:
            lay.addWidget(QLabel(tr("Hồ sơ {code}").format(code=code)), 0, Qt.AlignCenter)
        lay.addWidget(question)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label in RATINGS.items():
            b = QPushButton(tr(label))
            b.setFont(big)
            b.setMinimumSize(280, 150)
            b.setStyleSheet(
                f"QPushButton {{ background: {COLOURS[key]}; color: white; border-radius: 12px; }}"
            )
            b.clicked.connect(lambda _=False, k=key: self.choose(k))
            self.buttons[key] = b
            row.addWidget(b)
        lay.addLayout(row)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Góp ý (không bắt buộc)"))
        self.comment.setFont(q_font)
        lay.addWidget(self.comment)
        self.skip = QPushButton(tr("Bỏ qua (không hỏi)"))
        self.skip.clicked.connect(self.reject)
        lay.addWidget(self.skip, 0, Qt.AlignRight)
        if second_screen:
            self._face_the_citizen()

    def _face_the_citizen(self) -> None:
        """On a second monitor, the panel fills it; on one screen it opens over the window."""
        app = QApplication.instance()
        screens = app.screens() if app is not None else []
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.setWindowState(Qt.WindowFullScreen)

    def choose(self, key: str) -> None:
        self.rating = key
        self.accept()
        self.answered.emit(key, self.comment_text)

    @property
    def comment_text(self) -> str:
        return self.comment.text().strip()


def ask_citizen(page, code: str) -> SatisfactionPanel:
    """Open the panel over ``page`` (the register) for ``code`` without blocking the desk; an
    answer is recorded as its own step, after which the page re-reads its rows."""
    panel = SatisfactionPanel(page, code=code)

    def record(rating: str, comment: str) -> None:
        # on the window's line like every step of the desk: a far server holds no window
        if run_desk(page, rate, page.ward, code, page.actor, rating, comment=comment):
            page.refresh()
            page.changed.emit()

    panel.answered.connect(record)
    panel.open()
    return panel
