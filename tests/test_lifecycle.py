import json
import multiprocessing as mp

import pytest
from sqlalchemy import func, select

from db import search_index
from db.models import Apology, Dossier, DossierEvent
from tests.conftest import AGENCY, dt
from wardapp.common.errors import NotFoundError, TransitionError, ValidationError
from wardapp.dossiers.lifecycle import closing, processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.office.settings import save_setting
from wardapp.office.store import Ward


def receive(ward, when="2026-11-20 09:15", proc="HT.02", **kw):
    data = IntakeData(proc, kw.pop("name", "Trần Thị Đào"), received_at=dt(when), **kw)
    return intake(ward, data, "canbo1")


def count(ward, model):
    with ward.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_intake_assigns_code_due_and_first_event(ward):
    d = receive(ward, applicant_id="068190001234", phone="0912 345 678")
    assert d.code == f"{AGENCY}-261120-0001"
    assert d.due_at == dt("2026-11-26 09:15")  # 3 working days, skipping 24/11
    assert d.phone == "0912345678"
    assert d.applicant_name_folded == "tran thi dao"
    d2 = receive(ward)
    assert d2.code == f"{AGENCY}-261120-0002"
    assert d2.logbook_no == d.logbook_no + 1
    with ward.read() as s:
        ev = s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)).one()
    assert (ev.kind, ev.at, ev.actor) == ("received", dt("2026-11-20 09:15"), "canbo1")


def test_text_is_stored_nfc(ward):
    decomposed = "Nguye\u0302\u0303n Va\u0306n A"  # NFD as some input methods send it
    d = receive(ward, name=decomposed)
    assert d.applicant_name == "Nguyễn Văn A"


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"name": "  "}, "Họ tên người nộp"),
        ({"applicant_id": "12345"}, "Số định danh cá nhân"),
        ({"applicant_id": "068299001234"}, "Số định danh cá nhân"),  # born in 2099
        ({"phone": "0123456789"}, "Số điện thoại"),
        ({"email": "not-an-email"}, "Email"),
        ({"channel": "fax"}, "Kênh tiếp nhận"),
        ({"proc": "NOPE"}, "Thủ tục"),
        ({"when": "2027-01-05 09:00"}, "Thời điểm tiếp nhận"),
    ],
)
def test_bad_intake_names_the_field_and_writes_nothing(ward, kw, field):
    with pytest.raises(ValidationError) as err:
        receive(ward, **kw)
    assert err.value.field == field
    assert count(ward, Dossier) == 0
    assert count(ward, DossierEvent) == 0


def test_full_path_to_return(ward):
    d = receive(ward)
    processing.forward(
        ward, d.code, "canbo1", agency="Văn phòng đăng ký đất đai", at=dt("2026-11-20 10:00")
    )
    processing.return_from_agency(
        ward, d.code, "canbo1", agency="Văn phòng đăng ký đất đai", at=dt("2026-11-23 10:00")
    )
    d = processing.resolve(ward, d.code, "canbo1", at=dt("2026-11-25 16:00"))
    assert (d.status, d.outcome) == ("resolved", "early")
    d = closing.return_result(ward, d.code, "canbo1", at=dt("2026-11-26 08:00"))
    assert d.status == "returned" and d.returned_at == dt("2026-11-26 08:00")
    with ward.read() as s:
        kinds = [e.kind for e in get_dossier(s, d.code).events]
    assert kinds == ["received", "forwarded", "returned_from_agency", "resolved", "returned"]


def test_illegal_transitions_are_refused_with_reason(ward):
    d = receive(ward)
    with pytest.raises(TransitionError, match="Mới tiếp nhận"):
        closing.return_result(ward, d.code, "x", at=dt("2026-11-20 10:00"))
    closing.withdraw(ward, d.code, "x", reason="Đơn xin rút", at=dt("2026-11-20 10:00"))
    with pytest.raises(TransitionError):
        processing.resolve(ward, d.code, "x", at=dt("2026-11-20 11:00"))
    with pytest.raises(NotFoundError):
        processing.resolve(ward, "NO-SUCH", "x")


