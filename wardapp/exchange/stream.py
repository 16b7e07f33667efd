"""Reading a package member without believing it: the city reads files that came on a USB
stick from elsewhere, and a member's size, its lines and its row count are whatever the sender
wrote.  The zip's directory (names, declared sizes, compression ratios, the sizes the
manifest declares) is checked before a byte is inflated; before a row is parsed, one streaming pass checks the member's SHA-256 against the
manifest, its size against what the manifest declares, every line's length and the number of
lines; only then is it read again, line by line, into rows.  Memory is then bounded by what a
genuine package of that many rows needs, whatever the file holds (a package of whitespace,
one endless line, a billion empty lines)."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Iterator

# A row is a few hundred bytes; the largest a clerk can type (every text field at its
# 10,000-character limit, three UTF-8 bytes each) stays under this.
MAX_LINE_BYTES = 512 * 1024
# Lines that carry no row (the writer makes none; an editor may add a trailing blank line).
MAX_BLANK_LINES = 1000
_CHUNK = 1 << 16


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


# Refuse before inflating: a week of one ward is a few MB; a city's whole year is well below.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # deflate of JSON lines is ~5-15x; a zip bomb is thousands
MAX_MEMBERS = 16  # the format has at most eight
MAX_MANIFEST_BYTES = 1 << 20


def member_infos(z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The members by name, refused before a byte is inflated if a name, a declared size or a
    compression ratio is out of bounds."""
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"gói có {len(infos)} thành phần, định dạng chỉ có {MAX_MEMBERS}")
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
            i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 1 << 20
        ):
            raise PackageError(f"thành phần '{n}' quá lớn hoặc nén bất thường (nghi zip bomb)")
        total += i.file_size
    if total > MAX_TOTAL_BYTES:
        raise PackageError("gói quá lớn khi giải nén (nghi zip bomb)")
    if "manifest.json" not in names:
        raise PackageError("gói thiếu manifest.json")
    if z.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
        raise PackageError("manifest.json quá lớn")
    return {i.filename: i for i in infos}


def open_member(z: zipfile.ZipFile, name: str):
    try:
        return z.open(name)
    except ZIP_ERRORS as exc:
        raise PackageError(f"thành phần '{name}' hỏng: {exc}") from None


def check_sizes(manifest: dict, infos: dict[str, zipfile.ZipInfo]) -> None:
    """Each member's size in the zip directory against the manifest (format 3 packages made
    before the sizes were written are bounded by their line checks alone)."""
    sizes = manifest.get("sizes")
    if sizes is None:
        return
    if not isinstance(sizes, dict) or set(sizes) != set(manifest["members"]):
        raise PackageError("manifest.json: 'sizes' không khớp danh sách thành phần")
    for name, size in sizes.items():
        if name in infos and (type(size) is not int or infos[name].file_size != size):
            raise PackageError(
                f"thành phần '{name}' bị sửa hoặc hỏng: {infos[name].file_size} byte, manifest "
                f"ghi {size} (SHA-256 không thể khớp)"
            )


class MemberError(Exception):
    """The member is refused; the message says why, in Vietnamese (the caller names it)."""


def check(fh, expected_sha: str, rows: int | None) -> None:
    """One pass over an open member: its hash, its line lengths and its line count, without
    keeping more than one chunk.  ``rows`` is the manifest's count for a JSON-lines member,
    None for another (its hash only)."""
    h = hashlib.sha256()
    if rows is None:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
        if h.hexdigest() != expected_sha:
            raise MemberError("bị sửa hoặc hỏng (SHA-256 không khớp)")
        return
    line = 0  # length of the line being read
    newlines = 0
    most = rows + MAX_BLANK_LINES
    while chunk := fh.read(_CHUNK):
        h.update(chunk)
        first = chunk.find(b"\n")
        if first < 0:
            line += len(chunk)
        else:
            if line + first > MAX_LINE_BYTES:
                break
            newlines += chunk.count(b"\n")
            if newlines > most:
                raise MemberError(
                    f"có hơn {most} dòng, manifest chỉ ghi {rows} bản ghi (dòng trống bất thường)"
                )
            line = len(chunk) - chunk.rindex(b"\n") - 1
        if line > MAX_LINE_BYTES:
            break
    else:
        if h.hexdigest() != expected_sha:
            raise MemberError("bị sửa hoặc hỏng (SHA-256 không khớp)")
        return
    raise MemberError(f"có dòng dài quá {MAX_LINE_BYTES // 1024} KB")


def lines(fh) -> Iterator[tuple[int, bytes]]:
    """The member's non-blank lines with their numbers, each read with the length cap (the
    file was checked by ``check``, but is read again from the medium)."""
    lineno = 0
    while raw := fh.readline(MAX_LINE_BYTES + 2):
        lineno += 1
        if len(raw) > MAX_LINE_BYTES + 1:
            raise MemberError(f"có dòng dài quá {MAX_LINE_BYTES // 1024} KB")
        if raw.strip():
            yield lineno, raw
