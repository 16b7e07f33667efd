"""Demo data as a ward's desk would have it (taken in and handed back during desk hours) and the
procedure search ranking what the clerk means first."""

from datetime import datetime

from sqlalchemy import select

from db.models import Dossier
from tests.conftest import as_demo
from wardapp.catalogue import match_rank, ranked
from wardapp.common import fold
from wardapp.setup import demo
from wardapp.setup.demo import at_desk, desk_before


def _open(rules, t: datetime) -> bool:
    return rules.calendar.is_working_day(t.date()) and any(
        a <= t.time() < b for a, b in rules.hours.sessions
    )


def test_demo_intakes_and_returns_fall_within_desk_hours(ward):
    demo.generate(as_demo(ward), dossiers=600, seed=3)
    rules = ward.rules()
    with ward.read() as s:
        rows = s.execute(select(Dossier.received_at, Dossier.returned_at, Dossier.channel)).all()
    received = [r.received_at for r in rows]
    returned = [r.returned_at for r in rows if r.returned_at is not None]
    assert len(returned) > 100 and any(r.channel == "online" for r in rows)
    outside = [t for t in received + returned if not _open(rules, t)]
    assert outside == []
    assert min(t.hour for t in received + returned) >= 7
    assert max(t.hour for t in received + returned) <= 16


def test_a_moment_outside_hours_moves_into_the_next_session(ward):
    rules = ward.rules()  # 07:30–11:30, 13:30–17:00; 15/12/2026 is a Tuesday
    assert at_desk(rules, datetime(2026, 12, 15, 9, 0)) == datetime(2026, 12, 15, 9, 0)
    night = at_desk(rules, datetime(2026, 12, 15, 1, 10))
    assert night.date().day == 15 and _open(rules, night) and night.hour < 12
    evening = at_desk(rules, datetime(2026, 12, 15, 20, 5))
    assert evening.date().day == 16 and _open(rules, evening)
    lunch = at_desk(rules, datetime(2026, 12, 15, 12, 0))
    assert lunch.date().day == 15 and lunch.hour >= 13 and _open(rules, lunch)
    saturday = at_desk(rules, datetime(2026, 12, 19, 9, 0))
    assert saturday.date().day == 21 and _open(rules, saturday)  # Monday
    before = desk_before(rules, datetime(2026, 12, 15, 6, 0))
    assert before.date().day == 14 and _open(rules, before)
    assert desk_before(rules, datetime(2026, 12, 15, 12, 0)) == datetime(2026, 12, 15, 11, 29)


CATALOGUE = [
    ("HT.16", "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ dưới 6 tuổi"),
    ("HT.02", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con"),
    ("HT.05", "Đăng ký lại khai sinh"),
    ("1.001193", "Đăng ký khai sinh"),
    ("HT.04", "Đăng ký khai sinh lưu động"),
    ("CT.01", "Chứng thực bản sao từ bản chính"),
    ("HT.1", "Đăng ký kết hôn"),
]


def _search(text: str) -> list[str]:
    return [
        code
        for code, _name in ranked(
            fold(text), CATALOGUE, code=lambda p: fold(p[0]), name=lambda p: fold(p[1])
        )
    ]


def test_procedure_search_ranks_code_then_prefix_then_words():
    assert _search("khai sinh")[0] == "1.001193"  # the procedure named so, not HT.16
    assert _search("khai sinh")[1:3] == ["HT.05", "HT.04"]  # shorter names next
    assert _search("khai sinh")[-1] == "HT.16"
    assert _search("dang ky khai sinh")[0] == "1.001193"  # the whole name
    assert _search("dang ky")[:2] == ["HT.1", "1.001193"]  # names beginning so, shortest first
    assert _search("HT.1")[0] == "HT.1"  # an exact code before HT.16, which it begins
    assert _search("ht.1") == ["HT.1", "HT.16"]
    assert _search("1.0011")[0] == "1.001193"
    assert _search("kh si")[0] == "1.001193"  # word beginnings
    assert _search("ban sao") == ["CT.01"]
    assert _search("xyz") == []
    assert len(_search("")) == len(CATALOGUE)
    assert match_rank("khai sinh", "ht.16", fold(CATALOGUE[0][1])) > match_rank(
        "khai sinh", "1.001193", "dang ky khai sinh"
    )
