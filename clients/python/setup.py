"""Builds the package with a copy of the event contract, for installs away from the checkout.

The package reads schemas/ and config/ at run time: from the checkout when it runs from
clients/python/src (PYTHONPATH, or an editable install), else from this copy, which a build
takes from the checkout it is built in (contract.py, ``schema_dir``/``config_dir``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = {"schemas": ["*.avsc", "common/*.avsc"], "config": ["topics.yaml", "client.yaml"]}


class BuildWithContract(build_py):
    """build_py that also copies schemas/ and the client's config files into the package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout itself
        target = Path(self.build_lib) / "ringrift_events" / "_contract"
        for folder, patterns in CONTRACT.items():
            for pattern in patterns:
                for source in (ROOT / folder).glob(pattern):
                    copy = target / folder / source.relative_to(ROOT / folder)
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, copy)
        if not (target / "schemas" / "common").is_dir():
            raise SystemExit(f"no schemas/ in {ROOT}: build the package from the RingRift checkout")


setup(cmdclass={"build_py": BuildWithContract})
