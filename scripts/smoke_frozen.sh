#!/usr/bin/env bash
# Build the one-folder app and smoke-test the binary headless: --version, then a demo database
# and a report through the frozen CLI (migrations, resources and holidays data all bundled).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m pip install -q "pyinstaller>=6.0"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN pyinstaller.spec
bin=dist/wardapp/wardapp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --version
"$bin" --db "$tmp/smoke.sqlite3" demo --dossiers 300 --seed 1
"$bin" --db "$tmp/smoke.sqlite3" report --year 2026 --format json | head -c 400; echo
"$bin" --db "$tmp/smoke.sqlite3" due --procedure 1.001193 --received "2026-11-20 15:30"
echo "frozen build OK"
