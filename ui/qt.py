"""The one façade through which the GUI imports Qt (as Anki's ``aqt.qt``): a later port to
another binding, or a version workaround, happens here only."""

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: F401
from PySide6.QtGui import QAction, QFont, QKeySequence  # noqa: F401
from PySide6.QtWidgets import (  # noqa: F401
    QApplication,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
