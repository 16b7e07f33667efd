"""Issue 16 point 7: a hostile package is refused with a Vietnamese reason, and the city's
memory stays bounded whatever the package says or holds (sizes, lines, numbers).  Each import
runs in a child process whose peak resident memory (VmHWM) is measured; the child also
has its address space capped, so a regression fails with MemoryError instead of swapping the
machine.  Full-size packages: scripts/fuzz_packages.py."""

import json
import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import AGENCY, dt, public_key, signing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.exchange.city.status import missing_seqs
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.exchange.package import write_package
from wardapp.office.store import Ward
from wardapp.setup.office import init_office

CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from wardapp.office.store import Ward
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.status import office_statuses
city = Ward.open(sys.argv[1])
(s,) = import_packages(city, [sys.argv[2]])
missing = [len(o.missing) for o in office_statuses(city)]
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over fork and exec)
peak = int(next(x for x in open("/proc/self/status") if x.startswith("VmHWM")).split()[1]) // 1024
print(json.dumps({"status": s.status, "reason": s.reason, "missing": missing, "peak_mb": peak}))
"""
LIMIT_MB = 500


@pytest.fixture
def city(tmp_path, ward):
    w = Ward.open(tmp_path / "city.sqlite3")
    init_office(w, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    add_ward(w, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    w.close()
    return tmp_path / "city.sqlite3"


@pytest.fixture
def good(ward, tmp_path):
    for i in range(3):
        intake(ward, IntakeData("HT.02", f"Người {i}", received_at=dt("2026-12-15 09:00")), "x")
    return export_package(ward, tmp_path / "good").path


def repack(good, dst, *, manifest=None, members=None, key=None):
    """``good`` with members replaced and manifest keys changed; member hashes and sizes are
    recomputed and the manifest signed again with the ward's ``key`` (the sender is the ward
    itself), so only the bounds can refuse it."""
    with zipfile.ZipFile(good) as z:
        data = {n: z.read(n) for n in z.namelist()}
    m = json.loads(data.pop("manifest.json"))
    data.pop("manifest.sig")
    for k, v in (manifest or {}).items():
        m[k] = m[k] | v if isinstance(v, dict) else v
    data.update(members or {})
    write_package(dst, m, data, key)
    return dst


def whitespace(n: int) -> bytes:
    """Random spaces, tabs and line breaks: deflates about 4:1, under the zip-bomb ratio."""
    return os.urandom(n).translate(bytes(b" \t\n\r"[i % 4] for i in range(256)))


def letters(n: int) -> bytes:
    """Random letters and no line break: one line as long as the member."""
    return os.urandom(n).translate(bytes(b"abcdefghijklmnop"[i % 16] for i in range(256)))


def run_child(city, pkg) -> dict:
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(city), str(pkg)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


CASES = {
    # 40 MB of whitespace (about 10 MB on disk): 13 million short lines
    "whitespace": (lambda: {"members": {"events.jsonl": whitespace(40 << 20)}}, "dòng"),
    # one 40 MB line
    "endless line": (lambda: {"members": {"events.jsonl": letters(40 << 20)}}, "dài quá"),
    "seq 10^12": (lambda: {"manifest": {"seq": 10**12}}, "số thứ tự gói"),
    "seq jump": (lambda: {"manifest": {"seq": 5000}}, "nhảy quá xa"),
    "counts 10^12": (lambda: {"manifest": {"counts": {"dossiers": 10**12}}}, "số bản ghi"),
    "change 10^30": (
        lambda: {"manifest": {"changes": {"from": 0, "to": 10**30}}},
        "lớn bất thường",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_package_is_refused_with_bounded_memory(ward, city, good, tmp_path, case):
    make, word = CASES[case]
    pkg = repack(good, tmp_path / f"{case.replace(' ', '_')}.wardpkg", key=signing(ward), **make())
    got = run_child(city, pkg)
    assert got["status"] == "refused" and word in got["reason"], got
    assert got["missing"] == [0]
    assert got["peak_mb"] < LIMIT_MB, got


def test_the_genuine_package_still_applies_in_the_child(city, good):
    got = run_child(city, good)
    assert got["status"] == "applied" and got["missing"] == [0], got


def test_missing_numbers_are_found_by_their_gaps_and_listed_within_bounds():
    assert missing_seqs([1, 2, 5, 7]) == [3, 4, 6]
    assert missing_seqs([3]) == [1, 2] and missing_seqs([]) == []
    assert missing_seqs([1, 10**6])[:2] == [2, 3] and len(missing_seqs([1, 10**6])) == 1000


def test_a_member_larger_than_the_manifest_says_is_refused_before_it_is_read(ward, good, tmp_path):
    pkg = repack(good, tmp_path / "sizes.wardpkg", key=signing(ward))
    with zipfile.ZipFile(pkg) as z:
        data = {n: z.read(n) for n in z.namelist()}
    m = json.loads(data.pop("manifest.json"))
    m["sizes"]["events.jsonl"] -= 1
    with zipfile.ZipFile(pkg, "w") as z:
        z.writestr("manifest.json", json.dumps(m))
        for n, d in data.items():
            z.writestr(n, d)
    from wardapp.exchange.package import PackageError, read_package

    with pytest.raises(PackageError, match="manifest ghi"):
        read_package(pkg)
