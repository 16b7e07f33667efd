"""The package file itself: a zip of manifest.json, JSON-Lines members and summary.xlsx.

Reading is defensive: the file comes on a USB stick from elsewhere.  Nothing is extracted to
disk; member names, sizes and compression ratios are checked before a byte is inflated, every
member's SHA-256 must match the manifest, and every row must match its schema.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from wardapp.exchange import stream
from wardapp.exchange.rows import SCHEMAS, STORED_MEMBERS, RowError, check_row, stored_row
from wardapp.exchange.stream import (  # noqa: F401 (re-exported: callers import them from here)
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    ZIP_ERRORS,
    PackageError,
)
from wardapp.trust import keys

# 2: events carry the office's hash chain, manifest its head; 3: the manifest's "changes"
# range; 4: ward packages are signed; 5: the ward's step allowances; 6: the citizen's rating
# on dossiers, the initiatives
FORMAT_VERSION = 6
SIGNATURE = "manifest.sig"  # hex Ed25519 signature of manifest.json's exact bytes
DATA_MEMBERS = ("procedures", "dossiers", "events", "apologies", "commitments", "initiatives")
# What a format-4 or 5 package (signed, from a ward not yet updated) lacks: no initiatives member, no
# rating on its dossiers (it could not have asked: read as "not asked").
FORMAT_6_MEMBERS = ("initiatives",)
REFERENCE_MEMBERS = ("procedures", "calendar", "year_targets")
KINDS = ("ward-data", "reference")
MAX_ROWS = 20_000_000  # per member: a city's whole snapshot of a ward is well below
# Sequence and change numbers: far above any real count (a weekly package a year is 52), far
# below what the database stores (a larger number would be an overflow, not a refusal).
MAX_NUMBER = 10**12
MAX_SEQ = 100_000  # packages of one ward: two thousand years of weekly ones


@dataclass
class Package:
    path: Path
    sha256: str
    manifest: dict
    # Checked rows per member: dossiers, events and apologies in stored form (times as SQLite's
    # text, ``rows.stored_row``), the reference members as Python values (``rows.check_row``).
    rows: dict[str, list[dict]] = field(default_factory=dict)
    prepared: object = None  # the city import's stored-form rows (exchange.city.verify.Prepared)

    @property
    def office_code(self) -> str:
        return self.manifest["office"]["code"]

    @property
    def seq(self) -> int:
        return self.manifest["seq"]

    @property
    def changes(self) -> tuple[int, int] | None:
        """The ward's change numbers carried (above the first, up to the second); None for a
        package older than format 3 or a reference package."""
        c = self.manifest.get("changes")
        return (c["from"], c["to"]) if c else None

    @property
    def signer(self) -> str:
        """The public key (hex) whose signature over the manifest was verified on reading."""
        return self.manifest["signature_key"]["public_key"]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def jsonl(rows: list[dict]) -> bytes:
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    return "".join(dumps(r) + "\n" for r in rows).encode("utf-8")


def write_package(
    path: Path, manifest: dict, members: dict[str, bytes], signing: tuple[str, str] | None = None
) -> None:
    """``manifest`` gets the member hashes; written as given (caller renames into place).
    ``signing`` (public, private key in hex): the manifest names the public key and
    ``manifest.sig`` signs its exact bytes, so every member is covered through its hash."""
    manifest = dict(manifest)
    manifest["members"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    manifest["sizes"] = {name: len(data) for name, data in members.items()}
    if signing is not None:
        manifest["signature_key"] = {"algorithm": keys.ALGORITHM, "public_key": signing[0]}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    # Level 1: JSON lines still shrink ~8x, several times faster than the default level.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("manifest.json", text)
        if signing is not None:
            z.writestr(SIGNATURE, keys.sign(signing[1], text) + "\n")
        for name, data in members.items():
            z.writestr(name, data)


_MANIFEST_KEYS = {
    "format_version": int,
    "program_version": str,
    "kind": str,
    "office": dict,
    "period": dict,
    "seq": int,
    "prev_sha256": str,
    "created_at": str,
    "counts": dict,
    "members": dict,
}


def _check_manifest(m) -> dict:
    if not isinstance(m, dict):
        raise PackageError("manifest.json không phải đối tượng JSON")
    if isinstance(m.get("format_version"), int) and m["format_version"] > FORMAT_VERSION:
        raise PackageError(
            f"gói dùng định dạng phiên bản {m['format_version']}, chương trình này chỉ đọc đến "
            f"phiên bản {FORMAT_VERSION}: hãy cập nhật wardapp"
        )
    for key, typ in _MANIFEST_KEYS.items():
        if not isinstance(m.get(key), typ) or isinstance(m.get(key), bool):
            raise PackageError(f"manifest.json: thiếu hoặc sai kiểu trường '{key}'")
    if m["format_version"] < 1:
        raise PackageError("manifest.json: format_version không hợp lệ")
    if m["format_version"] < 4 and m["kind"] == "ward-data":
        raise PackageError(
            f"gói dùng định dạng cũ (phiên bản {m['format_version']}) không có chữ ký của "
            "phường/xã: hãy cập nhật wardapp ở phường/xã rồi xuất lại"
        )
    if m["kind"] == "ward-data":
        sk = m.get("signature_key")
        if (
            not isinstance(sk, dict)
            or sk.get("algorithm") != keys.ALGORITHM
            or not keys.valid_public_hex(sk.get("public_key"))
        ):
            raise PackageError("gói chưa được ký: manifest.json thiếu khoá ký (signature_key)")
    if m["kind"] == "ward-data":
        h = m.get("chain_head")
        if (
            not isinstance(h, dict)
            or not isinstance(h.get("chain_no"), int)
            or isinstance(h.get("chain_no"), bool)
            or h["chain_no"] < 0
            or not isinstance(h.get("hash"), str)
            or len(h["hash"]) != 64
        ):
            raise PackageError("manifest.json: thiếu hoặc sai 'chain_head' (đầu chuỗi băm)")
    if m["kind"] == "ward-data" and (m["format_version"] >= 3 or "changes" in m):
        c = m.get("changes")
        if (
            not isinstance(c, dict)
            or any(type(c.get(k)) is not int for k in ("from", "to"))
            or not 0 <= c["from"] <= c["to"]
        ):
            raise PackageError("manifest.json: thiếu hoặc sai 'changes' (khoảng số thay đổi)")
    if m["kind"] not in KINDS:
        raise PackageError(f"manifest.json: loại gói '{m['kind']}' không hợp lệ")
    if not isinstance(m["office"].get("code"), str) or not isinstance(m["office"].get("name"), str):
        raise PackageError("manifest.json: thiếu mã hoặc tên cơ quan")
    if not 1 <= m["seq"] <= MAX_SEQ:
        raise PackageError(f"manifest.json: số thứ tự gói phải từ 1 đến {MAX_SEQ}")
    head, changes = m.get("chain_head"), m.get("changes")
    numbers = [
        *(head.values() if isinstance(head, dict) else ()),
        *(changes.values() if isinstance(changes, dict) else ()),
    ]
    if any(type(n) is int and n > MAX_NUMBER for n in numbers):
        raise PackageError("manifest.json: số chuỗi băm hoặc số thay đổi lớn bất thường")
    for key in ("from", "to"):
        try:
            date.fromisoformat(m["period"].get(key))
        except (TypeError, ValueError):
            raise PackageError(f"manifest.json: kỳ '{key}' không phải ngày") from None
    return m


def _check_signature(manifest: dict, manifest_bytes: bytes, infos, z) -> None:
    """The manifest must be signed by the key it names; which office that key belongs to is
    the city's check (``exchange.city.apply``), against the keys it registered."""
    if SIGNATURE not in infos:
        raise PackageError(f"gói chưa được ký (thiếu {SIGNATURE})")
    try:
        with stream.open_member(z, SIGNATURE) as m:
            sig = m.read(200).decode("ascii", "replace").strip()
    except ZIP_ERRORS as exc:
        raise PackageError(f"thành phần '{SIGNATURE}' hỏng: {exc}") from None
    if not keys.signature_valid(manifest["signature_key"]["public_key"], manifest_bytes, sig):
        raise PackageError(
            "chữ ký của gói không hợp lệ: manifest.json đã bị sửa sau khi ký, hoặc chữ ký hỏng"
        )


