"""Interface language.  The program is written in Vietnamese (the source language of every
``tr()`` string); English comes from ``resources/translations/wardapp_en.ts``.

The ``.ts`` file is the source kept in the repository (``scripts/update_translations.py``
refreshes it with ``pyside6-lupdate``); the ``.qm`` Qt loads is built from it by
``pyside6-lrelease``: by the PyInstaller build into the bundle, and otherwise on first use into
the user's cache folder (rebuilt when the ``.ts`` is newer), so an install from source needs no
extra step.  Documents (PDF, xlsx) stay Vietnamese whatever the setting: they are official
papers.  The choice is a per-user setting (QSettings), applied at the next start.

Qt's own dialogs (file, print, input, message box buttons) are English in Qt and Qt ships no
Vietnamese: ``qtbase_vi.ts`` translates the strings of those dialogs, built and loaded the same
way, and the window uses Qt's dialogs rather than the system's (whose language is the
system's), so a file chooser reads "Tìm trong:" and a question "Có / Không".  The Windows print
dialog stays the system's: Qt has no other there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ui.qt import QCoreApplication, QSettings, Qt, QTranslator

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


def compiled(code: str, stem: str = "wardapp") -> Path | None:
    """The ``.qm`` for ``code``: shipped beside the ``.ts`` (frozen build) or built into the
    cache folder from it.  ``None`` when neither is possible (the interface stays Vietnamese)."""
    ts = TRANSLATIONS / f"{stem}_{code}.ts"
    shipped = TRANSLATIONS / f"{stem}_{code}.qm"
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    from platformdirs import user_cache_dir

    cache = Path(user_cache_dir("wardapp", appauthor=False)) / "translations"
    qm = cache / f"{stem}_{code}.qm"
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


def _load(app, code: str, stem: str) -> bool:
    qm = compiled(code, stem)
    translator = QTranslator(app)
    if qm is None or not translator.load(str(qm)):
        return False
    app.installTranslator(translator)
    app._wardapp_translators = [*getattr(app, "_wardapp_translators", []), translator]
    return True  # kept alive with the application


def _file_list_view() -> None:
    """Qt's file dialog opens on names only until the user picks the detail view: its detail
    columns are the system's words (a file's type from the MIME database, "bytes"), English on
    most systems.  Qt keeps the dialog's state under QtProject/FileDialog, read only when it
    also finds the Qt version there."""
    from ui.qt import qVersion

    qt = QSettings(QSettings.UserScope, "QtProject")
    qt.beginGroup("FileDialog")
    if qt.value("viewMode") is None:
        qt.setValue("viewMode", "List")
        qt.setValue("qtVersion", qVersion())
    qt.endGroup()


def install(app, code: str | None = None) -> str:
    """Load the chosen language into ``app``; returns the language in effect."""
    code = code or chosen_language()
    app.setAttribute(Qt.AA_DontUseNativeDialogs, True)  # Qt's dialogs: translated, see above
    if code == "vi":
        _load(app, "vi", "qtbase")
        _file_list_view()
        return "vi"
    if not _load(app, code, "wardapp"):
        return "vi"
    return code


def uninstall(app) -> None:
    for translator in getattr(app, "_wardapp_translators", []):
        QCoreApplication.removeTranslator(translator)
    app._wardapp_translators = []
