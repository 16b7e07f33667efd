"""A capability package's public face: the names the window and the CLI may use, each loaded
only when first asked for (PEP 562).

Why lazy: the window starts in well under a second because reportlab, openpyxl and Alembic are
loaded only when a document, a spreadsheet or a migration is needed; a face that imported every
module it names would undo that.  Inside ``wardapp`` the capabilities import each other's
modules directly, so the import-linter contracts keep seeing every real edge."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping


def face(
    package: str, names: Mapping[str, Iterable[str]], modules: Iterable[str] = ()
) -> tuple[Callable[[str], object], Callable[[], list[str]], list[str]]:
    """``names`` maps a module (relative to ``package``, e.g. ``".lifecycle.intake"``) to the
    names it lends the face; ``modules`` are whole modules the face lends under their last name.
    Returns the package's ``__getattr__``, ``__dir__`` and ``__all__``."""
    where: dict[str, tuple[str, str | None]] = {}
    for module, attrs in names.items():
        for attr in attrs:
            where[attr] = (module, attr)
    for module in modules:
        where[module.rsplit(".", 1)[-1]] = (module, None)

    def __getattr__(name: str) -> object:
        try:
            module, attr = where[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = importlib.import_module(module, package)
        if attr is not None:
            value = getattr(value, attr)
        setattr(sys.modules[package], name, value)  # asked once, then a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | where.keys())

    return __getattr__, __dir__, sorted(where)