def test_event_time_cannot_go_backwards_or_into_the_future(ward):
    d = receive(ward)
    with pytest.raises(ValidationError, match="sớm hơn"):
        processing.resolve(ward, d.code, "x", at=dt("2026-11-20 08:00"))
    with pytest.raises(ValidationError, match="tương lai"):
        processing.resolve(ward, d.code, "x", at=dt("2030-01-01 08:00"))
    with ward.read() as s:
        assert get_dossier(s, d.code).status == "received"


def test_reason_is_required(ward):
    d = receive(ward)
    with pytest.raises(ValidationError, match="Lý do tạm dừng"):
        processing.pause(ward, d.code, "x", reason=" ")


def test_pause_and_resume_move_the_due_time(ward):
    d = receive(ward)
    processing.pause(ward, d.code, "x", reason="Chờ nộp thuế", at=dt("2026-11-20 16:00"))
    d = processing.resume(ward, d.code, "x", at=dt("2026-11-23 08:30"))
    assert d.status == "in_progress"
    assert d.due_at == dt("2026-11-26 11:15")  # +120 working minutes


def test_supplement_pauses_the_clock_by_setting(ward):
    d = receive(ward)
    processing.request_supplement(
        ward, d.code, "x", reason="Thiếu giấy chứng sinh", at=dt("2026-11-20 10:15")
    )
    d = processing.supplied(ward, d.code, "x", at=dt("2026-11-20 11:15"))
    assert d.due_at == dt("2026-11-26 10:15")
    with ward.write() as s:
        save_setting(s, "supplement_pauses_clock", False)
    ward.invalidate()
    d2 = receive(ward)
    processing.request_supplement(ward, d2.code, "x", reason="Thiếu", at=dt("2026-11-20 10:15"))
    assert processing.supplied(ward, d2.code, "x", at=dt("2026-11-20 11:15")).due_at == d2.due_at


def test_resume_returns_to_forwarded(ward):
    d = receive(ward)
    processing.forward(ward, d.code, "x", agency="Chi nhánh VPĐKĐĐ", at=dt("2026-11-20 10:00"))
    processing.pause(ward, d.code, "x", reason="Chờ nghĩa vụ tài chính", at=dt("2026-11-20 11:00"))
    assert processing.resume(ward, d.code, "x", at=dt("2026-11-20 14:00")).status == "forwarded"


def test_late_resolution_and_apology_once(ward):
    d = receive(ward)
    ap = processing.apologise(
        ward,
        d.code,
        "x",
        reason="Chờ xác minh",
        signer="Nguyễn Văn Bình",
        extra_days=2,
        at=dt("2026-11-25 09:00"),
    )
    assert ap.number == 1 and ap.nth == 1
    assert ap.old_due_at == dt("2026-11-26 09:15")
    assert ap.new_due_at == dt("2026-11-30 09:15")
    with pytest.raises(TransitionError, match="một lần"):
        processing.apologise(
            ward, d.code, "x", reason="r", signer="s", extra_days=1, at=dt("2026-11-25 10:00")
        )
    assert count(ward, Apology) == 1
    d = processing.resolve(ward, d.code, "x", at=dt("2026-11-27 09:00"))
    assert d.outcome == "late"  # an apology does not make a late dossier on time
    assert d.apology_count == 1


def test_apology_needs_signer_and_later_date(ward):
    d = receive(ward)
    with pytest.raises(ValidationError, match="Người ký"):
        processing.apologise(ward, d.code, "x", reason="r", signer="", extra_days=1)
    with pytest.raises(ValidationError, match="phải sau"):
        processing.apologise(
            ward,
            d.code,
            "x",
            reason="r",
            signer="s",
            new_due=dt("2026-11-21 09:00"),
            at=dt("2026-11-20 10:00"),
        )
    assert count(ward, Apology) == 0


