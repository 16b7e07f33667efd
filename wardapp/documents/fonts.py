"""The document typeface: Times New Roman when the machine has it (every Windows office PC),
otherwise the bundled Liberation Serif (metric-compatible, full Vietnamese coverage, SIL OFL —
licence in resources/fonts/).  Always embedded by reportlab (TrueType subsets, built once per
process and shared by every document: ``font_subsets``)."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from wardapp.documents.font_subsets import DIGITS, PRESET, SharedSubsetFont

FAMILY = "DocSerif"
STYLES = ("regular", "bold", "italic", "bolditalic")
_TIMES = {
    "regular": "times.ttf",
    "bold": "timesbd.ttf",
    "italic": "timesi.ttf",
    "bolditalic": "timesbi.ttf",
}
_TIMES_LINUX = {
    "regular": "Times_New_Roman.ttf",
    "bold": "Times_New_Roman_Bold.ttf",
    "italic": "Times_New_Roman_Italic.ttf",
    "bolditalic": "Times_New_Roman_Bold_Italic.ttf",
}
_LIBERATION = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}


def _times_files() -> dict[str, Path] | None:
    candidates = []
    windir = os.environ.get("WINDIR")
    if windir:
        candidates.append((Path(windir) / "Fonts", _TIMES))
    candidates.append((Path("/usr/share/fonts/truetype/msttcorefonts"), _TIMES_LINUX))
    for folder, names in candidates:
        files = {k: folder / v for k, v in names.items()}
        if all(f.exists() for f in files.values()):
            return files
    return None


def bundled_files() -> dict[str, Path]:
    base = resources.files("resources").joinpath("fonts")
    return {k: Path(str(base.joinpath(v))) for k, v in _LIBERATION.items()}


@cache
def register() -> str:
    """Register the family once; returns the name of the font actually used (for metadata)."""
    files = _times_files()
    used = "Times New Roman"
    if files is None or os.environ.get("WARDAPP_BUNDLED_FONT"):
        files, used = bundled_files(), "Liberation Serif"
    for style in STYLES:
        # Names and addresses are set in the regular face, so it holds every Vietnamese letter
        # from the start.  The other faces carry the fixed wording of headers, titles, date lines
        # and signatures: only the glyphs a document uses, digits first so a number or a date
        # does not reorder them.
        name = f"{FAMILY}-{style}"
        if style == "regular":
            font = SharedSubsetFont(name, str(files[style]), PRESET)
        else:
            font = SharedSubsetFont(name, str(files[style]), DIGITS, ascii_readable=False)
        pdfmetrics.registerFont(font)
    addMapping(FAMILY, 0, 0, f"{FAMILY}-regular")
    addMapping(FAMILY, 1, 0, f"{FAMILY}-bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-bolditalic")
    # Graphics (the QR code) start from Helvetica otherwise: an unembedded font reference.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = f"{FAMILY}-regular"
    return used


def font(bold: bool = False, italic: bool = False) -> str:
    register()
    return f"{FAMILY}-{('bold' if bold else '') + ('italic' if italic else '') or 'regular'}"
