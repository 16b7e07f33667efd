"""The one façade through which the GUI imports Qt (as Anki's ``aqt.qt``): a later port to
another binding, or a version workaround, happens here only."""

# ruff: noqa: F401
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QRunnable,
    QSettings,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QtMsgType,
    QTranslator,
    QUrl,
    Signal,
    Slot,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QDesktopServices,
    QFont,
    QKeySequence,
    QPainter,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid as alive  # a Qt object not yet deleted (a closed dialog's answer)


def tr(text: str) -> str:
    """An interface string, written in Vietnamese (the source language), in the language the
    user chose.  ``pyside6-lupdate`` collects every literal passed here into
    ``resources/translations/wardapp_en.ts`` (see ``ui/i18n.py``)."""
    return QCoreApplication.translate("", text)


def QT_TR_NOOP(text: str) -> str:  # Qt's name, so pyside6-lupdate collects the literal
    """Mark a literal in a module-level table for translation; ``tr()`` it where it is shown
    (tables are built at import, before the user's language is installed)."""
    return text
