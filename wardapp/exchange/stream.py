"""Reading a package member without believing it: the city reads files that came on a USB
stick from elsewhere, and a member's size, its lines and its row count are whatever the sender
wrote.  Before a row is parsed, one streaming pass checks the member's SHA-256 against the
manifest, its size against what the manifest declares, every line's length and the number of
lines; only then is it read again, line by line, into rows.  Memory is then bounded by what a
genuine package of that many rows needs, whatever the file holds (a package of whitespace,
one endless line, a billion empty lines)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

# A row is a few hundred bytes; the largest a clerk can type (every text field at its
# 10,000-character limit, three UTF-8 bytes each) stays under this.
MAX_LINE_BYTES = 512 * 1024
# Lines that carry no row (the writer makes none; an editor may add a trailing blank line).
MAX_BLANK_LINES = 1000
_CHUNK = 1 << 16


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
