"""The window and the CLI reach the domain through each capability's face (its ``__init__``):
``from wardapp.dossiers import intake``, never ``from wardapp.dossiers.lifecycle.intake import
intake``.  So a capability can move a rule between its own files without touching a screen, and
its face says in one place what the rest of the program relies on."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CAPABILITIES = (
    "common",
    "calendar",
    "office",
    "trust",
    "initiatives",
    "catalogue",
    "dossiers",
    "indicators",
    "documents",
    "exchange",
    "setup",
)


def _callers() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "wardapp" / "cli").rglob("*.py"))


def face_violations(path: Path) -> list[str]:
    """Each import of ``wardapp`` in a window or CLI module that bypasses a face."""
    import importlib

    found = []
    in_cli = path.is_relative_to(ROOT / "wardapp" / "cli")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            mods = [(a.name, None) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            mods = [(node.module, [a.name for a in node.names])]
        else:
            continue
        for mod, names in mods:
            parts = mod.split(".")
            if parts[0] != "wardapp" or len(parts) == 1 or (in_cli and parts[1] == "cli"):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if len(parts) > 2 or parts[1] not in CAPABILITIES + ("cli",):
                found.append(f"{where} imports {mod}")
                continue
            public = set(getattr(importlib.import_module(mod), "__all__", ()))
            if parts[1] == "cli":
                public = {"main"}
            found += [
                f"{where} {mod}.{n} is not in its face" for n in names or () if n not in public
            ]
    return found


def test_the_window_and_the_cli_use_the_faces():
    problems = [p for path in _callers() for p in face_violations(path)]
    assert problems == []


def test_the_check_sees_a_deep_import_and_a_name_missing_from_a_face(tmp_path):
    probe = ROOT / "ui" / "_face_probe.py"
    probe.write_text(
        "from wardapp.dossiers.lifecycle.intake import intake\n"
        "from wardapp.dossiers import not_in_the_face\n"
        "from wardapp.dossiers import intake\n"
    )
    try:
        found = face_violations(probe)
    finally:
        probe.unlink()
    assert found == [
        "ui/_face_probe.py:1 imports wardapp.dossiers.lifecycle.intake",
        "ui/_face_probe.py:2 wardapp.dossiers.not_in_the_face is not in its face",
    ]


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_each_face_is_lazy_and_every_name_in_it_resolves(capability):
    """Importing a face loads none of the modules it names (start-up time); asking for each
    name then gives a real object."""
    code = (
        "import sys, importlib\n"
        f"pkg = importlib.import_module('wardapp.{capability}')\n"
        f"loaded = sorted(m for m in sys.modules if m.startswith('wardapp.{capability}.'))\n"
        f"assert loaded in ([], ['wardapp.{capability}.face']), loaded\n"
        "for name in pkg.__all__:\n"
        "    assert getattr(pkg, name) is not None, name\n"
        "    assert name in dir(pkg), name\n"
        "print(len(pkg.__all__))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 0
