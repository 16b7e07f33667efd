"""Reading a spreadsheet a person made: .xlsx (first sheet) or .csv saved by Excel (UTF-8,
comma or semicolon, which Vietnamese-locale Excel writes).  Used by every import from a file
(logbook, procedure catalogue) so they accept the same files and say the same things."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from wardapp.common import inert
from wardapp.common.errors import WardError
from wardapp.common.text import fold


def header_key(name, names: dict[str, tuple[str, ...]]) -> str | None:
    """The column key a header cell names: the key itself or one of its ``names``, compared
    without diacritics, case or underscores (``"Mã thủ tục"``, ``"ma_thu_tuc"`` → ``"code"``)."""
    f = fold(str(name or "")).replace("_", " ").strip()
    for key, aliases in names.items():
        if f == key.replace("_", " ") or f in aliases:
            return key
    return None


def read_rows(path: Path) -> Iterator[tuple[int, list]]:
    """(spreadsheet row number, cells) including the header row."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook  # not at start-up: only imports read spreadsheets

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise WardError(f"Không đọc được tệp Excel {path.name}: {exc}") from exc
        try:
            ws = wb.active
            for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
                yield i, list(row)
        finally:
            wb.close()
    elif suffix in (".csv", ".txt"):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WardError(
                f"Tệp {path.name} không phải UTF-8: hãy lưu lại dạng 'CSV UTF-8' trong Excel."
            ) from None
        first = text.split("\n", 1)[0]
        delim = ";" if first.count(";") > first.count(",") else ","
        # newline="": the csv module reads line ends itself (a lone CR inside a cell is data);
        # the apostrophe our writers put before formula-like text comes off (common.inert)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        try:
            for i, row in enumerate(reader, start=1):
                yield i, [inert.from_csv(c) for c in row]
        except csv.Error as exc:
            raise WardError(
                f"Tệp {path.name} không đọc được như CSV (dòng {reader.line_num}): {exc}"
            ) from None
    else:
        raise WardError(f"Chỉ nhập được tệp .csv hoặc .xlsx (không phải '{path.suffix}').")
