"""The body of the apology letter (Mẫu 04), which says different things by form set and by
when it is written.

Before the deadline the dossier is only expected to be late, and saying it already is would be
false (NĐ 61/2018 asks for the letter at least a working day ahead); after it, the letter owns
the delay.  TT 03/2025's letter asks the applicant to agree to an extension ("đề nghị gia
hạn"); TT 01/2018's slip re-appoints ("hẹn lại") and asks nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from db.models import Apology, Dossier
from wardapp.documents.addressing import addressee, collect_place, notice_channels, pronoun


def before_deadline(ap: Apology) -> bool:
    """Issued while the old appointment still lay ahead."""
    return ap.issued_at < ap.old_due_at


def body(
    form_set: str,
    authority: str,
    d: Dossier,
    ap: Apology,
    when: Callable[[object], str],
    day: Callable[[object], str],
    late_at: tuple[str, ...] = (),
) -> list[str]:
    """The letter's paragraphs after "Kính gửi", in order; ``authority`` is the issuing body
    as written mid-sentence, ``when`` formats an appointment and ``day`` a date ("ngày 05
    tháng 02 năm 2026"), so the letter keeps one date style.  ``late_at``: the agencies whose
    forwarded step ran past its allowance, named as the cause when the office allows it."""
    who, pron = addressee(d), pronoun(d)
    reason = ap.reason.rstrip(". ")
    place = collect_place(d)
    received = (
        f"{day(d.received_at).capitalize()}, {authority} tiếp nhận hồ sơ của {who}"
        + (f", địa chỉ: {d.address}" if d.address else "")
        + f", đề nghị giải quyết thủ tục: {d.procedure.name}; mã hồ sơ: {d.code}. "
        f"Thời gian hẹn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả là "
        f"{when(ap.old_due_at)}."
    )
    early = before_deadline(ap)
    if form_set == "TT01/2018":
        state = (
            f"Đến nay, hồ sơ dự kiến không kịp trả kết quả cho {pron} vào ngày hẹn nêu trên."
            if early
            else f"Tuy nhiên đến nay, hồ sơ chưa được giải quyết và chưa trả kết quả cho {pron} "
            "đúng hẹn."
        )
        ask = (
            f"Sự chậm trễ này gây phiền hà, tốn kém thời gian, công sức của {pron}. {authority} "
            f"trân trọng xin lỗi {pron} và xin hẹn lại ngày trả kết quả vào {when(ap.new_due_at)}, "
            f"{place}."
        )
    else:
        state = (
            "Hồ sơ dự kiến không kịp giải quyết trong thời hạn nêu trên."
            if early
            else "Đến nay, hồ sơ đã quá thời hạn giải quyết nêu trên."
        )
        ask = (
            f"{authority} trân trọng xin lỗi {pron} vì sự chậm trễ này"
            + (" và đề nghị " if early else ", đề nghị ")
            + f"{pron} đồng ý gia hạn thời gian giải quyết hồ sơ đến {when(ap.new_due_at)}; "
            f"kết quả được trả {place}."
        )
    if late_at:
        reason += f", do {' và '.join(late_at)} giải quyết quá thời hạn"
    paras = [received, f"{state} Lý do: {reason}.", ask]
    means = notice_channels(d, ap.channel)
    if means:
        paras.append(f"Văn bản này đồng thời được gửi tới {pron} qua {means}.")
    paras.append(f"Rất mong nhận được sự thông cảm của {pron}./.")
    return paras
