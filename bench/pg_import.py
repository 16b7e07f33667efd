"""The city's import of one week of every commune into the province's ten million
(``bench_pg.py``'s import figure).

Each commune's package is made as its wardapp makes one: the next number after what the
province already imported from it, events chained on from the commune's last event held by
the province, signed with the key the province registered for it.  The packages are written
before the clock starts; the import is the app's own ``import_packages`` (every package read,
signature, replay and chain checked, then applied), as the city's staff runs it.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path


def public_of(private_hex: str) -> str:
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    k = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    raw = ser.Encoding.Raw
    return k.public_key().public_bytes(raw, ser.PublicFormat.Raw).hex()


def heads(raw) -> dict[str, tuple[str, int, str]]:
    """Commune code -> (name, last chain number, its hash) as the province holds them."""
    sql = (
        "SELECT o.agency_code, o.name, coalesce(e.chain_no, 0), coalesce(e.hash, %s)"
        " FROM office o LEFT JOIN LATERAL (SELECT chain_no, hash FROM dossier_event"
        " WHERE office_id = o.id ORDER BY chain_no DESC LIMIT 1) e ON true WHERE o.kind = 'ward'"
    )
    from db.chain_hash import GENESIS

    return {r[0]: (r[1], r[2], r[3]) for r in raw.execute(sql, (GENESIS,)).fetchall()}


def city_week(url: str, keys: dict[str, str], per_week: int, raw) -> dict:
    from sqlalchemy import text

    from bench.bench_exchange import synth_package
    from bench.bench_pg import floor_copy
    from wardapp.exchange.city.importing import import_packages
    from wardapp.exchange.city.status import imported_seqs
    from wardapp.office.store import Ward
    from wardapp.setup.demo import DEMO_PASSWORD
    from wardapp.trust import auth

    rng = random.Random(11)
    held = heads(raw)
    city = Ward.open(url)
    auth.sign_in(city, "quantri", DEMO_PASSWORD)  # the demo's administrator …
    with city.read() as s:
        known = s.scalar(text("SELECT count(*) FROM staff WHERE username = 'tinh1'"))
    if not known:  # … gives the province a clerk of its own: a ward's clerk may not import
        auth.add_account(city, "tinh1", "Cán bộ tỉnh", "city", DEMO_PASSWORD)
    auth.sign_in(city, "tinh1", DEMO_PASSWORD)
    with tempfile.TemporaryDirectory() as tmp, city.read() as s:
        files = []
        t = time.perf_counter()
        for code, private in sorted(keys.items()):
            name, no, h = held[code]
            week = max(imported_seqs(s, code), default=0)  # synth_package numbers it week + 1
            f = Path(tmp) / f"{code}_{week}.wardpkg"
            synth_package(
                f, code, name, week, per_week, rng, [no, h], (public_of(private), private)
            )
            files.append(f)
        made = time.perf_counter() - t
        s.rollback()
        t = time.perf_counter()
        res = import_packages(city, files)
        took = time.perf_counter() - t
    city.close()
    refused = [r.line() for r in res if r.status != "applied"]
    inserted = sum(r.inserted for r in res)
    floor = floor_copy(raw, inserted)
    return {
        "packages": len(files),
        "applied": len(files) - len(refused),
        "refused": refused[:3],
        "dossiers": inserted,
        "events": inserted * 3,
        "seconds": round(took, 1),
        "dossiers_per_s": round(inserted / took) if took else None,
        "floor_raw_copy_of_as_many_dossier_rows_s": floor["s"],
        "packages_made_in_s": round(made, 1),
        "target_s": 60,
    }
