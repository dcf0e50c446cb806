"""The package carries its data: found through importlib.resources, listed for the wheel."""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from importlib import resources
from pathlib import Path

from bot.core.content import DATA_DIR, load_content
from bot.core.database import MIGRATIONS_DIR
from bot.core.i18n import LOCALES_DIR

ROOT = Path(__file__).resolve().parents[2]


def test_data_migrations_and_catalogs_come_from_the_package():
    assert Path(str(resources.files("bot._data"))) == DATA_DIR
    assert (DATA_DIR / "statement.json").is_file()
    assert list(MIGRATIONS_DIR.glob("0001_*.sql")) and list(LOCALES_DIR.glob("en/*.toml"))
    assert len(load_content().signatories) == 24


def test_every_tracked_data_file_is_shipped_in_the_wheel():
    """A new file in data/, migrations or locales that the wheel would leave out fails here."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    tracked = subprocess.run(
        ["git", "ls-files", "data", "bot"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    shipped_by = {"data/": ("bot._data", ""), "bot/": ("bot", "bot/")}
    for name in tracked:
        if name.endswith((".py", ".typed")):
            continue
        prefix = next(p for p in shipped_by if name.startswith(p))
        package, strip = shipped_by[prefix]
        relative = name[len(prefix) :] if package == "bot._data" else name[len(strip) :]
        assert any(fnmatch.fnmatch(relative, pat) for pat in patterns[package]), name
