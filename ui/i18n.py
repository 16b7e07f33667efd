"""Interface language.  The program is written in Vietnamese (the source language of every
``tr()`` string); English comes from ``resources/translations/wardapp_en.ts``.

The ``.ts`` file is the source kept in the repository (``scripts/update_translations.py``
refreshes it with ``pyside6-lupdate``); the ``.qm`` Qt loads is built from it by
``pyside6-lrelease``: by the PyInstaller build into the bundle, and otherwise on first use into
the user's cache folder (rebuilt when the ``.ts`` is newer), so an install from source needs no
extra step.  Documents (PDF, xlsx) stay Vietnamese whatever the setting: they are official
papers.  The choice is a per-user setting (QSettings), applied at the next start.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ui.qt import QCoreApplication, QSettings, QTranslator

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"


def chosen_language() -> str:
    value = QSettings("wardapp", "wardapp").value("language", "vi")
    return value if value in LANGUAGES else "vi"


def choose_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    QSettings("wardapp", "wardapp").setValue("language", code)


def _lrelease() -> str | None:
    import PySide6

    here = Path(PySide6.__file__).parent
    for candidate in (here / "lrelease", here / "lrelease.exe", here / "Qt" / "bin" / "lrelease"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compiled(code: str) -> Path | None:
    """The ``.qm`` for ``code``: shipped beside the ``.ts`` (frozen build) or built into the
    cache folder from it.  ``None`` when neither is possible (the interface stays Vietnamese)."""
    ts = TRANSLATIONS / f"wardapp_{code}.ts"
    shipped = TRANSLATIONS / f"wardapp_{code}.qm"
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    from platformdirs import user_cache_dir

    cache = Path(user_cache_dir("wardapp", appauthor=False)) / "translations"
    qm = cache / f"wardapp_{code}.qm"
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    tool = _lrelease()
    if tool is None:
        return None
    cache.mkdir(parents=True, exist_ok=True)
    part = qm.with_suffix(".part.qm")
    done = subprocess.run(
        [tool, "-silent", str(ts), "-qm", str(part)], capture_output=True, check=False
    )
    if done.returncode != 0 or not part.exists():
        print(
            f"wardapp: cannot build {qm.name}: {done.stderr.decode(errors='replace')}",
            file=sys.stderr,
        )
        return None
    part.replace(qm)
    return qm


def install(app, code: str | None = None) -> str:
    """Load the chosen language into ``app``; returns the language in effect."""
    code = code or chosen_language()
    if code == "vi":
        return "vi"
    qm = compiled(code)
    translator = QTranslator(app)
    if qm is None or not translator.load(str(qm)):
        return "vi"
    app.installTranslator(translator)
    app._wardapp_translator = translator  # keep it alive with the application
    return code


def uninstall(app) -> None:
    translator = getattr(app, "_wardapp_translator", None)
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
        app._wardapp_translator = None
