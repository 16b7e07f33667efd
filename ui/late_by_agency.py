"""Hồ sơ quá hạn theo cơ quan in the window: the per-agency counts as buttons (the dashboard and
the report page show the same ones), each opening exactly the dossiers behind its number with
every forwarded step's hand-over and return times, allowance and result."""

from __future__ import annotations

from ui.qt import (
    QT_TR_NOOP,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    tr,
)
from wardapp.indicators import STEP_OUTCOME_WORDS as OUTCOME_WORDS
from wardapp.indicators import WARD_LABEL, LateByAgency

HEADERS = (
    QT_TR_NOOP("Mã hồ sơ"),
    QT_TR_NOOP("Thủ tục"),
    QT_TR_NOOP("Ngày nhận"),
    QT_TR_NOOP("Hẹn trả"),
    QT_TR_NOOP("Có kết quả"),
    QT_TR_NOOP("Bước liên thông"),
    QT_TR_NOOP("Giao"),
    QT_TR_NOOP("Nhận lại"),
    QT_TR_NOOP("Thời hạn bước"),
    QT_TR_NOOP("Kết quả bước"),
)


def _t(v) -> str:
    return f"{v:%H:%M %d/%m/%Y}" if v else ""


def rows_of(dossiers) -> list[tuple[str, ...]]:
    """One row per (dossier, forwarded step); a dossier never forwarded has one row."""
    out = []
    for d in dossiers:
        head = (d.code, d.procedure, _t(d.received_at), _t(d.due_at), _t(d.resolved_at))
        if not d.steps:
            out.append((*head, "", "", "", "", ""))
        for st in d.steps:
            allowance = f"{st.allowance.days:g} ngày" if st.allowance else tr("theo hạn hồ sơ")
            out.append(
                (
                    *head,
                    st.agency,
                    _t(st.given_at),
                    _t(st.taken_at),
                    allowance,
                    tr(OUTCOME_WORDS[st.outcome]),
                )
            )
    return out


class LateDossiersDialog(QDialog):
    def __init__(self, parent, agency: str, dossiers):
        super().__init__(parent)
        self.setWindowTitle(tr("Hồ sơ quá hạn tại {agency}").format(agency=agency))
        rows = rows_of(dossiers)
        self.table = QTableWidget(len(rows), len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 220))  # the procedure
        self.table.setColumnWidth(5, min(self.table.columnWidth(5), 170))  # the agency
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        wide = sum(self.table.columnWidth(i) for i in range(len(HEADERS)))
        self.resize(min(wide + 70, 1340), 420)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                tr("{n} hồ sơ quá hạn do {agency} giữ quá thời hạn của mình").format(
                    n=len(dossiers), agency=agency
                )
            )
        )
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)


def open_late(parent, agency: str, dossiers) -> LateDossiersDialog:
    """Shown without blocking; kept on ``parent.late_dialog`` so it stays alive (and tests can
    read it)."""
    parent.late_dialog = LateDossiersDialog(parent, agency, dossiers)
    parent.late_dialog.open()
    return parent.late_dialog


def agency_box(parent, r: LateByAgency, title: str, *, column: bool = False) -> QGroupBox:
    """Each agency's name and a button with its count that opens its dossiers, then the total:
    in a row (under the report), or in a column (on the dashboard, beside the commitment, so
    the screen grows no taller).  ``parent.late_buttons`` keeps the buttons by agency name."""
    box = QGroupBox(title)
    form = QFormLayout(box) if column else None
    row = None if column else QHBoxLayout(box)

    def add(label: QLabel, value) -> None:
        if form is not None:
            form.addRow(label, value)
        else:
            row.addWidget(label)
            row.addWidget(value)
            row.addSpacing(16)

    parent.late_buttons = {}
    groups = r.agencies()
    if not groups:
        add(QLabel(tr("Không có hồ sơ quá hạn trong kỳ.")), QLabel(""))
    for agency, ds in groups:
        name = agency or tr(WARD_LABEL)
        b = QPushButton(str(len(ds)))
        b.setFlat(True)
        b.setStyleSheet("font-weight: bold; text-align: left;")
        b.setToolTip(tr("Xem các hồ sơ và thời gian giao, nhận"))
        b.clicked.connect(lambda _=False, a=name, d=ds: open_late(parent, a, d))
        parent.late_buttons[name] = b
        add(QLabel(name), b)
    if row is not None:
        row.addStretch(1)
    add(QLabel(tr("Tổng số hồ sơ quá hạn")), QLabel(f"<b>{len(r.dossiers)}</b>"))
    return box
