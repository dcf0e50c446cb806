"""`python -m bot`: clear one-sentence refusals, the invite URL, and --db everywhere.

Every test points the bot at its own settings file (BOT_ENV_FILE or --env-file) and its
own environment, so a developer's real .env is never read.
"""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import discord
import pytest
import simcord

from bot.__main__ import ENV_FILE_VAR, _parser, db_path, main
from bot.app import create_bot
from bot.privacy.keys import DataKey
from bot.privacy.unlock import unlock
from bot.runner import PERMISSIONS

ROOT = Path(__file__).resolve().parents[2]
APP_ID = 1012345678901234567
GOOD_TOKEN = (
    base64.urlsafe_b64encode(str(APP_ID).encode()).decode().rstrip("=")
    + ".GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"
)
SETTINGS = (
    "DISCORD_TOKEN",
    "DEV_GUILD_ID",
    "DATABASE_PATH",
    "LOG_LEVEL",
    "DEFAULT_TIMEZONE",
    "DATA_KEY",
    "DATA_KEY_FILE",
    "RETENTION_DAYS",
)


@pytest.fixture
def env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty settings file of the test's own, and no bot settings in the environment."""
    path = tmp_path / "test.env"
    path.write_text("# nothing set\n", encoding="utf-8")
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(ENV_FILE_VAR, str(path))
    return path


def refusal(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run the CLI expecting a refusal; return its one line."""
    assert main(argv) != 0
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "python -m bot demo" in lines[0]
    return lines[0]


def test_no_token_says_what_to_set_and_where(env_file: Path, capsys):
    line = refusal(capsys, [])
    assert "DISCORD_TOKEN is not set" in line and str(env_file) in line
    assert ".env.example" in line


def test_malformed_token_is_named_with_its_source(env_file: Path, capsys, monkeypatch):
    env_file.write_text("DISCORD_TOKEN=hunter2\n", encoding="utf-8")
    line = refusal(capsys, ["run"])
    assert f"DISCORD_TOKEN in {env_file} does not look like a Discord bot token" in line
    monkeypatch.setenv("DISCORD_TOKEN", "not.a-token")
    assert "DISCORD_TOKEN in the environment" in refusal(capsys, ["run"])


def test_malformed_env_file_names_the_line_without_echoing_it(env_file: Path, capsys):
    env_file.write_text('LOG_LEVEL=INFO\nDISCORD_TOKEN "secret-value\n', encoding="utf-8")
    line = refusal(capsys, [])
    assert f"line 2 (DISCORD_TOKEN) of {env_file} is not NAME=value" in line
    assert "secret-value" not in line


def test_bad_dev_guild_id_is_named(env_file: Path, capsys):
    env_file.write_text(f"DISCORD_TOKEN={GOOD_TOKEN}\nDEV_GUILD_ID=my server\n")
    line = refusal(capsys, [])
    assert f"DEV_GUILD_ID in {env_file} must be a server id" in line


def test_a_missing_settings_file_given_explicitly_is_named(tmp_path: Path, env_file, capsys):
    missing = tmp_path / "nope.env"
    assert f"settings file {missing} does not exist" in refusal(
        capsys, ["--env-file", str(missing)]
    )
    assert str(missing) in refusal(capsys, ["run", "--env-file", str(missing)])


def test_python_m_bot_without_a_token_exits_with_one_sentence(tmp_path: Path):
    settings = tmp_path / "empty.env"
    settings.write_text("DISCORD_TOKEN=\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env[ENV_FILE_VAR] = str(settings)
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: DISCORD_TOKEN is not set")
    assert "`python -m bot demo`" in done.stderr


def test_invite_url_has_the_scopes_and_permissions(env_file: Path, capsys, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", GOOD_TOKEN)
    assert main(["invite-url"]) == 0
    url = capsys.readouterr().out.strip()
    query = parse_qs(urlsplit(url).query)
    assert urlsplit(url).netloc == "discord.com"
    assert query["client_id"] == [str(APP_ID)]
    assert query["scope"] == ["bot applications.commands"]
    granted = discord.Permissions(int(query["permissions"][0]))
    assert granted == PERMISSIONS
    assert granted.send_messages and granted.embed_links and granted.attach_files
    assert not granted.administrator and not granted.mention_everyone


def test_invite_url_without_a_token_says_what_to_set(env_file: Path, capsys):
    line = refusal(capsys, ["invite-url"])
    assert "DISCORD_TOKEN" in line


@pytest.mark.parametrize(
    "command",
    [["run"], ["demo"], ["invite-url"], ["build-data"], ["import-legislators", "f.json"]],
)
def test_every_subcommand_takes_db_before_or_after_it(command: list[str]):
    parser = _parser()
    before = parser.parse_args(["--db", "before.db", *command])
    after = parser.parse_args([command[0], "--db", "after.db", *command[1:]])
    assert db_path(before) == Path("before.db")
    assert db_path(after) == Path("after.db")


@pytest.mark.parametrize("where", ["before", "after"])
def test_demo_uses_db_given_on_either_side(where, tmp_path: Path, env_file, capsys, monkeypatch):
    db = tmp_path / f"{where}.db"
    argv = ["--db", str(db), "demo"] if where == "before" else ["demo", "--db", str(db)]
    monkeypatch.setattr(sys, "stdin", io.StringIO(":as organizer\n/setup show\n"))
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"Database: {db}" in out and "Time zone:" in out
    assert db.exists()


def test_a_file_that_is_not_a_database_is_refused_before_login(
    env_file: Path, tmp_path: Path, capsys, monkeypatch
):
    monkeypatch.setenv("DISCORD_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("DATA_KEY", DataKey.generate().text)
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database " * 10, encoding="utf-8")
    assert main(["--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "could not be opened or upgraded" in err and str(bad) in err
    assert "Traceback" not in err
    assert bad.read_text(encoding="utf-8").startswith("these are my notes")


async def test_the_bot_keeps_the_database_its_runner_opened(settings, data_key):
    # bot.runner opens and unlocks the database before logging in (to fail fast);
    # setup_hook uses that connection instead of opening and checking the file again.
    bot = create_bot(settings)
    await bot.db.open()
    await unlock(bot.db, data_key)
    writer = bot.db.conn
    try:
        async with simcord.run(bot):
            assert bot.db.conn is writer
    finally:
        await bot.db.close()
