"""A yes/no question in Vietnamese ("Có" / "Không"): Qt's own QMessageBox.question labels its
buttons in English, and a clerk confirming that N numbered letters go out must read the
question and its answers in one language.  "Không" is the default: Enter does not issue."""

from __future__ import annotations

from ui.qt import QMessageBox, QWidget, tr


def question_box(parent: QWidget | None, title: str, text: str):
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, parent)
    yes = box.addButton(tr("Có"), QMessageBox.YesRole)
    no = box.addButton(tr("Không"), QMessageBox.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    return box, yes


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box, yes = question_box(parent, title, text)
    box.exec()
    return box.clickedButton() is yes
