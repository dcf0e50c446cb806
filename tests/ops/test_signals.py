"""SIGTERM and SIGINT stop a real `python -m bot` cleanly, with a delivery in flight.

The bot runs as a subprocess against :mod:`tests.ops.fake_discord` (a Discord on
127.0.0.1): it logs in, sees one server, and its reminder dispatcher posts a due reminder.
The test holds that post open, sends a real signal, and reads the database afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from bot.core.database import Database
from bot.ops.lock import holder
from bot.reminders.storage import insert_reminder
from tests.ops.conftest import SETTINGS, TOKEN
from tests.ops.fake_discord import CHANNEL_ID, GUILD_ID, OWNER_ID, FakeDiscord, site_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


async def _due_reminder(db_path: Path) -> None:
    db = Database(db_path)
    await db.open()
    now = int(time.time())
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now))
    await insert_reminder(
        db,
        guild_id=int(GUILD_ID),
        campaign="hketo",
        channel_id=int(CHANNEL_ID),
        timezone="UTC",
        anchor_local=time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)),
        repeat="none",
        grace_seconds=3600,
        status="active",
        next_due=now,
        created_by=int(OWNER_ID),
        created_at=stamp,
        updated_at=stamp,
    )
    await db.close()


class Bot:
    """`python -m bot run` in a subprocess, its log lines collected as they come."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.proc.stderr is not None
        async for raw in self.proc.stderr:
            self.lines.append(raw.decode().rstrip("\n"))

    def messages(self) -> list[str]:
        return [json.loads(line)["message"] for line in self.lines]

    async def stop(self, sig: signal.Signals) -> int:
        self.proc.send_signal(sig)
        code = await asyncio.wait_for(self.proc.wait(), 20)
        await self._reader
        return code


async def _start(tmp_path: Path, fake: FakeDiscord, db_path: Path) -> Bot:
    env_file = tmp_path / "bot.env"
    env_file.write_text(
        f"DISCORD_TOKEN={TOKEN}\nDATABASE_PATH={db_path}\nLEGISLATORS_URL=off\nLOG_FORMAT=json\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env.update(
        BOT_ENV_FILE=str(env_file),
        FAKE_DISCORD_URL=fake.url,
        PYTHONPATH=str(site_dir(tmp_path / "site")),
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    return Bot(proc)


def _delivery(db_path: Path) -> tuple[str, int | None, str, int]:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(
            "SELECT state, message_id, nonce, attempts FROM reminder_deliveries"
        ).fetchone()


def _wal_left(db_path: Path) -> bool:
    return Path(f"{db_path}-wal").exists()


async def _until(condition, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def _check_log(bot: Bot) -> list[str]:
    assert all(line.startswith("{") for line in bot.lines), bot.lines  # one JSON line each
    assert not any(TOKEN in line for line in bot.lines)
    return bot.messages()


async def test_sigterm_lets_the_post_in_flight_finish_then_exits_0(tmp_path: Path):
    db_path = tmp_path / "bot.db"
    await _due_reminder(db_path)
    async with FakeDiscord() as fake:
        fake.hold_posts = 1.5
        bot = await _start(tmp_path, fake, db_path)
        await asyncio.wait_for(fake.post_started.wait(), 60)
        sent_at = time.monotonic()
        assert await bot.stop(signal.SIGTERM) == 0
        took = time.monotonic() - sent_at
    messages = _check_log(bot)
    assert any(m.startswith("SIGTERM received: stopping") for m in messages)
    assert any(m.startswith("stopped cleanly after SIGTERM") for m in messages)
    assert len(fake.posts) == 1 and took < 10
    assert not _wal_left(db_path)  # the last connection closed properly
    state, message_id, nonce, _ = _delivery(db_path)
    assert (state, str(message_id), nonce) == ("sent", fake.posts[0]["id"], fake.posts[0]["nonce"])
    assert holder(db_path) is None  # the lock went with the process


async def test_a_post_cut_off_by_the_grace_goes_out_after_the_restart(tmp_path: Path):
    db_path = tmp_path / "bot.db"
    await _due_reminder(db_path)
    async with FakeDiscord() as fake:
        fake.hold_posts = 60  # Discord never answers within the grace
        bot = await _start(tmp_path, fake, db_path)
        await asyncio.wait_for(fake.post_started.wait(), 60)
        assert await bot.stop(signal.SIGTERM) == 0
        messages = _check_log(bot)
        assert any("2 reminder posts" in m or "1 reminder posts" in m for m in messages), messages
        assert _delivery(db_path)[0] == "sending"  # recorded as not finished
        assert fake.posts == []

        fake.hold_posts = 0
        again = await _start(tmp_path, fake, db_path)
        await _until(lambda: len(fake.posts) == 1)
        await _until(lambda: _delivery(db_path)[0] == "sent")
        assert await again.stop(signal.SIGINT) == 0
    assert any(m.startswith("stopped cleanly after SIGINT") for m in _check_log(again))
    _, message_id, nonce, attempts = _delivery(db_path)
    assert str(message_id) == fake.posts[0]["id"] and nonce == fake.posts[0]["nonce"]
    assert attempts == 2  # the same occurrence, retried with the same nonce
