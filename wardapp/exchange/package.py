"""The package file itself: a zip of manifest.json, JSON-Lines members and summary.xlsx.

Reading is defensive: the file comes on a USB stick from elsewhere.  Nothing is extracted to
disk; member names, sizes and compression ratios are checked before a byte is inflated, every
member's SHA-256 must match the manifest, and every row must match its schema.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from wardapp.exchange.rows import SCHEMAS, STORED_MEMBERS, RowError, check_row, stored_row

# 2: events carry the office's hash chain, manifest its head; 3: the manifest's "changes" range
FORMAT_VERSION = 3
DATA_MEMBERS = ("procedures", "dossiers", "events", "apologies", "commitments")
REFERENCE_MEMBERS = ("procedures", "calendar", "year_targets")
KINDS = ("ward-data", "reference")
# Refuse before inflating: a week of one ward is a few MB; a city's whole year is well below.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # deflate of JSON lines is ~5-15x; a zip bomb is thousands


# What zipfile raises on damaged or hostile input (unsupported methods, "encrypted" flags,
# broken deflate streams…): all mean the same to the user — the package is damaged.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
    EOFError,
    zlib.error,
)


class PackageError(Exception):
    """The package is refused as a whole; the message says why, in Vietnamese."""


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


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def jsonl(rows: list[dict]) -> bytes:
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    return "".join(dumps(r) + "\n" for r in rows).encode("utf-8")


def write_package(path: Path, manifest: dict, members: dict[str, bytes]) -> None:
    """``manifest`` gets the member hashes; written as given (caller renames into place)."""
    manifest = dict(manifest)
    manifest["members"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    # Level 1: JSON lines still shrink ~8x, several times faster than the default level.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
        )
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
    if m["format_version"] < 2 and m["kind"] == "ward-data":
        raise PackageError(
            f"gói dùng định dạng cũ (phiên bản {m['format_version']}) không có chuỗi băm lịch sử: "
            "hãy cập nhật wardapp ở phường/xã rồi xuất lại"
        )
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
    if m["seq"] < 1:
        raise PackageError("manifest.json: số thứ tự gói phải ≥ 1")
    for key in ("from", "to"):
        try:
            date.fromisoformat(m["period"].get(key))
        except (TypeError, ValueError):
            raise PackageError(f"manifest.json: kỳ '{key}' không phải ngày") from None
    return m


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
    """Open and verify a package completely; raises ``PackageError`` on anything wrong."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackageError(f"không đọc được tệp: {exc}") from None
    sha = hashlib.sha256(raw).hexdigest()
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
    except ZIP_ERRORS:
        raise PackageError(
            "tệp không phải gói .wardpkg hợp lệ (zip hỏng, bị cắt hoặc không phải zip)"
        ) from None
    with z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise PackageError("gói có thành phần trùng tên")
        total = 0
        for i in infos:
            n = i.filename
            if (
                n.startswith(("/", "\\"))
                or ".." in n.replace("\\", "/").split("/")
                or "/" in n
                or "\\" in n
            ):
                raise PackageError(f"gói chứa đường dẫn không được phép: '{n}'")
            if i.file_size > MAX_MEMBER_BYTES or (
                i.compress_size
                and i.file_size / i.compress_size > MAX_RATIO
                and i.file_size > 1 << 20
            ):
                raise PackageError(f"thành phần '{n}' quá lớn hoặc nén bất thường (nghi zip bomb)")
            total += i.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackageError("gói quá lớn khi giải nén (nghi zip bomb)")
        if "manifest.json" not in names:
            raise PackageError("gói thiếu manifest.json")

        def member(name: str) -> bytes:
            try:
                with z.open(name) as fh:
                    data = fh.read(MAX_MEMBER_BYTES + 1)
            except ZIP_ERRORS as exc:
                raise PackageError(f"thành phần '{name}' hỏng: {exc}") from None
            if len(data) > MAX_MEMBER_BYTES:
                raise PackageError(f"thành phần '{name}' quá lớn")
            return data

        try:
            manifest = _check_manifest(json.loads(member("manifest.json").decode("utf-8")))
        except (UnicodeDecodeError, ValueError) as exc:
            if isinstance(exc, PackageError):
                raise
            raise PackageError(f"manifest.json không đọc được: {exc}") from None
        expected = set(manifest["members"])
        wanted = set(
            f"{m}.jsonl"
            for m in (DATA_MEMBERS if manifest["kind"] == "ward-data" else REFERENCE_MEMBERS)
        )
        actual = set(names) - {"manifest.json"}
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
        pkg = Package(path=path, sha256=sha, manifest=manifest)
        for name in sorted(expected):
            data = member(name)
            if hashlib.sha256(data).hexdigest() != manifest["members"][name]:
                raise PackageError(f"thành phần '{name}' bị sửa hoặc hỏng (SHA-256 không khớp)")
            if not name.endswith(".jsonl"):
                continue
            kind = name[: -len(".jsonl")]
            if kind not in SCHEMAS:
                raise PackageError(f"thành phần '{name}' không thuộc định dạng gói")
            try:
                lines = data.decode("utf-8").splitlines()
            except UnicodeDecodeError:
                raise PackageError(f"{name}: không phải UTF-8") from None
            rows = []
            check = stored_row if kind in STORED_MEMBERS else check_row
            for lineno, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    rows.append(check(kind, json.loads(line)))
                except (ValueError, RowError) as exc:
                    raise PackageError(f"{name} dòng {lineno}: {exc}") from None
            pkg.rows[kind] = rows
            if manifest["counts"].get(kind) != len(rows):
                raise PackageError(
                    f"{name}: có {len(rows)} dòng, manifest ghi {manifest['counts'].get(kind)}"
                )
    _check_references(pkg)
    return pkg


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
