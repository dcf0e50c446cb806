"""The data key: missing or wrong keys refused before anything is written; keygen; rotation."""

from __future__ import annotations

import asyncio
import io
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from bot.__main__ import ENV_FILE_VAR, main
from bot.calls import storage as calls
from bot.core.config import ConfigError, load_settings
from bot.core.database import Database
from bot.ops.lock import InstanceLock
from bot.privacy import rotation
from bot.privacy.binding import LockedError
from bot.privacy.cli import keygen
from bot.privacy.keys import DataKey
from bot.privacy.members import member_ids, member_key
from bot.privacy.storage import get_show_name, set_show_name
from bot.privacy.unlock import CHECK_META, DataKeyError, unlock
from bot.reps.member_location import MemberLocation, get_location, set_location
from tests.privacy.leaks import dump

TOKEN = "MTAxMjM0NTY3ODkwMTIzNDU2Nw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"
NOW = "2026-01-05T12:00:00+00:00"
GUILD, MEMBER = 111111111111111111, 222222222222222222


async def _fill(db: Database) -> None:
    await set_location(db, GUILD, MEMBER, "WY", 0, NOW)
    await set_show_name(db, GUILD, MEMBER, True, NOW)
    await calls.record_call(db, GUILD, MEMBER, "hketo", "reached", "2026-01-05", NOW, "Z000007")
    await calls.record_call(db, GUILD, MEMBER, "tnr", "voicemail", "2026-01-05", NOW)


async def _state(db: Database) -> tuple:
    """What the member's data says, read through the bot's own functions."""
    counts = await calls.member_counts(db, GUILD, MEMBER, "2026-01-05", "2026-01-01")
    named = await calls.named_callers(db, GUILD, "2026-01-01")
    return (
        await get_location(db, GUILD, MEMBER),
        await get_show_name(db, GUILD, MEMBER),
        counts,
        named,
        await calls.member_streak(db, GUILD, MEMBER),
    )


async def _filled(path: Path, key: DataKey) -> Database:
    """A database unlocked with ``key``, with a member's data in it; still open."""
    db = Database(path)
    await db.open()
    await unlock(db, key)
    await _fill(db)
    return db


def _blobs(path: Path) -> set[bytes]:
    return {c.value for c in dump(path) if isinstance(c.value, bytes)}


# ------------------------------------------------------------------------ missing, wrong


