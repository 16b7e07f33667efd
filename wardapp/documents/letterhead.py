"""Who issues a document and who signs it, from the office record and settings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from wardapp.common.errors import ValidationError
from wardapp.documents.forms import Form
from wardapp.documents.layout import DocInfo, header, nfc, place_date, place_of
from wardapp.documents.wording import doc_number, mid_sentence
from wardapp.indicators.heading import report_heading as report_heading  # documents' name
from wardapp.office.store import Ward

DESK = "Bộ phận một cửa"  # under the office's name on what the desk itself issues


@dataclass(frozen=True)
class Letterhead:
    office_name: str
    parent: str
    agency_code: str
    place: str
    form_set: str
    slip_size: str
    chairman: str
    deputies: tuple[str, ...]
    # Number symbols per document kind ("apology" → "PXL-UBND"), from the settings.
    symbols: dict[str, str] = field(default_factory=dict)

    def doc_info(self, form: Form, ref: str, title: str | None = None) -> DocInfo:
        """Metadata and footer of a document this office issues on ``form``."""
        return DocInfo(
            title=title or f"{form.title} — {ref}",
            form=form.number,
            basis=form.basis,
            form_set=self.form_set,
            ref=ref,
            author=self.office_name,
        )

    @property
    def authority(self) -> str:
        """The issuing authority inside a sentence: "Ủy ban nhân dân phường Xuân An"."""
        return f"Ủy ban nhân dân {mid_sentence(self.office_name)}"

    def number(self, kind: str, n: int) -> str:
        """ "Số: 01/PXL-UBND" for the ``n``-th document of ``kind`` this year."""
        return f"Số: {doc_number(n, self.symbols.get(kind, ''))}"

    @property
    def issuer(self) -> list[str]:
        """ "ỦY BAN NHÂN DÂN" over "PHƯỜNG XUÂN AN"."""
        return ["Ủy ban nhân dân", self.office_name]

    def header(self, st, avail: float, day: date, number: str = "", *, desk: bool = False):
        """NĐ 30's two-column header of a document this office issues on ``day``: its parent
        and itself on the left (with ``number``; ``desk``: issued by its one-stop desk), the
        national title and its place and date on the right."""
        return header(
            st,
            avail,
            parent=self.parent,
            issuer=[*self.issuer, DESK] if desk else self.issuer,
            number=number,
            place_and_date=place_date(self.place, day),
        )

    def signer(self, name: str | None = None) -> tuple[str, str, str]:
        """(authority line, title, name): the chairman signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH";
        a deputy signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
        name = nfc(name or self.chairman).strip()
        if not name:
            raise ValidationError(
                "Người ký",
                "chưa có tên Chủ tịch: nhập trong Cài đặt (hoặc wardapp init --chairman …)",
            )
        if name == self.chairman:
            return "TM. Ủy ban nhân dân", "Chủ tịch", name
        if name in self.deputies:
            return "KT. Chủ tịch", "Phó Chủ tịch", name
        raise ValidationError(
            "Người ký",
            f"'{name}' không phải Chủ tịch ({self.chairman or 'chưa nhập'}) hay Phó Chủ tịch "
            f"({', '.join(self.deputies) or 'chưa nhập'}) của {self.office_name}",
        )


def load_letterhead(ward: Ward, s: Session) -> Letterhead:
    office = ward.office(s)
    settings = ward.rules().settings
    if not nfc(office.name).strip():
        raise ValidationError("Tên cơ quan", "chưa nhập")
    deputies = tuple(
        nfc(d.get("name") if isinstance(d, dict) else d)
        for d in json.loads(office.deputies or "[]")
    )
    return Letterhead(
        office_name=nfc(office.name),
        parent=nfc(office.parent_name),
        agency_code=office.agency_code,
        place=place_of(office.name, settings["place_name"]),
        form_set=settings["form_set"],
        slip_size=settings["paper_size_slips"],
        chairman=nfc(office.chairman),
        deputies=deputies,
        symbols={k: settings[f"{k}_symbol"] for k in ("apology", "supplement", "refusal", "stop")},
    )
