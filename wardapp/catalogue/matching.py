"""Which procedure a typed search means.  Typing "khai sinh" at the desk must offer "Đăng ký
khai sinh" first, not whichever procedure with those two words comes first in the catalogue
(the liên thông HT.16 did): an exact code, then a code's beginning, then the name itself, its
beginning, the words as a phrase, words beginning as typed, and last the parts found anywhere;
within a tier the shorter name (fewer words besides the typed ones) first."""

from __future__ import annotations

# Tiers, best first.
EXACT_CODE, CODE_PREFIX, EXACT_NAME, NAME_PREFIX, PHRASE, WORD_PREFIXES, PARTS = range(7)


def match_rank(query: str, code: str, name: str) -> tuple[int, int] | None:
    """Sort key of a procedure for ``query`` (all three folded: ``wardapp.common.fold``), or
    None when it does not match.  An empty query matches everything, in catalogue order."""
    if not query:
        return (PARTS, 0)
    code = code.lower()
    if code == query:
        tier = EXACT_CODE
    elif code.startswith(query):
        tier = CODE_PREFIX
    elif name == query:
        tier = EXACT_NAME
    elif name.startswith(query + " "):
        tier = NAME_PREFIX
    elif f" {query} " in f" {name} ":
        tier = PHRASE
    else:
        words = name.split()
        parts = query.split()
        if all(any(w.startswith(p) for w in words) for p in parts):
            tier = WORD_PREFIXES
        elif all(p in f"{code} {name}" for p in parts):
            tier = PARTS
        else:
            return None
    return (tier, len(name))


def ranked(query: str, items, code=lambda i: i[0], name=lambda i: i[1]) -> list:
    """``items`` that match ``query`` (folded), best first; equal ones keep their order."""
    keyed = [(match_rank(query, code(i), name(i)), n, i) for n, i in enumerate(items)]
    return [i for _key, _n, i in sorted(k for k in keyed if k[0] is not None)]
