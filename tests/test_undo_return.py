"""Deliberate steps (issue 19): a return says who took the result, and the last step of a
dossier can be taken back within the office's minutes, as its own chained event."""

from datetime import timedelta

import pytest

from tests.conftest import NOW
from wardapp.common import clock
from wardapp.common.errors import TransitionError, ValidationError
from wardapp.dossiers import audit, get_dossier
from wardapp.dossiers.lifecycle import closing, processing
from wardapp.dossiers.lifecycle.actions import LastStep, state_refusal
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.dossiers.lifecycle.undo import undo_last_step
from wardapp.setup.office import set_settings
from wardapp.trust import chain


def _new(ward) -> str:
    return intake(ward, IntakeData(procedure_code="HT.02", applicant_name="Lê Văn Thử"), "x").code


def test_undo_of_a_return_and_a_result_puts_the_row_back_and_keeps_the_history(ward):
    code = _new(ward)
    processing.resolve(ward, code, "x")
    closing.return_result(ward, code, "x", collected_by=closing.APPLICANT)
    d = undo_last_step(ward, code, "y", reason="Bấm nhầm")
    assert d.status == "resolved" and d.returned_at is None and d.resolved_at == NOW
    with pytest.raises(TransitionError, match="là một lần hoàn tác"):
        undo_last_step(ward, code, "y")
    closing.return_result(ward, code, "x")  # returned again, then that one taken back too
    d = undo_last_step(ward, code, "y")
    assert d.status == "resolved"
    with ward.read() as s:
        d = get_dossier(s, code)
        kinds = [e.kind for e in d.events]
        undone = [e for e in d.events if e.kind == "undone"]
        assert '"undid_kind": "returned"' in undone[0].data and undone[0].reason == "Bấm nhầm"
        assert chain.verify(s) and all(r.ok for r in chain.verify(s))
        assert audit.dossier_problems(s) == []  # the row agrees with the replayed history
    assert kinds == ["received", "resolved", "returned", "undone", "returned", "undone"]
    # the result itself, taken back: open again, no outcome, the replay agrees
    code = _new(ward)
    processing.resolve(ward, code, "x")
    d = undo_last_step(ward, code, "y")
    assert (d.status, d.resolved_at, d.finished_at, d.outcome) == ("received", None, None, None)
    with ward.read() as s:
        assert audit.dossier_problems(s) == []


def test_undo_only_within_the_minutes_and_only_simple_steps(ward):
    code = _new(ward)
    with pytest.raises(TransitionError, match="chưa có bước xử lý nào"):
        undo_last_step(ward, code, "x")
    processing.resolve(ward, code, "x")
    clock.set_fixed_now(NOW + timedelta(minutes=11))
    with pytest.raises(TransitionError, match="đã quá 10 phút"):
        undo_last_step(ward, code, "x")
    set_settings(ward, {"undo_minutes": 15})
    assert undo_last_step(ward, code, "x").status == "received"
    code = _new(ward)
    processing.apologise(ward, code, "x", reason="Chậm", signer="X", extra_days=2)
    with pytest.raises(TransitionError, match="Không hoàn tác được bước 'Xin lỗi, hẹn lại'"):
        undo_last_step(ward, code, "x")
    set_settings(ward, {"undo_minutes": 0})
    assert "không cho hoàn tác" in state_refusal(
        "undo", "resolved", last=LastStep("resolved", NOW), now=NOW, undo_minutes=0
    )


def test_a_result_taken_by_someone_else_names_them_with_a_checked_id(ward):
    assert closing.collector() == closing.APPLICANT
    with pytest.raises(ValidationError, match="Số định danh người nhận kết quả"):
        closing.collector("Trần Thị Tám", "12345")
    with pytest.raises(ValidationError, match="Họ tên người nhận kết quả: chưa nhập"):
        closing.collector("", "079190001234")
    code = _new(ward)
    processing.resolve(ward, code, "x")
    who = closing.collector("Trần Thị Tám", "079 190 001 234")
    closing.return_result(ward, code, "x", collected_by=who)
    with ward.read() as s:
        ev = get_dossier(s, code).events[-1]
    assert '"collector": {"name": "Trần Thị Tám", "id": "079190001234"}' in ev.data
    assert closing.collector_text(who) == "Trần Thị Tám (số định danh 079190001234), nhận thay"


def test_the_control_sheet_names_who_took_the_result_and_skips_an_undone_step(ward):
    from wardapp.documents.control_sheet import hand_overs

    code = _new(ward)
    processing.forward(ward, code, "x", agency="VPĐKĐĐ")
    undo_last_step(ward, code, "x")  # forwarded by mistake: no hand-over on paper
    processing.resolve(ward, code, "x")
    closing.return_result(
        ward, code, "x", collected_by=closing.collector("Trần Thị Tám", "079190001234")
    )
    with ward.read() as s:
        rows = hand_overs(get_dossier(s, code), {}, "PXL")
    assert [(r.giver, r.taker) for r in rows] == [
        ("Người nộp hồ sơ", rows[0].taker),
        (rows[0].taker, "Người nhận thay"),
    ]
    assert rows[-1].taker_name == "Trần Thị Tám (số định danh 079190001234)"


def test_the_logbook_and_the_control_sheet_pdf_name_who_took_the_result(ward, tmp_path):
    from tests.test_documents import text
    from wardapp.calendar import periods
    from wardapp.documents.tables import control_sheet_pdf, logbook_pdf

    codes = [_new(ward) for _ in range(3)]
    for code in codes:
        processing.resolve(ward, code, "x")
    closing.return_result(ward, codes[0], "x", collected_by=closing.APPLICANT)
    closing.return_result(
        ward, codes[1], "x", collected_by=closing.collector("Trần Thị Tám", "079190001234")
    )
    closing.return_result(ward, codes[2], "x", collected_by=closing.APPLICANT)
    undo_last_step(ward, codes[2], "x")  # taken back: no return, no collector in the logbook
    t = text(logbook_pdf(ward, periods.month(2026, 12), tmp_path / "l.pdf"))
    assert t.count("Người nhận: người nộp hồ sơ") == 1
    tight = "".join(t.split())  # the narrow cell wraps the ID number
    assert tight.count("Ngườinhận:TrầnThịTám(sốđịnhdanh079190001234),nhậnthay") == 1
    sheet = text(control_sheet_pdf(ward, codes[1], tmp_path / "c.pdf"))
    assert "Người nhận thay" in sheet and "Trần Thị Tám (số định danh 079190001234)" in sheet
