"""The interim window over a real demo database (pytest-qt, offscreen)."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QGroupBox, QLabel  # noqa: E402

from ui.main_window import MainWindow  # noqa: E402
from wardapp import demo  # noqa: E402


def test_main_window_shows_office_counts_and_commitment(qtbot, ward):
    demo.generate(ward, dossiers=300, seed=5)
    w = MainWindow(ward)
    qtbot.addWidget(w)
    w.show()
    texts = " ".join(lbl.text() for lbl in w.findChildren(QLabel))
    titles = [g.title() for g in w.findChildren(QGroupBox)]
    assert "Phường Xuân An" in texts
    assert any(t.startswith("Chỉ số Quý") for t in titles)
    assert "Cam kết năm 2026" in titles
    assert "đạt" in texts or "chưa đạt" in texts or "nguy cơ" in texts
    assert "Phường Xuân An" in w.statusBar().currentMessage()
