"""Gather the licence of everything the build ships into one folder (default build/LICENSES):
wardapp's own (MIT, ``LICENSE``), Qt/PySide6's LGPL v3 (``LICENSES/``, the wheels carry none),
the bundled font's OFL, Python's, and each runtime package's own licence files as installed
(the exact versions being built), with ``THIRD-PARTY.txt`` listing name, version and licence.

pyinstaller.spec runs it; it reads the installed distributions the way pip-licenses does, without
needing that package on the build machine.
"""

from __future__ import annotations

import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.I)
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def runtime_closure(top: str = "wardapp") -> list[metadata.Distribution]:
    """``top`` and what it needs at run time (no extras: tests and build tools are not shipped)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [top]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            marker = req.split(";", 1)[1] if ";" in req else ""
            if marker and "sys_platform" in marker and sys.platform not in marker:
                continue
            m = _REQ_NAME.match(req)
            if m:
                todo.append(m.group(1))
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def _licence(dist: metadata.Distribution) -> str:
    md = dist.metadata
    expr = md.get("License-Expression")
    if expr:
        return expr
    classifiers = [c.split(" :: ")[-1] for c in md.get_all("Classifier") or [] if "License" in c]
    short = (md.get("License") or "").splitlines()[0][:60] if md.get("License") else ""
    return ", ".join(classifiers) or short or "see files"


def gather(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "LICENSE", out / "wardapp-MIT.txt")
    for f in (ROOT / "LICENSES").iterdir():
        shutil.copy(f, out / f.name)
    shutil.copy(
        ROOT / "resources/fonts/LICENSE-LiberationSerif.txt", out / "LiberationSerif-OFL.txt"
    )
    for candidate in (Path(sys.base_prefix) / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE"):
        if candidate.exists():
            shutil.copy(candidate, out / "Python-PSF.txt")
            break
    lines = ["Thư viện kèm theo / third-party packages in this build", ""]
    for dist in runtime_closure():
        name, version = dist.metadata["Name"], dist.version
        if name.lower() == "wardapp":
            continue
        lines.append(f"{name} {version}: {_licence(dist)}")
        for f in dist.files or []:
            if _FILE.search(f.name) or "licenses/" in str(f).lower():
                src = Path(dist.locate_file(f))
                if src.is_file():
                    dest = out / name / str(f).split("/", 1)[-1]
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(src, dest)
    lines += [
        "",
        "Qt / PySide6 / shiboken6: LGPL-3.0 (LGPL-3.0.txt, GPL-3.0.txt); the Qt libraries are",
        "separate files in this folder and may be replaced by the user.",
        "Liberation Serif font: SIL Open Font License 1.1 (LiberationSerif-OFL.txt).",
        "Python: PSF License (Python-PSF.txt).",
    ]
    (out / "THIRD-PARTY.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(gather(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "LICENSES"))