def test_edit_records_old_and_new_values(ward):
    d = receive(ward, phone="0912345678")
    d = processing.edit(
        ward,
        d.code,
        "x",
        reason="Ghi nhầm số",
        changes={"phone": "0987654321", "applicant_name": "Trần Thị Đào Hoa"},
        at=dt("2026-11-20 10:00"),
    )
    assert d.phone == "0987654321" and d.applicant_name_folded == "tran thi dao hoa"
    with ward.read() as s:
        ev = get_dossier(s, d.code).events[-1]
    assert ev.kind == "edited"
    assert json.loads(ev.data)["changes"]["phone"] == ["0912345678", "0987654321"]
    with pytest.raises(ValidationError, match="không sửa được"):
        processing.edit(ward, d.code, "x", reason="r", changes={"due_at": "x"})


def test_code_pattern_is_a_setting(ward):
    with ward.write() as s:
        save_setting(s, "code_pattern", "{yyyy}/{seq:05d}")
    ward.invalidate()
    assert receive(ward).code == "2026/00001"


def _intake_many(path, n, q):
    w = Ward.open(path)
    codes = []
    for i in range(n):
        d = intake(w, IntakeData("CT.01", f"Người {i}", received_at=dt("2026-11-20 09:00")), "p")
        codes.append(d.code)
    q.put(codes)


def test_codes_are_unique_under_concurrent_writers(ward):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_intake_many, args=(str(ward.path), 25, q)) for _ in range(3)]
    for p in procs:
        p.start()
    codes = [c for _ in procs for c in q.get(timeout=120)]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert len(codes) == 75 == len(set(codes))
    assert sorted(codes)[-1].endswith("-0075")


@pytest.mark.parametrize(
    ("key", "value", "match"),
    [
        ("desk_hours", [["13:00", "07:00"]], "Giờ làm việc"),
        ("same_day_cutoff", "3pm", "HH:MM"),
        ("code_pattern", "{agency}-{yymmdd}", "seq"),
        ("code_pattern", "{nope}", "không hợp lệ"),
        ("quarter_scheme", "fiscal", "nd09"),
        ("apology_only_once", "yes", "true/false"),
        ("soon_working_days", -1, "0 đến 30"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(ward, key, value, match):
    with pytest.raises(ValidationError, match=match), ward.write() as s:
        save_setting(s, key, value)
    ward.invalidate()
    assert receive(ward).code.endswith("-0001")  # rules still load; defaults in force


def test_register_search_index_follows_intake_edit_and_matches_like(ward):
    """The trigram index (migration 0005) answers like the LIKE scan it replaces, and its
    triggers follow an edit of the name: diacritics ignored, đ = d, ID and phone digits."""
    from wardapp.common.clock import now_local
    from wardapp.dossiers import register as reg

    a = receive(ward, name="Đặng Thị Đào", applicant_id="068190001234", phone="0912345678")
    b = receive(ward, name="Nguyễn Văn Đức")

    def found(text):
        with ward.read() as s:
            assert search_index.exists(s)
            f = reg.Filters(search=text)
            rows = reg.page(s, f, ward.rules(), now_local(), offset=0, limit=50)
            assert reg.count(s, f, ward.rules(), now_local()) == len(rows)
            return {r.code for r in rows}

    assert found("dang thi dao") == {a.code}
    assert found("DUC") == {b.code}
    assert found("0001234") == {a.code}  # digits of the ID
    assert found("345678") == {a.code}  # digits of the phone
    assert found(b.code) == {b.code}
    assert found("xyz") == set()
    processing.edit(
        ward, b.code, "canbo1", reason="sai tên", changes={"applicant_name": "Lê Thị Hoa"}
    )
    assert found("nguyen van") == set()
    assert found("le thi hoa") == {b.code}
    # the id list used when scrolling gives the same rows in the same order
    with ward.read() as s:
        f = reg.Filters()
        ids = reg.ids(s, f, ward.rules(), now_local())
        rows = reg.rows_by_id(s, ids)
        assert [r.code for r in rows] == [
            r.code for r in reg.page(s, f, ward.rules(), now_local(), offset=0, limit=10)
        ]
        assert rows[0].procedure and rows[0].field
