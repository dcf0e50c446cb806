"""Shared by the ops tests: a settings file of the test's own, never a developer's .env."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from bot.__main__ import ENV_FILE_VAR

# Shaped like a bot token (three dot-separated parts); no Discord account has it.
TOKEN = "MTAxMjM0NTY3ODkwMTIzNDU2Nw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"
SETTINGS = (
    "DISCORD_TOKEN",
    "DEV_GUILD_ID",
    "DATABASE_PATH",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "BACKUP_DIR",
    "BACKUP_KEEP",
    "LEGISLATORS_URL",
)


@pytest.fixture
def env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A token, ``bot.db`` beside the file, no downloads; no bot settings in the environment."""
    path = tmp_path / "bot.env"
    path.write_text(
        f"DISCORD_TOKEN={TOKEN}\nDATABASE_PATH=bot.db\nLEGISLATORS_URL=off\n", encoding="utf-8"
    )
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(ENV_FILE_VAR, str(path))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # the demo reads no lines
    return path