def test_run_without_a_key_refuses_in_one_sentence(tmp_path: Path, capsys, monkeypatch):
    env = tmp_path / "test.env"
    env.write_text(f"DISCORD_TOKEN={TOKEN}\n", encoding="utf-8")
    for name in ("DATA_KEY", "DATA_KEY_FILE", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(ENV_FILE_VAR, str(env))
    assert main(["run", "--db", str(tmp_path / "bot.db")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "DATA_KEY is not set" in err[0]
    assert "python -m bot keygen >> .env" in err[0]
    assert not (tmp_path / "bot.db").exists()  # refused before the database was touched


async def test_storage_refuses_a_database_no_key_unlocked(tmp_path: Path):
    db = Database(tmp_path / "bot.db")
    await db.open()
    try:
        with pytest.raises(LockedError):
            await set_location(db, GUILD, MEMBER, "WY", 0, NOW)
        with pytest.raises(DataKeyError, match="DATA_KEY is not set"):
            await unlock(db, None)
    finally:
        await db.close()


async def test_a_wrong_key_is_refused_and_nothing_is_written(tmp_path: Path):
    path = tmp_path / "bot.db"
    right, wrong = DataKey.generate(), DataKey.generate()
    await (await _filled(path, right)).close()
    before = dump(path)

    db = Database(path)
    await db.open()
    try:
        with pytest.raises(DataKeyError, match="does not open the database"):
            await unlock(db, wrong)
        with pytest.raises(LockedError):  # nothing may be read or written with it
            member_key(db, GUILD, MEMBER)
    finally:
        await db.close()
    assert dump(path) == before
    db = Database(path)
    await db.open()
    try:
        await unlock(db, right)
        assert await get_location(db, GUILD, MEMBER) == MemberLocation("WY", 0)
    finally:
        await db.close()


def test_run_with_a_wrong_key_refuses_before_login(tmp_path: Path, capsys, monkeypatch):
    path = tmp_path / "bot.db"

    async def made_with(key: DataKey) -> None:
        db = Database(path)
        await db.open()
        await unlock(db, key)
        await db.close()

    asyncio.run(made_with(DataKey.generate()))
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DATA_KEY", DataKey.generate().text)
    monkeypatch.setenv(ENV_FILE_VAR, str(tmp_path / "empty.env"))
    (tmp_path / "empty.env").write_text("", encoding="utf-8")
    assert main(["run", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "does not open the database" in err and "rotate-key" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("text", ["hunter2", "x" * 43 + "!", DataKey.generate().text[:-1]])
def test_a_malformed_key_is_named_not_echoed(text: str):
    with pytest.raises(ConfigError, match="is not a data key") as err:
        load_settings(None, environ={"DATA_KEY": text}, require_token=False, require_key=True)
    assert text not in str(err.value)


def test_the_key_may_live_in_a_file_beside_the_settings(tmp_path: Path):
    key = DataKey.generate()
    (tmp_path / "data.key").write_text(key.text + "\n", encoding="utf-8")
    settings = load_settings(
        None, environ={"DATA_KEY_FILE": str(tmp_path / "data.key")}, require_token=False
    )
    assert settings.data_key == key.text and settings.data_key_file == tmp_path / "data.key"
    with pytest.raises(ConfigError, match="could not be read"):
        load_settings(
            None, environ={"DATA_KEY_FILE": str(tmp_path / "nope.key")}, require_token=False
        )


def test_keygen_prints_one_line_for_env():
    out, err = io.StringIO(), io.StringIO()
    assert keygen(out, err) == 0
    (line,) = out.getvalue().splitlines()
    name, _, value = line.partition("=")
    assert name == "DATA_KEY" and len(DataKey.from_text(value).raw) == 32
    assert "keep a copy" in err.getvalue()
    assert line != f"DATA_KEY={DataKey.generate().text}"


# ------------------------------------------------------------------------------ rotation


async def test_rotation_rekeys_everything_and_loses_nothing(tmp_path: Path):
    path = tmp_path / "bot.db"
    old, new = DataKey.generate(), DataKey.generate()
    db = await _filled(path, old)
    before, blobs = await _state(db), _blobs(path)
    done = await rotation.rotate(db, new)
    assert (done.members, done.unlinked) == (1, 0)
    assert await _state(db) == before  # read with the new key, already bound
    await db.close()
    assert not (_blobs(path) & blobs)  # every pseudonym and sealed value changed

    db = Database(path)
    await db.open()
    try:
        with pytest.raises(DataKeyError):
            await unlock(db, old)
        await unlock(db, new)
        assert await _state(db) == before
        assert await member_ids(db, GUILD, [member_key(db, GUILD, MEMBER)]) == {
            member_key(db, GUILD, MEMBER): MEMBER
        }
    finally:
        await db.close()


async def test_a_failed_rotation_changes_nothing(tmp_path: Path, monkeypatch):
    path = tmp_path / "bot.db"
    old = DataKey.generate()
    db = await _filled(path, old)
    before = dump(path)

    async def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rotation, "_reseal", broken)
    with pytest.raises(RuntimeError):
        await rotation.rotate(db, DataKey.generate())
    await db.close()
    assert dump(path) == before
    check = (
        sqlite3.connect(path)
        .execute("SELECT value FROM bot_meta WHERE key=?", (CHECK_META,))
        .fetchone()
    )
    assert check == (old.check_value,)


async def _made(path: Path, key: DataKey) -> None:
    await (await _filled(path, key)).close()


async def _opens(path: Path, key_text: str) -> MemberLocation | None:
    db = Database(path)
    await db.open()
    try:
        await unlock(db, key_text)
        return await get_location(db, GUILD, MEMBER)
    finally:
        await db.close()


def test_rotate_key_rewrites_the_key_line_of_env(tmp_path: Path, capsys, monkeypatch):
    path, env = tmp_path / "bot.db", tmp_path / "bot.env"
    old = DataKey.generate()
    asyncio.run(_made(path, old))
    env.write_text(f"# mine\nLOG_LEVEL=INFO\nDATA_KEY={old.text}\n", encoding="utf-8")
    os.chmod(env, 0o600)
    for name in ("DATA_KEY", "DATA_KEY_FILE", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["rotate-key", "--env-file", str(env), "--db", str(path)]) == 0
    assert "Done" in capsys.readouterr().out
    lines = env.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["# mine", "LOG_LEVEL=INFO"] and lines[2].startswith("DATA_KEY=")
    new_text = lines[2].removeprefix("DATA_KEY=")
    assert new_text != old.text
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert not (tmp_path / "bot.env.new").exists()
    assert asyncio.run(_opens(path, new_text)) == MemberLocation("WY", 0)
    with pytest.raises(DataKeyError):
        asyncio.run(_opens(path, old.text))


def test_rotate_key_replaces_a_key_file(tmp_path: Path, monkeypatch):
    path, key_file = tmp_path / "bot.db", tmp_path / "data.key"
    old = DataKey.generate()
    asyncio.run(_made(path, old))
    key_file.write_text(old.text, encoding="utf-8")
    env = tmp_path / "bot.env"
    env.write_text(f"DATA_KEY_FILE={key_file}\n", encoding="utf-8")
    for name in ("DATA_KEY", "DATA_KEY_FILE", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["rotate-key", "--env-file", str(env), "--db", str(path)]) == 0
    new_text = key_file.read_text(encoding="utf-8").strip()
    assert new_text != old.text
    assert asyncio.run(_opens(path, new_text)) == MemberLocation("WY", 0)


def test_rotate_key_needs_the_current_key(tmp_path: Path, capsys, monkeypatch):
    env = tmp_path / "bot.env"
    env.write_text("", encoding="utf-8")
    for name in ("DATA_KEY", "DATA_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    assert main(["rotate-key", "--env-file", str(env), "--db", str(tmp_path / "b.db")]) == 2
    assert "DATA_KEY is not set" in capsys.readouterr().err


def test_rotate_key_from_the_environment_prints_the_new_key(tmp_path: Path, capsys, monkeypatch):
    path, old = tmp_path / "bot.db", DataKey.generate()
    asyncio.run(_made(path, old))
    (tmp_path / "empty.env").write_text("", encoding="utf-8")
    monkeypatch.delenv("DATA_KEY_FILE", raising=False)
    monkeypatch.setenv("DATA_KEY", old.text)
    assert main(["rotate-key", "--env-file", str(tmp_path / "empty.env"), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    (line,) = [x for x in out.splitlines() if x.startswith("DATA_KEY=")]
    assert asyncio.run(_opens(path, line.removeprefix("DATA_KEY="))) == MemberLocation("WY", 0)
    assert (tmp_path / "empty.env").read_text(encoding="utf-8") == ""  # not written to


def test_rotate_key_with_a_wrong_key_or_a_running_bot_changes_nothing(
    tmp_path: Path, capsys, monkeypatch
):
    path, env = tmp_path / "bot.db", tmp_path / "bot.env"
    asyncio.run(_made(path, DataKey.generate()))
    wrong = DataKey.generate().text
    env.write_text(f"DATA_KEY={wrong}\n", encoding="utf-8")
    for name in ("DATA_KEY", "DATA_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    argv = ["rotate-key", "--env-file", str(env), "--db", str(path)]
    assert main(argv) == 2
    assert "does not open the database" in capsys.readouterr().err
    assert env.read_text(encoding="utf-8") == f"DATA_KEY={wrong}\n"
    assert not (tmp_path / "bot.env.new").exists()  # the staged key went with the refusal

    with InstanceLock(path):  # a bot running on it
        assert main(argv) == 2
    assert "in use by a running bot" in capsys.readouterr().err
