"""Text written into a spreadsheet that Excel or LibreOffice must never run as a formula.

Names, notes and procedure fields come from citizens, clerks and other offices' packages; a
value such as ``=cmd|' /C calc'!A0`` opened in Excel would otherwise be a live formula (CSV
injection).  Every .xlsx and .csv writer passes its cells through here so the rule is one rule.
Only text is touched: numbers, negative ones included, stay numbers."""

from __future__ import annotations

from collections.abc import Iterable

# What makes a spreadsheet read a typed or CSV cell as a formula (OWASP's list): = + - @, and
# a leading tab or CR, which some programs strip before they look at the first character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def risky(value) -> bool:
    """True for text a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value):
    """CSV has no cell types, so risky text gets the apostrophe that Excel itself uses to mark
    'this is text' (and does not display)."""
    return "'" + value if risky(value) else value


def csv_row(values: Iterable) -> list:
    return [csv_value(v) for v in values]


def from_csv(value):
    """What ``csv_value`` wrote, back: the logbook import reads its own export unchanged."""
    if isinstance(value, str) and value.startswith("'") and risky(value[1:]):
        return value[1:]
    return value


def xlsx_cell(cell):
    """Keep an openpyxl cell's text as text: openpyxl makes any string starting with ``=`` a
    formula (data type ``f``); a string cell (``s``) is stored as inline text that no program
    evaluates, and the quote prefix keeps it text even when someone edits it in Excel.  The
    value itself is unchanged, so reading the file back gives exactly what was written."""
    if risky(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_sheet(ws) -> None:
    """``xlsx_cell`` over every cell of a (normal, not write-only) worksheet, once it is filled:
    no cell written in between can be forgotten."""
    for row in ws.iter_rows():
        for cell in row:
            xlsx_cell(cell)


def xlsx_row(ws, values: Iterable) -> list:
    """A row for a write-only worksheet's ``append``: risky text wrapped in a string cell."""
    from openpyxl.cell import WriteOnlyCell  # not at start-up: only writers need openpyxl

    return [xlsx_cell(WriteOnlyCell(ws, value=v)) if risky(v) else v for v in values]
