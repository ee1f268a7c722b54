"""A package built from the checkout carries the contract and uses it away from the checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import REPO


def test_a_built_package_reads_its_copy_of_the_contract_away_from_the_checkout(
    tmp_path: Path,
) -> None:
    build = tmp_path / "build"
    (build / "egg").mkdir(parents=True)
    subprocess.run(
        [
            sys.executable,
            "setup.py",
            "-q",
            "egg_info",
            "--egg-base",
            str(build / "egg"),
            "build",
            "--build-base",
            str(build),
        ],
        cwd=REPO / "clients" / "python",
        check=True,
        capture_output=True,
    )
    code = (
        "from ringrift_events.contract import Contract, config_dir, schema_dir;"
        " print(schema_dir()); print(config_dir()); print(len(Contract.load().types))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,  # no ./config here, and the copy is not in a checkout
        env={"PYTHONPATH": str(build / "lib")},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    packaged = build / "lib" / "ringrift_events" / "_contract"
    assert out == [
        str(packaged / "schemas"),
        str(packaged / "config"),
        str(len(list((REPO / "schemas").glob("*.avsc")))),
    ]
