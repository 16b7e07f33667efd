"""How a letter names its addressee and where it sends the new result (issue 18).

"Ông/Bà" printed as is reads as a form nobody filled in.  The 12-digit personal ID says the sex
in its fourth digit (DOMAIN.md §8: even for a man, odd for a woman, whatever the century), so
that settles it; without one the clerk's choice at intake does (``Dossier.salutation``), and
an organisation is addressed by its name alone.
"""

from __future__ import annotations

from db.models import Dossier

SALUTATIONS = {"": "", "ong": "Ông", "ba": "Bà", "none": "", "org": ""}


def salutation(d: Dossier) -> str:
    """ "Ông", "Bà" or "" (the name stands alone)."""
    choice = d.salutation or ""
    if choice == "org":
        return ""
    digits = d.applicant_id or ""
    if len(digits) == 12 and digits.isdigit():
        return "Bà" if int(digits[3]) % 2 else "Ông"
    return SALUTATIONS.get(choice, "")


def addressee(d: Dossier) -> str:
    """ "Ông Nguyễn Văn An", "Bà Trần Thị Bình" or "Công ty TNHH Minh Phát"."""
    word = salutation(d)
    return f"{word} {d.applicant_name}" if word else d.applicant_name


def pronoun(d: Dossier) -> str:
    """How the body refers back to the addressee: "Ông", "Bà", or the name again."""
    return salutation(d) or d.applicant_name


def collect_place(d: Dossier) -> str:
    """Where the re-appointed result is handed over, by the channel the dossier came in on:
    a postal dossier is not told to come to the desk."""
    if d.channel == "postal":
        return "qua dịch vụ bưu chính đến địa chỉ đã đăng ký"
    if d.channel == "online":
        return "trên Cổng dịch vụ công trực tuyến (hoặc tại Bộ phận một cửa nếu có yêu cầu)"
    return "tại Bộ phận một cửa"


def notice_channels(d: Dossier, letter_channel: str) -> str:
    """ "thư điện tử (a@b.vn)", "tin nhắn (09…)" or both, when the letter also goes out that way
    and the dossier holds the address or number; "" when it does not (no note about a message
    nobody gets).  A letter on paper to an online dossier goes out both ways it can."""
    wanted = {"email": ("email",), "sms": ("sms",)}.get(letter_channel)
    if wanted is None:
        wanted = ("email", "sms") if d.channel == "online" else ()
    means = []
    if "email" in wanted and d.email:
        means.append(f"thư điện tử ({d.email})")
    if "sms" in wanted and d.phone:
        means.append(f"tin nhắn ({d.phone})")
    return " và ".join(means)
