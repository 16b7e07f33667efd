"""``wardapp verify`` for the office administration chain (``db.admin_chain``): the chain is
walked and re-hashed, replayed to the last state of every setting, account, office, calendar
day and key, and that state is compared with the rows; each issued document's stored bytes
must hash to the SHA-256 its chain event recorded.

Memory stays bounded on a big file: the replay holds one state per setting, account, office,
calendar day and key (tens to hundreds), never the documents, which are checked by queries that
join each document to its newest event and stream the PDFs a few at a time.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.admin_chain import GENESIS, SUBJECTS, event_hash, state_of, subject_of
from wardapp.common.errors import WardError

PDF_BATCH = 20
LABELS = {
    "value": "giá trị",
    "username": "tên đăng nhập",
    "full_name": "họ tên",
    "title": "chức danh",
    "role": "vai trò",
    "active": "trạng thái hoạt động",
    "office_id": "thuộc cơ quan",
    "password_hash": "mật khẩu (mã băm)",
    "name": "tên cơ quan",
    "agency_code": "mã cơ quan",
    "parent_name": "cơ quan cấp trên",
    "address": "địa chỉ",
    "chairman": "chủ tịch",
    "deputies": "phó chủ tịch",
    "kind": "loại",
    "description": "mô tả",
    "legal_basis": "căn cứ",
    "source": "nguồn",
    "public_key": "khoá công khai",
    "private_key": "khoá bí mật",
    "retired_at": "đã thay",
}
DOCUMENTS = {
    "apology": "văn bản xin lỗi",
    "commitment": "bản cam kết",
    "supplement": "phiếu yêu cầu bổ sung (Mẫu 02)",
    "refusal": "phiếu từ chối (Mẫu 03)",
    "stop": "thông báo dừng giải quyết (Mẫu 05)",
}
SECRET = {"password_hash", "private_key"}  # recorded by fingerprint: say it changed, not to what


def _what(kind: str, subject: str, state: dict | None) -> str:
    if kind == "setting":
        return f"cài đặt '{subject}'"
    if kind == "account":
        name = (state or {}).get("username")
        return f"tài khoản {name}" if name else f"tài khoản số {subject}"
    if kind == "office":
        code = (state or {}).get("agency_code")
        return f"thông tin cơ quan {code}" if code else f"cơ quan số {subject}"
    if kind == "calendar":
        return f"ngày {subject} trong lịch làm việc của cơ quan"
    if kind == "key":
        return f"khoá ký số số {subject}"
    return f"văn bản đã phát hành số {subject}"


def _diff(recorded: dict, found: dict) -> str:
    parts = []
    for col in recorded.keys() | found.keys():
        a, b = recorded.get(col), found.get(col)
        if a == b:
            continue
        label = LABELS.get(col, col)
        if col in SECRET:
            parts.append(f"{label} khác với lần đặt cuối cùng được ghi nhận")
        elif col == "value":  # a setting's own JSON text
            parts.append(f"{label}: nhật ký ghi {a}, tệp có {b}")
        else:
            parts.append(f"{label}: nhật ký ghi {_show(a)}, tệp có {_show(b)}")
    return "; ".join(sorted(parts))


def _show(v) -> str:
    return "(trống)" if v is None else json.dumps(v, ensure_ascii=False)


def chain_problems(s: Session, last: dict) -> list[str]:
    """Walk the chain in order, filling ``last`` with each subject's newest state (documents
    left out); the first break is named."""
    conn = s.connection()
    prev_no, prev_hash, out = 0, GENESIS, []
    rows = conn.execute(
        text(
            "SELECT no, at, actor, kind, subject, state, prev_hash, hash FROM admin_event "
            "ORDER BY no"
        )
    )
    for no, at, actor, kind, subject, state, ph, h in rows:
        if not out:
            if no != prev_no + 1:
                out.append(f"nhật ký quản trị: thiếu bản ghi số {prev_no + 1} (đã bị xoá)")
            elif ph != prev_hash:
                out.append(f"nhật ký quản trị: bản ghi số {no} không khớp với bản ghi trước")
            elif event_hash(ph, no, at, actor, kind, subject, state) != h:
                out.append(
                    f"nhật ký quản trị: bản ghi số {no} ({_what(kind, subject, None)}) "
                    "đã bị sửa sau khi ghi"
                )
        prev_no, prev_hash = no, h
        if kind != "document":
            last[(kind, subject)] = state
    return out


def state_problems(s: Session, last: dict) -> list[str]:
    """Each row against its subject's last recorded state."""
    out = []
    conn = s.connection()
    for kind, (table, key, cols) in SUBJECTS.items():
        if kind == "document":
            continue
        names = ", ".join(dict.fromkeys((key, *cols)))
        for m in conn.execute(text(f"SELECT {names} FROM {table}")).mappings():
            row = _Row(m)
            subject, found = subject_of(kind, row), state_of(kind, row)
            if (kind, subject) not in last:
                out.append(
                    f"{_what(kind, subject, json.loads(found))}: không có trong nhật ký quản trị "
                    "(được thêm thẳng vào tệp, không qua chương trình)"
                )
                continue
            recorded = last.pop((kind, subject))
            if recorded is None:
                out.append(
                    f"{_what(kind, subject, json.loads(found))}: nhật ký ghi đã xoá nhưng tệp "
                    "vẫn còn (được thêm lại thẳng vào tệp)"
                )
            elif recorded != found:
                rec = json.loads(recorded)
                out.append(
                    f"{_what(kind, subject, rec)} bị sửa ngoài chương trình: "
                    + _diff(rec, json.loads(found))
                )
    for (kind, subject), recorded in sorted(last.items()):
        if recorded is not None:
            out.append(
                f"{_what(kind, subject, json.loads(recorded))}: có trong nhật ký quản trị "
                "nhưng đã bị xoá khỏi tệp"
            )
    return out


