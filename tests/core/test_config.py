"""Settings: one clear sentence per problem, pointing at the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.config import ConfigError, load_settings

GOOD_TOKEN = "MTAxMjM0NTY3ODkwMTIzNDU2Nw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"
KEY = "Vx2mHq0c8kYbS1Rr4nT7wE9uJ3pL6aFz0gD5hK8iM2o"  # a data key's shape (not a real one)


def test_missing_token_says_what_to_set_and_where(tmp_path: Path):
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path / ".env", environ={})
    text = str(err.value)
    assert "DISCORD_TOKEN" in text and ".env.example" in text and "python -m bot demo" in text


def test_malformed_token_is_refused(tmp_path: Path):
    with pytest.raises(ConfigError, match="does not look like"):
        load_settings(None, environ={"DISCORD_TOKEN": "hunter2"})


def test_env_file_is_read_and_environment_wins(tmp_path: Path):
    env = tmp_path / ".env"
    env.write_text(
        f"DISCORD_TOKEN={GOOD_TOKEN}\nDATABASE_PATH=x.db\nLOG_LEVEL=debug\nDATA_KEY={KEY}\n"
    )
    s = load_settings(env, environ={"DATABASE_PATH": str(tmp_path / "y.db")})
    assert s.token == GOOD_TOKEN
    assert s.database_path == tmp_path / "y.db"
    assert s.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("DEV_GUILD_ID", "abc", "server id"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL"),
        ("DEFAULT_TIMEZONE", "Mars/Base", "IANA"),
    ],
)
def test_bad_optional_settings_are_named(name: str, value: str, words: str):
    with pytest.raises(ConfigError, match=words):
        load_settings(None, environ={"DISCORD_TOKEN": GOOD_TOKEN, name: value})


def test_demo_and_tools_need_no_token():
    s = load_settings(None, environ={}, require_token=False, database_path=Path("/tmp/z.db"))
    assert s.token is None and s.database_path == Path("/tmp/z.db")
