"""Where the bot keeps its files: the per-user data folder, the default database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "hk-advocacy-bot"


def user_data_dir() -> Path:
    """This user's data folder for the bot (XDG on Linux, the usual places elsewhere)."""
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(home / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return Path(base) / APP_NAME


def default_database_path() -> Path:
    return user_data_dir() / "bot.db"


def resolve_path(raw: str | Path, base: Path) -> Path:
    """``raw`` with ``~`` expanded; a relative path is taken from ``base``."""
    path = Path(raw).expanduser()
    return path if path.is_absolute() else base / path
