"""A real `python -m bot` whose database file is deleted while it runs: it stops, exit 3.

The bot posts a due reminder to :mod:`tests.ops.fake_discord`; while that post is held
open the file is deleted, so the write recording the post meets the lost file.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.ops.backup import restore_file
from bot.ops.recovered import waiting_copies
from bot.runner import EXIT_DATABASE_LOST
from tests.ops.fake_discord import FakeDiscord
from tests.ops.test_signals import _due_reminder, _start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")


async def _lose_the_file(tmp_path: Path, fake: FakeDiscord, db_path: Path):
    """Start the bot, delete its database while a post is held open; its exit status."""
    await _due_reminder(db_path)
    fake.hold_posts = 1.0
    bot = await _start(tmp_path, fake, db_path)
    await asyncio.wait_for(fake.post_started.wait(), 60)
    os.unlink(db_path)
    try:
        code = await asyncio.wait_for(bot.proc.wait(), 30)
    finally:
        if bot.proc.returncode is None:
            bot.proc.kill()
    await bot._reader
    return bot, code


async def test_a_deleted_database_stops_the_bot_with_a_copy_saved(tmp_path: Path):
    db_path = tmp_path / "bot.db"
    async with FakeDiscord() as fake:
        bot, code = await _lose_the_file(tmp_path, fake, db_path)
    assert code == EXIT_DATABASE_LOST
    assert any("stopped because" in line and "was deleted" in line for line in bot.lines)
    names = {entry.name for entry in os.scandir(tmp_path)}
    assert len([n for n in names if n.startswith("bot.db.recovered-")]) == 1
    assert "bot.db" not in names  # no new, empty database was made at the path


async def test_after_a_lost_file_it_waits_for_the_copy_to_be_restored(tmp_path: Path):
    db_path = tmp_path / "bot.db"
    async with FakeDiscord() as fake:
        bot, code = await _lose_the_file(tmp_path, fake, db_path)
        assert code == EXIT_DATABASE_LOST
        (copy,) = [Path(e.path) for e in os.scandir(tmp_path) if ".recovered-" in e.name]
        assert any(f"python -m bot restore {copy}" in line for line in bot.lines)

        # Restarted (a service manager would), it does not begin an empty database.
        again = await _start(tmp_path, fake, db_path)
        assert await asyncio.wait_for(again.proc.wait(), 60) == 2
        await again._reader
        assert any("bot.db is missing" in line and copy.name in line for line in again.lines)
        assert not db_path.exists()

    restore_file(copy, db_path)  # what `python -m bot restore COPY` does
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM reminders").fetchone() == (1,)
    conn.close()
    assert waiting_copies(db_path) == []  # the next start goes ahead
