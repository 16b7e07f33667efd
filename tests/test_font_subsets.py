"""What rendering reuses from one document to the next.  Fonts embedded once per process
(``documents/font_subsets.py``): two letters to different citizens carry the very same font
files, and every character still reads back as typed, including one outside the preset
Vietnamese letters.  Paragraphs of plain text skip reportlab's markup parser (``layout.para``)
and come out as the parser would have made them."""

import unicodedata
from xml.sax.saxutils import escape

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from tests.conftest import dt
from wardapp.documents import layout as L
from wardapp.documents.apology import issue_apology
from wardapp.documents.font_subsets import PRESET
from wardapp.documents.wording import keep_units
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


def _lines(p: Paragraph, width: float) -> list[tuple]:
    """The lines ``p`` breaks into at ``width``: each line's text and its spare room (which
    places the words of a justified line)."""
    p.wrap(width, 10_000)
    out = []
    for line in p.blPara.lines:
        if isinstance(line, tuple):  # one fragment: (spare width, words)
            out.append((round(line[0], 3), " ".join(line[1])))
        else:  # several fragments (the parser splits text at "&", "<"): words are fragments
            out.append((round(line.extraSpace, 3), "".join(w.text for w in line.words).strip()))
    return out


@pytest.mark.parametrize(
    "text, bold",
    [
        ("Ủy ban nhân dân phường Xuân An trân trọng xin lỗi Bà Nguyễn Thị Ánh Tuyết " * 4, False),
        ("Hẹn trả lúc 17 giờ 00 phút, ngày 05 tháng 02 năm 2026 tại Bộ phận một cửa.", False),
        ("Công ty TNHH A & B <Sài Gòn>   với  khoảng   trắng thừa", False),
        ("VĂN BẢN XIN LỖI", True),
    ],
)
def test_plain_paragraphs_break_as_the_parser_breaks_them(text, bold):
    st = L.Styles(L.BASE_PT["A4"])
    parsed_markup = keep_units(escape(L.nfc(text)))
    parsed = Paragraph(f"<b>{parsed_markup}</b>" if bold else parsed_markup, st.body)
    quick = L.para(text, st.body, bold=bold)
    assert quick.frags is not None and len(quick.frags) == 1  # the parser did not run
    assert quick.frags[0].text == "".join(f.text for f in parsed.frags)
    assert {(f.fontName, f.fontSize, f.textColor) for f in parsed.frags} == {
        (quick.frags[0].fontName, quick.frags[0].fontSize, quick.frags[0].textColor)
    }
    for width in (120, 300, L.frame_width("A4")):
        assert _lines(quick, width) == _lines(parsed, width)