class Peek(NamedTuple):
    """What the manifest alone says, before the package is verified: used only to order files
    and to size the import, never to trust them."""

    order: tuple[str, str, int]  # period start, office code, number
    dossiers: int  # as counted by the manifest


def peek(path: str | Path) -> Peek | None:
    """None if the manifest cannot be read (the full read then says why)."""
    try:
        with zipfile.ZipFile(path) as z:
            if z.getinfo("manifest.json").file_size > 1 << 20:
                return None
            m = json.loads(z.read("manifest.json").decode("utf-8"))
        order = (str(m["period"]["from"]), str(m["office"]["code"]), int(m["seq"]))
        count = m.get("counts", {}).get("dossiers", 0)
        return Peek(order, count if type(count) is int and count > 0 else 0)
    except (OSError, AttributeError, KeyError, TypeError, ValueError, *ZIP_ERRORS):
        return None


def read_package(path: str | Path) -> Package:
    """Open and verify a package completely; raises ``PackageError`` on anything wrong.
    Each member is streamed and checked (``exchange.stream``) before its rows are parsed."""
    path = Path(path)
    try:
        sha = file_sha256(path)
        fh = open(path, "rb")  # noqa: SIM115 (closed with the zip below)
    except OSError as exc:
        raise PackageError(f"không đọc được tệp: {exc}") from None
    try:
        z = zipfile.ZipFile(fh)
    except ZIP_ERRORS:
        fh.close()
        raise PackageError(
            "tệp không phải gói .wardpkg hợp lệ (zip hỏng, bị cắt hoặc không phải zip)"
        ) from None
    with fh, z:
        infos = stream.member_infos(z)
        try:
            with stream.open_member(z, "manifest.json") as m:
                raw = m.read(MAX_MANIFEST_BYTES + 1)
        except ZIP_ERRORS as exc:
            raise PackageError(f"thành phần 'manifest.json' hỏng: {exc}") from None
        try:
            manifest = _check_manifest(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError) as exc:
            if isinstance(exc, PackageError):
                raise
            raise PackageError(f"manifest.json không đọc được: {exc}") from None
        expected = set(manifest["members"])
        before_6 = manifest["format_version"] < 6
        wanted = set(
            f"{m}.jsonl"
            for m in (DATA_MEMBERS if manifest["kind"] == "ward-data" else REFERENCE_MEMBERS)
            if not (before_6 and m in FORMAT_6_MEMBERS)
        )
        actual = set(infos) - {"manifest.json", SIGNATURE}
        if not wanted <= expected:
            raise PackageError(
                "manifest.json thiếu thành phần: " + ", ".join(sorted(wanted - expected))
            )
        if expected != actual:
            missing, extra = expected - actual, actual - expected
            raise PackageError(
                "thành phần không khớp manifest"
                + (f"; thiếu: {', '.join(sorted(missing))}" if missing else "")
                + (f"; thừa: {', '.join(sorted(extra))}" if extra else "")
            )
        stream.check_sizes(manifest, infos)
        if manifest["kind"] == "ward-data":  # before a member is read: a few bytes to check
            _check_signature(manifest, raw, infos, z)
        pkg = Package(path=path, sha256=sha, manifest=manifest)
        for name in sorted(expected, key=_parse_order):
            kind = name[: -len(".jsonl")] if name.endswith(".jsonl") else None
            if kind is not None and kind not in SCHEMAS:
                raise PackageError(f"thành phần '{name}' không thuộc định dạng gói")
            count = manifest["counts"].get(kind, 0) if kind else 0
            if type(count) is not int or not 0 <= count <= MAX_ROWS:
                raise PackageError(f"manifest.json: số bản ghi của '{kind}' không hợp lệ")
            try:
                with stream.open_member(z, name) as m:
                    stream.check(m, manifest["members"][name], count if kind else None)
                if kind is not None:
                    pkg.rows[kind] = _rows(
                        z, name, kind, count, _parents(pkg, kind), unrated=before_6
                    )
            except stream.MemberError as exc:
                raise PackageError(f"thành phần '{name}' {exc}") from None
            except ZIP_ERRORS as exc:
                raise PackageError(f"thành phần '{name}' hỏng: {exc}") from None
    _check_references(pkg)
    return pkg


