"""``--self-test`` as the installed program runs it (here from the source tree; ``.ci/run``
runs the frozen one): every line OK and exit 0, and a broken document turns into a FAIL line
with its reason and exit 1."""

from __future__ import annotations

import pytest

from ui.main_window import nav_titles
from wardapp.cli import main as cli_main
from wardapp.setup import self_test


def test_core_self_test_passes_every_document(capsys):
    assert cli_main(["--self-test"]) == 0
    lines = capsys.readouterr().out.splitlines()
    labels = [label for label, _name, _write in self_test.DOCUMENTS]
    for label in labels:
        assert any(line.startswith("OK") and label in line for line in lines), label
    assert "Biểu 06 (xlsx)" in labels and "Bản cam kết của người đứng đầu" in labels
    assert not [line for line in lines if line.startswith("FAIL")]
    n = len(lines) - 1
    assert lines[-1] == f"{n}/{n} OK"


def test_a_broken_document_is_a_fail_line_and_exit_1(capsys, monkeypatch):
    def broken(_x, _out):
        raise FileNotFoundError("resources/commitment_template.txt")

    docs = (*self_test.DOCUMENTS, ("Mẫu mới", "new.pdf", broken))
    monkeypatch.setattr(self_test, "DOCUMENTS", docs)
    assert self_test.main() == 1
    out = capsys.readouterr().out.splitlines()
    assert "FAIL  Mẫu mới — FileNotFoundError: resources/commitment_template.txt" in out
    assert out[-1].endswith(", 1 FAIL")


def test_an_empty_output_file_fails(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4\n")
    check = self_test.run_check("x", lambda: self_test._output(bad))
    assert not check.ok and "không phải tệp .pdf hợp lệ" in check.reason


@pytest.mark.usefixtures("qapp")
def test_window_self_test_opens_every_page(capsys):
    from ui.app import main

    assert main(["--self-test"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for title in nav_titles():
        assert f"OK    Trang «{title}»" in " ".join(lines), title
    assert any(line.startswith("OK    Hộp đăng nhập") for line in lines)
    assert any(line.startswith("OK    Xem trước các tệp PDF") for line in lines)
    assert not [line for line in lines if line.startswith("FAIL")]
