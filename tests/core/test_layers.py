"""The layers hold: the core and each feature import without discord; import-linter agrees."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bot

ROOT = Path(__file__).resolve().parents[2]

# Packages of bot/ that are wiring or the demo: they may import discord.
WIRING = ("bot.app", "bot.runner", "bot.__main__", "bot.demo")


def _packages() -> list[str]:
    """bot.core and every bot.<feature> package."""
    return sorted(
        f"bot.{info.name}"
        for info in pkgutil.iter_modules(bot.__path__)
        if info.ispkg and f"bot.{info.name}" not in WIRING
    )


def _modules(package: str) -> list[str]:
    path = ROOT.joinpath(*package.split("."))
    inside = pkgutil.walk_packages([str(path)], f"{package}.")
    return [package, *sorted(info.name for info in inside)]


def _imports_discord(modules: list[str]) -> list[str]:
    """Which of discord and cogs a fresh interpreter holds after importing ``modules``."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(' '.join(m for m in ('discord', 'cogs') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_package_list_sees_the_core_and_the_features():
    packages = _packages()
    assert {"bot.core", "bot.statement", "bot.groups", "bot.campaigns", "bot.privacy"} <= set(
        packages
    )


@pytest.mark.parametrize("package", _packages())
def test_the_core_and_each_feature_import_without_discord(package):
    loaded = _imports_discord(_modules(package))
    assert loaded == [], f"importing {package} loads {' and '.join(loaded)}"


def test_import_linter_contracts_are_kept():
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command is not None, "import-linter is installed but lint-imports is not"
    done = subprocess.run(
        [command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