class _Row:
    def __init__(self, mapping):
        self.__dict__.update(mapping)


NEWEST = (
    "(SELECT e.state FROM admin_event e WHERE e.kind = 'document' "
    "AND e.subject = CAST(d.id AS TEXT) ORDER BY e.no DESC LIMIT 1)"
)


def document_problems(s: Session, *, limit: int = 200) -> list[str]:
    """Every document a chain event recorded exists, no document is unrecorded, and each one's
    bytes hash to the recorded SHA-256 (the PDFs streamed ``PDF_BATCH`` at a time)."""
    conn = s.connection()
    out: list[str] = []
    gone = conn.execute(
        text(
            "SELECT e.subject, e.state FROM admin_event e WHERE e.kind = 'document' "
            "AND e.state IS NOT NULL AND NOT EXISTS (SELECT 1 FROM issued_document d "
            "WHERE d.id = CAST(e.subject AS INTEGER)) ORDER BY e.no"
        )
    )
    for subject, state in gone:
        if len(out) < limit:
            out.append(f"{_label(json.loads(state), subject)}: đã bị xoá khỏi tệp")
    docs = conn.execution_options(yield_per=PDF_BATCH).execute(
        text(
            f"SELECT d.id, d.kind, d.refs, d.number, d.sha256, d.pdf, {NEWEST} AS recorded "
            "FROM issued_document d ORDER BY d.id"
        )
    )
    for m in docs.mappings():
        problem = _document(m)
        if problem and len(out) < limit:
            out.append(problem)
    return out


def _label(state: dict, subject) -> str:
    kind = DOCUMENTS.get(state.get("kind"), f"văn bản ({state.get('kind')})")
    number = state.get("number")
    return f"{kind} số {number}" if number else f"{kind} (bản lưu số {subject})"


def _document(m) -> str | None:
    row = _Row(m)
    found = json.loads(state_of("document", row))
    if m["recorded"] is None:
        return (
            f"{_label(found, m['id'])}: không có trong nhật ký quản trị (được thêm thẳng vào tệp)"
        )
    recorded = json.loads(m["recorded"])
    label = _label(recorded, m["id"])
    if hashlib.sha256(m["pdf"] or b"").hexdigest() != recorded["sha256"]:
        return f"{label}: tệp PDF đã lưu bị thay (SHA-256 khác với lúc phát hành)"
    if found != recorded:
        return f"{label} bị sửa ngoài chương trình: " + _diff(recorded, found)
    return None


def admin_problems(s: Session) -> list[str]:
    last: dict = {}
    return chain_problems(s, last) + state_problems(s, last) + document_problems(s)


def checked_pdf(s: Session, doc_id: int) -> bytes:
    """The archived bytes of a document, only if they hash to what was recorded when it was
    issued: a reprint must never hand out a file someone replaced in the database."""
    m = (
        s.connection()
        .execute(
            text(
                f"SELECT d.id, d.sha256, d.pdf, {NEWEST} AS recorded FROM issued_document d "
                "WHERE d.id = :i"
            ),
            {"i": doc_id},
        )
        .mappings()
        .first()
    )
    if m is None:
        raise WardError("Không tìm thấy văn bản đã phát hành.")
    sha = hashlib.sha256(m["pdf"] or b"").hexdigest()
    recorded = json.loads(m["recorded"])["sha256"] if m["recorded"] else None
    if sha != m["sha256"] or sha != recorded:
        raise WardError(
            "Bản lưu của văn bản này đã bị thay đổi sau khi phát hành (mã SHA-256 không khớp "
            "với lúc phát hành): không in lại. Hãy chạy 'wardapp verify' và khôi phục từ bản "
            "sao lưu."
        )
    return m["pdf"]
