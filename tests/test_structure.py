"""The shape the project's guide asks for, checked so it cannot drift: no module over 400 lines
(a newcomer reads one file per rule), and no import cycles in the core (each module can be
understood, and tested, on top of what it imports), and the database engine chosen in one place:
SQLite's own words appear only under ``db/backends/``.

That last check reads code and string literals token by token, so a comment or docstring may
still explain what SQLite does.  Out of its scope: ``db/migrations/`` (each revision is history,
written for the engine of its day), and ``bench/`` and ``scripts/``, which measure raw SQLite
floors, build test files and check them with SQLite on purpose."""

import ast
import io
import re
import tokenize
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 400
# Oversized modules whose split another engineer is landing now.  Each entry is removed when its
# split lands (test_pending_splits_are_still_pending fails until it is).
PENDING: set[str] = set()
WORDS = ("sqlite3", "PRAGMA", "MATCH", "rowid", "group_concat", "json_each", "sqlite_master")
IN_TEXT = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)


def module_sizes() -> dict[str, int]:
    """Lines of every module under wardapp/, db/ and ui/; migrations are history, never edited."""
    sizes = {}
    for top in ("wardapp", "db", "ui"):
        for path in (ROOT / top).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith("db/migrations/versions/"):
                sizes[rel] = len(path.read_text(encoding="utf-8").splitlines())
    return sizes


def test_no_module_is_over_the_limit():
    sizes = module_sizes()
    assert "wardapp/dossiers/lifecycle/intake.py" in sizes and "ui/app.py" in sizes
    over = {p: n for p, n in sorted(sizes.items()) if n > LIMIT and p not in PENDING}
    assert over == {}, f"over {LIMIT} lines: " + ", ".join(f"{p} ({n})" for p, n in over.items())


def test_pending_splits_are_still_pending():
    sizes = module_sizes()
    landed = sorted(p for p in PENDING if sizes.get(p, 0) <= LIMIT)
    assert landed == [], f"no longer over {LIMIT} lines (or gone): remove from PENDING: {landed}"


def import_cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[tuple[str, ...]]:
    """Each direct import a -> b among ``modules`` whose target leads back to a, as the cycle
    a -> b -> ... -> a.  Imports inside functions count: they are cycles all the same."""
    found = []
    for a in sorted(modules):
        for b in sorted(graph.find_modules_directly_imported_by(a) & modules):
            back = graph.find_shortest_chain(importer=b, imported=a)
            if back is not None:
                found.append((a, *back))
    return found


def test_no_import_cycles_between_modules_of_wardapp_and_db():
    graph = grimp.build_graph("wardapp", "db")
    modules = {m for m in graph.modules if m.split(".")[0] in ("wardapp", "db")}
    assert {"wardapp.dossiers.lifecycle.transition", "db.models"} <= modules
    cycles = import_cycles(graph, modules)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles[:5])


def test_the_cycle_check_sees_a_cycle_through_a_package_and_its_child():
    graph = grimp.ImportGraph()
    for importer, imported in (
        ("p.a", "p.b"),
        ("p.b", "p"),  # the package's __init__ ...
        ("p", "p.a"),  # ... imports its child back
        ("p.c", "p.a"),
    ):
        graph.add_import(importer=importer, imported=imported)
    cycles = import_cycles(graph, set(graph.modules))
    assert ("p", "p.a", "p.b", "p") in cycles
    assert not any("p.c" in c for c in cycles)


def _docstrings(tree: ast.AST) -> set[tuple[int, int]]:
    starts = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                starts.add((first.lineno, first.col_offset))
    return starts


def engine_words(source: str) -> list[tuple[int, str]]:
    """(line, word) for each of ``WORDS`` in a name or a string literal that is no docstring."""
    docstrings = _docstrings(ast.parse(source))
    found = []
    strings = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.string in WORDS:
            found.append((tok.start[0], tok.string))
        elif tok.type in strings and tok.start not in docstrings:
            found += [(tok.start[0], m.group(1)) for m in IN_TEXT.finditer(tok.string)]
    return found


def _scanned() -> list[Path]:
    files = [*(ROOT / "wardapp").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    for p in (ROOT / "db").rglob("*.py"):
        if not {"backends", "migrations"} & set(p.relative_to(ROOT / "db").parts):
            files.append(p)
    return sorted(files)


def test_the_checker_sees_code_and_strings_but_not_comments_or_docstrings():
    source = (
        '"""Uses PRAGMA and rowid."""\n'
        "import sqlite3  # json_each here is a comment\n"
        "def f(s):\n"
        '    """MATCH in a docstring."""\n'
        "    NAME.match(s)\n"
        '    return s.scalar(f"SELECT group_concat(id) FROM t WHERE t MATCH {s}")\n'
        "x = 'a.sqlite3'\n"
    )
    assert engine_words(source) == [
        (2, "sqlite3"),
        (6, "group_concat"),
        (6, "MATCH"),
        (7, "sqlite3"),
    ]


def test_no_sqlite_outside_its_backend():
    files = _scanned()
    assert ROOT / "wardapp" / "dossiers" / "search.py" in files
    assert ROOT / "db" / "engine.py" in files
    assert not [p for p in files if "backends" in p.parts]
    found = [
        f"{p.relative_to(ROOT)}:{line}: {word}"
        for p in files
        for line, word in engine_words(p.read_text(encoding="utf-8"))
    ]
    assert found == []


SERVER_WORDS = ("psycopg", "postgresql", "postgres", "pg_trgm", "ILIKE", "pg_advisory_xact_lock")
IN_SERVER_TEXT = re.compile(r"\b(" + "|".join(SERVER_WORDS) + r")", re.IGNORECASE)


def server_words(source: str) -> list[tuple[int, str]]:
    """(line, word) for PostgreSQL's words in a name or a string literal (not a docstring)."""
    docstrings = _docstrings(ast.parse(source))
    strings = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME or (tok.type in strings and tok.start not in docstrings):
            found += [(tok.start[0], m.group(1)) for m in IN_SERVER_TEXT.finditer(tok.string)]
    return found


def test_the_server_checker_sees_a_url_and_a_name():
    source = '"""postgresql in a docstring."""\nimport psycopg\nu = "postgresql+psycopg://h/d"\n'
    assert server_words(source) == [(2, "psycopg"), (3, "postgresql"), (3, "psycopg")]


def test_no_postgresql_outside_its_backend():
    """The server's engine is chosen in ``db/`` as SQLite's is: ``wardapp/`` and ``ui/`` speak
    of a database on a server, never of PostgreSQL."""
    files = [p for p in _scanned() if p.relative_to(ROOT).parts[0] in ("wardapp", "ui")]
    assert ROOT / "wardapp" / "office" / "paths.py" in files
    found = [
        f"{p.relative_to(ROOT)}:{line}: {word}"
        for p in files
        for line, word in server_words(p.read_text(encoding="utf-8"))
    ]
    assert found == []
