"""Unsaved form drafts that survive a crash or a power cut.

The intake form writes what the clerk has typed to a small JSON file beside the database a
moment after each change (write-then-rename, so the file is whole or absent), deletes it once
the dossier is saved, and offers it back at the next start.  It lives beside the database,
not in a temp folder, because it holds the same personal data with the same protection.
"""

from __future__ import annotations

import json
from pathlib import Path

from wardapp.common.atomic import atomic_target
from wardapp.common.clock import now_local


def draft_path(db_path: str | Path, form: str, username: str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.draft-{form}-{username or 'setup'}.json")


def save_draft(path: Path, fields: dict) -> None:
    payload = {"saved_at": now_local().isoformat(), "fields": fields}
    with atomic_target(path) as tmp:
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def load_draft(path: Path) -> dict | None:
    """The draft, or None when there is none or it cannot be read (never an error at start)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(payload, dict) and isinstance(payload.get("fields"), dict):
            return payload
    except (OSError, ValueError):
        pass
    return None


def clear_draft(path: Path) -> None:
    path.unlink(missing_ok=True)
