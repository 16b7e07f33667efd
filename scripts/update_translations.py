"""Refresh ``resources/translations/wardapp_en.ts`` from the source with ``pyside6-lupdate``.

Every literal passed to ``tr()`` in ``ui/`` is collected; so are the labels the domain layer
hands to the interface (statuses, steps, register columns, indicators), which it writes in
Vietnamese without Qt: they are listed in a temporary file of ``tr()`` calls for the run.
Existing translations are kept; new strings arrive "unfinished" for a translator to fill in
(Qt Linguist: ``pyside6-linguist resources/translations/wardapp_en.ts``).

    python scripts/update_translations.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def domain_labels() -> list[str]:
    from wardapp.catalogue import procedures as catalogue
    from wardapp.documents import outbox
    from wardapp.dossiers import register
    from wardapp.dossiers.lifecycle.statuses import EVENT_LABELS, STATUS_LABELS
    from wardapp.indicators import agency_delays, report

    labels = list(STATUS_LABELS.values()) + list(EVENT_LABELS.values())
    labels += [header for header, _column in register.COLUMNS.values()]
    labels += list(register.CHANNEL_LABELS.values()) + list(report.INDICATOR_LABELS.values())
    labels += list(catalogue.LABELS.values())
    labels += list(outbox.STATUS_WORDS.values()) + list(outbox.KIND_WORDS.values())
    labels += list(agency_delays.STEP_OUTCOME_WORDS.values()) + [agency_delays.WARD_LABEL]
    return sorted(set(labels))


def main(ts: Path = ROOT / "resources" / "translations" / "wardapp_en.ts") -> int:
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "domain_labels.py"
        extra.write_text("".join(f"tr({label!r})\n" for label in domain_labels()), "utf-8")
        lupdate = Path(sys.executable).with_name("pyside6-lupdate")
        cmd = [str(lupdate), *sources, str(extra), "-no-obsolete", "-locations", "none"]
        done = subprocess.run([*cmd, "-ts", str(ts)], check=False, capture_output=True, text=True)
        print(done.stdout, done.stderr, end="")
        return done.returncode


if __name__ == "__main__":
    sys.exit(main(*(Path(a) for a in sys.argv[1:2])))
