#!/usr/bin/env bash
# Check a built one-folder app (default dist/wardapp, built by `pyinstaller --noconfirm
# pyinstaller.spec`) as a ward would use it, headless:
#   1. both programs' --self-test (every document, every page of the window);
#   2. the CLI on a database path with a space, '#', '%' and Vietnamese letters;
#   3. the cold start to the sign-in dialog, frozen against `python -m ui.app`, same machine,
#      same run (best and median of RUNS), and the folder's size.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=${APP:-dist/wardapp}
PY=${PY:-.venv/bin/python}
RUNS=${RUNS:-5}
export QT_QPA_PLATFORM=offscreen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the user data folder (QSettings, default backups) of a throw-away user
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"

"$APP/wardapp-cli" --version
for f in wardapp-MIT.txt LGPL-3.0.txt GPL-3.0.txt LiberationSerif-OFL.txt THIRD-PARTY.txt; do
  test -s "$APP/_internal/LICENSES/$f" || { echo "missing LICENSES/$f"; exit 1; }
done
"$APP/wardapp-cli" --self-test
"$APP/wardapp" --self-test >"$tmp/gui-self-test.txt" || { cat "$tmp/gui-self-test.txt"; exit 1; }
tail -n 1 "$tmp/gui-self-test.txt" | sed 's/^/wardapp --self-test: /'

dir="$tmp/Sổ hồ sơ #1 100%"
# the office's own file from init; demo data goes to a file of its own (never into real data)
"$APP/wardapp-cli" --db "$dir/wardapp.sqlite3" init --office-name "Phường Xuân An" \
  --office-code 000.23.31.H26
db="$dir/dữ liệu mẫu #2.sqlite3"
cli() { "$APP/wardapp-cli" --db "$db" "$@"; }
cli demo --dossiers 100 --seed 1
export WARDAPP_USER=chutich WARDAPP_PASSWORD=demo1234  # the demo's accounts now exist
cli report --year 2026 --format json >"$tmp/report.json"
head -c 200 "$tmp/report.json" && echo
cli report --year 2026 --format xlsx -o "$dir/Biểu 06 #q1.xlsx"
cli backup -o "$dir/sao lưu 100%"
cli verify
backup_file=$(find "$dir/sao lưu 100%" -name 'wardapp-backup-*.sqlite3' | head -n 1)
size=$(stat -c %s "$backup_file")
[ "$size" -gt 100000 ] || { echo "backup too small: $size bytes"; exit 1; }
test -s "$dir/Biểu 06 #q1.xlsx"

# cold start to the sign-in dialog (WARDAPP_START_PROBE closes it as soon as it is shown)
time_runs() {
  local s e
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N)
    "$@" --db "$db" >/dev/null 2>&1 || { echo "start failed: $*" >&2; exit 1; }
    e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | sort -n | awk '{a[NR]=$1} END {printf "best %.2f s, median %.2f s (%d runs)\n", a[1]/1000, a[int((NR+1)/2)]/1000, NR}'
}
export WARDAPP_START_PROBE=1
sync
echo "cold start, frozen:      $(time_runs "$APP/wardapp")"
echo "cold start, python -m:   $(time_runs "$PY" -m ui.app)"
unset WARDAPP_START_PROBE
echo "folder size: $(du -sm "$APP" | cut -f1) MB ($(find "$APP" -type f | wc -l) files)"
echo "frozen build OK"
