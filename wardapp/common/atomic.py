"""Write-then-rename, so a crash or an error never leaves a half-written file under the real name."""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_target(path: str | Path):
    """Yield a temporary path next to ``path``; it replaces ``path`` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".wardapp-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# What an interrupted run of wardapp leaves behind: ``atomic_target``'s temporary names, a
# backup or a pre-migration copy being written, a restore's scratch copy.  Only wardapp's own
# names: the folder may be the user's Documents.
LEFTOVERS = (".wardapp-*", "wardapp-backup-*.part", "*.before-*.part", "*.checking")
# A file younger than this may belong to another wardapp still running on this PC.
LEFTOVER_AGE_S = 3600


def sweep(folder: str | Path, now: float | None = None) -> list[Path]:
    """Remove the leftovers of interrupted runs from ``folder`` (not below it); returns what
    was removed.  Called at start for the database's folders and before each backup."""
    now = time.time() if now is None else now
    removed = []
    folder = Path(folder)
    for pattern in LEFTOVERS:
        for p in folder.glob(pattern):
            try:
                if p.is_file() and now - p.stat().st_mtime > LEFTOVER_AGE_S:
                    p.unlink()
                    removed.append(p)
            except OSError:  # someone else's file, or gone meanwhile: not ours to fight over
                continue
    return removed
