"""The citizen's satisfaction, asked when the result is handed back.

The city grades wards on a satisfaction survey; asking at the desk, at the moment of return, is
the one time every citizen can be asked.  The answer is a step of its own (event ``rated``),
taken after the return, so the return is recorded even when the citizen will not answer; a
skipped question writes nothing and the dossier stays "not asked" (``rating == ""``), outside
the rate's denominator.  A dossier is rated once: the first answer is the citizen's.
"""

from __future__ import annotations

from wardapp.common.errors import ValidationError
from wardapp.common.text import nfc
from wardapp.dossiers.lifecycle.transition import transition

RATINGS = {
    "hai_long": "Hài lòng",
    "binh_thuong": "Bình thường",
    "khong_hai_long": "Không hài lòng",
}


def rate(ward, code, actor, rating: str, *, comment: str = "", at=None, session=None):
    if rating not in RATINGS:
        raise ValidationError("Mức hài lòng", f"'{rating}' không thuộc {', '.join(RATINGS)}")

    def apply(s, d, when, rules):  # a second answer is refused by the step's rule (actions)
        d.rating = rating
        return {"rating": rating}

    return transition(
        ward,
        code,
        actor,
        action="rate",
        to=None,
        at=at,
        reason=nfc(comment),
        apply=apply,
        session=session,
    )
