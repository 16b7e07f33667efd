"""Cài đặt: office details and signers, the rules DOMAIN.md leaves to the office (each with the
text it comes from), and the office's own calendar (holidays, swapped days, make-up Saturdays
with their legal basis).  Every save goes through a wardapp service that checks first and
writes in one transaction."""

from __future__ import annotations

import json

from sqlalchemy import select

from db.models import CalendarOverride
from ui.access import offer_role
from ui.dates import DateField, show_day
from ui.errors import run_action
from ui.i18n import LANGUAGES, choose_language, chosen_language
from ui.pages.accounts import AccountsBox
from ui.pages.backup_box import BackupBox
from ui.pages.catalogue_box import CatalogueBox
from ui.qt import (
    QT_TR_NOOP,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from ui.wheel import guard_wheel
from wardapp.calendar import KIND_LABELS
from wardapp.common import parse_day
from wardapp.office import (
    CHOICE_LABELS,
    CHOICE_TITLES,
    CHOICES,
    INT_MAX,
    SPECS,
    desk_hours_from_text,
    desk_hours_text,
)
from wardapp.setup import (
    add_calendar_override,
    remove_calendar_override,
    set_settings,
    update_office,
)


class SettingsPage(QWidget):
    changed = Signal()

    def _language_box(self) -> QGroupBox:
        """Per user (QSettings), not per office: two clerks may share a database."""
        box = QGroupBox(tr("Ngôn ngữ giao diện"))
        row = QHBoxLayout(box)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(chosen_language()))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel()
        row.addWidget(self.language)
        row.addWidget(self.language_note, 1)
        return box

    def _language_changed(self, _i: int) -> None:
        choose_language(self.language.currentData())
        self.language_note.setText(
            tr("Sẽ áp dụng khi mở lại chương trình. Giấy tờ in luôn bằng tiếng Việt.")
        )

    def __init__(self, ward):
        super().__init__()
        self.ward = ward
        inner = QWidget()
        col = QVBoxLayout(inner)
        col.addWidget(self._language_box())
        # office
        box = QGroupBox(tr("Cơ quan và người ký"))
        form = QFormLayout(box)
        self.name, self.parent, self.address = QLineEdit(), QLineEdit(), QLineEdit()
        self.chairman = QLineEdit()
        self.deputies = QLineEdit(placeholderText=tr("Tên các Phó Chủ tịch, cách nhau bởi dấu ;"))
        for label, w in (
            (QT_TR_NOOP("Tên cơ quan"), self.name),
            (QT_TR_NOOP("Cơ quan cấp trên"), self.parent),
            (QT_TR_NOOP("Địa chỉ"), self.address),
            (QT_TR_NOOP("Chủ tịch"), self.chairman),
            (QT_TR_NOOP("Phó Chủ tịch"), self.deputies),
        ):
            form.addRow(tr(label), w)
        save_office = QPushButton(tr("Lưu thông tin cơ quan"))
        save_office.clicked.connect(self.save_office)
        self.guarded = [save_office]
        form.addRow("", save_office)
        col.addWidget(box)
        # rules
        box = QGroupBox(tr("Quy định áp dụng (mỗi mục ghi căn cứ)"))
        form = QFormLayout(box)
        self.editors = {}
        for spec in SPECS:
            if isinstance(spec.default, bool):
                w = QCheckBox()
            elif isinstance(spec.default, int):
                w = QSpinBox(minimum=0, maximum=INT_MAX.get(spec.key, 30))
            elif spec.key in CHOICES:
                w = QComboBox()
                for value in CHOICES[spec.key]:
                    w.addItem(tr(CHOICE_LABELS[spec.key][value]), value)
            elif spec.key == "backup_folder":
                continue  # edited with its folder picker in the backup box below
            elif spec.key == "desk_hours":
                w = QLineEdit(placeholderText="07:30–11:30; 13:30–17:00")
            else:
                w = QLineEdit()
            w.setToolTip(spec.basis)
            self.editors[spec.key] = w
            form.addRow(tr(CHOICE_TITLES.get(spec.key, spec.label)), w)
        save_rules = QPushButton(tr("Lưu quy định"))
        save_rules.clicked.connect(self.save_rules)
        self.guarded.append(save_rules)
        form.addRow("", save_rules)
        col.addWidget(box)
        # calendar
        box = QGroupBox(tr("Lịch làm việc riêng của cơ quan (ngoài ngày lễ theo luật)"))
        lay = QVBoxLayout(box)
        self.calendar = QTableWidget(0, 4)
        self.calendar.setHorizontalHeaderLabels(["Ngày", "Loại", "Mô tả", "Căn cứ"])
        self.calendar.horizontalHeader().setStretchLastSection(True)
        self.calendar.setMinimumHeight(180)
        lay.addWidget(self.calendar)
        row = QHBoxLayout()
        self.day = DateField(tr("Ngày"))
        self.kind = QComboBox()
        for k, label in KIND_LABELS.items():
            self.kind.addItem(label, k)
        self.desc = QLineEdit(placeholderText=tr("Mô tả"))
        self.basis = QLineEdit(placeholderText=tr("Căn cứ pháp lý"))
        add, remove = QPushButton(tr("Thêm")), QPushButton(tr("Xóa dòng chọn"))
        add.clicked.connect(self.add_day)
        remove.clicked.connect(self.remove_day)
        self.guarded += [add, remove]
        for w in (self.day, self.kind, self.desc, self.basis, add, remove):
            row.addWidget(w)
        lay.addLayout(row)
        col.addWidget(box)
        self.catalogue = CatalogueBox(ward)
        self.catalogue.changed.connect(self.changed)
        col.addWidget(self.catalogue)
        self.backup = BackupBox(ward)
        self.backup.changed.connect(self.changed)
        col.addWidget(self.backup)
        self.accounts = AccountsBox(ward)
        col.addWidget(self.accounts)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        QVBoxLayout(self).addWidget(scroll)
        self.scroll = scroll
        guard_wheel(inner, scroll)
        self.refresh()
        self.refresh_access()

    def refresh_access(self) -> None:
        """Saving is offered to the roles that may change settings; the others see why."""
        for w in self.guarded:
            offer_role(self.ward, w, "settings")
        for box in (self.catalogue, self.backup, self.accounts):
            box.refresh_access()

    def refresh(self) -> None:
        with self.ward.read() as s:
            o = self.ward.office(s)
            deputies = [
                d.get("name", "") if isinstance(d, dict) else d
                for d in json.loads(o.deputies or "[]")
            ]
            self.name.setText(o.name)
            self.parent.setText(o.parent_name)
            self.address.setText(o.address)
            self.chairman.setText(o.chairman)
            self.deputies.setText("; ".join(deputies))
            days = list(s.scalars(select(CalendarOverride).order_by(CalendarOverride.day)))
            self.calendar.setRowCount(len(days))
            for i, d in enumerate(days):
                for j, text in enumerate(
                    (
                        show_day(d.day),
                        KIND_LABELS.get(d.kind, d.kind),
                        d.description,
                        d.legal_basis,
                    )
                ):
                    self.calendar.setItem(i, j, QTableWidgetItem(text))
        settings = self.ward.rules().settings
        for key, w in self.editors.items():
            v = settings[key]
            if isinstance(w, QCheckBox):
                w.setChecked(bool(v))
            elif isinstance(w, QSpinBox):
                w.setValue(int(v))
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(max(0, w.findData(str(v))))
            else:
                w.setText(desk_hours_text(v) if key == "desk_hours" else str(v))

    def save_office(self) -> None:
        done = run_action(
            self,
            update_office,
            self.ward,
            name=self.name.text(),
            parent=self.parent.text(),
            address=self.address.text(),
            chairman=self.chairman.text(),
            deputies=[d.strip() for d in self.deputies.text().split(";")],
        )
        if done is not None:
            self.changed.emit()

    def values(self) -> dict:
        out = {}
        for key, w in self.editors.items():
            if isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            elif isinstance(w, QSpinBox):
                out[key] = w.value()
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif key == "desk_hours":
                out[key] = desk_hours_from_text(w.text())
            else:
                out[key] = w.text()
        return out

    def save_rules(self) -> None:
        if run_action(self, lambda: set_settings(self.ward, self.values()) or True):
            self.refresh()
            self.changed.emit()

    def add_day(self) -> None:
        def add():
            day = self.day.value()
            add_calendar_override(
                self.ward, day, self.kind.currentData(), self.desc.text(), self.basis.text()
            )
            return True

        if run_action(self, add):
            self.refresh()
            self.changed.emit()

    def remove_day(self) -> None:
        row = self.calendar.currentRow()
        if row < 0:
            return
        day = parse_day(self.calendar.item(row, 0).text())
        if run_action(self, lambda: remove_calendar_override(self.ward, day) or True):
            self.refresh()
            self.changed.emit()
