"""Holes between the change-number ranges of an office's packages (``db.changes``).

Each ward package carries the changes numbered above ``change_from`` up to ``change_to``; the
next one starts where it ended.  A hole means changes no package carried: a package lost on the
way (the city), or one made from a date instead of from the last package (either side).  Both
the city's ``offices`` and the ward's exchange page show them.
"""

from __future__ import annotations

from collections.abc import Iterable


def holes(packages: Iterable[tuple[int, int | None, int | None]]) -> list[tuple[int, int]]:
    """``packages``: (seq, change_from, change_to), any order.  Returns the holes as
    (first missing number, last missing number).  Packages without a range (made before the
    counter) are skipped; what came before the first package with one is known only when that
    package is number 1."""
    covered: int | None = None
    out = []
    for seq, start, end in sorted(packages):
        if start is None or end is None:
            continue
        if covered is None and seq == 1:
            covered = 0
        if covered is not None and start > covered:
            out.append((covered + 1, start))
        covered = end if covered is None else max(covered, end)
    return out


def describe(found: list[tuple[int, int]]) -> str:
    """The holes as the window and the CLI say them, "" when there is none."""
    if not found:
        return ""
    spans = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in found)
    return f"thiếu các thay đổi số {spans} (không gói nào mang)"