# Parents before children, so a row that points nowhere is refused as it is read.
_PARSE_FIRST = {"procedures.jsonl": 0, "dossiers.jsonl": 1, "events.jsonl": 2}


def _parse_order(name: str) -> tuple[int, str]:
    return (_PARSE_FIRST.get(name, 3), name)


def _parents(pkg: Package, kind: str) -> tuple[str, set] | None:
    """(key, the values it must take) for a member whose rows point at rows read before."""
    if pkg.manifest["kind"] != "ward-data":
        return None
    if kind == "dossiers":
        procs = pkg.rows.get("procedures", [])
        return "procedure", {(p["code"], p["effective_from"].isoformat()) for p in procs}
    if kind in ("events", "apologies"):
        return "dossier_uuid", {d["uuid"] for d in pkg.rows.get("dossiers", [])}
    return None


def _rows(
    z: zipfile.ZipFile, name: str, kind: str, count: int, parents=None, unrated=False
) -> list[dict]:
    rows = []
    unrated = unrated and kind == "dossiers"
    check = stored_row if kind in STORED_MEMBERS else check_row
    seen: set[str] = set()  # a repeated row is refused as it comes, not after all are held
    with stream.open_member(z, name) as m:
        for lineno, line in stream.lines(m):
            if len(rows) == count:
                raise PackageError(f"{name}: có hơn {count} dòng, manifest ghi {count}")
            try:
                row = json.loads(line)
                if unrated and isinstance(row, dict):
                    row.setdefault("rating", "")
                row = check(kind, row)
            except (ValueError, RowError) as exc:
                raise PackageError(f"{name} dòng {lineno}: {exc}") from None
            if parents is not None:
                key, allowed = parents
                procedure = key == "procedure"
                value = (
                    (row["procedure_code"], row["procedure_effective_from"])
                    if procedure
                    else row[key]
                )
                if value not in allowed and procedure:
                    raise PackageError(
                        f"hồ sơ {row['code']}: thủ tục {row['procedure_code']} không có trong "
                        "procedures.jsonl"
                    )
                if value not in allowed:
                    raise PackageError(f"{name}: {row['uuid']} trỏ tới hồ sơ không có trong gói")
            uuid = row.get("uuid")
            if uuid is not None:
                if uuid in seen:
                    raise PackageError(f"{name}: UUID {uuid} trùng (dòng {lineno})")
                seen.add(uuid)
            rows.append(row)
    if len(rows) != count:
        raise PackageError(f"{name}: có {len(rows)} dòng, manifest ghi {count}")
    return rows


def _check_references(pkg: Package) -> None:
    if pkg.manifest["kind"] != "ward-data":
        return
    dossiers = {d["uuid"] for d in pkg.rows["dossiers"]}
    if len(dossiers) != len(pkg.rows["dossiers"]):
        raise PackageError("dossiers.jsonl: UUID hồ sơ trùng nhau")
    procs = {(p["code"], p["effective_from"].isoformat()) for p in pkg.rows["procedures"]}
    for d in pkg.rows["dossiers"]:
        if (d["procedure_code"], d["procedure_effective_from"]) not in procs:
            raise PackageError(
                f"hồ sơ {d['code']}: thủ tục {d['procedure_code']} không có trong procedures.jsonl"
            )
        if not d["code"].strip():
            raise PackageError("dossiers.jsonl: có hồ sơ không có mã")
    for member in ("events", "apologies"):
        seen = set()
        for r in pkg.rows[member]:
            if r["dossier_uuid"] not in dossiers:
                raise PackageError(f"{member}.jsonl: {r['uuid']} trỏ tới hồ sơ không có trong gói")
            if r["uuid"] in seen:
                raise PackageError(f"{member}.jsonl: UUID {r['uuid']} trùng")
            seen.add(r["uuid"])
