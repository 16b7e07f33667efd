import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wardapp.common import validation as v
from wardapp.common.errors import ValidationError
from wardapp.common.text import fold, nfc


def test_fold_ignores_diacritics_and_d():
    assert fold("Đặng Thị Ngọc Đào") == "dang thi ngoc dao"
    assert fold("NGUYỄN  VĂN   A") == "nguyen van a"
    assert fold(nfc("Nguye\u0302\u0303n")) == fold("Nguyen") == "nguyen"
    assert fold("Ἀθῆναι Ñandú") == "αθηναι nandu"  # other scripts' marks go too


def _fold_by_category(value: str) -> str:
    """The definition ``fold`` implements faster: drop every mark (category Mn) after NFD."""
    s = unicodedata.normalize("NFD", value.translate(str.maketrans("đĐ", "dd")))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return " ".join(s.lower().replace("đ", "d").split())


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
@example("Đặng Thị Ngọc Đào")
def test_fold_equals_dropping_every_mark(text):
    assert fold(text) == _fold_by_category(text)


@pytest.mark.parametrize("good", ["068190001234", "001 205 012345", "123456789"])
def test_citizen_id_accepts(good):
    assert v.citizen_id(good, current_year=2026).isdigit()


@pytest.mark.parametrize(
    "bad", ["12345", "000190001234", "097190001234", "06819000123X", "068299001234"]
)
def test_citizen_id_rejects(bad):
    with pytest.raises(ValidationError, match="Số định danh"):
        v.citizen_id(bad, current_year=2026)


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("0263 3822 123", "02633822123"),
    ],
)
def test_phone_accepts(raw, norm):
    assert v.phone(raw) == norm


@pytest.mark.parametrize("bad", ["0123456789", "091234567", "09123456789", "abc"])
def test_phone_rejects(bad):
    with pytest.raises(ValidationError, match="Số điện thoại"):
        v.phone(bad)


def test_agency_code():
    assert v.agency_code("000.23.31.h26") == "000.23.31.H26"
    with pytest.raises(ValidationError, match="QCVN"):
        v.agency_code("000.23.31")


def test_channel_aliases():
    assert v.channel("Trực tuyến") == "online"
    assert v.channel("BƯU CHÍNH") == "postal"
