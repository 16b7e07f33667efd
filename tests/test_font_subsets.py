"""Fonts embedded once per process (``documents/font_subsets.py``): two letters to different
citizens carry the very same font files, and every character still reads back as typed,
including one outside the preset Vietnamese letters."""

import unicodedata

from pypdf import PdfReader

from tests.conftest import dt
from wardapp.documents.apology import issue_apology
from wardapp.documents.font_subsets import PRESET
from wardapp.dossiers.lifecycle.intake import IntakeData, intake


def _font_files(path) -> dict[str, bytes]:
    """Embedded TrueType programs by base font name, decompressed."""
    files = {}
    for font in PdfReader(str(path)).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object()
        files[str(font["/BaseFont"])] = program.get_data()
    return files


def _text(path) -> str:
    page = PdfReader(str(path)).pages[0]
    return " ".join(unicodedata.normalize("NFC", page.extract_text()).split())


def _letter(ward, tmp_path, name: str, address: str):
    d = intake(
        ward,
        IntakeData("HT.02", name, address=address, received_at=dt("2026-12-01 09:15")),
        "canbo1",
    )
    out = tmp_path / f"{d.code}.pdf"
    issue_apology(ward, d.code, "chutich", out, reason="Cơ quan phối hợp chậm", extra_days=3)
    return out


def test_the_preset_holds_every_vietnamese_letter_once():
    assert len(PRESET) == len(set(PRESET)) == 147
    for letter in ("ệ", "Ữ", "đ", "Đ", "ỹ", "Ỷ", "ằ", "–", "…"):
        assert letter in PRESET


def test_letters_to_different_citizens_embed_the_same_fonts_and_read_back(ward, tmp_path):
    a = _letter(ward, tmp_path, "Nguyễn Thị Ánh Tuyết", "12 Trường Chinh, phường Xuân An")
    b = _letter(ward, tmp_path, "Huỳnh Ỷ Khuê", "Hẻm 7 Đường Lũy Bán Bích")
    fonts_a, fonts_b = _font_files(a), _font_files(b)
    assert fonts_a == fonts_b  # same subsets, byte for byte, although the names differ
    assert len(fonts_a) == 4  # regular, bold, italic, bold italic: one subset each
    assert "Nguyễn Thị Ánh Tuyết" in _text(a)
    assert "Huỳnh Ỷ Khuê" in _text(b)


def test_a_character_outside_the_preset_is_still_embedded(ward, tmp_path):
    # "ñ" and "Ő" are not Vietnamese: they take the next free codes after the preset.
    out = _letter(ward, tmp_path, "Peña Őrs", "1 Trần Hưng Đạo")
    assert "Peña Őrs" in _text(out)
    plain = _letter(ward, tmp_path, "Trần Văn Hải", "1 Trần Hưng Đạo")
    assert _font_files(out) != _font_files(plain)
